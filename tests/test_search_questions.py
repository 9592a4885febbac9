"""Search answers residents' questions (issue 21): the questions of
tests/search_questions.yaml typed into the dialog in Chromium, ≥ 95% with the expected project
in the first three results; the measured rate and the misses go to
test-results/search-questions.txt (and, by hand, to the README, 搜索 → 问题)."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from test_search import load_entries, page_path, provenance, search

from generator import urls
from generator.model import Notice

U = urls.Urls(2020)  # the addresses of the real notice, under its year since issue 18

QUESTIONS = Path(__file__).with_name("search_questions.yaml")
REQUIRED_TOP3 = 0.95  # issue 21
TOP_PAGES = 3
# Words that make a query a question (issue 21 names these): most questions must have one.
QUESTION_WORDS = re.compile("多少|怎么|有没有|能不能|吗|一年|每年|每月|每个月|哪些|是什么|什么")


def load_questions(notice: Notice) -> list[dict]:
    return load_entries(QUESTIONS, "questions", notice)


def test_the_question_set(notice: Notice) -> None:
    entries = load_questions(notice)
    assert len(entries) >= 200
    assert len({e["q"] for e in entries}) == len(entries), "问题重复"
    asking = [e["q"] for e in entries if QUESTION_WORDS.search(e["q"])]
    assert len(asking) > len(entries) * 2 / 3, f"带疑问词的问题只有 {len(asking)} 个"
    # Every programme of the notice is asked about.
    asked = {pid for e in entries for pid in e["pages"]}
    assert asked == {p.id for p in notice.projects}, {p.id for p in notice.projects} - asked


def test_questions_top3(server: str, page, notice: Notice, results_dir: Path) -> None:
    entries = load_questions(notice)
    page.goto(server)
    misses = []
    for entry in entries:
        top = [urlsplit(u).path for u in search(page, entry["q"])[:TOP_PAGES]]
        wanted = {page_path(server, U.project(pid)) for pid in entry["pages"]}
        if not wanted & set(top):
            said = page.locator("dialog.ms-search .ms-search-status").inner_text()
            misses.append((entry, top, said))
    hits = len(entries) - len(misses)
    rate = hits / len(entries)
    lines = [
        f"问题命中率：{rate:.1%}（{hits}/{len(entries)}），命中 = 预期项目页在前 {TOP_PAGES} 个结果中",
        f"问题：tests/search_questions.yaml；{provenance()}",
        "",
        "未命中：" if misses else "未命中：无",
    ]
    for entry, top, said in misses:
        got = " ".join(top) or "（无结果）"
        lines.append(f"  {entry['q']}\t预期 {', '.join(entry['pages'])}\t实得 {got}\t{said}")
    report = "\n".join(lines) + "\n"
    (results_dir / "search-questions.txt").write_text(report, encoding="utf-8")
    print("\n" + report)
    assert rate >= REQUIRED_TOP3, report


# A question about a sum: the first result opens the sub-item that answers it, its passage
# holds the figure with its unit, and on a phone the sub-item's heading and the figure are on
# the screen the result opens (issue 21: the answer lay 2,500–6,500 px below the top).
ANSWERS = [
    ("低保一年多少钱", "kunnan-jiuzhu", "dibao", "6639元/年人"),
    ("低保多少钱", "kunnan-jiuzhu", "dibao", "6639元/年人"),
    ("孤儿每个月有多少生活费", "kunnan-jiuzhu", "guer", "每人每月不低于1050元"),
    ("残疾人补贴一年多少钱", "kunnan-jiuzhu", "canji-butie", "每人每年800元、400元"),
    ("重度残疾人护理补贴每月多少钱", "kunnan-jiuzhu", "canji-butie", "每人每月60元"),
]


def test_a_question_opens_the_sub_item_with_the_figure(server: str, phone) -> None:
    phone.goto(server)
    for question, pid, anchor, figure in ANSWERS:
        search(phone, question)
        first = phone.locator("dialog.ms-search .ms-search-results a").first
        href = urlsplit(first.get_attribute("href"))
        assert (href.path, href.fragment) == (page_path(server, U.project(pid)), anchor), (
            question
        )
        text = re.sub(r"\s+", "", first.locator(".ms-search-text").inner_text())
        assert figure in text, (question, text)
        first.click()
        phone.wait_for_url(f"**#{anchor}")
        heading = phone.locator(f"#{anchor}").bounding_box()
        promise = phone.locator(f"#{anchor} ~ blockquote.ms-promise").first.bounding_box()
        height = phone.viewport_size["height"]
        assert heading and 0 <= heading["y"] < height, (question, heading)
        assert promise and promise["y"] < height, (question, promise)
        phone.goto(server)


def test_project_pages_come_before_pages_about_the_site(server: str, page) -> None:
    """低保多少钱 ranked 工作要求, 关于本站 and the clerks' guide above the 低保 page (issue 21):
    every project page now comes before every other page holding the words."""
    page.goto(server)
    mixed = 0
    for question in ["低保多少钱", "孤儿", "公益性岗位", "351", "养老"]:
        search(page, question)
        more = page.locator(".ms-search-more")
        while more.is_visible():
            shown = page.locator("dialog.ms-search .ms-search-results a").count()
            more.click()
            page.wait_for_function(
                "n => document.querySelectorAll('dialog.ms-search .ms-search-results a').length > n",
                arg=shown,
            )
        found = page.eval_on_selector_all(
            "dialog.ms-search .ms-search-results a",
            "links => links.map(a => new URL(a.href).pathname)",
        )
        projects = [i for i, path in enumerate(found) if "/projects/" in path]
        others = [i for i, path in enumerate(found) if "/projects/" not in path]
        assert projects and projects[0] == 0, (question, found)
        if others:
            mixed += 1
            assert max(projects) < min(others), (question, found)
    assert mixed >= 2, "这些问题的结果应有项目页以外的页面"


def test_a_question_of_asking_words_only_says_so(server: str, page) -> None:
    page.goto(server)
    assert search(page, "多少钱？") == []
    status = page.locator("dialog.ms-search .ms-search-status").inner_text()
    assert status == "请写出要找的事情，例如“低保”“高龄津贴”：“多少钱？”只是提问的说法。"
