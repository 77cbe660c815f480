"""Word tables for the report renderer: column widths fitted to the content and the table XML.

Widths: every column gets at least its longest unbreakable run (a number such as 43,394,155.50, a grade,
two characters), then the room left goes to the columns whose text is longer than that, in proportion to how
much longer (capped, so one long note does not take the page), and the table fills the text width. The font
is the largest of the table sizes (五号, 小五, 六号) at which every column's minimum fits. Rows never
split across pages (``cantSplit``); a plain table repeats its header row on every page. A form (the national
自评表) has merged cells: ``gridSpan`` across, ``vMerge`` down, bold label rows. Paragraph and run XML come
from the caller (``assistant.render.docx``), so fonts stay defined in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from assistant.render.text import clean_line, text_width
from assistant.report import Table

EMU_PER_CM = 360000
EMU_PER_TWIP = 635
EMU_PER_PT = 12700
CELL_MARGINS_PT = 12.0  # Word's default 0.19 cm left and right cell margins plus the borders
NATURAL_CAP_EM = 16  # a column asks for at most this many characters before wrapping
MINIMUM_SHARE = 0.8  # numbers may take this share of a table's width before the font gets smaller
TABLE_HALF = 0.64  # width of a digit in table text, bold included, in characters
LEFT_ALIGNED_FROM = 12  # cells longer than this are left-aligned
_NUMBER = re.compile(r"[-+]?[\d,]+(?:\.\d+)?%?")
_UNBREAKABLE = re.compile(r"[0-9A-Za-z.,%％()（）+\-≥≤<>=/·]+|“[^”]{1,4}”|[优良中差]")
_LABELS = frozenset({"实施单位", "主管部门", "项目名称"})

ParagraphXml = Callable[[str, str], str]  # (style name, extra pPr) -> <w:pPr>…
RunXml = Callable[[str, bool], str]  # (style name, bold) -> <w:r><w:rPr>…


def column_needs(
    rows: list[list[str]], spans: list[list[int]], ncols: int, labels: frozenset[int] = frozenset()
) -> tuple[list[float], list[float]]:
    """Each column's natural and minimum width in characters, from its unspanned cells; label rows
    (``labels``: the header, a form's label rows) ask for half their width: they may take two lines."""
    natural = [2.0] * ncols
    minimum = [2.0] * ncols
    for r, row in enumerate(rows):
        col = 0
        for c, text in enumerate(row):
            span = spans[r][c] if spans else 1
            if span == 1 and col < ncols:
                shown = clean_line(text)
                wanted = text_width(shown, TABLE_HALF) / (2 if r in labels else 1)
                natural[col] = max(natural[col], min(wanted, NATURAL_CAP_EM))
                minimum[col] = max(minimum[col], _unbreakable(shown))
            col += span
    return [max(n, m) for n, m in zip(natural, minimum, strict=True)], minimum


FORM_LABEL_EM = 4.0  # a form's label column holds 项目名称 / 年度总体目标 on one or two lines


def fitting_size(minimum: list[float], sizes: tuple[float, ...], width_cm: float) -> float:
    """The largest font size (points) at which the columns' minimum widths take at most ``MINIMUM_SHARE`` of
    the width, so the text columns keep some room; else the smallest size."""
    for size in sizes:
        content = width_cm * EMU_PER_CM / EMU_PER_PT - CELL_MARGINS_PT * len(minimum)
        if sum(minimum) * size <= MINIMUM_SHARE * content:
            return size
    return sizes[-1]


def column_widths(natural: list[float], minimum: list[float], font_pt: float, width_cm: float) -> list[int]:
    """Column widths in EMU filling ``width_cm``: minimums first, the room left by how much more each wants."""
    ncols = len(natural)
    em = font_pt * EMU_PER_PT
    margins = CELL_MARGINS_PT / font_pt  # in characters
    total = width_cm * EMU_PER_CM / em - margins * ncols  # characters of content across the table
    if sum(minimum) >= total:
        widths = [total * m / sum(minimum) for m in minimum]
    elif sum(natural) <= total:
        widths = [n + (total - sum(natural)) * n / sum(natural) for n in natural]
    else:
        room = total - sum(minimum)
        wanted = [n - m for n, m in zip(natural, minimum, strict=True)]
        widths = [m + room * want / sum(wanted) for m, want in zip(minimum, wanted, strict=True)]
    return [int((w + margins) * em) for w in widths]


SHORT_CELL = 5  # a cell of at most this many characters (产出指标, 满意度指标) is one word: never wrapped


def _unbreakable(text: str) -> float:
    """Width of the longest run that must not wrap (digits, Latin letters, signs, a grade, a short cell)."""
    if 0 < len(text) <= SHORT_CELL:
        return text_width(text, TABLE_HALF)
    return max((text_width(token, TABLE_HALF) for token in _UNBREAKABLE.findall(text)), default=0.0)


def table_xml(
    table: Table,
    ppr: ParagraphXml,
    run: RunXml,
    content: Callable[[str], str],
    styles: dict[float, str],
    width_cm: float,
) -> str:
    """The ``w:tbl`` of a table (without its title paragraph); ``styles`` maps font sizes to style names."""
    ncols = table.columns()
    rows = [table.header, *table.all_rows()] if table.header else list(table.all_rows())
    spans = [list(s) for s in table.spans]  # forms have no header; plain tables no spans
    offset = 1 if table.header else 0
    merged = {(r + offset, c) for r, c in table.merged_down}
    bold_rows = {r + offset for r in table.emphasis}
    if table.header:
        bold_rows.add(0)
    natural, minimum = column_needs(rows, spans, ncols, frozenset(bold_rows))
    if table.is_form:
        minimum[0] = natural[0] = max(minimum[0], FORM_LABEL_EM)
    if table.total is not None and not table.is_form:
        bold_rows.add(len(rows) - 1)
    size = fitting_size(minimum, tuple(styles), width_cm)
    style = styles[size]
    widths = [round(w / EMU_PER_TWIP) for w in column_widths(natural, minimum, size, width_cm)]
    parts = [
        '<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:type="dxa" w:w="'
        + str(sum(widths))
        + '"/><w:jc w:val="center"/><w:tblLayout w:type="fixed"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
        'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/></w:tblPr><w:tblGrid>'
    ]
    parts += [f'<w:gridCol w:w="{w}"/>' for w in widths]
    parts.append("</w:tblGrid>")
    plain = {False: ppr(style, ""), True: ppr(style, '<w:jc w:val="left"/>')}
    kept = {False: ppr(style, "<w:keepNext/>"), True: ppr(style, '<w:keepNext/><w:jc w:val="left"/>')}
    keep_from = _indicator_block(table, offset)
    left_columns = _left_columns(table, rows, offset)
    for r, values in enumerate(rows):
        header = r == 0 and bool(table.header)
        parts.append(
            "<w:tr><w:trPr><w:cantSplit/>" + ('<w:tblHeader w:val="true"/>' if header else "") + "</w:trPr>"
        )
        col = 0
        row_spans = spans[r] if spans else [1] * len(values)
        for c, span in enumerate(row_spans):
            text = clean_line(values[c]) if c < len(values) else ""
            width = sum(widths[col : col + span])
            props = f'<w:tcW w:type="dxa" w:w="{width}"/>'
            if span > 1:
                props += f'<w:gridSpan w:val="{span}"/>'
            if (r, c) in merged:
                props += "<w:vMerge/>"
                text = ""
            elif table.is_form and c == 0 and (r + 1, 0) in merged:
                props += '<w:vMerge w:val="restart"/>'
            props += '<w:vAlign w:val="center"/>'
            bold = r in bold_rows or (table.is_form and (c == 0 or text in _LABELS))
            if table.is_form:  # a long text reads from the left; a number of any length stays centred
                left = len(text) > LEFT_ALIGNED_FROM and not _NUMBER.fullmatch(text)
            else:
                left = (r, c) in left_columns
            paragraph = (kept if keep_from <= r < len(rows) - 1 else plain)[left]
            parts.append(
                f"<w:tc><w:tcPr>{props}</w:tcPr><w:p>{paragraph}{run(style, bold)}{content(text)}</w:r></w:p></w:tc>"
            )
            col += span
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    return "".join(parts)


def _left_columns(table: Table, rows: list[list[str]], offset: int) -> set[tuple[int, int]]:
    """The body cells of a plain table's columns that hold a long text (项目名称): a whole column is aligned
    one way, never centred short names beside left-aligned long ones. Header and 合计 row stay centred."""
    last = len(rows) - (1 if table.total is not None else 0)
    body = range(offset, last)
    long = {c for r in body for c, text in enumerate(rows[r]) if len(clean_line(text)) > LEFT_ALIGNED_FROM}
    return {(r, c) for r in body for c in long}


def _indicator_block(table: Table, offset: int) -> int:
    """Where a form's last block (label row to the end) starts: its rows are kept together with the total
    row, so the indicator table moves to the next page whole rather than leaving its header behind."""
    if not table.is_form or len(table.emphasis) < 2:
        return 1 << 30
    return sorted(table.emphasis)[-2] + offset
