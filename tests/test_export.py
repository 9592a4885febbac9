"""Open data as JSON: the site's file of every notice is exactly ``json.dumps`` of the list
of what each notice's own file holds (export.py composes it from those, kept by make serve)."""

from __future__ import annotations

import dataclasses
import json

from conftest import ROOT

from generator.data.notices import load_all
from generator.site.export import _plain, to_json, to_json_all


def dumped(notices: list) -> str:
    every = [_plain(dataclasses.asdict(n)) for n in notices]
    return json.dumps(every, ensure_ascii=False, indent=1) + "\n"


def test_every_notice_in_one_file_is_the_json_of_the_list() -> None:
    notices = load_all(ROOT, ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"])
    assert to_json_all(notices) == dumped(notices)
    assert to_json_all(notices[:1]) == dumped(notices[:1])
    assert to_json_all([]) == dumped([]) == "[]\n"
    assert json.loads(to_json_all(notices)) == [json.loads(to_json(n)) for n in notices]
