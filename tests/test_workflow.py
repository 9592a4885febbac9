"""The GitHub workflow: tests every pull request, deploys only from main.

zizmor (``make lint``) checks the workflow's security (actions pinned by commit, no
persisted credentials, permissions); these checks pin what the workflow is for.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
CHECK_LOCK = "make venv && .venv/bin/python -m generator lock --check data/projects.yaml"
NOT_A_PULL_REQUEST = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_every_pull_request_and_push_to_main_is_checked_tested_and_built() -> None:
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"] == {"branches": ["main"]}
    runs = [step["run"] for step in flow["jobs"]["build"]["steps"] if "run" in step]
    assert runs == [CHECK_LOCK, "make test", "make site"]


def test_the_address_lock_is_checked_without_being_written() -> None:
    # make check would write the missing addresses into the lock and pass: the workflow
    # runs the check-only command instead, and it fails on a lock that lacks an address.
    steps = workflow()["jobs"]["build"]["steps"]
    assert steps.index(next(s for s in steps if s.get("run") == CHECK_LOCK)) < steps.index(
        next(s for s in steps if s.get("run") == "make test")
    )
    command = CHECK_LOCK.split(" && ")[1].split()
    assert command[1:] == ["-m", "generator", "lock", "--check", "data/projects.yaml"]
    assert not [s["run"] for s in steps if "make check" in s.get("run", "")]


@pytest.mark.slow  # loads and plans the real data twice
def test_the_check_only_command_fails_on_a_stale_lock_and_writes_nothing(tmp_path: Path) -> None:
    import shutil

    from generator.cli import main

    data = tmp_path / "projects.yaml"
    shutil.copy(ROOT / "data" / "projects.yaml", data)
    lock = ROOT / "data" / "urls.lock"
    stale = "".join(line for line in lock.read_text(encoding="utf-8").splitlines(True) if line != "robots.txt\n")
    (tmp_path / "urls.lock").write_text(stale, encoding="utf-8")
    args = ["lock", "--check", str(data), "--docs", str(ROOT / "docs")]
    assert main(args) == 1
    assert (tmp_path / "urls.lock").read_text(encoding="utf-8") == stale  # not written
    shutil.copy(lock, tmp_path / "urls.lock")
    assert main(args) == 0


def test_the_site_address_comes_from_configure_pages() -> None:
    steps = workflow()["jobs"]["build"]["steps"]
    pages = next(s for s in steps if s.get("uses", "").startswith("actions/configure-pages@"))
    site = next(s for s in steps if s.get("run") == "make site")
    assert steps.index(pages) < steps.index(site)
    # base_url has no final slash ("https://owner.github.io/repo", or a custom domain)
    assert pages["id"] == "pages"
    assert site["env"] == {"SITE_URL": "${{ steps.pages.outputs.base_url }}/"}
    # configure-pages reads the Pages settings: the build job may read them, nothing more
    assert workflow()["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}


def test_only_main_uploads_and_deploys() -> None:
    jobs = workflow()["jobs"]
    upload = [s for s in jobs["build"]["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert [s["if"] for s in upload] == [NOT_A_PULL_REQUEST]
    assert jobs["deploy"]["if"] == NOT_A_PULL_REQUEST
    assert jobs["deploy"]["needs"] == "build"
    assert workflow()["permissions"] == {"contents": "read"}  # write only in the deploy job


def test_actions_are_pinned_by_full_commit_and_keep_no_credentials() -> None:
    steps = [s for job in workflow()["jobs"].values() for s in job["steps"]]
    uses = [s["uses"] for s in steps if "uses" in s]
    assert len(uses) == 5
    assert all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", u) for u in uses), uses
    text = WORKFLOW.read_text(encoding="utf-8")
    for use in uses:  # each with the release it is, for the reader
        assert re.search(re.escape(use) + r"  # v\d+\.\d+\.\d+\n", text), use
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0  # a shallow clone would show the version as 未知
