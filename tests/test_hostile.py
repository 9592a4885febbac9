"""Hostile text in every text field: refused by the loader, or shown as inert text.

Every free-text field of the sample notice gets the same string of attacks
appended (HTML, scripts, ``javascript:`` links, Markdown that would make raw HTML,
a link, an image, an attribute list or a heading id, HTML entities, a front-matter
breaker, Jinja), tagged with the field's path: ``【projects[0].name】<script>…``.
The site is built for real (``--strict``, no warning), served on 127.0.0.1 and
opened page by page in Chromium: no dialog opens, no script from the data runs,
no element carries an ``on*`` attribute or a ``javascript:`` address, no request
leaves 127.0.0.1, and each field's text is visible, literally, on a page (or, for
the few fields no page shows, published unchanged in the open data).

Fields whose form is fixed (ids, dates, figures, links, choices) refuse the same
attacks in the loader, with file:line and field path.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import re
import threading
import types
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints
from urllib.parse import urlsplit

import pytest
import samplesite
import yaml
from conftest import SAMPLE_DIR, LocalServer, build_site
from hang import never_hangs

from generator import model, urls
from generator.data import MAX_BYTES, MAX_TEXT, load_bytes
from generator.errors import DataErrors

U = urls.Urls(2099)  # the addresses of the sample notice

SAMPLE = SAMPLE_DIR / "projects.yaml"
NAME = "data/projects.yaml"

# Each one inert if shown as text; each one harmful if it became markup.
PAYLOADS = (
    "<script>window.__pwned=1</script>",
    '<img src=x onerror="window.__pwned=1">',
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">点我</a>',
    "[点我](javascript:alert(1))",
    "<javascript:alert(1)>",
    '<div onclick="alert(1)">点</div>',
    "![x](http://evil.example/x.png)",
    '<iframe src="http://evil.example/"></iframe>',
    '<base href="http://evil.example/">',
    '<link rel="stylesheet" href="http://evil.example/x.css">',
    "<style>body{display:none}</style>",
    '{: onclick="alert(1)"}',
    "{#evil}",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;img src=x onerror=alert(1)&#62;",
    "`<b>code</b>`",
    "{{ 7*7 }}",
    "{% raw %}",
    "*强调* __粗体__ # 标题 a:b=c|d~e^f",
    "<!-- 注释",
    "]]> </textarea> </title> \"' -->",
)
HOSTILE = " ".join(PAYLOADS)
# A blank line and a YAML front-matter block, as if to start a new page header: in a
# paragraph (a multiline field). A one-line field refuses a line break (its golden cases),
# and gets the same block on one line.
BREAKER = "\n\n---\ntitle: 被篡改\n---\n"
BREAKER_LINE = " --- title: 被篡改 --- "

# Text fields whose content is tied to other text: each is made hostile on its own
# terms below instead (the appended attack is itself quoted as a not-target, and ends each
# clause; a retired part quotes its programme's whole text; a situation's tie quotes its
# member's name; glossary definitions by basis).
TIED = {
    (model.Indicator, "quote"),
    (model.Indicator, "clause"),
    (model.NotTarget, "quote"),
    (model.Tie, "words"),
    (model.Tie, "limit"),
    (model.RetiredPart, "text"),
    (model.Term, "definition"),
    (model.RetiredPart, "project"),  # a project id: refused unless it names a project
}


def hostile(path: str, multiline: bool = False) -> str:
    return f"【{path}】{HOSTILE}{BREAKER if multiline else BREAKER_LINE}"


def squash(text: str) -> str:
    """Whitespace as a browser shows it: every run is one space."""
    return " ".join(text.split())


# --------------------------------------------------------------------------
# The hostile variant of the sample notice
# --------------------------------------------------------------------------


def _unwrap(hint: Any) -> Any:
    if get_origin(hint) in (Union, types.UnionType):
        (inner,) = [a for a in get_args(hint) if a is not type(None)]
        return inner
    return hint


def _free_text(cls: type, f: dataclasses.Field) -> bool:
    return not f.metadata["pattern"] and (cls, f.name) not in TIED


def poison(node: dict, cls: type, path: str, fields: dict[str, str]) -> None:
    """Append the attack to every free-text field of ``node`` (a ``cls``), recursively.

    Optional texts that are absent are added; ``fields`` maps each path to its text.
    """
    hints = get_type_hints(cls)
    for f in dataclasses.fields(cls):
        hint = _unwrap(hints[f.name])
        fpath = f"{path}.{f.name}" if path else f.name
        if hint is str and _free_text(cls, f):
            if f.name not in node and (cls, f.name) == (model.Project, "target"):
                continue  # a project with items has no target of its own
            text = (node.get(f.name) or "") + hostile(fpath, f.metadata["multiline"])
            node[f.name] = fields[fpath] = text
        elif get_origin(hint) is tuple:
            elem = get_args(hint)[0]
            items = node.setdefault(f.name, [])
            if elem is str and _free_text(cls, f):
                fields[f"{fpath}[{len(items)}]"] = hostile(f"{fpath}[{len(items)}]")
                items.append(fields[f"{fpath}[{len(items)}]"])
            elif dataclasses.is_dataclass(elem):
                for i, child in enumerate(items):
                    poison(child, elem, f"{fpath}[{i}]", fields)
            if not items:
                del node[f.name]
        elif dataclasses.is_dataclass(hint):
            if f.name in node:
                poison(node[f.name], hint, fpath, fields)
        else:
            assert _fixed_form(cls, f, hint), f"{fpath}: a kind of field this test does not know"


def _fixed_form(cls: type, f: dataclasses.Field, hint: Any) -> bool:
    """Numbers, patterned texts (ids, dates, links) and choices: refused, tested below."""
    tied = (cls, f.name) in TIED
    return (
        hint in (int, bool, Decimal)
        or bool(f.metadata["pattern"])
        or tied
        or (get_origin(hint) is Literal)
    )


def hostile_notice() -> tuple[dict, dict[str, str]]:
    """The sample as data with every text field hostile, and the text of each field."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    fields: dict[str, str] = {}
    # Fields the sample leaves out, so that they are poisoned too.
    for project in data["projects"]:
        project.setdefault("notes", [{"kind": "scope", "text": ""}])
        if "items" in project:
            project["items"][-1].setdefault("not_targets", [])
    data["projects"][0]["aliases"] = ["ceshi-daolu"]  # a redirect page, titled by the name
    for project in data["projects"]:
        for report in project.get("reports", []):
            report.setdefault("note", "")
    data["publisher"] = {"name": "", "contacts": [{"label": "", "value": "", "source": ""}]}
    poison(data, model.Notice, "", fields)
    # every project now has an explanation: each category lists its paragraphs
    for category in data["categories"]:
        members = [p["id"] for p in data["projects"] if p["category"] == category["id"]]
        category["paragraphs"] = members
    # a 原文如此 mark must stand after text that is in the notice: the attacked preamble
    # (its one-line part: a sic passage is a single line)
    data["document"]["sic"] = [hostile("document.preamble", True).split("\n")[0]]
    fields["document.sic[0]"] = data["document"]["sic"][0]
    # The attack appended to a target is a number-bearing text: say it is no target.
    for p, project in enumerate(data["projects"]):
        rows = [(f"projects[{p}].items[{k}]", i) for k, i in enumerate(project.get("items", []))]
        for path, row in rows or [(f"projects[{p}]", project)]:
            nots = row.setdefault("not_targets", [])
            reason = f"{path}.not_targets[{len(nots)}].reason"
            fields[reason] = hostile(reason)
            nots.append({"quote": hostile(f"{path}.target", True), "reason": fields[reason]})
            # a clause runs from its figure to the end of the attacked target
            for k, ind in enumerate(row.get("indicators", [])):
                clause = row["target"][row["target"].index(ind["clause"]):]
                ind["clause"] = fields[f"{path}.indicators[{k}].clause"] = clause
    for i, programme in enumerate(data["retired"]["programmes"]):
        for k, part in enumerate(programme["parts"]):
            part["text"] = fields[f"retired.programmes[{i}].parts[{k}].text"] = programme["text"]
    # a situation's tie quotes its member's texts: the attacked name, as words and as limit
    for i, situation in enumerate(data["situations"]):
        for k, tie in enumerate(situation["ties"]):
            project_id, _, item_id = tie["member"].partition("#")
            project = next(p for p in data["projects"] if p["id"] == project_id)
            owner = next(it for it in project["items"] if it["id"] == item_id) if item_id else project
            for key in ("words", "limit"):
                tie[key] = fields[f"situations[{i}].ties[{k}].{key}"] = owner["name"]
    for stale in [k for k in fields if k.startswith("glossary[")]:
        del fields[stale]  # the sample's glossary is replaced by the one below
    cited = {"title": "", "publisher": "", "date": "2098-01-01"}  # attacked below
    data["glossary"] = [
        # matched inside every target: its definition becomes a tooltip
        {"id": "ceshi", "term": "测试", "definition": "", "basis": "cited", "source": dict(cited)},
        # a term that is itself an attack, matched inside every target
        {"id": "img", "term": PAYLOADS[1], "definition": "", "basis": "cited", "source": dict(cited)},
        # terms that are also the names of HTML entities (&lt; &amp;)
        {"id": "lt", "term": "lt", "definition": "", "basis": "cited", "source": dict(cited)},
        {"id": "amp", "term": "amp", "definition": "", "basis": "cited", "source": dict(cited)},
        # the notice's own words, which here are the attack appended to its preamble
        {"id": "yuanwen", "term": "", "definition": "", "basis": "notice"},
    ]
    for i, term in enumerate(data["glossary"][:-1]):
        for key in ("title", "publisher"):
            fields[f"glossary[{i}].source.{key}"] = hostile(f"glossary[{i}].source.{key}")
            term["source"][key] = fields[f"glossary[{i}].source.{key}"]
    for i, term in enumerate(data["glossary"]):
        for key in ("aliases[0]", "definition", "term"):
            fields[f"glossary[{i}].{key}"] = hostile(f"glossary[{i}].{key}", key == "definition")
        term["aliases"] = [fields[f"glossary[{i}].aliases[0]"]]
        term["definition"] = fields[f"glossary[{i}].definition"]
        if not term["term"]:
            term["term"] = fields[f"glossary[{i}].term"]
        else:
            del fields[f"glossary[{i}].term"]
    notice_words = data["glossary"][-1]  # its definition must be in the notice
    notice_words["definition"] = fields["glossary[4].definition"] = hostile("document.preamble", True)
    return data, fields


