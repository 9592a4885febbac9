"""The address lock: every published address stays, or the build fails and says which.

Builds run on a copy of the sample site (tests/samplesite.py) whose lock is made
by the same command a clerk runs, ``python -m generator lock``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import samplesite
from conftest import ROOT

from generator.cli import main
from generator.data import load_bytes
from generator.errors import DataErrors
from generator.model import Notice
from generator.site import lock
from generator.site.moves import Moves
from generator.site.plan import Site

LOCK = ROOT / "data" / "urls.lock"
SAMPLE_URL = "https://example.org/minsheng/"


# --------------------------------------------------------------------------
# The committed lock
# --------------------------------------------------------------------------


# The lock as it was when the site held one notice, its pages at the site's root (a copy
# of data/urls.lock then): every address in it must keep answering (tests/test_nginx.py
# through make preview's nginx, built_site below as files).
SINGLE_NOTICE_LOCK = ROOT / "tests" / "fixtures" / "urls-single-notice.lock"


def single_notice_lock() -> list[str]:
    """The 834 addresses the lock held before the site held several notices."""
    return lock.read(SINGLE_NOTICE_LOCK)


def test_committed_lock_is_what_the_data_publishes(real_site: Site) -> None:
    published = real_site.addresses(ROOT / "docs")
    locked = lock.read(LOCK)
    assert set(published) <= set(locked)
    # Kept besides: the 2020 notice's addresses from when its pages stood at the root,
    # each leading to its page under 2020/ (no renamed ids yet: nothing else).
    former = sorted(set(locked) - set(published))
    assert former == sorted(set(single_notice_lock()) - set(published))  # all still in the lock
    moves = real_site.moves
    assert [a for a in former if moves.resolve(a) not in published] == []
    # the site's own pages stayed where they were
    assert {"./", "./#xiangmu", "about/", "subscribe/", "data/", "data/#csv", "feed.xml", "guide/", "robots.txt", "share.png"} <= set(published)
    assert len(single_notice_lock()) == 834
    assert main(["lock", "--check", str(ROOT / "data" / "projects.yaml"), "--docs", str(ROOT / "docs")]) == 0


def test_committed_lock_is_sorted_under_its_header() -> None:
    text = LOCK.read_text(encoding="utf-8")
    assert text == lock.render(lock.read(LOCK))
    assert text.startswith("# 网址锁：本站发布过的每个网址和锚点，一行一个，按字母排序；不要手工编辑。\n")


def test_lock_lists_every_kind_of_address(notice: Notice) -> None:
    locked = set(lock.read(LOCK))
    expected = {
        "./",
        "about/",
        "projects/",
        "feed.xml",
        "data/projects.json",
        "data/indicators.csv",
        "glossary/",
        "requirements/#shijian-jiedian",
        "notice/#p-preamble",
        "notice/#annex",
        "categories/retired/#sanda-geming",
        "categories/new/#xiangmu",
    }
    assert expected <= locked
    for project in notice.projects:
        page = f"projects/{project.id}/"
        assert {page, page + "qr.svg", page + "feed.xml", page + "#yinyong"} <= locked
        assert f"notice/#annex-{project.id}" in locked
        for item in project.items:
            assert f"{page}#{item.id}" in locked
            assert f"notice/#annex-{project.id}-{item.id}" in locked
        for indicator in project.all_indicators:
            assert f"{page}#{indicator.id}" in locked
    for term in notice.glossary:
        assert f"glossary/#{term.id}" in locked


def test_every_locked_address_is_in_the_built_site(built_site: Path, real_site: Site) -> None:
    site = lock.BuiltSite(built_site)
    assert lock.missing(lock.read(LOCK), site, real_site.moves) == []
    assert lock.missing(single_notice_lock(), site, real_site.moves) == []
    # and the check can fail: an address that was never made is reported
    assert lock.missing(["projects/no-such-project/", "notice/#p-nothing"], site, Moves()) == [
        "projects/no-such-project/",
        "notice/#p-nothing",
    ]


def _missing_one_by_one(locked: list[str], site: lock.BuiltSite, moves: Moves) -> list[str]:
    """The check address by address, as it was written first: lock.missing must agree."""
    lost = []
    for address in locked:
        page, _, anchor = address.partition("#")
        if page in moves.pages and anchor:
            ok = site.produces(page) and site.produces(moves.resolve(address))
        else:
            ok = site.produces(address)
        if not ok:
            lost.append(address)
    return lost


def test_the_lock_check_page_by_page_agrees_with_asking_address_by_address(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for name, text in [
        ("a/index.html", '<h2 id="x">x</h2><p id="y">y</p><p data-id="z">z</p>'),
        ("b/index.html", '<h2 id="x">x</h2>'),
        ("feed.xml", '<entry id="x"/>'),  # not a page: no anchor counts
        ("old/index.html", "<p>转到新址</p>"),  # a redirect page left at a former address
    ]:
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    moves = Moves(pages={"old/": "a/", "gone/": "a/"}, anchors={"a/": {"w": "x", "v": "nowhere"}})
    locked = [
        "a/", "a/#x", "a/#y", "a/#z", "b/", "b/#y", "c/", "c/#x", "feed.xml", "feed.xml#x",
        "old/", "old/#w", "old/#v", "old/#x", "gone/", "gone/#w", "./", "b/#y",
    ]  # fmt: skip
    expected = _missing_one_by_one(locked, lock.BuiltSite(site), moves)
    assert expected == ["a/#z", "b/#y", "c/", "c/#x", "feed.xml#x", "old/#v", "gone/", "gone/#w", "./", "b/#y"]
    assert lock.missing(locked, lock.BuiltSite(site), moves) == expected


def test_lock_check_names_the_difference(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = samplesite.copy(tmp_path / "sample")
    data, docs = str(config.parent / "projects.yaml"), str(config.parent / "docs")
    assert main(["lock", data, "--docs", docs]) == 0
    capsys.readouterr()
    lock_file = config.parent / "urls.lock"
    lines = lock_file.read_text(encoding="utf-8").splitlines()
    lines.remove("2099/projects/ceshi-lu/#licheng")
    lock_file.write_text("\n".join([*lines, "projects/gone/"]) + "\n", encoding="utf-8")
    assert main(["lock", "--check", data, "--docs", docs]) == 1
    assert capsys.readouterr().err == (
        f"错误：{config.parent.as_posix()}/urls.lock 与数据不一致（应新增 1 个、删除 1 个地址），"
        "请运行 make lock（会列出删除的地址）并提交\n"
    )


# --------------------------------------------------------------------------
# Builds of the renamed sample
# --------------------------------------------------------------------------


@pytest.fixture
def locked_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A copy of the sample site with its lock made from the unchanged data."""
    config = samplesite.copy(tmp_path / "sample")
    assert main(["lock", str(config.parent / "projects.yaml"), "--docs", str(config.parent / "docs")]) == 0
    out = capsys.readouterr().out
    count = len(lock.read(config.parent / "urls.lock"))
    assert out == f"已写入 {config.parent.as_posix()}/urls.lock：共 {count} 个地址，新增 {count} 个，删除 0 个。\n"
    return config


