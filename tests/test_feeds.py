"""Atom ids and robots.txt: what stays the same wherever the site is published."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from conftest import SAMPLE_CONFIG, build_site

from generator import progress
from generator.model import Notice
from generator.site.feeds import entries, feed
from generator.site.robots import robots_txt
from generator.urls import Urls

ATOM = "{http://www.w3.org/2005/Atom}"
# RFC 4151: tag:<DNS name or e-mail>,<YYYY[-MM[-DD]]>:<specific>
TAG = re.compile(r"tag:[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*,\d{4}(-\d{2}){0,2}:[!-~]+")


def _ids(xml: str) -> list[str]:
    root = ET.fromstring(xml)
    return [root.findtext(f"{ATOM}id") or "", *(e.findtext(f"{ATOM}id") or "" for e in root.iter(f"{ATOM}entry"))]


def test_entry_ids_are_tag_uris_of_the_notice_and_the_report(sample_notice: Notice) -> None:
    updates = progress.recent(sample_notice.projects)
    ids = _ids(feed(sample_notice, Urls(), "https://example.org/minsheng/", entries(sample_notice, Urls(), updates)))
    assert ids[0] == "tag:minsheng-gongkai,2099-03-15:2099"
    assert "tag:minsheng-gongkai,2099-03-15:2099/ceshi-jiuzhu/gengxin-2099-07-31" in ids
    assert all(TAG.fullmatch(i) for i in ids), ids
    assert len(set(ids)) == len(ids) == 1 + len(updates)
    project = sample_notice.project("ceshi-lu")
    own = [(r, p) for r, p in updates if p is project]
    assert _ids(feed(sample_notice, Urls(), "", entries(sample_notice, Urls(), own), project))[0] == "tag:minsheng-gongkai,2099-03-15:2099/ceshi-lu"


def test_ids_do_not_depend_on_the_site_address_but_links_do(sample_notice: Notice) -> None:
    updates = progress.recent(sample_notice.projects)
    one = feed(sample_notice, Urls(), "https://example.org/minsheng/", entries(sample_notice, Urls(), updates))
    other = feed(sample_notice, Urls(), "http://mirror.example.net/", entries(sample_notice, Urls(), updates))
    assert _ids(one) == _ids(other)
    assert 'href="https://example.org/minsheng/projects/' in one
    assert 'href="http://mirror.example.net/projects/' in other


def test_robots_txt_allows_everything_and_names_the_absolute_sitemap() -> None:
    assert robots_txt(Urls(), "https://example.org/minsheng/") == (
        "User-agent: *\nAllow: /\nSitemap: https://example.org/minsheng/sitemap.xml\n"
    )
    assert robots_txt(Urls(), "") == "User-agent: *\nAllow: /\n"  # a sitemap must be named absolutely


@pytest.mark.slow
def test_two_builds_at_different_addresses_give_the_same_feed_ids(sample_site: Path, tmp_path: Path) -> None:
    other = build_site(SAMPLE_CONFIG, tmp_path / "mirror", "https://mirror.example.net/minsheng/")
    feeds = sorted(p.relative_to(sample_site) for p in sample_site.rglob("feed.xml"))
    assert len(feeds) > 1
    for path in feeds:
        a, b = (sample_site / path).read_text(encoding="utf-8"), (other / path).read_text(encoding="utf-8")
        assert a != b  # the links follow the address…
        assert _ids(a) == _ids(b)  # …the ids do not
        assert all(i.startswith("tag:") for i in _ids(a))
    robots = (other / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith("Sitemap: https://mirror.example.net/minsheng/sitemap.xml\n")
    sitemap = (other / "sitemap.xml").read_text(encoding="utf-8")
    assert sitemap.count("<loc>https://mirror.example.net/minsheng/") > 10
