"""The stored script that once ran on page load (issue 9), in Chromium.

A project name ending in a YAML escape for DEL ("\\x7f") or a non-character ("\\uFFFE"),
after Markdown that ``attr_list`` would turn into ``<img onerror=…>``, used to pass the
checker and the strict build: the character broke the page's front matter, the name was
then read as Markdown, and the script ran. Now two things stop it, each on its own:

* the checker refuses the character, so ``mkdocs build`` stops before writing a page;
* built anyway (the checker's character rule switched off in the build process), the
  page's metadata still reads back exactly (``site/text.py``), and Chromium shows the
  name as text: no element with an event handler, no script run, no dialog.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import samplesite
from conftest import ROOT, LocalServer, run_mkdocs

pytestmark = pytest.mark.slow

ATTACK = "![x](x){: onerror=window.__pwned=1}"
NAMES = [
    ("    name: 测试道路建设\n", f'    name: "测试道路建设{ATTACK}\\x7f"\n'),
    ("    name: 测试学校建设\n", f'    name: "测试学校建设{ATTACK}\\uFFFE"\n'),
]
# The build with the checker's character rule switched off, in its own process.
UNCHECKED = (
    "import sys; import generator.data.chars as c; c.problem = lambda *a, **k: None; "
    "from mkdocs.__main__ import cli; sys.exit(cli())"
)


def test_the_checker_stops_the_build(tmp_path: Path) -> None:
    config = samplesite.copy(tmp_path / "src", NAMES)
    proc = run_mkdocs(config, tmp_path / "site", "http://127.0.0.1:8000/")
    assert proc.returncode == 1
    assert "projects[0].name: 第1项 测试道路建设![x](x){: oner… 的 项目名称：" in proc.stderr
    assert "第 42 个字符是控制字符 DEL（U+007F），请删除" in proc.stderr
    assert "第 42 个字符是 Unicode 非字符（U+FFFE），请删除" in proc.stderr
    assert not (tmp_path / "site" / "projects").exists()


@pytest.fixture(scope="module")
def unchecked_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import os
    import subprocess
    import sys

    tmp = tmp_path_factory.mktemp("unchecked")
    config = samplesite.copy(tmp / "src", NAMES)
    local = LocalServer(tmp / "site")
    env = dict(os.environ, SITE_URL=local.url, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-c", UNCHECKED, "build", "--strict", "-f", str(config), "-d", str(local.root)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    with local.serving() as url:
        yield url


@pytest.mark.parametrize(("project", "name"), [("ceshi-lu", "测试道路建设"), ("ceshi-xuexiao", "测试学校建设")])
def test_built_anyway_the_name_stays_text(unchecked_site: str, page, project: str, name: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{unchecked_site}projects/{project}/")  # waits for "load": handlers have run
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("[onerror], article img:not([src$='qr.svg'])").count() == 0
    assert not dialogs
    assert name + ATTACK in page.locator("article h1").inner_text()
    assert name + ATTACK in page.title()
