"""Word rendering of a drafted ``Report`` in 公文 style (GB/T 9704). The only module that imports python-docx.

A4, margins 3.7/3.5/2.8/2.6 cm; title 方正小标宋简体 二号 centred, broken into lines at a word boundary; body
仿宋_GB2312 三号, first line indented two characters, fixed 28 pt lines; headings 黑体 / 楷体_GB2312 /
仿宋_GB2312 bold, 附件 headings flush left; 附件说明 after the body, 落款 right-aligned four characters in;
the attached tables (``docx_tables``) in a landscape section of their own, each title kept on the page of its
table's first row, one 自评表 per page; page numbers "— 1 —" in the footer (odd pages right, even pages left). Fonts are set on ``w:rFonts`` including ``w:eastAsia`` for every
style and every run, since Word and WPS ignore a CJK font given only as ``ascii``/``hAnsi``.

Speed: python-docx builds the styled package (styles, page, footers) once per process; each report then only
writes ``word/document.xml`` from strings and appends it, with ``docProps/core.xml``, to a copy of the cached,
already-compressed package. Building every report through python-docx objects cost ~200 ms, mostly in style
look-ups; this path costs a few milliseconds and writes the same XML.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from assistant.render.docx_tables import table_xml
from assistant.render.text import break_title, clean_line, split_paragraphs
from assistant.report import Report, Table

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: "仿宋_GB2312"}
PAGE_NUMBER_FONT = "宋体"
BODY_PT = 16  # 三号
TITLE_PT = 22  # 二号
TABLE_SIZES = {10.5: "GW Table Text", 9.0: "GW Table Small", 7.5: "GW Table Tiny"}  # 五号, 小五, 六号
PAGE_NUMBER_PT = 14  # 四号
LINE_PT = 28
TEXT_WIDTH_CM = 21.0 - 2.8 - 2.6
# The annex pages: A4 landscape, top 2.8, bottom 2.6, left 3.7, right 3.5 cm (the portrait margins turned).
ANNEX_MARGINS_CM = {"top": 2.8, "right": 3.5, "bottom": 2.6, "left": 3.7, "footer": 1.6}
ANNEX_WIDTH_CM = 29.7 - ANNEX_MARGINS_CM["left"] - ANNEX_MARGINS_CM["right"]
TWIPS_PER_CM = 567
TITLE_CAPACITY = TEXT_WIDTH_CM / (TITLE_PT / 72 * 2.54) - 0.5  # characters per title line, with a margin
TABLE_TITLE_CAPACITY = ANNEX_WIDTH_CM / (BODY_PT / 72 * 2.54) - 0.5
_FLUSH_LEFT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'

_DOCUMENT = "word/document.xml"
_CORE = "docProps/core.xml"
_TITLE_MARK = "JIXIAO-TITLE-MARK"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_BOLD = "<w:b/>"
_NOT_BOLD = '<w:b w:val="0"/>'


@dataclass(frozen=True)
class _Look:
    """How a paragraph style looks (sizes in points)."""

    font: str
    size: float
    bold: bool = False
    align: str | None = None  # "center"; None means justified
    indent_chars: int = 2
    line: float | None = LINE_PT
    keep_with_next: bool = False


STYLES = {
    "Normal": _Look(BODY_FONT, BODY_PT),
    "Heading 1": _Look(HEADING_FONTS[1], BODY_PT, keep_with_next=True),
    "Heading 2": _Look(HEADING_FONTS[2], BODY_PT, keep_with_next=True),
    "Heading 3": _Look(HEADING_FONTS[3], BODY_PT, bold=True, keep_with_next=True),
    "GW Title": _Look(TITLE_FONT, TITLE_PT, align="center", indent_chars=0, line=36),
    "GW Table Title": _Look(HEADING_FONTS[1], BODY_PT, align="center", indent_chars=0, keep_with_next=True),
    **{
        name: _Look(BODY_FONT, size, align="center", indent_chars=0, line=None)
        for size, name in TABLE_SIZES.items()
    },
    "GW Page Number": _Look(PAGE_NUMBER_FONT, PAGE_NUMBER_PT, indent_chars=0, line=None),
}


def render_docx(report: Report, path: str | Path) -> Path:
    """Write the report as a .docx file in 公文 style and return its path."""
    path = Path(path)
    path.write_bytes(render_docx_bytes(report))
    return path


def render_docx_bytes(report: Report) -> bytes:
    """The .docx file's bytes (for atomic writes and downloads)."""
    base = _base()
    body = _Body(base.style_ids)
    body.paragraph(
        report.title,
        "GW Title",
        extra_ppr=f'<w:spacing w:after="{LINE_PT * 20}"/>',
        lines=break_title(clean_line(report.title), TITLE_CAPACITY),
    )
    annex = report.body_end() < len(report.sections)
    for index, section in enumerate(report.sections):
        if index == report.body_end():
            body.closing(report)
            body.parts.append(f"<w:p><w:pPr>{base.portrait}</w:pPr></w:p>")  # the portrait section ends here
        level = f"Heading {section.level}"
        starts_annex = index == report.body_end()
        extra = "<w:pageBreakBefore/>" if section.page_break and not starts_annex else ""
        if section.kind == "table" or section.heading.startswith("附件"):
            extra += _FLUSH_LEFT
        body.paragraph(section.heading, level, extra_ppr=extra)
        for text in section.paragraphs:
            for piece in split_paragraphs(text):
                body.paragraph(piece, "Normal")
        forms = 0
        for table in section.tables:
            body.table(table, new_page=table.is_form and forms > 0)
            forms += table.is_form
    if report.body_end() == len(report.sections):
        body.closing(report)
    for piece in split_paragraphs(report.postscript):
        body.paragraph(piece, "Normal")
    tail = base.landscape_tail if annex else base.document_tail
    document = base.document_head + "".join(body.parts) + tail
    core = base.core.replace(_TITLE_MARK, _escape(clean_line(report.title)))
    buffer = io.BytesIO(base.package)
    with zipfile.ZipFile(buffer, "a") as package:
        package.writestr(_member(_DOCUMENT), document.encode("utf-8"))
        package.writestr(_member(_CORE), core.encode("utf-8"))
    return buffer.getvalue()


