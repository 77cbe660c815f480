"""Word rendering of a drafted ``Report`` in 公文 style (GB/T 9704). The only module that imports python-docx.

A4, margins 3.7/3.5/2.8/2.6 cm; title 方正小标宋简体 二号 centred; body 仿宋_GB2312 三号, first line indented two
characters, fixed 28 pt lines; headings 黑体 / 楷体_GB2312 / 仿宋_GB2312 bold; page numbers "— 1 —" in the
footer (odd pages right, even pages left). Fonts are set on ``w:rFonts`` including ``w:eastAsia`` for every
style and every run, since Word and WPS ignore a CJK font given only as ``ascii``/``hAnsi``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from assistant.drafting.report import Report, Table
from assistant.render.text import clean_line, split_paragraphs

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
PAGE_NUMBER_FONT = "宋体"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(12)  # 小四
PAGE_NUMBER_SIZE = Pt(14)  # 四号
LINE = Pt(28)
TEXT_WIDTH = Cm(21.0 - 2.8 - 2.6)


@dataclass(frozen=True)
class _Look:
    """How a paragraph style looks."""

    font: str
    size: Pt
    bold: bool = False
    align: int | None = None
    indent_chars: int = 2
    line: Pt | None = LINE
    keep_with_next: bool = False


STYLES = {
    "Normal": _Look(BODY_FONT, BODY_SIZE),
    "Heading 1": _Look(HEADING_FONTS[1], BODY_SIZE, keep_with_next=True),
    "Heading 2": _Look(HEADING_FONTS[2], BODY_SIZE, keep_with_next=True),
    "Heading 3": _Look(HEADING_FONTS[3], BODY_SIZE, bold=True, keep_with_next=True),
    "GW Title": _Look(TITLE_FONT, TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0, line=Pt(36)),
    "GW Table Title": _Look(HEADING_FONTS[1], BODY_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0),
    "GW Table Text": _Look(BODY_FONT, TABLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, indent_chars=0, line=None),
    "GW Page Number": _Look(PAGE_NUMBER_FONT, PAGE_NUMBER_SIZE, indent_chars=0, line=None),
}
_RUN_LOOK = {name: (look.font, look.size, look.bold) for name, look in STYLES.items()}


def render_docx(report: Report, path: str | Path) -> Path:
    """Write the report as a .docx file in 公文 style and return its path."""
    path = Path(path)
    _build(report).save(str(path))
    return path


def render_docx_bytes(report: Report) -> bytes:
    """The .docx file's bytes (for atomic writes and downloads)."""
    buffer = io.BytesIO()
    _build(report).save(buffer)
    return buffer.getvalue()


def _build(report: Report):
    doc = Document()
    _setup_page(doc)
    _setup_styles(doc)
    doc.core_properties.title = clean_line(report.title)
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    _paragraph(doc, report.title, "GW Title").paragraph_format.space_after = LINE
    for section in report.sections:
        heading = _paragraph(doc, section.heading, f"Heading {section.level}")
        if section.page_break:
            heading.paragraph_format.page_break_before = True
        for text in section.paragraphs:
            for piece in split_paragraphs(text):
                _paragraph(doc, piece, "Normal")
        for table in section.tables:
            _table(doc, table)
    _setup_footer(doc)
    return doc


# --- fonts and styles ------------------------------------------------------------------------------------


def _set_fonts(rpr_owner, font: str) -> None:
    """Set ascii/hAnsi/eastAsia/cs fonts on an element's ``w:rPr`` and drop theme fonts that would win."""
    rpr = _child(rpr_owner, "w:rPr")
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _child(owner, tag: str):
    """The owner's child element ``tag``, created when missing (python-docx helpers when available)."""
    if tag == "w:rPr" and hasattr(owner, "get_or_add_rPr"):
        return owner.get_or_add_rPr()
    child = owner.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        owner.append(child)
    return child


