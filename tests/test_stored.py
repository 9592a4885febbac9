"""Notices kept in the build cache (generator/data/stored.py): reused only for the same
bytes read by the same code, equal to a notice read anew, and never trusted for being there."""

from __future__ import annotations

import importlib
import io
import os
import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT

from generator import cache
from generator.data import stored
from generator.errors import DataErrors
from generator.model import Notice

loader = importlib.import_module("generator.data.load")  # the module, not its load()
REAL = ROOT / "data" / "projects.yaml"
NAME = "data/projects.yaml"


@pytest.fixture(autouse=True)
def forget() -> Iterator[None]:
    """Each load in these tests as in a new process: the in-memory copies forgotten."""
    loader._loaded.cache_clear()
    yield
    loader._loaded.cache_clear()


def load(raw: bytes, place: Path | None) -> tuple[Notice, dict[str, int]]:
    loader._loaded.cache_clear()
    lines: dict[str, int] = {}
    return loader.load_bytes(raw, NAME, lines, place), lines


def never(raw: bytes, name: str) -> object:
    raise AssertionError("the notice was read anew")


def test_a_kept_notice_equals_one_read_anew_and_is_not_read_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = REAL.read_bytes()
    fresh, fresh_lines = load(raw, None)
    kept, kept_lines = load(raw, tmp_path)  # read, then kept
    assert [p.parent.name for p in tmp_path.rglob("*") if p.is_file()] == [stored.FOLDER]
    monkeypatch.setattr(loader, "_parsed", never)
    reused, reused_lines = load(raw, tmp_path)
    assert reused == kept == fresh
    assert reused_lines == kept_lines == fresh_lines
    assert reused is not kept  # from the cache, not from memory
    # Written exactly as the file has them (Decimal("1.0") is not Decimal("1") on a page).
    assert [i.value for p in reused.projects for i in p.all_indicators] == [
        i.value for p in fresh.projects for i in p.all_indicators
    ]
    assert [str(i.value) for p in reused.projects for i in p.all_indicators] == [
        str(i.value) for p in fresh.projects for i in p.all_indicators
    ]


def test_other_bytes_or_other_code_read_the_file_anew_and_replace_its_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    raw = REAL.read_bytes()
    load(raw, tmp_path)
    edited = raw.replace('keywords: ["四带一自"'.encode(), 'keywords: ["四带一自改"'.encode(), 1)
    assert edited != raw
    changed, _ = load(edited, tmp_path)
    assert changed.project("sidai-yizi").keywords[0] == "四带一自改"
    assert len(list((tmp_path / stored.FOLDER).iterdir())) == 1  # one entry per data file
    monkeypatch.setattr(stored, "_code", lambda: "other code")
    calls: list[str] = []
    parsed = loader._parsed
    monkeypatch.setattr(loader, "_parsed", lambda raw, name: calls.append(name) or parsed(raw, name))
    load(edited, tmp_path)
    assert calls == [NAME]


def test_a_damaged_or_foreign_entry_is_never_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    raw = REAL.read_bytes()
    fresh, _ = load(raw, tmp_path)
    (entry,) = (tmp_path / stored.FOLDER).iterdir()
    entry.write_bytes(entry.read_bytes()[:-100])  # cut short: its hash no longer matches
    assert load(raw, tmp_path)[0] == fresh

    class Payload:  # what a file put into the cache could try: run a command when read
        def __reduce__(self) -> tuple[object, ...]:
            return (os.system, (f"touch {tmp_path / 'ran'}",))

    digest = stored.hashlib.sha256(raw).hexdigest()
    entry.write_bytes(cache.sealed(pickle.dumps((digest, Payload(), {}))))
    assert load(raw, tmp_path)[0] == fresh
    assert not (tmp_path / "ran").exists()
    # A well-made entry of other bytes is not this file's notice.
    entry.write_bytes(cache.sealed(pickle.dumps(("0" * 64, fresh, {}))))
    calls: list[str] = []
    parsed = loader._parsed
    monkeypatch.setattr(loader, "_parsed", lambda raw, name: calls.append(name) or parsed(raw, name))
    assert load(raw, tmp_path)[0] == fresh
    assert calls == [NAME]


def test_the_unpickler_makes_only_the_models_own_classes() -> None:
    unpickler = stored._Model(io.BytesIO(b""))
    assert unpickler.find_class("generator.model.notice", "Notice") is Notice
    refused = [
        ("os", "system"),
        ("builtins", "eval"),
        ("generator.model.notice", "cached_property"),  # imported there, not the model's
        ("generator.model.notice", "Notice.__class__"),  # type itself
        ("generator.model.notice", "Notice.__init__.__code__.__class__"),  # the type of code
    ]
    for module, name in refused:
        with pytest.raises(pickle.UnpicklingError) as caught:
            unpickler.find_class(module, name)
        assert str(caught.value) == f"{module}.{name}"


def test_a_notice_with_mistakes_is_not_kept(tmp_path: Path) -> None:
    raw = REAL.read_bytes().replace(b"year: 2020", b"year: twenty", 1)
    for _ in range(2):  # said every time
        with pytest.raises(DataErrors):
            load(raw, tmp_path)
    assert not (tmp_path / stored.FOLDER).exists()