# --- per-report body XML ---------------------------------------------------------------------------------


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _run_content(text: str) -> str:
    """``w:t``/``w:tab`` elements for a run's text, as python-docx writes them (tabs become ``w:tab``)."""
    parts = []
    for index, piece in enumerate(text.split("\t")):
        if index:
            parts.append("<w:tab/>")
        if piece:
            space = ' xml:space="preserve"' if piece.strip() != piece else ""
            parts.append(f"<w:t{space}>{_escape(piece)}</w:t>")
    return "".join(parts)


@cache
def _run_open(style: str, bold: bool | None = None) -> str:
    """A run's opening tag and properties carrying the style's fonts (east-Asian included), size and weight."""
    look = STYLES[style]
    font = look.font
    weight = look.bold if bold is None else bold
    return (
        f'<w:r><w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"/>'
        f'{_BOLD if weight else _NOT_BOLD}<w:sz w:val="{int(look.size * 2)}"/></w:rPr>'
    )


class _Body:
    """Collects the body's XML fragments in order."""

    def __init__(self, style_ids: dict[str, str]) -> None:
        self.parts: list[str] = []
        self._ppr = {
            name: "<w:pPr/>" if name == "Normal" else f'<w:pPr><w:pStyle w:val="{style_ids[name]}"/>'
            for name in STYLES
        }

    def _ppr_xml(self, style: str, extra: str = "") -> str:
        base = self._ppr[style]
        if style == "Normal":
            return base if not extra else f"<w:pPr>{extra}</w:pPr>"
        return f"{base}{extra}</w:pPr>"

    def paragraph(self, text: str, style: str, extra_ppr: str = "", lines: list[str] | None = None) -> None:
        """One paragraph; ``lines`` breaks it where given (titles), else the text is one run."""
        pieces = lines or [clean_line(text)]
        content = "<w:br/>".join(_run_content(piece) for piece in pieces)
        self.parts.append(f"<w:p>{self._ppr_xml(style, extra_ppr)}{_run_open(style)}{content}</w:r></w:p>")

    def table(self, table: Table, *, new_page: bool = False) -> None:
        if table.title:
            title = clean_line(table.title)
            self.paragraph(
                title,
                "GW Table Title",
                extra_ppr="<w:pageBreakBefore/>" if new_page else "",
                lines=break_title(title, TABLE_TITLE_CAPACITY),
            )
        self.parts.append(
            table_xml(table, self._ppr_xml, _run_open, _run_content, TABLE_SIZES, ANNEX_WIDTH_CM)
        )
        self.parts.append("<w:p><w:pPr/></w:p>")

    def closing(self, report: Report) -> None:
        """附件说明 (one blank line below the body, continuation lines aligned after "附件：") and 落款
        (right-aligned, four characters in from the right margin, two blank lines above)."""
        gap = f'<w:spacing w:before="{LINE_PT * 20}"/>'
        for n, line in enumerate(report.annex_note):
            if n == 0:
                self.paragraph(line, "Normal", extra_ppr=gap)
            else:
                indent = BODY_PT * 20 * 5
                self.paragraph(
                    line,
                    "Normal",
                    extra_ppr=f'<w:ind w:left="{indent}" w:firstLineChars="0" w:firstLine="0"/>',
                )
        for n, line in enumerate(report.signature):
            spacing = f'<w:spacing w:before="{LINE_PT * 20 * 2}"/>' if n == 0 else ""
            right = BODY_PT * 20 * 4
            self.paragraph(
                line,
                "Normal",
                extra_ppr=f'{spacing}<w:ind w:right="{right}" w:firstLineChars="0" w:firstLine="0"/><w:jc w:val="right"/>',
            )


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


