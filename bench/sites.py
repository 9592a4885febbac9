"""Sites that the benchmark and the size tests make in a temporary folder, never committed.

* ``config``: a mkdocs.yml derived from the real one, for other data files;
* ``synthetic``: the real notice's 33 projects repeated once per invented county, all in
  one notice (marked 合成), for the 330- and 3,300-project builds of ``bench/run.py``;
* ``fictional_site``: several notices of other years, each of a chosen number of projects
  made from the real notice's and marked 虚构 in its own text (its number, title, preamble,
  annex title and every target), with invented progress reports and each year's projects
  continuing the year before's, as a site of several notices is.

Every data set passes the same ``load()`` that ``python -m generator check`` runs, and
gets its own address lock, as the real data has.
"""

from __future__ import annotations

import copy
import re
import subprocess
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data" / "projects.yaml"
FICTION = "（虚构）"
FIRST_YEAR = 2031  # the fictional notices' first year: no real notice's

Data = dict[str, Any]
Rename = Callable[[int, Data], tuple[str, str]]  # (pass over the real projects, project) -> id, name


def real() -> Data:
    """The real notice's data, as plain YAML values."""
    return dict(yaml.safe_load(REAL.read_text(encoding="utf-8")))


def config(dest: Path, site_name: str, docs_dir: Path, sources: Sequence[Path]) -> Path:
    """mkdocs.yml of the real site with other docs and the notices ``sources`` (none: no
    plugin, for the baseline). Derived from the real file, so theme, search and Markdown
    settings are the same."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = "".join(f"        - {source}\n" for source in sources)
    plugin = f"  - minsheng:\n      notices:\n{listed}" if sources else ""
    for pattern, repl in [
        (r"(?m)^site_name: .*\n", f"site_name: {site_name}\n"),
        (r"(?m)^docs_dir: .*\n", f"docs_dir: {docs_dir}\n"),
        (r"(?m)^  custom_dir: .*\n", f"  custom_dir: {ROOT / 'overrides'}\n"),
        (r"(?m)^  - minsheng:\n(?:      .*\n)+", plugin),
    ]:
        text, n = re.subn(pattern, repl.replace("\\", "\\\\"), text)  # repl as it is
        if n != 1:
            raise SystemExit(f"bench: mkdocs.yml has no unique match for {pattern!r}")
    dest.write_text(text, encoding="utf-8")
    return dest


def recomposed(data: Data, count: int, rename: Rename) -> Data:
    """``data`` with ``count`` projects: its own taken in turn, as often as needed, each
    pass's copies renamed by ``rename``; categories, explained paragraphs, groups (with
    their ties) and counts follow. Retired programmes point at the first pass's copies."""
    out = copy.deepcopy(data)
    original = data["projects"]
    ids: dict[str, list[str]] = {}  # an original id -> its copies' ids, in order
    projects = []
    for n in range(count):
        turn, project = divmod(n, len(original))
        p = copy.deepcopy(original[project])
        p["id"], name = rename(turn, original[project])
        if name != p["name"]:
            # a name taken from the body (not printed in the annex) must be in the body:
            # a changed name is not, so it counts as printed in the annex
            p["name"] = name
            p.pop("name_in_annex", None)
        p["seq"] = n + 1
        ids.setdefault(original[project]["id"], []).append(p["id"])
        projects.append(p)
    out["projects"] = projects
    out["document"]["project_count"] = count
    for category in out["categories"]:
        category["count"] = sum(p["category"] == category["id"] for p in projects)
        category["heading"] = re.sub(r"\d+项", f"{category['count']}项", category["heading"])
        if "paragraphs" in category:  # every copy of each explained project
            category["paragraphs"] = [c for pid in category["paragraphs"] for c in ids.get(pid, [])]
    for situation in out.get("situations", []):  # every copy in the same groups
        members = {m: [c + m[len(m.split("#")[0]):] for c in ids.get(m.split("#")[0], [])] for m in situation["members"]}
        situation["members"] = [c for m in situation["members"] for c in members[m]]
        situation["ties"] = [{**t, "member": c} for t in situation["ties"] for c in members[t["member"]]]
    for programme in out["retired"]["programmes"]:
        for part in programme["parts"]:
            if part.get("project"):
                part["project"] = ids[part["project"]][0]
    return out