def _setup_styles(doc) -> None:
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr_default = defaults.find(qn("w:rPrDefault")) if defaults is not None else None
    if rpr_default is not None:
        _set_fonts(rpr_default, BODY_FONT)
        _child(_child(rpr_default, "w:rPr"), "w:lang").set(qn("w:eastAsia"), "zh-CN")
    existing = {style.name for style in doc.styles}
    for name, look in STYLES.items():
        if name in existing:
            style = doc.styles[name]
        else:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = doc.styles["Normal"]
        font = style.font
        font.size = look.size
        font.bold = look.bold
        font.italic = False
        font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(style.element, look.font)
        fmt = style.paragraph_format
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(0)
        fmt.keep_with_next = look.keep_with_next
        if look.line is None:
            fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
        else:
            fmt.line_spacing = look.line
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.alignment = look.align if look.align is not None else WD_ALIGN_PARAGRAPH.JUSTIFY
        _indent_chars(style.element.get_or_add_pPr(), look.indent_chars, look.size)


def _indent_chars(ppr, chars: int, size: Pt) -> None:
    """First-line indent in characters (``w:firstLineChars``) with the twips equivalent as a fallback."""
    ind = ppr.get_or_add_ind()
    for attr in ("w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * size.pt * 20)))


def _run(paragraph, text: str, style: str):
    """Add a run carrying the style's fonts explicitly (east-Asian included)."""
    font, size, bold = _RUN_LOOK[style]
    run = paragraph.add_run(text)
    run.font.size = size
    run.font.bold = bold
    _set_fonts(run._r, font)
    return run


def _paragraph(container, text: str, style: str):
    paragraph = container.add_paragraph(style=style)
    _run(paragraph, clean_line(text), style)
    return paragraph


# --- page, footer, tables ----------------------------------------------------------------------------


def _setup_page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.footer_distance = Cm(2.8)


def _setup_footer(doc) -> None:
    """Page numbers "— 1 —": odd pages at the right, even pages at the left, one character in from the edge."""
    doc.settings.odd_and_even_pages_header_footer = True
    section = doc.sections[0]
    for footer, align in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0] if footer.paragraphs else footer.add_paragraph()
        paragraph.style = "GW Page Number"
        paragraph.alignment = align
        fmt = paragraph.paragraph_format
        fmt.first_line_indent = Pt(0)
        if align == WD_ALIGN_PARAGRAPH.RIGHT:
            fmt.right_indent = PAGE_NUMBER_SIZE
        else:
            fmt.left_indent = PAGE_NUMBER_SIZE
        _run(paragraph, "— ", "GW Page Number")
        _page_field(paragraph)
        _run(paragraph, " —", "GW Page Number")


def _page_field(paragraph) -> None:
    """A PAGE field (begin, instruction, separate, placeholder, end), each run with fonts set."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _run(paragraph, "", "GW Page Number")
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def _table(doc, table: Table) -> None:
    if table.title:
        _paragraph(doc, table.title, "GW Table Title")
    rows = [table.header, *table.all_rows()]
    ncols = len(table.header)
    grid = doc.add_table(rows=len(rows), cols=ncols)
    grid.style = doc.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = _column_widths(rows, ncols)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    header_row = grid.rows[0]
    tr_pr = header_row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for r, values in enumerate(rows):
        cells = grid.rows[r].cells
        for c in range(ncols):
            cell = cells[c]
            cell.width = widths[c]
            text = clean_line(values[c]) if c < len(values) else ""
            paragraph = cell.paragraphs[0]
            paragraph.style = doc.styles["GW Table Text"]
            if len(text) > 12:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.LEFT
            run = _run(paragraph, text, "GW Table Text")
            if r == 0 or (table.total is not None and r == len(rows) - 1):
                run.font.bold = True
    doc.add_paragraph(style="Normal")


def _column_widths(rows: list[list[str]], ncols: int) -> list[int]:
    """Widths proportional to each column's longest text (2 to 14 characters), filling the text width."""
    weights = []
    for c in range(ncols):
        longest = max((len(clean_line(row[c])) for row in rows if c < len(row)), default=2)
        weights.append(min(max(longest, 2), 14))
    total = sum(weights)
    return [int(TEXT_WIDTH * w / total) for w in weights]
