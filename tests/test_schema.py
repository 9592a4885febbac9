"""The JSON Schema that editors use says exactly what the model says."""

from __future__ import annotations

import dataclasses
import inspect
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from generator import model
from generator.data import schema

ROOT = Path(__file__).parent.parent
SAMPLE = ROOT / "tests" / "fixtures" / "sample" / "projects.yaml"
DATA = ROOT / "data" / "projects.yaml"

MODEL_CLASSES = [
    cls
    for _, cls in inspect.getmembers(model, inspect.isclass)
    # Row is made from a project's items, never written in a data file
    if dataclasses.is_dataclass(cls) and cls.__module__.startswith(model.__name__) and cls is not model.Row
]


def test_model_classes_found() -> None:
    assert model.Notice in MODEL_CLASSES
    assert model.Indicator in MODEL_CLASSES


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_schema_lists_exactly_the_fields(cls: type) -> None:
    built = schema.build()
    obj = built if cls is model.Notice else built["$defs"][cls.__name__]
    fields = dataclasses.fields(cls)
    assert obj["type"] == "object"
    assert obj["additionalProperties"] is False
    assert list(obj["properties"]) == [f.name for f in fields]
    required = [
        f.name
        for f in fields
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]
    assert obj["required"] == required
    for f in fields:
        assert obj["properties"][f.name]["description"] == f.metadata["doc"]


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_every_part_is_described_in_chinese_for_readers(cls: type) -> None:
    built = schema.build()
    obj = built if cls is model.Notice else built["$defs"][cls.__name__]
    assert obj["description"] == schema.CLASS_DESCRIPTIONS[cls.__name__]
    assert re.search(r"[\u4e00-\u9fff]", obj["description"])
    assert not re.search(r"[A-Za-z]{4,}", obj["description"]), obj["description"]


def test_schema_has_no_stray_definitions() -> None:
    names = {cls.__name__ for cls in MODEL_CLASSES} - {"Notice"}
    assert set(schema.build()["$defs"]) <= names


def validator() -> jsonschema.protocols.Validator:
    built = schema.build()
    cls = jsonschema.validators.validator_for(built)
    cls.check_schema(built)
    return cls(built, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("path", [SAMPLE, DATA], ids=["sample", "data"])
def test_data_files_validate_against_schema(path: Path) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]
    assert errors == []


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    target: 2099年新建", "    traget: 2099年新建"),  # unknown field
        ('value: "530"', "value: 530"),  # figure not quoted
        ("direction: about", "direction: more"),  # not one of the choices
        ("- id: ceshi-lu", "- id: Ceshi_Lu"),  # id pattern
        ("    name: 测试学校建设\n", ""),  # required field missing
    ],
)
def test_schema_rejects_what_the_checker_rejects(old: str, new: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    data = yaml.safe_load(text.replace(old, new))
    assert list(validator().iter_errors(data))