def test_renaming_without_aliases_fails_naming_every_lost_address(
    locked_sample: Path, tmp_path: Path
) -> None:
    before = lock.read(locked_sample.parent / "urls.lock")
    samplesite.edit(locked_sample.parent / "projects.yaml", samplesite.RENAME_WITHOUT_ALIASES)
    proc = samplesite.build(locked_sample, tmp_path / "site", SAMPLE_URL)
    assert proc.returncode == 1
    lost = [
        a
        for a in before
        if a.startswith("2099/projects/ceshi-jiuzhu/")
        or a.startswith("2099/notice/#annex-ceshi-jiuzhu")
        or a.endswith(("#ce-dibao", "#dibao-renshu"))
    ]
    assert "2099/projects/ceshi-jiuzhu/" in lost and "2099/projects/ceshi-jiuzhu/qr.svg" in lost
    listing = "".join(f"  {a}\n" for a in lost)
    expected = (
        f"ERROR   -  网址锁 urls.lock 中有 {len(lost)} 个已发布的地址既没有生成，也没有转到新位置：\n"
        f"{listing}"
        "已发布的网址不能失效：如果改了编号，请把旧编号写进该条目的 aliases；"
        "如果确实要删除这些地址，请运行 make lock 更新网址锁，并在提交说明中写明原因。\n"
    )
    assert expected in proc.stderr