def dump(data: dict) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000).encode("utf-8")


# --------------------------------------------------------------------------
# The hostile site, built and served
# --------------------------------------------------------------------------


@dataclasses.dataclass
class Site:
    url: str  # ends with /
    root: Path
    fields: dict[str, str]  # field path -> its hostile text

    def pages(self) -> list[str]:
        """Every HTML page, QR code and feed of the site, as paths under the URL."""
        found = [*self.root.rglob("*.html"), *self.root.rglob("*.svg"), *self.root.rglob("*.xml")]
        found = [p for p in found if "assets" not in p.parts]
        return sorted(p.relative_to(self.root).as_posix().removesuffix("index.html") for p in found)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The hostile notice's site, built with --strict (no warning) and served."""
    tmp = tmp_path_factory.mktemp("hostile")
    data, fields = hostile_notice()
    config = samplesite.copy(tmp / "src")
    (tmp / "src" / "projects.yaml").write_bytes(dump(data))
    local = LocalServer(tmp / "site")
    build_site(config, local.root, local.url)
    thread = threading.Thread(target=local.httpd.serve_forever, daemon=True)
    thread.start()
    yield Site(local.url, local.root, fields)
    local.httpd.shutdown()
    local.httpd.server_close()
    thread.join(timeout=5)


# What a page must not have, wherever it came from; and the text it shows.
INSPECT = r"""() => {
    const bad = [];
    const urlAttrs = ["href", "src", "action", "formaction", "xlink:href", "data", "poster",
                      "srcset", "background"];
    const describe = (el, a) => a ? `<${el.localName} ${a.name}="${a.value.slice(0, 80)}">` : el.outerHTML.slice(0, 120);
    for (const el of document.querySelectorAll("*")) {
        for (const a of el.attributes) {
            const name = a.name.toLowerCase();
            const value = a.value.replace(/[\u0000-\u0020]/g, "").toLowerCase();
            if (name.startsWith("on")) bad.push("on* attribute " + describe(el, a));
            const script = value.startsWith("javascript:") && value !== "javascript:void(0)";  // the theme's
            if (urlAttrs.includes(name) && (script || value.includes("evil.example")))
                bad.push("address " + describe(el, a));
        }
    }
    const injected = "#evil, base, iframe, object, embed, frame, meta[http-equiv]";
    for (const el of document.querySelectorAll(injected))
        bad.push("element " + describe(el));
    const article = document.querySelector("article");
    if (article) {
        // The one image the page has: its QR code, as the template writes it.
        for (const el of article.querySelectorAll("script, style, link, meta, form, textarea, b, svg, img:not([src='qr.svg'])"))
            bad.push("element in the article " + describe(el));
    }
    const title = document.querySelector("title");
    return {
        bad,
        pwned: typeof window.__pwned,
        text: article ? article.innerText : document.documentElement.textContent,
        title: title ? title.textContent : "",
    };
}"""


