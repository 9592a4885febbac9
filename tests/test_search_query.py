"""The search dialog's query preparation (overrides/assets/search-query.js), tested under
node's own test runner (tests/search_query.test.mjs): node is there for Pagefind anyway."""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT


def test_query_preparation_under_node() -> None:
    node = shutil.which("node")
    assert node, "找不到 node：搜索框脚本的单元测试需要 Node.js"
    done = subprocess.run(
        [node, "--test", "--test-reporter=tap", "tests/search_query.test.mjs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout and "# pass 0" not in done.stdout, done.stdout