def synthetic(data: Data, copies: int) -> Data:
    """The real notice's projects repeated ``copies`` times, one copy per invented county."""
    out = recomposed(
        data,
        len(data["projects"]) * copies,
        lambda county, p: (f"x{county + 1:03d}-{p['id']}", f"{p['name']}（合成第{county + 1}县）"),
    )
    doc = out["document"]
    doc["title"] = f"【合成基准数据：{copies}个县的通知合并】{doc['title']}"
    return out


def synthetic_file(path: Path, copies: int) -> None:
    """Write ``synthetic(real(), copies)`` as the data file ``path``."""
    about = (
        f"合成基准数据（bench/sites.py 生成，不是真实数据）：data/projects.yaml 的 33 个项目重复 {copies} 次，\n"
        "编号、序号和名称已改，项目数和各类项目数已按比例调整。"
    )
    dump(synthetic(real(), copies), path, about)


def dump(data: Data, path: Path, about: str) -> None:
    """Write ``data`` as a data file headed by ``about`` (a comment: what it is)."""
    path.write_text("".join(f"# {line}\n" for line in about.splitlines()) + _text(data), encoding="utf-8")


# --------------------------------------------------------------------------
# Fictional notices of other years (虚构)
# --------------------------------------------------------------------------

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?=年|-\d\d-\d\d)")  # a year, or a date's


def _shifted(value: Any, by: int) -> Any:
    """Every year written in ``value`` (``2020年``, ``2020-06-01``) moved ``by`` years."""
    if isinstance(value, str):
        return _YEAR.sub(lambda m: str(int(m.group(1)) + by), value)
    if isinstance(value, list):
        return [_shifted(v, by) for v in value]
    if isinstance(value, dict):
        return {k: _shifted(v, by) for k, v in value.items()}
    return value


# Copies beyond the real notice's projects are enciphered: each Chinese character shifted
# through the CJK block (Unicode 1.1's, which every CJK font has), by another step for each
# pass. Every text keeps its length, numbers and punctuation, and every quotation of one text
# in another (a figure's clause in its target, a group's tie in its member) still holds; but
# no copy repeats the words of another, which gzip would squeeze to a few bytes: a page that
# lists 60 projects would then weigh about what one listing 33 does.
_CJK, _CJK_COUNT = 0x4E00, 0x51A6
_KEEP = frozenset("年月日")  # a year stays a year (the checker knows 2020年 for one)
_PLAIN = frozenset({"id", "aliases", "category", "direction", "value", "kind", "headline", "standard", "continues"})


def _enciphered(value: Any, turn: int) -> Any:
    """``value`` with every Chinese character moved ``turn`` steps (see above); ids,
    categories and other keys that are not text are left as they are."""
    if isinstance(value, str):
        shift = turn * 2311
        return "".join(
            chr(_CJK + (ord(c) - _CJK + shift) % _CJK_COUNT) if _CJK <= ord(c) < _CJK + _CJK_COUNT and c not in _KEEP else c
            for c in value
        )
    if isinstance(value, list):
        return [_enciphered(v, turn) for v in value]
    if isinstance(value, dict):
        return {k: v if k in _PLAIN else _enciphered(v, turn) for k, v in value.items()}
    return value


def _copy_name(turn: int, project: Data) -> tuple[str, str]:
    if turn == 0:
        return project["id"], project["name"]
    return f"{project['id']}-{turn + 1}", f"{_enciphered(project['name'], turn)}（虚构第{turn + 1}份）"