def outside(requests: list[str], server: str) -> list[str]:
    own = urlsplit(server).netloc
    return sorted(
        {
            u
            for u in requests
            if urlsplit(u).scheme in ("http", "https") and urlsplit(u).netloc != own
        }
    )


def watch_dialogs(page) -> list[str]:
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        with contextlib.suppress(Exception):  # the page may have moved on meanwhile
            dialog.dismiss()

    page.on("dialog", dismiss)
    return dialogs


def test_every_page_shows_the_attacks_as_inert_text(hostile_site: Site, page) -> None:
    """No dialog, no script from the data, no injected element or address, no outside
    request; and every field's text shown literally somewhere (or in the open data)."""
    dialogs = watch_dialogs(page)
    site = hostile_site
    texts: dict[str, str] = {}
    titles: dict[str, str] = {}
    problems: list[str] = []
    pages = site.pages()
    assert len(pages) > 20, pages
    for path in pages:
        before = len(dialogs)
        page.goto(site.url + path)  # waits for "load": images have failed, handlers run
        found = page.evaluate(INSPECT)
        if len(dialogs) > before:
            problems.append(f"{path}: {len(dialogs) - before} dialogs opened ({dialogs[-1]})")
        problems += [f"{path}: {b}" for b in found["bad"]]
        if found["pwned"] != "undefined":
            problems.append(f"{path}: a script from the data ran (window.__pwned is set)")
        texts[path] = squash(found["text"] or "")
        titles[path] = squash(found["title"])
    assert not problems, "\n".join(problems)
    assert not dialogs, dialogs
    assert not outside(page.requests, site.url), outside(page.requests, site.url)

    # The <title> (which the theme writes unescaped) shows a project's name as text.
    for i, project in enumerate(hostile_notice()[0]["projects"]):
        name = squash(site.fields[f"projects[{i}].name"])
        assert name in titles[f"projects/{project['id']}/"], titles[f"projects/{project['id']}/"]

    # Every generated page shows the attack whole, as text (not parsed, not dropped).
    generated = [p for p in pages if p.endswith("/") or p == ""]
    shown = [p for p in generated if squash(HOSTILE) in texts[p]]
    assert set(generated) - {"about/"} <= set(shown), set(generated) - set(shown)

    # Every field's text is on a page as written, or published as written in the data.
    every_text = "\n".join(texts.values())
    published = json.loads((site.root / U.JSON_EXPORT).read_text(encoding="utf-8"))
    strings = set(_strings(published))
    missing = [
        f
        for f, text in site.fields.items()
        if squash(text) not in every_text and text not in strings
    ]
    assert not missing, f"shown nowhere and not in the open data: {missing}"
    on_pages = [f for f, text in site.fields.items() if squash(text) in every_text]
    assert len(on_pages) > 0.8 * len(site.fields), sorted(set(site.fields) - set(on_pages))


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


