"""Adding reports to the data file's text, changing nothing else in it.

ruamel.yaml reads the text with its comments, quoting and layout, the new reports are
inserted in date order, and the text is written back. Only writing uses ruamel: the
caller reads the result with the project's strict loader before anything is saved.
``only_added`` checks that the old text survives line for line.
"""

from __future__ import annotations

import difflib
import io
from decimal import Decimal
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from ..model import Report


class _Representer(RoundTripRepresenter):
    """Figures exactly as read (Decimal), never through a float."""


def _figure(representer: RoundTripRepresenter, value: Decimal) -> Any:
    written = format(value, "f")
    tag = "tag:yaml.org,2002:float" if "." in written else "tag:yaml.org,2002:int"
    return representer.represent_scalar(tag, written)


_Representer.add_representer(Decimal, _figure)


def _yaml() -> YAML:
    yaml = YAML()  # round trip
    yaml.Representer = _Representer
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)  # the data file's layout: "  - id: …"
    yaml.width = 1_000_000  # never fold a long line
    return yaml


def add_reports(text: str, new: list[tuple[str, Report]]) -> str:
    """``text`` with each (project id, report) inserted among the project's reports."""
    yaml = _yaml()
    data = yaml.load(text)
    projects = {p["id"]: p for p in data["projects"]}
    for project_id, report in new:
        project = projects[project_id]
        quoted = isinstance(project["id"], DoubleQuotedScalarString)
        entry = _entry(report, quoted)
        if "reports" in project and len(project["reports"]):
            reports = project["reports"]
            at = sum(1 for r in reports if str(r["date"]) <= report.date)
            if at == len(reports):
                _append_after(project, reports, entry)
            else:
                reports.insert(at, entry)
        else:
            after = _take_trailing(project)
            project["reports"] = CommentedSeq([entry])
            _give_trailing(project, after)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def _text(value: str) -> DoubleQuotedScalarString:
    # Always quoted: ruamel reads YAML 1.2, where `no` or `2099-09-30` stay text, but the
    # project's loader reads YAML 1.1 and would see a boolean or a date.
    quoted: DoubleQuotedScalarString = DoubleQuotedScalarString(value)
    return quoted


def _entry(report: Report, quoted_ids: bool) -> CommentedMap:
    """A report as the data file writes it, keys in the model's order."""
    entry = CommentedMap()
    entry["date"] = _text(report.date)
    entry["source"] = _text(report.source)
    if report.note is not None:
        entry["note"] = _text(report.note)
    if report.correction:
        entry["correction"] = True
    values = CommentedSeq()
    for reading in report.values:
        value = CommentedMap()
        value["indicator"] = _text(reading.indicator) if quoted_ids else reading.indicator
        if reading.met is not None:
            value["met"] = reading.met
        else:
            value["reached"] = reading.reached
        values.append(value)
    entry["values"] = values
    return entry


def _append_after(project: CommentedMap, reports: CommentedSeq, entry: CommentedMap) -> None:
    after = _take_trailing(project)
    reports.append(entry)
    _give_trailing(project, after)


def _chain(block: Any) -> tuple[list[Any], Any, Any]:
    """The containers down the last line of a block, and the innermost (container, key)."""
    chain = [block]
    while True:
        node = chain[-1]
        key = next(reversed(node)) if isinstance(node, CommentedMap) else len(node) - 1
        child = node[key]
        if isinstance(child, CommentedMap | CommentedSeq) and len(child) and not child.fa.flow_style():
            chain.append(child)
        else:
            return chain, node, key


def _slot(node: Any) -> int:
    return 2 if isinstance(node, CommentedMap) else 0


def _take_trailing(block: Any) -> str:
    """Detach the blank lines and comments that follow ``block`` (before the next project).

    ruamel keeps them with the block's last value, or at the end of a list that closes
    there; whatever is appended after that value must take them over, or a blank line
    would end up inside the project. A comment on the last value's own line stays.
    """
    chain, node, key = _chain(block)
    after = ""
    slots = node.ca.items.get(key)
    token = slots[_slot(node)] if slots else None
    if isinstance(token, CommentToken):
        own_line, _, after = token.value.partition("\n")
        kept = CommentToken(own_line + "\n", CommentMark(token.start_mark.column))
        slots[_slot(node)] = kept if own_line else None
    for container in reversed(chain):  # the innermost list closes first
        after += "".join(t.value for t in container.ca.end if isinstance(t, CommentToken))
        container.ca.end = []
    return after


def _give_trailing(block: Any, after: str) -> None:
    if not after:
        return
    _, node, key = _chain(block)
    size = 4 if isinstance(node, CommentedMap) else 2
    node.ca.items.setdefault(key, [None] * size)[_slot(node)] = CommentToken(
        "\n" + after, CommentMark(0)
    )


def only_added(old: str, new: str) -> bool:
    """Whether ``new`` is ``old`` with lines inserted and none changed or removed."""
    matcher = difflib.SequenceMatcher(None, old.splitlines(), new.splitlines(), autojunk=False)
    return all(op in ("equal", "insert") for op, *_ in matcher.get_opcodes())


def line_ends(old: str, new: str) -> str:
    """``new`` (written with ``\\n``) with each line of ``old`` ending as it did in ``old``,
    and each added line as the line before it: a file with CRLF or mixed line ends changes
    only in the lines added."""
    old_lines = old.replace("\r\n", "\n").split("\n")
    ends = ["\r\n" if line.endswith("\r") else "\n" for line in old.split("\n")]
    new_lines = new.split("\n")
    out: list[str] = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    end = "\r\n" if ends and ends[0] == "\r\n" else "\n"
    for op, i1, _, j1, j2 in matcher.get_opcodes():
        for k in range(j2 - j1):
            if op == "equal":
                end = ends[i1 + k]
            out.append(new_lines[j1 + k] + end)
    text = "".join(out)
    return text[: -len(end)] if text.endswith(end) else text  # split gave a last piece without an end


def inline_reports(text: str, project_ids: list[str]) -> tuple[int, str] | None:
    """The line and project of a ``reports:`` list written inline (``[]``, ``[{…}]``) among
    ``project_ids``: new reports cannot be added to it without rewriting that line."""
    data = _yaml().load(text)
    for project in data["projects"]:
        reports = project.get("reports") if project["id"] in project_ids else None
        if isinstance(reports, CommentedSeq) and (not len(reports) or reports.fa.flow_style()):
            return project.lc.key("reports")[0] + 1, str(project["id"])
    return None
