"""The whole round trip, as a county clerk does it: download the template from the site,
fill it in a spreadsheet, import it, build the site, and see the progress published."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import samplesite
from conftest import build_site
from sheetfill import fill

from generator.cli import main
from generator.data import load
from generator.sheets.workbook import workbook_bytes

pytestmark = pytest.mark.slow
ATOM = "{http://www.w3.org/2005/Atom}"
SITE_URL = "http://127.0.0.1:8000/"


def test_a_filled_template_is_published_on_the_project_page_and_in_its_feed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = samplesite.copy(tmp_path / "src")
    data = config.parent / "projects.yaml"
    assert main(["lock", str(data), "--docs", str(config.parent / "docs")]) == 0  # as a real site has
    first = build_site(config, tmp_path / "before", SITE_URL)
    # The clerk downloads the template linked from the project page…
    page = (first / "2099" / "projects" / "ceshi-lu" / "index.html").read_text(encoding="utf-8")
    assert '<a class="ms-tap" href="ceshi-lu-jindu.xlsx" download>下载本项目的进度填报表（Excel）</a>' in page
    downloaded = (first / "2099" / "projects" / "ceshi-lu" / "ceshi-lu-jindu.xlsx").read_bytes()
    assert downloaded == workbook_bytes(load(data), load(data).project("ceshi-lu"))
    # …fills it (openpyxl stands in for the spreadsheet program), and it is imported.
    sheet = tmp_path / "进度.xlsx"
    sheet.write_bytes(downloaded)
    fill(load(data), "ceshi-lu", sheet, [
        {"row": "licheng", "截至日期": dt.date(2099, 12, 31), "累计完成": 12.5, "来源": "测试局年度通报（虚构）"},
        {"row": "tongche", "截至日期": dt.date(2099, 12, 31), "累计完成": 100},
    ])  # fmt: skip
    status = main(["import", str(sheet), "--data", str(data), "--docs", str(config.parent / "docs")])
    assert status == 0, capsys.readouterr().err

    site = build_site(config, tmp_path / "after", SITE_URL)

    page = (site / "2099" / "projects" / "ceshi-lu" / "index.html").read_text(encoding="utf-8")
    assert '<li id="gengxin-2099-12-31">' in page
    assert "12.5公里（通知原文：2099年新建测试道路12.5公里）" in page
    assert "截至2099-12-31" in page
    assert "状态：<strong>已完成</strong>" in page
    feed = ET.parse(site / "2099" / "projects" / "ceshi-lu" / "feed.xml").getroot()
    newest = feed.findall(f"{ATOM}entry")[0]
    assert newest.findtext(f"{ATOM}title") == "2099年 1．测试道路建设：2099-12-31 进度更新"
    assert newest.findtext(f"{ATOM}id") == "tag:minsheng-gongkai,2099-03-15:2099/ceshi-lu/gengxin-2099-12-31"
    assert newest.find(f"{ATOM}link").get("href") == SITE_URL + "2099/projects/ceshi-lu/#gengxin-2099-12-31"
    assert newest.findtext(f"{ATOM}summary") == "来源：测试局年度通报（虚构）"
    assert "2099/projects/ceshi-lu/#gengxin-2099-12-31" in (config.parent / "urls.lock").read_text()


def test_the_data_page_links_the_template_of_every_project(sample_site: Path) -> None:
    page = (sample_site / "data" / "index.html").read_text(encoding="utf-8")
    assert '<a class="ms-tap" href="../2099/data/jindu.xlsx" download>jindu.xlsx</a>' in page
    assert (sample_site / "2099" / "data" / "jindu.xlsx").read_bytes()[:2] == b"PK"
    assert (sample_site / "2099" / "data" / "jindu.csv").read_bytes().startswith("\ufeff通知,项目编号,序号,".encode())  # header first
    # the instructions the CSV has no room for are on the page, with each column
    assert '<a href="../2099/data/datapackage.json" download>2099/data/datapackage.json</a>' in page
    assert "<li>灰色的列已由网站填好，请不要修改。</li>" in page
    assert "<tr><td>报告日期</td><td>最新一份进度报告的截至日期；未报告时为空</td></tr>" in page  # indicators.csv
    assert '<h2 id="tianbaobiao">' in page