def test_renaming_with_aliases_keeps_every_address(locked_sample: Path, tmp_path: Path) -> None:
    samplesite.edit(locked_sample.parent / "projects.yaml", samplesite.RENAME)
    site = tmp_path / "site"
    proc = samplesite.build(locked_sample, site, SAMPLE_URL)
    assert proc.returncode == 0, proc.stderr
    old, new = site / "2099" / "projects" / "ceshi-jiuzhu", site / "2099" / "projects" / "ceshi-shehui-jiuzhu"
    assert (old / "qr.svg").read_bytes() == (new / "qr.svg").read_bytes()
    assert (old / "feed.xml").read_bytes() == (new / "feed.xml").read_bytes()
    redirect = (old / "index.html").read_text(encoding="utf-8")
    now = f"{SAMPLE_URL}2099/projects/ceshi-shehui-jiuzhu/"
    title = "4．测试救助（测试县2099年民生工程）"
    assert f'<link rel="canonical" href="{now}">' in redirect
    assert '<noscript><meta http-equiv="refresh" content="0; url=../ceshi-shehui-jiuzhu/"></noscript>' in redirect
    assert f'<meta property="og:title" content="{title}">' in redirect
    assert f'<meta property="og:url" content="{now}">' in redirect
    assert f'“{title}”现在的网址是：<a href="../ceshi-shehui-jiuzhu/">{now}</a>' in redirect
    assert '{"ce-dibao": "ce-zuidi", "dibao-renshu": "dibao-duixiang"}' in redirect
    page = (new / "index.html").read_text(encoding="utf-8")
    assert '<div id="ce-dibao" class="ms-alias"></div>' in page
    assert '<span id="dibao-renshu" class="ms-alias"></span>' in page
    notice_page = (site / "2099" / "notice" / "index.html").read_text(encoding="utf-8")
    for anchor in ["annex-ceshi-jiuzhu", "annex-ceshi-jiuzhu-ce-dibao", "annex-ceshi-jiuzhu-ce-guer"]:
        assert f'<span id="{anchor}" class="ms-alias"></span>' in notice_page