# --- the cached base package -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Base:
    """The styled package without its body: compressed constant parts, and the document/core XML around it."""

    package: bytes  # a zip of every part except word/document.xml and docProps/core.xml
    document_head: str  # word/document.xml up to and including <w:body>
    document_tail: str  # the section properties (page, footers) and closing tags
    landscape_tail: str  # the same with the page turned, for reports whose last section is the annex
    portrait: str  # the portrait section properties alone, to close the body before a landscape annex
    core: str  # docProps/core.xml with _TITLE_MARK where the title goes
    style_ids: dict[str, str]


@cache
def _base() -> _Base:
    """Build the styled empty document once with python-docx and split it for reuse."""
    doc = _styled_document(_TITLE_MARK)
    style_ids = {name: doc.styles[name].style_id for name in STYLES}
    saved = io.BytesIO()
    doc.save(saved)
    package = io.BytesIO()
    with zipfile.ZipFile(saved) as source, zipfile.ZipFile(package, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename == _DOCUMENT:
                document = source.read(info).decode("utf-8")
            elif info.filename == _CORE:
                core = source.read(info).decode("utf-8")
            else:
                target.writestr(_member(info.filename), source.read(info))
    body_open = document.index("<w:body>") + len("<w:body>")
    sect = document.index("<w:sectPr", body_open)
    tail = document[sect:]
    portrait = tail[: tail.index("</w:sectPr>") + len("</w:sectPr>")]
    return _Base(
        package=package.getvalue(),
        document_head=document[:body_open],
        document_tail=tail,
        landscape_tail=_landscape(tail),
        portrait=portrait,
        core=core,
        style_ids=style_ids,
    )


def _landscape(sect: str) -> str:
    """Section properties turned to A4 landscape with the annex margins (footers kept)."""
    twips = {name: round(cm * TWIPS_PER_CM) for name, cm in ANNEX_MARGINS_CM.items()}
    margins = (
        f'<w:pgMar w:top="{twips["top"]}" w:right="{twips["right"]}" w:bottom="{twips["bottom"]}" '
        f'w:left="{twips["left"]}" w:header="720" w:footer="{twips["footer"]}" w:gutter="0"/>'
    )
    sect = re.sub(r"<w:pgSz [^>]*/>", '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>', sect)
    return re.sub(r"<w:pgMar [^>]*/>", margins, sect)


def _styled_document(title: str):
    """An empty python-docx document with the page, styles, footers and core properties set."""
    doc = Document()
    _setup_page(doc)
    _setup_styles(doc)
    doc.core_properties.title = title
    doc.core_properties.author = ""
    doc.core_properties.comments = ""
    _setup_footer(doc)
    return doc


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
        font.size = Pt(look.size)
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
            fmt.line_spacing = Pt(look.line)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER if look.align == "center" else WD_ALIGN_PARAGRAPH.JUSTIFY
        _indent_chars(style.element.get_or_add_pPr(), look.indent_chars, look.size)


def _indent_chars(ppr, chars: int, size_pt: float) -> None:
    """First-line indent in characters (``w:firstLineChars``) with the twips equivalent as a fallback."""
    ind = ppr.get_or_add_ind()
    for attr in ("w:hanging", "w:hangingChars"):
        ind.attrib.pop(qn(attr), None)
    ind.set(qn("w:firstLineChars"), str(chars * 100))
    ind.set(qn("w:firstLine"), str(int(chars * size_pt * 20)))


def _styled_run(paragraph, text: str, style: str):
    """Add a run carrying the style's fonts explicitly (east-Asian included)."""
    look = STYLES[style]
    run = paragraph.add_run(text)
    run.font.size = Pt(look.size)
    run.font.bold = look.bold
    _set_fonts(run._r, look.font)
    return run


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
            fmt.right_indent = Pt(PAGE_NUMBER_PT)
        else:
            fmt.left_indent = Pt(PAGE_NUMBER_PT)
        _styled_run(paragraph, "— ", "GW Page Number")
        _page_field(paragraph)
        _styled_run(paragraph, " —", "GW Page Number")


def _page_field(paragraph) -> None:
    """A PAGE field (begin, instruction, separate, placeholder, end), each run with fonts set."""
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "1"), ("end", None)):
        run = _styled_run(paragraph, "", "GW Page Number")
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
