"""A Word table as the audit reads attached tables: a Markdown pipe table with one header row.

Word tables are grids with merged cells: ``w:gridSpan`` (across), ``w:vMerge`` (down) and the legacy
``w:hMerge``. Each merged cell's text is written once, in its first grid column and row, so that a merged
"合计" or 等级 cell is not counted twice. Leading rows that are one cell across the whole width (a 表名 row)
become plain lines above the table. A header of several rows (a group such as "资金情况（万元）" above
"全年预算数 | 全年执行数", with 项目名称 merged down) becomes one header row whose cells join the texts above
each column, so the column keeps both its name and its unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from assistant.office.docx_styles import int_attr, on_off

MAX_COLUMNS = 64
MAX_HEADER_ROWS = 3
_NAME_HEADERS = ("项目名称", "项目")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")


@dataclass
class Grid:
    """Cells laid on the table grid: ``rows[r][c]`` is the id of the cell covering that slot (-1: none)."""

    rows: list[list[int]] = field(default_factory=list)
    cells: list[etree._Element] = field(default_factory=list)  # w:tc by cell id
    repeat_header: list[bool] = field(default_factory=list)  # w:tblHeader per row

    @property
    def ncols(self) -> int:
        return max((len(row) for row in self.rows), default=0)


def children(element: etree._Element, w: str, local: str):
    """Child elements named ``local``, looking through content controls and custom XML wrappers."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or not tag.startswith(w):
            continue
        name = tag[len(w) :]
        if name == local:
            yield child
        elif name == "sdt":
            content = child.find(f"{w}sdtContent")
            if content is not None:
                yield from children(content, w, local)
        elif name == "customXml":
            yield from children(child, w, local)


def build_grid(tbl: etree._Element, w: str) -> Grid:
    """Place every cell of a ``w:tbl`` on the grid, resolving horizontal and vertical merges."""
    grid = Grid()
    previous: list[int] = []
    for tr in children(tbl, w, "tr"):
        trpr = tr.find(f"{w}trPr")
        row = [-1] * min(
            int_attr(None if trpr is None else trpr.find(f"{w}gridBefore"), w, 0) or 0, MAX_COLUMNS
        )
        grid.repeat_header.append(bool(on_off(None if trpr is None else trpr.find(f"{w}tblHeader"), w)))
        for tc in children(tr, w, "tc"):
            if len(row) >= MAX_COLUMNS:
                break
            tcpr = tc.find(f"{w}tcPr")
            span = int_attr(None if tcpr is None else tcpr.find(f"{w}gridSpan"), w, 1) or 1
            span = max(1, min(span, MAX_COLUMNS - len(row)))
            col = len(row)
            if _continues(tcpr, "vMerge", w) and col < len(previous) and previous[col] >= 0:
                cell = previous[col]
            elif _continues(tcpr, "hMerge", w) and row and row[-1] >= 0:
                cell = row[-1]
            else:
                cell = len(grid.cells)
                grid.cells.append(tc)
            row.extend([cell] * span)
        grid.rows.append(row)
        previous = row
    width = grid.ncols
    for row in grid.rows:
        row.extend([-1] * (width - len(row)))
    return grid


def _continues(tcpr: etree._Element | None, prop: str, w: str) -> bool:
    """Whether a cell continues a merge (``<w:vMerge/>`` or ``w:val="continue"``; "restart" starts one)."""
    merge = None if tcpr is None else tcpr.find(f"{w}{prop}")
    return merge is not None and merge.get(f"{w}val", "continue") == "continue"


def table_lines(grid: Grid, cell_text: Callable[[etree._Element], str]) -> list[str]:
    """The grid as lines: title rows as plain lines, then a pipe table (header, rule, rows)."""
    texts = [_clean(cell_text(tc)) for tc in grid.cells]
    rows = [(row, repeat) for row, repeat in zip(grid.rows, grid.repeat_header, strict=True)]
    rows = [(row, repeat) for row, repeat in rows if any(cell >= 0 and texts[cell] for cell in row)]
    lines: list[str] = [""]
    while len(rows) > 1 and len(title := {cell for cell in rows[0][0] if cell >= 0}) == 1:
        lines.append(texts[title.pop()])
        rows.pop(0)
    if not rows:
        return []
    height = _header_height([row for row, _ in rows], [repeat for _, repeat in rows])
    header = _header([row for row, _ in rows[:height]], texts)
    body: list[list[str]] = []
    seen: set[int] = set()
    for row, _ in rows[height:]:
        values = []
        for cell in row:
            values.append("" if cell < 0 or cell in seen else texts[cell])
            seen.add(cell)
        if any(values):
            body.append(values)
    keep = [c for c in range(len(header)) if header[c] or any(values[c] for values in body)]
    lines += [_pipe([header[c] for c in keep]), _pipe(["---"] * len(keep))]
    lines += [_pipe([values[c] for c in keep]) for values in body]
    return [*lines, ""]


def _header_height(rows: list[list[int]], repeat: list[bool]) -> int:
    """Rows in the header: those marked to repeat, and those a cell of the first row is merged down into."""
    height = 1
    for col, cell in enumerate(rows[0]):
        depth = 1
        while cell >= 0 and depth < len(rows) and rows[depth][col] == cell:
            depth += 1
        height = max(height, depth)
    marked = 0
    while marked < len(repeat) and repeat[marked]:
        marked += 1
    height = max(height, marked)
    return max(1, min(height, MAX_HEADER_ROWS, len(rows) - 1))


def _header(rows: list[list[int]], texts: list[str]) -> list[str]:
    header: list[str] = []
    last: tuple[int, ...] | None = None
    for col in range(len(rows[0])):
        cells = tuple(dict.fromkeys(row[col] for row in rows if row[col] >= 0))
        words = [_CJK_GAP.sub("", texts[cell]) for cell in cells if texts[cell]]
        names = [word for word in words if word in _NAME_HEADERS]
        if cells == last:  # the same merged cell(s) as the column before: written once
            header.append("")
        else:
            header.append(names[0] if names else " ".join(dict.fromkeys(words)))
        last = cells
    return header


def _clean(text: str) -> str:
    return " ".join(text.split()).replace("|", "｜")


def _pipe(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"
