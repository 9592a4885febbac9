"""Make the notice as the county receives it, from its extracted text: a Word file (.docx) and a
PDF with a text layer, for the tests of ``python -m generator draft`` (tests/test_draft*.py).

The text's tab-separated lines are the annex table. Each page of it (between repeated header
rows) becomes a table with the header on top; a row without a 序号 continues the project above,
so its first cells are merged with the ones above (Word's vMerge, a PDF cell without the line
between the rows), and a row with one cell fewer than the header spans the item column.
In the PDF every character is set apart (character spacing, as justified text prints), each
page has its number as —2—, and a gap in a cell of the text is a line break in the cell.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

NOTO = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")


def cjk_font() -> tuple[Path, int]:
    """A font with simplified Chinese, and its number in a collection: Noto Sans CJK SC
    (fonts-noto-cjk, installed by make chromium), else whatever fontconfig offers for zh-cn."""
    if NOTO.is_file():
        return NOTO, 2  # the collection's SC face
    import subprocess

    found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", "sans:lang=zh-cn"],
                           capture_output=True, text=True, check=False).stdout.split("\n")
    if len(found) == 2 and Path(found[0]).is_file():
        return Path(found[0]), int(found[1] or 0)
    raise FileNotFoundError("no Chinese font: run make chromium (it installs fonts-noto-cjk)")
LEFT = "←"  # a cell merged with the one to its left
UP = "↑"  # a cell merged with the one above


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]


def parse(text: str) -> list[str | Table]:
    """Paragraphs (str) and tables in order, from the extracted text."""
    blocks: list[str | Table] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if "\t" not in line:
            blocks.append(line.strip())
            continue
        cells = line.split("\t")
        if cells[0] == "序号":
            blocks.append(Table([c or LEFT for c in cells], []))
            continue
        table = blocks[-1]
        assert isinstance(table, Table)
        width = len(table.header)
        filled = [c for c in cells if c.strip()]
        if filled[0].isdigit():
            row = filled if len(filled) == width else [filled[0], filled[1], LEFT, *filled[2:]]
        else:
            row = [UP] * (width - len(filled)) + filled
        table.rows.append(row)
    return blocks


def make_docx(text: str, path: Path) -> None:
    """The notice as Word prints it: body paragraphs, the annex as tables with merged cells."""
    import docx

    document = docx.Document()
    for block in parse(text):
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        rows = [block.header, *block.rows]
        table = document.add_table(rows=len(rows), cols=len(block.header))
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                cell = table.cell(r, c)
                if value == LEFT:
                    table.cell(r, c - 1).merge(cell)
                elif value == UP:
                    table.cell(r - 1, c).merge(cell)
                else:
                    cell.text = value
    document.save(str(path))


def make_pdf(text: str, path: Path, *, encrypt: str | None = None) -> None:
    """The notice as a PDF with an embedded CJK font (fonts-noto-cjk, installed by make chromium)."""

    pdf = _Pdf()
    truetype = path.with_name(path.stem + "-font.ttf")
    truetype_font(text + "—0123456789", truetype)
    pdf.add_font("noto", fname=str(truetype))
    pdf.set_font("noto", size=11)
    pdf.set_char_spacing(4)  # wider than pdfplumber's x_tolerance: a space between characters
    pdf.add_page()
    for block in parse(text):
        if isinstance(block, str):
            _paragraph(pdf, block)
        else:
            _table(pdf, block)
    if encrypt is not None:
        pdf.set_encryption(owner_password="owner", user_password=encrypt)
    pdf.output(str(path))


def truetype_font(text: str, path: Path) -> None:
    """A Chinese font (``cjk_font``) cut to the characters of ``text``, its outlines TrueType.

    A PDF from Word embeds CJK fonts as TrueType (Identity-H); fpdf2 writes an OpenType CFF
    font with its own encoding CMap, which pdfminer cannot map back to text.
    """
    from fontTools import subset
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import TTFont, newTable

    path_in, number = cjk_font()
    font = TTFont(str(path_in), fontNumber=number)
    options = subset.Options()
    options.layout_features = []
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text + " ")
    subsetter.subset(font)
    if "CFF " not in font:  # TrueType outlines already
        font.save(str(path))
        return
    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf
    del font["CFF "]
    for table in ("VORG", "vhea", "vmtx"):
        if table in font:
            del font[table]
    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for field in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                  "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                  "maxComponentElements"):
        setattr(maxp, field, 0)
    maxp.maxZones = 1
    maxp.numGlyphs = len(order)
    font["maxp"] = maxp
    font["head"].glyphDataFormat = 0
    font["post"].formatType = 2.0
    font["post"].extraNames = []
    font["post"].mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font.save(str(path))


class _Pdf:
    """FPDF with —N— at the foot of each page (made lazily: fpdf2 is a test dependency)."""

    def __new__(cls) -> object:
        from fpdf import FPDF

        class Notice(FPDF):
            def footer(self) -> None:
                self.set_y(-15)
                self.cell(0, 8, f"—{self.page_no()}—", align="C")

        pdf = Notice(format="A4", unit="mm")
        pdf.set_auto_page_break(True, margin=22)
        pdf.set_margins(25, 20, 25)
        return pdf


LINE = 7.0


def _paragraph(pdf: object, text: str) -> None:
    width = pdf.epw  # type: ignore[attr-defined]
    long = len(text) > 30 or text.endswith("。")
    indent = 8.0 if long else 0.0
    first = _wrap(pdf, text, width - indent, cell=False)[0]
    lines = [first, *(_wrap(pdf, text[len(first) :], width, cell=False) if len(first) < len(text) else [])]
    for k, line in enumerate(lines):
        if pdf.will_page_break(LINE):  # type: ignore[attr-defined]
            pdf.add_page()  # type: ignore[attr-defined]
        pdf.set_x(pdf.l_margin + (indent if k == 0 else 0.0))  # type: ignore[attr-defined]
        pdf.cell(width, LINE, line, new_x="LMARGIN", new_y="NEXT")  # type: ignore[attr-defined]
    pdf.ln(2)  # type: ignore[attr-defined]


def _wrap(pdf: object, text: str, width: float, cell: bool = True) -> list[str]:
    """Lines of ``text`` that fit ``width``; in a table cell a gap in the text breaks the line
    there (the extracted text has a gap where the printed cell broke a line)."""
    out: list[str] = []
    for piece in text.split(" ") if cell else [text]:
        line = ""
        for ch in piece:
            if pdf.get_string_width(line + ch) > width - 1:  # type: ignore[attr-defined]
                out.append(line)
                line = ""
            line += ch
        if line:
            out.append(line)
    return out or [""]


COLUMNS = {3: (14.0, 38.0), 4: (14.0, 26.0, 28.0)}


def _table(pdf: object, table: Table) -> None:
    widths = _widths(pdf, len(table.header))
    first = _height(pdf, table.header, widths) + _height(pdf, table.rows[0], widths)
    if pdf.will_page_break(first):  # type: ignore[attr-defined]
        pdf.add_page()  # type: ignore[attr-defined]  # never a header alone at a page's foot
    _row(pdf, table.header, widths, top=[True] * len(widths))
    for row in table.rows:
        height = _height(pdf, row, widths)
        if pdf.will_page_break(height):  # type: ignore[attr-defined]
            _close(pdf, widths)
            pdf.add_page()  # type: ignore[attr-defined]
            _row(pdf, table.header, widths, top=[True] * len(widths))
            _row(pdf, row, widths, top=[True] * len(widths))  # a page break splits a merged cell
        else:
            _row(pdf, row, widths, top=[c != UP for c in row])
    _close(pdf, widths)
    pdf.ln(4)  # type: ignore[attr-defined]


def _widths(pdf: object, n: int) -> list[float]:
    fixed = list(COLUMNS[n])
    return [*fixed, pdf.epw - sum(fixed)]  # type: ignore[attr-defined]


def _spans(row: list[str], widths: list[float]) -> list[float]:
    """Each cell's width, a cell merged with the next ones to its right spanning them."""
    spans = list(widths)
    for k in range(len(row) - 1, 0, -1):
        if row[k] == LEFT:
            spans[k - 1] += spans[k]
    return spans