SEARCH_CHECK = """() => ({
    pwned: typeof window.__pwned,
    bad: Array.from(document.querySelectorAll(".ms-search-results *, .md-tooltip *, .md-tooltip2 *"))
        .flatMap(el => Array.from(el.attributes)
            .filter(a => a.name.startsWith("on") || /^\\s*javascript:/i.test(a.value))
            .map(a => `<${el.localName} ${a.name}="${a.value.slice(0, 60)}">`))
        .concat(Array.from(document.querySelectorAll(
            ".ms-search-results img, .ms-search-results script, .ms-search-results iframe"),
            el => el.outerHTML.slice(0, 80))),
    results: squash(document.querySelector(".ms-search-results")?.innerText || ""),
})""".replace("squash(", "(s => s.replace(/\\s+/g, ' ').trim())(")


def test_search_results_show_the_attacks_as_text(hostile_site: Site, page) -> None:
    """Search results (titles and excerpts from the index) are inert text."""
    from test_search import search

    dialogs = watch_dialogs(page)
    page.goto(hostile_site.url)
    for query in ["测试道路建设", "点我", "测试救助"]:
        assert search(page, query), f"no result for {query}"
        found = page.evaluate(SEARCH_CHECK)
        assert found["pwned"] == "undefined" and not found["bad"], (query, found["bad"])
        assert "<script>window.__pwned=1</script>" in found["results"], found["results"][:300]
    page.locator("dialog.ms-search .ms-search-results a").first.click()
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    found = page.evaluate(INSPECT)
    assert found["pwned"] == "undefined" and not found["bad"], found["bad"]
    assert squash(HOSTILE) in squash(found["text"])
    assert not dialogs, dialogs
    assert not outside(page.requests, hostile_site.url), outside(page.requests, hostile_site.url)


