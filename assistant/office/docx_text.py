"""Read a .docx report as the audit's plain text: paragraphs and tables in document order.

The text has the shape ``assistant.audit.document`` reads from .txt/.md reports: one line per paragraph,
headings on lines of their own, tables as Markdown pipe tables (``docx_table``). Word keeps facts outside the
text that a reader still sees, so they are put back:

- auto-numbered paragraphs get their number ("一、", "（二）") from ``numbering.xml`` (``docx_numbering``);
- a paragraph in a Heading style (or with an outline level) whose text has no 公文 number is written as a
  Markdown heading (``## 基本情况``);
- a paragraph opening with a numbered 一级/二级 heading in heading look (黑体/楷体 or bold), followed by body
  text in body look, is split into the heading line and the body line. A paragraph all in heading look is
  left as written, so that it reads as the same line would in a .txt report.

Safety (size limits, zip bombs, DTDs) lives in ``docx_zip``. python-docx is not needed to read.
"""

from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import InputError

try:
    from lxml import etree
except ImportError as exc:  # pragma: no cover - the office extra is not installed
    raise InputError.single("读取 .docx 需要安装 Word 支持：pip install 'jixiao[office]'") from exc

from assistant.office.docx_numbering import Numbering
from assistant.office.docx_styles import Styles, int_attr, on_off
from assistant.office.docx_table import build_grid, children, table_lines
from assistant.office.docx_zip import read_docx

_TOP_HEADING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|附\s*件)\s*\S"
)
_NUMBERED = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,2}\s*[、.．]\s*(?!\d)"
    r"|附\s*件|[^，。]{0,30}(?:评分表|自评表)\s*$)"
)
_HEADING_END = "。；，：:;,"
_HEADING_FONT_WORDS = ("黑体", "楷体", "simhei", "kaiti", "方正小标宋", "小标宋")
_MAX_HEADING = 40
_WRAPPERS = ("hyperlink", "smartTag", "ins", "moveTo", "fldSimple", "customXml", "dir", "bdo")


def docx_to_text(path: Path) -> str:
    """Paragraphs and tables of the body in document order; refuses non-docx, oversized and zip-bomb files."""
    parts = read_docx(Path(path))
    reader = _Reader(parts.document, parts.styles, parts.numbering)
    body = parts.document.find(f"{reader.w}body")
    lines: list[str] = []
    if body is not None:
        reader.block(body, lines)
    return "\n".join(lines)


def is_heading_font(font: str | None) -> bool:
    """黑体/楷体 (and the 标题 font): the look of 公文 headings, as opposed to 仿宋 body text."""
    return bool(font) and any(word in font.lower() for word in _HEADING_FONT_WORDS)


def paragraph_lines(label: str, runs: list[tuple[str, bool]], level: int | None) -> list[str]:
    """A paragraph's lines from its number label, its runs (text, heading look) and its heading level."""
    text = label + "".join(text for text, _ in runs)
    if level is not None:
        line = " ".join(text.split()).rstrip(_HEADING_END)
        if line and not _NUMBERED.match(line):
            line = "#" * min(level + 1, 6) + " " + line
        return [line]
    lead = label
    index = 0
    while index < len(runs) and (runs[index][1] or not runs[index][0].strip()):
        lead += runs[index][0]
        index += 1
    head = " ".join(lead.split())
    rest = "".join(text for text, _ in runs[index:]).strip()
    if (
        rest
        and "\n" not in lead
        and _TOP_HEADING.match(head)
        and len(head.rstrip(_HEADING_END)) <= _MAX_HEADING
    ):
        return [head.rstrip(_HEADING_END), *rest.split("\n")]
    return text.split("\n")