def _height(pdf: object, row: list[str], widths: list[float]) -> float:
    spans = _spans(row, widths)
    lines = [len(_wrap(pdf, c, w)) for c, w in zip(row, spans, strict=True) if c not in (LEFT, UP)]
    return max(lines) * LINE + 2


def _row(pdf: object, row: list[str], widths: list[float], top: list[bool]) -> None:
    """Draw one row: each cell's text, its top line (not where it continues the cell above)
    and its left line (not where it continues the cell to its left)."""
    x0, y0 = pdf.l_margin, pdf.get_y()  # type: ignore[attr-defined]
    height = _height(pdf, row, widths)
    spans = _spans(row, widths)
    x = x0
    for k, (value, w) in enumerate(zip(row, widths, strict=True)):
        if value not in (LEFT, UP):
            for j, text in enumerate(_wrap(pdf, value, spans[k])):
                pdf.set_xy(x + 1, y0 + 1 + j * LINE)  # type: ignore[attr-defined]
                pdf.cell(spans[k] - 2, LINE, text)  # type: ignore[attr-defined]
        if top[k]:
            pdf.line(x, y0, x + w, y0)  # type: ignore[attr-defined]
        if value != LEFT:
            pdf.line(x, y0, x, y0 + height)  # type: ignore[attr-defined]
        x += w
    pdf.line(x, y0, x, y0 + height)  # type: ignore[attr-defined]
    pdf.set_xy(x0, y0 + height)  # type: ignore[attr-defined]


def _close(pdf: object, widths: list[float]) -> None:
    x0, y = pdf.l_margin, pdf.get_y()  # type: ignore[attr-defined]
    pdf.line(x0, y, x0 + sum(widths), y)  # type: ignore[attr-defined]