def test_tooltips_show_the_attacks_as_text(hostile_site: Site, page) -> None:
    """Material shows a title attribute as HTML in its tooltip: the glossary's
    definitions and the figures' labels in a target text must show as text."""
    dialogs = watch_dialogs(page)
    fields = hostile_site.fields
    page.goto(hostile_site.url + "projects/ceshi-lu/")
    terms = page.locator("blockquote.ms-promise abbr[title]")
    figures = page.locator("blockquote.ms-promise a.ms-fig[title]")
    assert terms.count() >= 3 and figures.count() == 2
    shown = []
    for host in [terms.nth(0), terms.nth(1), figures.nth(0), figures.nth(1)]:
        host.hover()
        tip = page.locator(".md-tooltip2").last
        tip.wait_for(state="visible")
        shown.append(squash(tip.inner_text()))
        page.mouse.move(0, 0)
    found = page.evaluate(SEARCH_CHECK)
    assert found["pwned"] == "undefined" and not found["bad"], found["bad"]
    assert not dialogs, dialogs
    assert squash(fields["glossary[0].definition"]) in shown, shown
    # a figure's label is the site's summary, and says so
    assert "本站概括：" + squash(fields["projects[0].indicators[0].counts"]) in shown, shown
    # A term named like an HTML entity ("lt") leaves the escaped "<" whole.
    target = page.locator("blockquote.ms-promise").first.inner_text()
    assert squash(fields["projects[0].target"]) in squash(target)


# --------------------------------------------------------------------------
# Fields of a fixed form refuse the attacks, with file:line and field path
# --------------------------------------------------------------------------

