"""TOTAL_MISMATCH from a detail table flattened into the text: rows of a label and its amount, closed by a
合计 row, against the sum of the rows (text-only audit).

Bad: 支出内容 | 实际支出数 | 会计凭证号, then 上半年重点优抚对象补助 67 …, 优抚解三难 9.1 …, 60岁老兵补助 6 …, 支出合计
279.6 (the rows give 179.6). Good: 支出合计 179.6. A row is a label cell followed by a bare number (the remarks
and voucher cells after it are skipped); the rows run back from the 合计 to the table's header (a column title
naming an amount) and stop at any sentence. A 小计 row sums rows already counted and a 其中 row is a part of the
row above it: neither is a row of the total. A number right after a column title (序号, 占比, 备注…) is the first
row's serial or code, not a row; so is a number that opens a line and is followed by more cells of it ("1 |
基本公共卫生服务 | 1420.00", a table with no outer pipes). A 合计 cell may hold its value after a colon ("| 合计:1028000元 |"), in the
header's unit ("金额(元)") or none. A header is an amount's title ("实际支出数", "金额（元）") or an amount's noun with
its unit ("分配资金（万元）"); a figure with thousands separators ("18,200.00") is a cell, no sentence; a title line
opening the text over the header ("附表 项目资金支出明细") is no page break. The rows and the 合计 must stand in one
column (by the tabs or pipes before them: a 合计 row with a blank cell, tables side by side, a whole form run into one
line are no column); a 合计 that ``text_table_rates`` sums by its column title is left to it. Pairing cells of a
flattened table rests on the reading: a warning ("uncertain"), never an error.
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, cells_of
from ..prose.interval import total
from ..registry import check_unit
from .text_table_rates import page_noise, running_title, summed_totals

_CUES = cues(__name__)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    cells = cells_of(text)
    findings = []
    for k, cell in enumerate(cells):
        stated = _stated(cells, k)
        if stated is None:
            continue
        rows = _rows(text, cells, k)
        if rows is None or len(rows) < 2 or _rows_left_out(text, cells, k, rows, stated):
            continue
        own_cell = stated.start >= cell.end  # not "| 合计:1028000元 |", its value after the label's colon
        if len({_column(text, c) for c in [*([stated] if own_cell else []), *(c for _, c in rows)]}) > 1:
            continue  # figures of several columns (tables side by side, a 合计 row with a blank cell): no one column
        if stated.start in summed_totals(text):
            continue  # "| 合计 | 164 |" under 预算数（万元）: ``text_table_rates`` sums that column by its title
        if stated.start < cell.end:  # "合计:1028000元": the label is the words before the colon
            cell = Cell(cell.text[: cell.text.find(stated.text)].rstrip(" :："), cell.start, stated.start)
        findings += _compare(ctx, rows, cell, stated)
    return findings


def _stated(cells: list[Cell], at: int) -> Cell | None:
    """The total the 合计 cell at ``at`` states: the bare number in the next cell, or the number after a colon in
    the same cell ("| 合计:1028000元 |"), when it carries no unit or the unit the header names ("金额(元)")."""
    cell = cells[at]
    if _CUES.total.match(cell.text):
        after = cells[at + 1] if at + 1 < len(cells) else None
        return after if after is not None and after.plain is not None else None
    valued = _CUES.total_valued.match(cell.text)
    if valued is None:
        return None
    unit = valued.group("unit")
    if unit is not None and unit != _header_unit(cells, at):
        return None
    start = cell.start + valued.start("num")
    return Cell(valued.group("num"), start, start + len(valued.group("num")))


def _header_unit(cells: list[Cell], at: int) -> str | None:
    """The unit in brackets of the nearest amount header above the cell at ``at`` ("金额(元)": 元)."""
    for cell in reversed(cells[max(0, at - 200) : at]):
        if cell.number is None and _CUES.header.search(cell.text):
            unit = _CUES.header_unit.search(cell.text)
            return unit.group("unit") if unit else None
    return None


def _rows(text: str, cells: list[Cell], at: int) -> list[tuple[Cell, Cell]] | None:
    """(label, amount) pairs from the 合计 back to the header; None when a sentence or another total comes first."""
    rows: list[tuple[Cell, Cell]] = []
    k = at - 1
    while k > 0 and at - k < 200:
        cell = cells[k]
        # "18,200.00": a figure's thousands separators, no clause
        sentence = cell.number is None and _CUES.sentence.search(cell.text)
        if sentence or _CUES.total.match(cell.text) or len(cell.text) > 80:
            return None
        if cell.number is None and _CUES.header.search(cell.text):
            above = _before_page_break(text, cell)
            if above is None:
                return list(reversed(rows))
            # the header written again under a page break: the rows go on above the break
            k = max((j for j in range(k) if cells[j].end <= above), default=0)
            continue
        label = cells[k - 1]
        if label.number is None and (_CUES.header.search(label.text) or _CUES.column_title.match(label.text)):
            above = _before_page_break(text, label)
            if above is None:
                return list(reversed(rows))  # a number right under the header is a code column, not a row
            k = max((j for j in range(k) if cells[j].end <= above), default=0)
            continue
        if cell.plain is not None and _is_label(label) and not _across_pipe_rows(text, label, cell):
            if not _CUES.counted_twice.match(label.text):
                rows.append((label, cell))
            k -= 2
            continue
        k -= 1
    return None


def _rows_left_out(
    text: str, cells: list[Cell], at: int, rows: list[tuple[Cell, Cell]], stated: Cell
) -> bool:
    """Does a total row of several value columns ("合计 | 100 | 96.5", 分值 and 得分) stand under lines whose
    numbers gave no row? Pairing each row's first number after a word is then no reading of one column: a row
    whose cell before its numbers is a value ("94% | 30 | 30") was skipped, a cell of another column taken."""
    following = next((c for c in cells[at + 1 :] if c.start >= stated.end), None)
    line_end = text.find("\n", stated.end)
    line_end = len(text) if line_end < 0 else line_end
    if following is None or following.plain is None or following.start > line_end:
        return False
    read = {text.count("\n", 0, c.start) for _, c in rows}
    first = rows[0][0].start
    numbered = {text.count("\n", 0, c.start) for c in cells[:at] if c.start >= first and c.plain is not None}
    return not numbered <= read


def _column(text: str, cell: Cell) -> int:
    """Which column of its line a cell stands in, by the separators before it: each tab or pipe (a blank cell
    keeps its separator), else each run of spaces. A table written one cell a line has every cell in column 0."""
    before = text[text.rfind("\n", 0, cell.start) + 1 : cell.start]
    marks = before.count("\t") + before.count("|")
    return marks if marks or not before.strip() else len(_CUES.space_run.findall(before.strip())) + 1


def _before_page_break(text: str, header: Cell) -> int | None:
    """Where the text ends before the page break right above the header's line ("…97.15%⏎— 4 —⏎报告标题⏎项目名称…"),
    when the lines right above it are a page's number or the running title only; else None (also when those lines
    open the text: a title over the table, nothing above it)."""
    title = running_title(text)
    start = text.rfind("\n", 0, header.start) + 1
    skipped = False
    while start > 0:
        above = text.rfind("\n", 0, start - 1) + 1
        if not page_noise(text[above : start - 1], title):
            break
        start, skipped = above, True
    return start if skipped and start > 0 else None  # the text's own first lines: nothing above to go on with


def _across_pipe_rows(text: str, label: Cell, cell: Cell) -> bool:
    """In a pipe table ("| 1 | 项目名称 | 1.9200 |", or with no outer pipes "1 | 项目名称 | 1.9200"), a cell and the
    last cell of the row above are no pair: the number opening a row is its serial. A number alone on its line
    before a pipe ("工程建设 |⏎20 |", one cell a line) is the value of the label above."""
    line_start = text.rfind("\n", 0, cell.start) + 1
    opens_row = "|" in text[line_start : cell.start] or bool(_CUES.more_cells_after.match(text, cell.end))
    return label.end <= line_start and opens_row


def _is_label(cell: Cell) -> bool:
    """Words, possibly opening with a number ("60岁老兵补助"), not a value with its unit ("1.5亩", "87人次")."""
    number = cell.number
    return not cell.empty and (number is None or len(number.unit) >= 4)


def _compare(ctx: AuditContext, rows: list[tuple[Cell, Cell]], label: Cell, stated: Cell) -> list[Finding]:
    numbers = [c.plain for _, c in rows]
    places = max([stated.plain.places, *(n.places for n in numbers if n is not None)])  # type: ignore[union-attr]
    summed = total([n.interval(places) for n in numbers if n is not None])
    given = stated.plain.interval(places)  # type: ignore[union-attr]
    ctx.facts.mark(stated, *(c for _, c in rows))
    if summed.overlaps(given):
        return []
    shown = "＋".join(c.text for _, c in rows)
    value = sum((n.value for n in numbers if n is not None), Decimal(0))
    return [
        ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"表中各行 {shown} ＝ {value}，{label.text}写作 {stated.text}",
            (rows[0][0].start, stated.end),
            expected=str(value),
            found=stated.text,
            proven=False,
            quote=ctx.doc.text[label.start : stated.end],
        )
    ]
