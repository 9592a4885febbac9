"""Every built page is valid HTML for the W3C Nu Html Checker (npm ``vnu-jar``), the theme's
markup included: the real site and the sample site (which has progress reports), every page
checked in one Java process."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.slow  # runs Java: not in make test-fast

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_check(pages: list[Path]) -> list[dict[str, object]]:
    """The checker's messages about ``pages`` (its JSON report)."""
    java = shutil.which("java")
    assert java, "找不到 java：HTML 检查不能跳过，请先运行 make chromium（安装 default-jre-headless）"
    assert VNU.is_file(), f"找不到 {VNU}：请先运行 npm ci（make test 会运行）"
    done = subprocess.run(
        [java, "-jar", str(VNU), "--format", "json", "--exit-zero-always", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    messages: list[dict[str, object]] = json.loads(done.stderr)["messages"]
    return messages


def test_every_page_is_valid_html(built_site: Path, sample_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html")) + sorted(sample_site.rglob("*.html"))
    assert len(pages) > 60
    problems = [
        f"{m.get('url')}:{m.get('lastLine')}: {m['message']}"
        for m in nu_check(pages)
        if m["type"] in ("error", "non-document-error")
    ]
    assert not problems, f"{len(problems)} 处 HTML 错误：\n" + "\n".join(problems)


def test_the_checker_finds_what_the_theme_wrote(tmp_path: Path) -> None:
    # The two errors the theme's own markup had (autocomplete on a checkbox, a label for a
    # control that is not there) are found: the test above would see them.
    page = tmp_path / "bad.html"
    page.write_text(
        '<!doctype html><html lang="zh"><head><title>x</title></head><body>'
        '<input type="checkbox" id="__drawer" autocomplete="off">'
        '<label for="__toc">目录</label></body></html>',
        encoding="utf-8",
    )
    messages = [m["message"] for m in nu_check([page]) if m["type"] == "error"]
    assert len(messages) == 2, messages
    assert any("autocomplete" in str(m) for m in messages)
    assert any("label" in str(m) for m in messages)