class _Reader:
    """Walks the body in order, resolving styles and list numbers as Word would display them."""

    def __init__(
        self, document: etree._Element, styles: etree._Element | None, numbering: etree._Element | None
    ) -> None:
        namespace = etree.QName(document).namespace or ""
        self.w = f"{{{namespace}}}" if namespace else ""
        self.styles = Styles(styles, self.w)
        self.numbering = Numbering(numbering, self.w)

    def _local(self, element: etree._Element) -> str | None:
        tag = element.tag
        if not isinstance(tag, str) or not tag.startswith(self.w):
            return None
        return tag[len(self.w) :]

    # --- blocks ------------------------------------------------------------------------------------------

    def block(self, container: etree._Element, out: list[str]) -> None:
        """Append the lines of a body, cell or content control's paragraphs and tables."""
        w = self.w
        for child in container:
            name = self._local(child)
            if name == "p":
                out.extend(self.paragraph(child))
            elif name == "tbl":
                out.extend(self.table(child))
            elif name == "sdt":
                content = child.find(f"{w}sdtContent")
                if content is not None:
                    self.block(content, out)
            elif name in ("customXml", "ins", "moveTo"):
                self.block(child, out)

    def table(self, tbl: etree._Element) -> list[str]:
        grid = build_grid(tbl, self.w)
        if grid.ncols <= 1:  # a frame around text, not a data table: read its content as body text
            out: list[str] = []
            for tc in grid.cells:
                self.block(tc, out)
            return out
        return table_lines(grid, self.cell_text)

    def cell_text(self, container: etree._Element) -> str:
        """A cell's text on one line: its paragraphs (with list numbers) and nested tables' cells."""
        pieces: list[str] = []
        for p in children(container, self.w, "p"):
            runs: list[tuple[str, bool]] = []
            style_id = self._style_id(p.find(f"{self.w}pPr"))
            self._runs(p, style_id, runs)
            pieces.append(self._label(p.find(f"{self.w}pPr"), style_id) + "".join(t for t, _ in runs))
        for tbl in children(container, self.w, "tbl"):
            grid = build_grid(tbl, self.w)
            pieces.extend(self.cell_text(tc) for tc in grid.cells)
        return " ".join(piece for piece in pieces if piece.strip())

    # --- paragraphs --------------------------------------------------------------------------------------

    def paragraph(self, p: etree._Element) -> list[str]:
        ppr = p.find(f"{self.w}pPr")
        style_id = self._style_id(ppr)
        runs: list[tuple[str, bool]] = []
        self._runs(p, style_id, runs)
        return paragraph_lines(self._label(ppr, style_id), runs, self._level(ppr, style_id))

    def _style_id(self, ppr: etree._Element | None) -> str | None:
        style = None if ppr is None else ppr.find(f"{self.w}pStyle")
        return self.styles.default_paragraph if style is None else style.get(f"{self.w}val")

    def _level(self, ppr: etree._Element | None, style_id: str | None) -> int | None:
        direct = int_attr(None if ppr is None else ppr.find(f"{self.w}outlineLvl"), self.w)
        if direct is not None:
            return direct + 1 if 0 <= direct <= 8 else None
        return self.styles.heading_level(style_id)

    def _label(self, ppr: etree._Element | None, style_id: str | None) -> str:
        """The list number Word shows before the paragraph, if it is numbered."""
        w = self.w
        num_pr = None if ppr is None else ppr.find(f"{w}numPr")
        if num_pr is not None and num_pr.find(f"{w}numId") is not None:
            num_id = num_pr.find(f"{w}numId").get(f"{w}val", "0")
            ilvl = int_attr(num_pr.find(f"{w}ilvl"), w, 0) or 0
        else:
            linked = self.styles.numbering(style_id)
            if linked is None:
                return ""
            num_id, ilvl, owner = linked
            if ilvl is None:
                ilvl = self.numbering.level_for_style(num_id, owner) or 0
        return "" if num_id == "0" else self.numbering.label(num_id, ilvl)

    def _runs(self, element: etree._Element, style_id: str | None, out: list[tuple[str, bool]]) -> None:
        w = self.w
        for child in element:
            name = self._local(child)
            if name == "r":
                self._run(child, style_id, out)
            elif name in _WRAPPERS:
                self._runs(child, style_id, out)
            elif name == "sdt":
                content = child.find(f"{w}sdtContent")
                if content is not None:
                    self._runs(content, style_id, out)

    def _run(self, r: etree._Element, style_id: str | None, out: list[tuple[str, bool]]) -> None:
        w = self.w
        rpr = r.find(f"{w}rPr")
        if rpr is not None and (on_off(rpr.find(f"{w}vanish"), w) or on_off(rpr.find(f"{w}webHidden"), w)):
            return
        pieces = []
        for child in r:
            name = self._local(child)
            if name == "t":
                pieces.append(child.text or "")
            elif name in ("tab", "ptab"):
                pieces.append("\t")
            elif name in ("br", "cr"):
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("-")
        if pieces:
            out.append(("".join(pieces), self._heading_look(rpr, style_id)))

    def _heading_look(self, rpr: etree._Element | None, style_id: str | None) -> bool:
        """Whether a run is set in a heading font (黑体/楷体) or bold, directly or through its styles."""
        w = self.w
        font = bold = None
        run_style = None
        if rpr is not None:
            fonts = rpr.find(f"{w}rFonts")
            if fonts is not None:
                font = fonts.get(f"{w}eastAsia") or fonts.get(f"{w}ascii")
            bold = on_off(rpr.find(f"{w}b"), w)
            style = rpr.find(f"{w}rStyle")
            run_style = None if style is None else style.get(f"{w}val")
        styles = self.styles
        if font is None:
            font = styles.east_asia(run_style) or styles.east_asia(style_id) or styles.default_east_asia
        if bold is None:
            for value in (styles.bold(run_style), styles.bold(style_id), styles.default_bold):
                if value is not None:
                    bold = value
                    break
        return is_heading_font(font) or bool(bold)