# (path in the data, hostile value, start of the expected message); the error is
# reported at the path, or at the first element of a list value.
REFUSED = [
    ("document.date", "<script>alert(1)</script>", "日期 '<script>"),
    ("document.year", "{{ 7*7 }}", "应为整数"),
    ("document.requirements[0].id", 'evil"><script>alert(1)</script>', "编号 "),
    ("categories[0].id", '<img src=x onerror="alert(1)">', "应为 new、improved、continued 之一"),
    ("projects[0].id", "javascript:alert(1)", "编号 "),
    ("projects[0].id", "../../evil", "编号 "),
    ("projects[0].aliases", ["{#evil}"], "编号 '{#evil}'"),
    ("projects[0].seq", "<b>1</b>", "应为整数"),
    ("projects[0].category", 'new" onclick="alert(1)', "应为 new、improved、continued 之一"),
    ("projects[0].indicators[0].id", "licheng onclick=alert(1)", "编号 "),
    ("projects[0].indicators[0].aliases", ["javascript:alert(1)"], "编号 "),
    ("projects[0].indicators[0].value", "12.5<script>", "数值 "),
    ("projects[0].indicators[0].direction", "<script>", "应为 at-least、"),
    ("projects[3].items[0].id", "<img src=x onerror=alert(1)>", "编号 "),
    ("projects[3].items[0].aliases", ['x" onclick="alert(1)'], "编号 "),
    ("projects[0].reports[0].date", "2099-06-30<script>", "日期 "),
    ("projects[0].reports[0].values[0].indicator", "licheng<script>", "编号 "),
    ("projects[0].reports[0].values[0].reached", "5<script>", "应为数字"),
    ("projects[0].reports[1].link", "javascript:alert(1)", "链接 "),
    ("projects[0].reports[1].link", "JavaScript:alert(1)//https://example.org/", "链接 "),
    ("projects[0].reports[1].link", "data:text/html,<script>alert(1)</script>", "链接 "),
    ("projects[0].reports[1].link", 'https://example.org/"onmouseover="alert(1)', "链接 "),
    ("projects[0].reports[1].link", "https://example.org/<script>", "链接 "),
    ("projects[0].reports[1].link", " https://example.org/\njavascript:alert(1)", "第 22 个字符是换行"),
    ("projects[2].notes", [{"kind": "<script>", "text": "x"}], "应为 no-task、"),
    ("retired.programmes[0].id", "evil}<script>", "编号 "),
    ("retired.programmes[0].aliases", ["<b>jiu</b>"], "编号 "),
    ("retired.programmes[0].parts[0].project", "<script>alert(1)</script>", "项目编号 "),
    ("glossary", [{"id": 'x"', "term": "t", "definition": "d", "basis": "notice"}], "编号 "),
    ("glossary", [{"id": "t", "term": "t", "definition": "d", "basis": "<i>"}], "应为 notice、"),
    ("glossary[2].source.date", "2098<script>", "日期 "),
    ("projects[0].headline", "licheng<script>", "编号 "),
    ("projects[3].items[0].headline", 'x" onclick="alert(1)', "编号 "),
    ("projects[0].standard", "licheng<script>", "编号 "),
    ("projects[3].items[0].standard", 'x" onclick="alert(1)', "编号 "),
    ("situations[0].id", "<img src=x onerror=alert(1)>", "编号 "),
    ("categories[0].paragraphs", ["ceshi-lu<script>"], "编号 "),
    ("situations[0].members", ["ceshi-lu#<script>"], "成员 "),
    ("situations[0].ties[0].member", "ceshi-lu#<script>", "成员 "),
    ("projects[0].continues", {"year": 2098, "project": "<script>"}, "编号 "),
    ("projects[0].indicators[0].continues", 'licheng" onclick="x', "编号 "),
]


def _set(data: Any, path: str, value: Any) -> None:
    *steps, last = re.findall(r"[^.\[\]]+|\[\d+\]", path)
    for step in steps:
        data = data[int(step[1:-1])] if step.startswith("[") else data[step]
    if last.startswith("["):
        data[int(last[1:-1])] = value
    else:
        data[last] = value


def _error_path(path: str, value: Any) -> str:
    """Where the loader reports a hostile value set at ``path``."""
    if isinstance(value, dict):  # a mapping: its one hostile key
        return f"{path}.{next(k for k, v in value.items() if not re.fullmatch(r'[a-z0-9]+', str(v)))}"
    if not isinstance(value, list):
        return path
    if not isinstance(value[0], dict):
        return f"{path}[0]"
    # the one hostile key of the entry: the one that differs from a plain word
    bad = next(k for k, v in value[0].items() if not re.fullmatch(r"[a-z]+", v))
    return f"{path}[0].{bad}"


def _field_at(path: str) -> tuple[type, str]:
    """The model class and field a data path ends in."""
    cls: Any = model.Notice
    names = re.findall(r"[a-z_]+", path)
    for name in names[:-1]:
        hint = _unwrap(get_type_hints(cls)[name])
        cls = get_args(hint)[0] if get_origin(hint) is tuple else hint
    return cls, names[-1]