def test_lock_command_keeps_redirected_addresses_and_reports_removals(
    locked_sample: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = locked_sample.parent
    args = ["lock", str(folder / "projects.yaml"), "--docs", str(folder / "docs")]
    before = lock.read(folder / "urls.lock")
    samplesite.edit(folder / "projects.yaml", samplesite.RENAME)
    assert main(args) == 0
    after = lock.read(folder / "urls.lock")
    assert set(before) <= set(after)  # every old address kept: each now redirects
    added = sorted(set(after) - set(before))
    assert "2099/projects/ceshi-shehui-jiuzhu/#dibao-duixiang" in added
    name = f"{folder.as_posix()}/urls.lock"
    assert capsys.readouterr().out == (
        f"已写入 {name}：共 {len(after)} 个地址，新增 {len(added)} 个，删除 0 个。\n"
    )
    # Dropping the aliases afterwards is a deliberate removal, listed by the command.
    samplesite.edit(
        folder / "projects.yaml",
        [(line, "") for line in ["    aliases: [ceshi-jiuzhu]\n", "        aliases: [ce-dibao]\n"]],
    )
    assert main(args) == 0
    removed = sorted(set(after) - set(lock.read(folder / "urls.lock")))
    assert "2099/projects/ceshi-jiuzhu/" in removed and "2099/projects/ceshi-shehui-jiuzhu/" not in removed
    listing = "".join(f"  {a}\n" for a in removed)
    total = len(after) - len(removed)
    assert capsys.readouterr().out == (
        f"已写入 {name}：共 {total} 个地址，新增 0 个，删除 {len(removed)} 个。\n"
        f"删除的地址（既不再生成，也没有经 aliases 转到新位置）：\n{listing}"
    )


# --------------------------------------------------------------------------
# Validation of aliases
# --------------------------------------------------------------------------

SAMPLE = Path(__file__).parent / "fixtures" / "sample" / "projects.yaml"


def mutated(replace: list[tuple[str, str]]) -> str:
    text = SAMPLE.read_text(encoding="utf-8")
    for old, new in replace:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def line_of(text: str, needle: str) -> int:
    """The line where ``needle`` (occurring once) starts."""
    assert text.count(needle) == 1, needle
    return text[: text.index(needle)].count("\n") + 1


def errors_of(text: str) -> list[tuple[str, str]]:
    with pytest.raises(DataErrors) as caught:
        load_bytes(text.encode("utf-8"), "projects.yaml")
    return [(e.path, e.message) for e in caught.value.errors]


def test_alias_must_be_an_id() -> None:
    text = mutated([("  - id: ceshi-jiuzhu\n", "  - id: ceshi-jiuzhu\n    aliases: [ok-id, Ceshi_Jiu]\n")])
    assert errors_of(text) == [
        (
            "projects[3].aliases[1]",
            "编号 'Ceshi_Jiu' 格式不对：只能用小写字母、数字和连字符（如 dibao、sihao-nongcunlu）",
        )
    ]


def test_project_alias_cannot_be_a_current_project_id_or_claimed_twice() -> None:
    text = mutated(
        [
            ("  - id: ceshi-jiuzhu\n", "  - id: ceshi-jiuzhu\n    aliases: [ceshi-lu, jiu-id]\n"),
            ("  - id: ceshi-yinshui\n", "  - id: ceshi-yinshui\n    aliases: [jiu-id]\n"),
        ]
    )
    first = line_of(text, "    aliases: [jiu-id]\n")
    assert errors_of(text) == [
        ("projects[3].aliases[0]", "旧编号 'ceshi-lu' 是现有项目的编号，不能再作旧编号"),
        ("projects[3].aliases[1]", f"旧编号 'jiu-id' 重复（第 {first} 行已使用）"),
    ]


def test_anchor_alias_cannot_clash_on_its_page() -> None:
    text = mutated(
        [
            ("      - id: ce-dibao\n", "      - id: ce-dibao\n        aliases: [yinyong, ce-guer]\n"),
            ("          - id: dibao-renshu\n", "          - id: dibao-renshu\n            aliases: [jiu]\n"),
            ("          - id: guer-renshu\n", "          - id: guer-renshu\n            aliases: [jiu]\n"),
        ]
    )
    first = line_of(text, "          - id: dibao-renshu\n            aliases: [jiu]\n") + 1
    assert errors_of(text) == [
        ("projects[3].items[0].aliases[0]", "旧编号 'yinyong' 已被页面的“引用本页”栏目使用，请换一个"),
        ("projects[3].items[0].aliases[1]", "旧编号 'ce-guer' 是本页现有的锚点，不能再作旧编号"),
        ("projects[3].items[1].indicators[0].aliases[0]", f"本页旧锚点 'jiu' 重复（第 {first} 行已使用）"),
    ]


def test_retired_alias_cannot_be_a_current_id() -> None:
    text = mutated([("    - id: ceshi-jiu\n", "    - id: ceshi-jiu\n      aliases: [ceshi-jiu]\n")])
    assert errors_of(text) == [
        ("retired.programmes[0].aliases[0]", "旧编号 'ceshi-jiu' 是现有退出项目的编号，不能再作旧编号")
    ]
