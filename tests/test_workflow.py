"""The GitHub workflow: tests every pull request, deploys only from main.

zizmor (``make lint``) checks the workflow's security (actions pinned by commit, no
persisted credentials, permissions); these checks pin what the workflow is for.
"""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
NOT_A_PULL_REQUEST = "github.event_name != 'pull_request' && github.ref == 'refs/heads/main'"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_every_pull_request_and_push_to_main_is_checked_tested_and_built() -> None:
    flow = workflow()
    triggers = flow[True]  # YAML 1.1 reads the key `on` as true
    assert "pull_request" in triggers
    assert triggers["push"] == {"branches": ["main"]}
    runs = [step["run"] for step in flow["jobs"]["build"]["steps"] if "run" in step]
    assert runs == ["make check", "make test", "make site"]


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
    assert len(uses) == 4
    assert all(re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", u) for u in uses), uses
    text = WORKFLOW.read_text(encoding="utf-8")
    for use in uses:  # each with the release it is, for the reader
        assert re.search(re.escape(use) + r"  # v\d+\.\d+\.\d+\n", text), use
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    assert checkout["with"]["fetch-depth"] == 0  # a shallow clone would show the version as 未知