@pytest.mark.parametrize(
    ("path", "value", "message"), REFUSED, ids=[f"{p}={v!r}"[:60] for p, v, _ in REFUSED]
)
def test_fixed_form_fields_refuse_the_attacks(path: str, value: Any, message: str) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    _set(data, path, value)
    text = dump(data)
    with pytest.raises(DataErrors) as caught:
        load_bytes(text, NAME)
    errors = caught.value.errors
    where = _error_path(path, value)
    mine = [e for e in errors if e.path == where]
    assert mine, f"no error at {where}: {[str(e) for e in errors]}"
    error = mine[0]
    assert error.message.startswith(message), str(error)
    assert str(error).startswith(f"{NAME}:{error.line}: {where}: ")
    line = text.decode("utf-8").splitlines()[error.line - 1]
    key = re.findall(r"[a-z_]+", where)[-1]
    assert f"{key}:" in line or line.lstrip().startswith("- "), f"line {error.line}: {line!r}"


def test_every_fixed_form_field_has_a_refusal_case() -> None:
    """Each id, date, figure, link and choice of the model is attacked above."""
    fixed = set()

    def walk(cls: type) -> None:
        hints = get_type_hints(cls)
        for f in dataclasses.fields(cls):
            hint = _unwrap(hints[f.name])
            elem = get_args(hint)[0] if get_origin(hint) is tuple else hint
            if dataclasses.is_dataclass(elem):
                walk(elem)
            elif elem not in (int, bool, Decimal) and _fixed_form(cls, f, elem):
                fixed.add((cls.__name__, f.name))

    walk(model.Notice)
    fixed -= {("Indicator", "quote"), ("Indicator", "clause"), ("NotTarget", "quote")}  # quoted attacks above
    fixed -= {("Tie", "words"), ("Tie", "limit")}  # quotes of a member's texts
    fixed -= {("RetiredPart", "text"), ("Term", "definition")}  # quotes of other texts
    attacked = set()
    for path, value, _ in REFUSED:
        cls, name = _field_at(_error_path(path, value))
        attacked.add((cls.__name__, name))
    assert fixed <= attacked, sorted(fixed - attacked)


# --------------------------------------------------------------------------
# A 7 MB string (a file just under the size limit): refused at once, with its line
# and path. A larger file is refused whole (tests/test_refusals.py).
# --------------------------------------------------------------------------

BIG = MAX_BYTES - 1024 * 1024


@pytest.mark.parametrize(
    ("where", "text", "path", "line"),
    [
        ("plain", "  preamble: {}", "document.preamble", 13),
        ("quoted", '  preamble: "{}"', "document.preamble", 13),
        ("block", "  preamble: |\n{}", "document.preamble", 13),
    ],
)
def test_seven_megabyte_text_is_refused_fast(where: str, text: str, path: str, line: int) -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    old = "  preamble: 这是虚构的测试通知，用于检验网站生成器。2099年我县实施4项民生工程。"
    assert sample.count(old) == 1
    lines = ("    " + "x" * 1019 + "\n") * (BIG // 1024)
    body = lines if where == "block" else "x" * BIG
    raw = sample.replace(old, text.format(body)).encode("utf-8")
    assert BIG < len(raw) <= MAX_BYTES
    with never_hangs("7 MB"), pytest.raises(DataErrors) as caught:
        load_bytes(raw, NAME)
    (error,) = caught.value.errors
    assert (error.line, error.path) == (line, path)
    assert error.message.startswith("文字过长（") and f"上限 {MAX_TEXT} 字" in error.message


def test_seven_megabyte_keyword_is_refused_with_its_path() -> None:
    sample = SAMPLE.read_text(encoding="utf-8")
    raw = sample.replace("keywords: [喝水]", "keywords: [喝水, " + "x" * BIG + "]")
    with never_hangs("7 MB keyword"), pytest.raises(DataErrors) as caught:
        load_bytes(raw.encode("utf-8"), NAME)
    assert [(e.path, e.message[:5]) for e in caught.value.errors] == [
        ("projects[2].keywords[1]", "文字过长（")
    ]
