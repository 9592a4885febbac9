"""No published artefact carries this machine's address: ``make site`` refuses to publish a
site whose ``site_url`` is unset or local (generator/publish/address.py), and a site built
for its public address has none anywhere (pages, citations and their files, QR codes, feeds,
the subscribe page, the sitemap, open data, spreadsheets)."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import MAIN_CONFIG, build_site

from generator.model import Notice
from generator.publish import address

LOCAL = re.compile(rb"(?:https?:)?//(?:127\.\d+\.\d+\.\d+|localhost|\[::1\]|0\.0\.0\.0)(?![\w.-])", re.I)
# Where a local address is text, not an address of the site: the clerks' guide tells them to
# open make serve's preview, and the theme's source map holds its source's comments.
NOT_ADDRESSES = {"guide/index.html": "make serve</code>，在浏览器打开 http://127.0.0.1:8000".encode()}
PUBLIC = "https://minsheng.example.org/"


@pytest.mark.parametrize(
    ("url", "local"),
    [
        ("", True),
        ("http://127.0.0.1:8000/", True),
        ("http://127.1.2.3/", True),
        ("http://localhost:8000/", True),
        ("http://LOCALHOST./", True),
        ("http://site.localhost/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0:8000/", True),
        ("https://minsheng.example.org/", False),
        ("https://owner.github.io/repo/", False),
        ("http://10.0.0.5/", False),  # a county's intranet server is its public address
    ],
)
def test_local_addresses_are_recognised(url: str, local: bool) -> None:
    assert address.is_local(url) is local


def publish(tmp_path: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SITE_URL"} | env
    return subprocess.run(
        [sys.executable, "-m", "generator.publish", "-f", str(MAIN_CONFIG), *args],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_make_site_refuses_a_site_without_its_public_address(tmp_path: Path) -> None:
    done = publish(tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "错误：网站的正式地址为本机地址 http://127.0.0.1:8000/，引文、二维码、分享链接、订阅和 sitemap 中的网址都会指向本机。"
        "请设置正式地址再生成，如 SITE_URL=https://网站的正式地址/ make site；只在本机查看请用 make serve 或 make preview。"
        "网站未更新：site/ 仍是原来的网站。\n"
    )
    assert list(tmp_path.iterdir()) == []  # nothing built, no release begun
    assert publish(tmp_path, SITE_URL="http://localhost:8000/").returncode == 1
    assert address.refusal(MAIN_CONFIG) is not None


def test_a_public_address_or_make_preview_is_not_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SITE_URL", PUBLIC)
    assert address.site_url(MAIN_CONFIG) == PUBLIC
    assert address.refusal(MAIN_CONFIG) is None
    makefile = (MAIN_CONFIG.parent / "Makefile").read_text(encoding="utf-8")
    assert "preview: SITE_ARGS = --local\n" in makefile
    assert "python -m generator.publish $(SITE_ARGS)\n" in makefile


def contents(path: Path) -> list[tuple[str, bytes]]:
    """A built file's bytes, and those of what it packs (a .gz, a spreadsheet's parts)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        return [(path.name, gzip.decompress(data))]
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as archive:
            return [(f"{path.name}/{name}", archive.read(name)) for name in archive.namelist()]
    return [(path.name, data)]


@pytest.mark.slow
def test_a_site_built_for_its_public_address_carries_no_local_one(tmp_path: Path, notice: Notice) -> None:
    site = build_site(MAIN_CONFIG, tmp_path / "site", PUBLIC)
    found = []
    checked = 0
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.suffix != ".map"):
        for name, data in contents(path):
            rel = path.relative_to(site).as_posix()
            if rel in NOT_ADDRESSES:
                assert NOT_ADDRESSES[rel] in data, rel  # the text is still there, once
                data = data.replace(NOT_ADDRESSES[rel], b"", 1)
            checked += 1
            if match := LOCAL.search(data):
                found.append(f"{path.relative_to(site)} ({name}): {match.group().decode()}")
    assert not found, "本机地址出现在发布的文件中：\n" + "\n".join(found)
    assert checked > 300
    # the artefacts that take the address do carry the public one
    first = notice.projects[0]
    page = f"2020/projects/{first.id}/"
    for rel in (f"{page}cite.ris", f"{page}index.html", "2020/notice/cite.bib", "feed.xml", "subscribe/index.html", "sitemap.xml"):
        assert PUBLIC.encode() in (site / rel).read_bytes(), rel
    qr_title = f"<title>2020年 {first.seq}．{first.name}：{PUBLIC}{page}</title>"
    assert qr_title.encode() in (site / page / "qr.svg").read_bytes()


def test_the_scan_finds_a_local_address_in_any_artefact() -> None:
    for text in (b"UR  - http://127.0.0.1:8000/projects/x/", b'content="http://localhost:8000/"', b"<id>http://[::1]/</id>"):
        assert LOCAL.search(text), text
    assert not LOCAL.search(b"https://minsheng.example.org/ 127.0.0.1")  # a bare number is no address