def fictional(data: Data, year: int, count: int, earlier: int | None = None) -> Data:
    """A notice of ``year`` with ``count`` projects made from ``data`` (the real notice),
    saying 虚构 in its own words; with ``earlier``, each project continues the same
    project (and figure) of that year's notice, made the same way."""
    base = data["document"]["year"]
    out: Data = _shifted(recomposed(data, count, _copy_name), year - base)
    turns = {p["id"]: n // len(data["projects"]) for n, p in enumerate(out["projects"])}
    out["projects"] = [
        {**_enciphered(p, turns[p["id"]]), "name": p["name"]} if turns[p["id"]] else p for p in out["projects"]
    ]
    for situation in out.get("situations", []):
        situation["ties"] = [_enciphered(t, turns[t["member"].split("#")[0]]) for t in situation["ties"]]
    doc = out["document"]
    doc["year"] = year
    doc["number"] = f"太政〔{year}〕虚构10号"
    for key in ("title", "annex_heading", "annex_title"):
        doc[key] = re.sub(r"\d+项", f"{count}项", doc[key]) + FICTION
    preamble = re.sub(r"实施\d+项", f"实施{count}项", doc["preamble"])
    doc["preamble"] = f"这是为性能基准编造的虚构通知，不是真实文件。{preamble}"
    for project in out["projects"]:
        for row in [project, *project.get("items", [])]:
            if row.get("target"):
                row["target"] += FICTION
            if earlier is not None:
                for indicator in row.get("indicators", []):
                    indicator["continues"] = indicator["id"]
        if earlier is not None:
            project["continues"] = {"year": earlier, "project": project["id"]}
    return out


def with_reports(data: Data, final: bool) -> Data:
    """``data`` (a fictional notice) with invented progress: each figure that can be
    reported at 60% by 30 September, and with ``final`` all of it by the next January."""
    from generator.data import load_bytes

    year = data["document"]["year"]
    notice = load_bytes(_text(data).encode("utf-8"), "fictional.yaml")
    out = copy.deepcopy(data)
    for raw, project in zip(out["projects"], notice.projects, strict=True):
        figures = [i for row in project.rows for i in row.indicators if i.has_figure and not i.judged]
        if not figures:
            continue
        shares = [(f"{year}-09-30", "县民生工程办公室三季度进度通报", Decimal("0.6"))]
        shares += [(f"{year + 1}-01-31", "县民生工程办公室年度进度通报", Decimal(1))] if final else []
        raw["reports"] = [
            {"date": date, "source": source + FICTION,
             "values": [{"indicator": i.id, "reached": _number(Decimal(i.value) * share)} for i in figures]}
            for date, source, share in shares
        ]  # fmt: skip
    return out


def _number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(round(value, 2))


def _text(data: Data) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml: seconds, not minutes
    return str(yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10**6))


def fictional_site(folder: Path, notices: int, projects: int) -> list[Path]:
    """``notices`` fictional notices of ``projects`` projects each (years from
    ``FIRST_YEAR``), written in ``folder``; returns their data files, oldest first."""
    source = real()
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for n in range(notices):
        year = FIRST_YEAR + n
        data = fictional(source, year, projects, year - 1 if n else None)
        path = folder / f"{year}.yaml"
        about = (
            f"虚构的基准测试数据（bench/sites.py 生成，不是真实数据）：{year} 年，{projects} 个项目，\n"
            "由 data/projects.yaml 的项目依次取用而成，标题、文号、导语和每个目标任务都写明“虚构”，进度报告也是编造的。"
        )
        dump(with_reports(data, final=n < notices - 1), path, about)
        files.append(path)
    return files


# --------------------------------------------------------------------------
# What a real checkout has besides the data
# --------------------------------------------------------------------------


def lock(config_file: Path) -> None:
    """Write the address lock of the site ``config_file`` describes (beside its first data
    file), so that its build checks every address, as the real site's does."""
    from generator.config import options
    from generator.site import configured
    from generator.site import lock as address_lock

    site, config = configured.load_site(config_file, dated=False)
    first = options(configured.plugins(config)[1])[0][0]
    docs = config_file.parent / str(config.get("docs_dir", "docs"))
    address_lock.write(address_lock.path_for(config_file.parent / first), site.addresses(docs))


def commit(folder: Path, paths: Sequence[Path]) -> None:
    """Commit ``paths`` (with their address lock) to a new git repository in ``folder``: the
    build reads each notice's data version from git, as in a real checkout."""
    who = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    locks = {p.parent / "urls.lock" for p in paths if (p.parent / "urls.lock").is_file()}
    names = [str(p.relative_to(folder)) for p in [*paths, *sorted(locks)]]
    for git in (["init", "-q"], ["add", "--", *names], [*who, "commit", "-qm", "bench"]):
        subprocess.run(["git", *git], cwd=folder, check=True, capture_output=True)
