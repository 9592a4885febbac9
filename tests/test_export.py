"""Open data: the site's JSON of every notice is exactly ``json.dumps`` of the list of what
each notice's own file holds, and its CSV of every notice exactly what one CSV writer writes
for all their rows (export.py composes both from each notice's part, kept by make serve)."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from conftest import ROOT

from generator.data.notices import load_all
from generator.site import planner
from generator.site.export import (
    CSV_COLUMNS,
    _plain,
    _rows,
    to_csv,
    to_csv_all,
    to_json,
    to_json_all,
)


def dumped(notices: list) -> str:
    every = [_plain(dataclasses.asdict(n)) for n in notices]
    return json.dumps(every, ensure_ascii=False, indent=1) + "\n"


def test_every_notice_in_one_file_is_the_json_of_the_list() -> None:
    notices = load_all(ROOT, ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"])
    assert to_json_all(notices) == dumped(notices)
    assert to_json_all(notices[:1]) == dumped(notices[:1])
    assert to_json_all([]) == dumped([]) == "[]\n"
    assert json.loads(to_json_all(notices)) == [json.loads(to_json(n)) for n in notices]


def test_every_notice_in_one_csv_is_what_one_writer_writes_for_all_rows() -> None:
    notices = load_all(ROOT, ["data/projects.yaml", "tests/fixtures/notices/2021.yaml"])
    plans = planner.site(notices).plans
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for plan in plans:
        writer.writerows(_rows(plan.notice, plan.progress))
    whole = "\ufeff" + out.getvalue()
    every = [(plan.notice, plan.progress) for plan in plans]
    assert to_csv_all(every) == whole
    assert to_csv_all(every) == whole  # kept rows, the same text
    # other progress for the same notice: its rows are written again, not taken from before
    (sample,) = planner.site(load_all(ROOT, ["tests/fixtures/sample/projects.yaml"])).plans
    reported = to_csv(sample.notice, sample.progress)
    assert "是" in reported or "否" in reported  # the invented reports fill the progress columns
    emptied = {pid: dataclasses.replace(state, states={}) for pid, state in sample.progress.items()}
    again = to_csv_all([(sample.notice, emptied)])
    assert again != reported and again.count("\r\n") == reported.count("\r\n")
    assert to_csv(sample.notice, sample.progress) == reported
