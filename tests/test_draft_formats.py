"""The 2020 notice as the county gets it, made by the tests from the same text: a Word file
(the annex as tables with merged cells) and a PDF with a text layer (characters set apart,
page numbers —2—, the table header on each page, cells broken over lines). Each drafts into
the hand-made data; the PDF ones also refuse an encrypted and an image-only file."""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from draftfiles import make_docx, make_pdf
from drafting import SOURCE_2020, assert_floors, draft, measure, run, without_draft_line

TEXT = SOURCE_2020.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def docx_notice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("docx") / "太政〔2020〕10号.docx"
    make_docx(TEXT, path)
    return path


@pytest.fixture(scope="module")
def pdf_notice(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pdf") / "太政〔2020〕10号.pdf"
    make_pdf(TEXT, path)
    return path


def test_the_word_file_has_the_annex_as_tables_with_merged_cells(docx_notice: Path) -> None:
    with zipfile.ZipFile(docx_notice) as archive:
        xml = archive.read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == 6  # one per printed page of the annex, each with its header
    assert xml.count('<w:vMerge w:val="restart"/>') >= 4  # 序号 and 项目 cells of rows 16, 19, 20, 24
    assert "<w:gridSpan " in xml  # 项目 over the sub-item column (rows 17, 18)


def test_the_word_file_drafts_into_the_hand_made_data(docx_notice: Path, tmp_path: Path) -> None:
    score = measure(docx_notice, tmp_path / "draft.yaml", docx_notice.name)
    assert score.names == (33, 33)
    assert_floors(score)
    assert run("check", str(without_draft_line(tmp_path / "draft.yaml")), "--no-record").code == 0


@pytest.mark.slow  # making the PDF subsets a CJK font: about 10 s
def test_the_pdf_is_printed_as_the_issue_describes(pdf_notice: Path) -> None:
    import pdfplumber

    with pdfplumber.open(str(pdf_notice)) as pdf:
        pages = [page.extract_text() for page in pdf.pages]
        rows = [r for page in pdf.pages for t in page.extract_tables() for r in t]
    cells = [c.replace(" ", "") for r in rows for c in r if c]
    assert sum(None in r for r in rows) >= 10  # cells merged with the one above (rows 16, 19, 20, 24)
    assert all(f"—{n}—" in text.replace(" ", "") for n, text in enumerate(pages, 1))
    headed = [n for n, text in enumerate(pages) if "序号项目目标任务" in text.replace(" ", "")]
    assert headed == list(range(headed[0], len(pages)))  # the table's header on each of its pages
    assert len(headed) > 6  # more often than the text's six table parts: repeated per page
    assert re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]", "".join(pages))  # characters set apart
    assert "技能培\n训提升" in cells  # a cell broken over lines


@pytest.mark.slow
def test_the_pdf_drafts_into_the_hand_made_data(pdf_notice: Path, tmp_path: Path) -> None:
    score = measure(pdf_notice, tmp_path / "draft.yaml", pdf_notice.name)
    assert score.names == (33, 33)
    assert_floors(score)
    assert run("check", str(without_draft_line(tmp_path / "draft.yaml")), "--no-record").code == 0


def _tiny_pdf(path: Path, *, text: str | None = None, password: str | None = None) -> None:
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    pdf.add_page()
    if text is not None:
        pdf.set_font("helvetica", size=12)
        pdf.cell(0, 10, text)
    else:  # a scan: one picture, no text layer
        picture = io.BytesIO()
        Image.new("L", (200, 100), 255).save(picture, "PNG")
        pdf.image(picture, x=10, y=10, w=100)
    if password is not None:
        pdf.set_encryption(owner_password="owner", user_password=password)
    pdf.output(str(path))


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("加密.pdf", {"text": "notice", "password": "secret"},
         "加密.pdf 已加密（设有打开密码），无法读取：请向发文单位要不加密的文件"),
        ("扫描件.pdf", {}, "扫描件.pdf 没有文字层（是扫描图片），无法读取：请向发文单位要 Word 文件或可复制文字的 PDF"),
        ("english.pdf", {"text": "Meeting notes"},
         "english.pdf 不像一份通知：找不到文号（如“某政〔2031〕10号”）或标题（“……关于……的通知”）"),
    ],
)
def test_a_pdf_that_cannot_be_drafted_is_refused(tmp_path: Path, name: str, make: dict[str, str], message: str) -> None:
    _tiny_pdf(tmp_path / name, **make)
    done = run("draft", str(tmp_path / name), "--output", str(tmp_path / "out.yaml"))
    assert (done.code, done.out, done.err) == (1, "", f"错误：{message}；没有写入任何文件。\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_the_pdf_and_word_readers_give_the_text_reader_s_draft(docx_notice: Path, tmp_path: Path) -> None:
    """Apart from the source's name in the header, the Word file's draft is the text's."""
    from_text = tmp_path / "text.yaml"
    from_word = tmp_path / "word.yaml"
    draft(SOURCE_2020, from_text)
    draft(docx_notice, from_word)
    strip = lambda p: [ln for ln in p.read_text(encoding="utf-8").splitlines() if not ln.startswith("# ")]  # noqa: E731
    assert strip(from_word) == strip(from_text)
