"""RATE_MISMATCH and TOTAL_MISMATCH on a money table written with pipes, tabs or spaces (资金使用情况表 and the like): each row's
执行率 against its 执行数 ÷ 预算数, and a 合计 row against the sum of the rows, column by column.

Bad: 项目名称 | 预算数（万元） | 到位数（万元） | 执行数（万元） | 执行率 / 农村饮水安全巩固提升工程 | 104 | 104 | 93.6 |
92% (93.6 ÷ 104 = 90 %). Good: 90%. A 到位率 column is the 到位 column over the budget (下达) column, its 合计 row
included: 资金来源 ⇥ 下达金额 ⇥ 到位金额 ⇥ 到位率 / 合计 ⇥ 1,280.00 ⇥ 1,152.00 ⇥ 92.00% (90.00 %). A table of places or recipients with a 发放金额 column (the money paid out to
each) closes with a 合计 that must be its rows' sum; so does one of the money each place got (补贴资金, 奖补资金, 投资) and
of a quantity beside it (补贴面积（亩）, 受益户数, 补贴数量): 乡镇 ⇥ 补贴面积（亩） ⇥ 补贴资金（元） / … / 合计 ⇥ 34,760 ⇥
524,100.00 under rows of 521,400.00 is wrong (not a standard or an average column: 亩均, 每户). Rows that do not have the
header's number of cells are not read (merged cells would shift the columns; a Markdown rule "| --- |" is no row). The
header names each column, the row holds the numbers: an error. A 自评得分 (or 分值) column over rows of projects is a
summary of the projects' self-assessment, read like any money table (序号 | 项目名称 | 全年预算数（万元） | 全年执行数（万元） |
执行率 | 自评得分 | 等级 / 2 | 文物保护单位维修经费 | 286.00 | 242.70 | 88.46% | 88.2 | 良: 84.86 %); over fund rows
(年度资金总额, 其中：财政拨款) it is a 自评表's money block, left to the form's checks.
Any column titled by a money unit is an amount the 合计 sums (安排资金（万元）, 已拨付（万元）, 金额（元）; not 标准, 单价,
户均), and a column of counts (项目个数, 受益户数, 村数) is summed exactly. A 小计 row sums the rows since the previous
小计 (东片 rows, 小计, 西片 rows, 小计, 合计 of all), a 合计 every row but the 小计s. A 合计 is read at its own written
precision: 36.1 over 12.34 + 15.27 + 8.46 = 36.07 is the sum rounded (good); 3,620.00 over rows making 3,610.00 is bad.
The same reading holds for a table copied one cell a line, under a caption line ("表3 各县（区）资金拨付情况").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber, squeeze
from ..prose.flat_rows import flat_tables
from ..prose.form_money import is_fund_label
from ..prose.interval import total, written
from ..prose.table_lines import line_cells, row_cells, stacked_rows, title_run_ends
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)
_AMOUNTS = ("budget", "arrived", "executed")
_STACKED_CELL = 12  # the longest line read as one title or name cell of a table written one cell a line
STACKED_COLUMNS = 12  # the most columns a table written one cell a line is read with


@check_unit(also=("RATE_MISMATCH", "TOTAL_MISMATCH"), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    for header, rows in money_tables(ctx.doc.text):
        if form_header(header, rows):
            continue  # a 自评表's money block (分值, 得分): the form's own checks read it
        columns = money_columns(header)
        if not {"rate", "arrived_rate"} & columns.keys() and not amount_columns(columns):
            continue
        body = [r for r in rows if not _CUES.total_label.match(r[0].text)]
        for row in body:
            yield from _rate(ctx, columns, row)
        for row in rows:
            yield from _rate(ctx, columns, row, "arrived_rate")
        for row, parts in closing_rows(rows):
            yield from _total(ctx, columns, row, parts)


def closing_rows(rows: list[list[Cell]]) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """Each 合计/小计 row with the rows it sums: a 小计 closes the rows since the previous 小计 (a group: 东片 rows,
    小计, 西片 rows, 小计), a 合计 or 总计 every body row of the table (the 小计 rows left out)."""
    body = [r for r in rows if not _CUES.total_label.match(r[0].text)]
    group: list[list[Cell]] = []
    for row in rows:
        if not _CUES.total_label.match(row[0].text):
            group.append(row)
        elif _CUES.subtotal_label.match(row[0].text):
            yield row, group
            group = []
        else:
            yield row, body


def own_rows(parts: list[list[Cell]]) -> list[list[Cell]]:
    """The rows a 合计 counts as items: a 其中 row is part of the row above it."""
    return [r for r in parts if not _CUES.sub_row.match(r[0].text)]


@dataclass(frozen=True)
class MoneyRow:
    """A body row of a money table whose 执行率 its own 执行数 ÷ 预算数 gives: the table's reading of one item."""

    name: Cell  # the row's first cell of words (a serial may open the row)
    budget: CellNumber
    rate: CellNumber
    rate_cell: Cell
    title: str = ""  # the header's words over the name ("县区", "项目名称"): what kind of item the rows are


def form_header(header: list[Cell], rows: Sequence[list[Cell]] = ()) -> bool:
    """Whether a table is a 自评表's money block (分值, 得分 over fund rows: 年度资金总额, 其中：财政拨款): the form's
    own checks read it. The same columns over rows of projects (序号 | 项目名称 | 全年预算数 | 全年执行数 | 执行率 |
    自评得分 | 等级) are a summary of the projects' self-assessment, its money read like any money table's."""
    if not any(_CUES.form_title.search(c.text) for c in header):
        return False
    labels = [next((c.text for c in row if c.text and c.number is None), "") for row in rows]
    return not rows or any(is_fund_label(squeeze(label)) for label in labels)


def money_rows(text: str) -> Iterator[MoneyRow]:
    """The rows of the text's money tables (not a 自评表's) whose rate agrees with their amounts."""
    for header, rows in money_tables(text):
        if form_header(header, rows):
            continue
        columns = money_columns(header)
        for row in rows:
            budget, executed = money_cell(row, columns, "budget"), money_cell(row, columns, "executed")
            rate = money_cell(row, columns, "rate", percent=True)
            name = next((c for c in row if c.text and c.number is None), None)
            if budget is None or executed is None or rate is None or name is None:
                continue
            if _CUES.total_label.match(name.text):
                continue
            places = max(budget.places, executed.places)
            quotient = executed.interval(places).divided_by(budget.interval(places))
            if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
                title = header[row.index(name)].text if len(header) == len(row) else ""
                yield MoneyRow(name, budget, rate, row[columns["rate"]], title)


@lru_cache(maxsize=4)
def money_tables(text: str) -> tuple[tuple[list[Cell], list[list[Cell]]], ...]:
    """The text's money tables, read once per text: three checks (rates, row rates, counts) read the same tables.
    Callers must not change the cells."""
    return tuple([*_read_money_tables(text), *_stacked_tables(text), *flat_tables(text, _flat_title)])


def _read_money_tables(text: str) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """The first line of a run whose cells name an amount column is the header, the lines after it with as many
    cells its rows."""
    for kind, lines in line_runs(text):
        yield from _split(lines, kind)


def line_runs(text: str) -> Iterator[tuple[str, list[list[Cell]]]]:
    """Runs of lines split the same way (pipes, tabs, or runs of spaces in a line that holds no sentence), each
    line its cells. A page break inside the table (its page number, the running title) does not end it."""
    lines: list[list[Cell]] = []
    kind = None
    position = 0
    title = running_title(text)
    for line in [*text.split("\n"), ""]:
        if lines and page_noise(line, title):
            position += (
                len(line) + 1
            )  # "— 4 —" and the running title at a page break: the table goes on below
            continue
        now = _kind(line)
        if now != kind or now is None:
            if lines and kind is not None:
                yield kind, lines
            lines = []
        kind = now
        if now is not None:
            lines.append(_cells(line, position, now))
        position += len(line) + 1


def _stacked_tables(text: str) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    """Tables written one cell a line ("县（区）⏎到位资金⏎已支出⏎支出进度⏎A县⏎2,361.80⏎2,298.44⏎97.32%⏎…"): a run of
    title lines, two of them naming money or a rate, then rows each a name line and one number line per other
    title. Read only while every row fits so; a line that breaks the pattern ends the table."""
    lines = line_cells(text)
    ends = title_run_ends(lines, _title_line)
    k = 0
    while k < len(lines):
        # a header runs to the end of its run of title lines, so only the last few lines of a long run can open one
        k = max(k, ends[k] - STACKED_COLUMNS - 1)
        width = _stacked_width(lines, k, ends[k])
        if width is None:
            k += 1
            continue
        rows, j = stacked_rows(lines, k + width, width, _stacked_row)
        if len(rows) >= 2:
            yield lines[k : k + width], rows
            k = j
        else:
            k += 1  # a caption line read as a title: the header may start on the next line


def _stacked_width(lines: list[Cell], k: int, end: int) -> int | None:
    """How many title lines open at ``k`` (their run ends at ``end``): words only, short, no sentence, two naming
    money or a rate, and the line after them a name whose next line is a number."""
    width = end - k - 1  # the last words line is the first row's name
    header = lines[k : k + width]
    titles = sum(_titled(c) for c in header)
    # "乡镇⏎补贴面积（亩）⏎补贴资金（元）": a quantity beside one money title is a table's header too
    titles += bool(titles) and any(_quantity(c) for c in header)
    if k + width + 1 >= len(lines) or lines[k + width + 1].number is None:
        return None
    if width == 2 and _name_and_money(header):
        return width
    return width if width >= 3 and titles >= 2 else None


def _name_and_money(header: list[Cell]) -> bool:
    """Two title lines, the first naming the rows ("县（区）", "项目名称"), the second an amount in a money unit
    ("分配金额（万元）"): a list of names and the money each got. Only so, for a short line of words and a number
    under it is otherwise a heading and a figure of prose."""
    return (
        not _titled(header[0])
        and not _quantity(header[0])
        and _CUES.money_title.search(header[1].text) is not None
    )


def _quantity(cell: Cell) -> bool:
    """A header cell naming a quantity each row holds: an area, a number of households or projects."""
    return bool(_CUES.count_title.search(cell.text) or _CUES.quantity_title.search(cell.text))


def _titled(cell: Cell) -> bool:
    """A header cell naming a rate or an amount: by its words (预算数, 执行率) or by its money unit (安排资金（万元）)."""
    return any(
        cue.search(cell.text) is not None for cue in (_CUES.rate_title, _CUES.amount_title, _CUES.money_title)
    )


def _flat_title(cell: Cell) -> bool:
    """A header cell of a table run into one line that names a figure column: money, a rate, a quantity."""
    return _titled(cell) or _quantity(cell)


def _title_line(cell: Cell) -> bool:
    """Short words, no sentence; not a line announcing the table ("各乡镇发放情况如下：")."""
    return (
        0 < len(cell.text) <= _STACKED_CELL
        and cell.number is None
        and not _CUES.sentence.search(cell.text)
        and not cell.text.endswith(("：", ":"))
    )


def _stacked_row(group: list[Cell]) -> bool:
    return _title_line(group[0]) and all(c.number is not None and not c.number.op for c in group[1:])


def running_title(text: str) -> str:
    """The text's first line, which a copy from a PDF repeats at the head of every page."""
    return next((line.strip() for line in text.split("\n") if line.strip()), "")


def page_noise(line: str, title: str) -> bool:
    """A page's number ("— 4 —", "第 3 页 共 9 页") or the running title (the text's first line) that a copy from a
    PDF leaves inside a table split over two pages."""
    stripped = line.strip()
    return bool(stripped) and (_CUES.page_mark.fullmatch(stripped) is not None or stripped == title)


def _kind(line: str) -> str | None:
    if "|" in line:
        return "pipe"
    if "\t" in line.strip():
        return "tab"
    stripped = line.strip()
    if _CUES.spaced.search(stripped) and not _CUES.sentence.search(stripped):
        return "space"
    return None


def _split(lines: list[list[Cell]], kind: str | None) -> Iterator[tuple[list[Cell], list[list[Cell]]]]:
    for k, header in enumerate(lines):
        titles = sum(_titled(c) for c in header)
        if titles >= (2 if kind == "space" else 1):  # a spaced line needs two titles to be a header
            titles_text = [c.text for c in header]
            # the header written again after a page break is no row
            # nor is a Markdown rule under the header ("| --- | --- |")
            rows = [
                r
                for r in lines[k + 1 :]
                if len(r) == len(header)
                and [c.text for c in r] != titles_text
                and not all(_CUES.rule_cell.fullmatch(c.text) for c in r)
            ]
            if rows:
                yield header, rows
            return


_SEPARATORS = {"pipe": re.compile(r"\|"), "tab": re.compile("\t")}


def _cells(line: str, start: int, kind: str) -> list[Cell]:
    """The cells of one line with their spans; the empty pieces outside its first and last separator dropped. "1
    086.30" in a tab or pipe row is one amount with its thousands spaced, as ``prose.cells`` reads it."""
    if kind == "space":
        return row_cells(line, start, _CUES.space_split, blank_at_end=True)
    return row_cells(line, start, _SEPARATORS[kind], blank_at_end=True, spaced=True)


def money_columns(header: list[Cell]) -> dict[str, int]:
    found: dict[str, int] = {}
    for k, cell in enumerate(header):
        if _CUES.arrived_rate_title.search(cell.text):
            found.setdefault("arrived_rate", k)
        elif _CUES.rate_title.search(cell.text):
            found.setdefault("rate", k)
        elif _CUES.arrived_title.search(cell.text):
            found.setdefault("arrived", k)
        elif _CUES.executed_title.search(cell.text):
            found.setdefault("executed", k)
        elif _CUES.budget_title.search(cell.text):
            if "budget" in found and _CUES.initial_title.search(header[found["budget"]].text):
                found["budget"] = k  # 年初 then 全年/调整后: the 执行率 is over the latter
            found.setdefault("budget", k)
        elif _CUES.count_title.search(cell.text):
            found.setdefault(f"count{k}", k)  # "项目个数": summed exactly by the 合计 row
        elif _CUES.quantity_title.search(cell.text):
            found.setdefault(f"quantity{k}", k)  # "补贴面积（亩）": summed by the 合计 row, in no rate
        elif _CUES.money_title.search(cell.text):
            found.setdefault(f"money{k}", k)  # "安排资金（万元）": an amount the 合计 row sums, in no rate
    return found


def amount_columns(columns: dict[str, int]) -> list[str]:
    """The columns of money a 合计 row states: the budget, arrived and executed ones, then any other money column."""
    return [*(n for n in _AMOUNTS if n in columns), *(n for n in columns if n.startswith("money"))]


def money_cell(
    row: list[Cell], columns: dict[str, int], name: str, percent: bool = False
) -> CellNumber | None:
    if name not in columns:
        return None
    number = row[columns[name]].number
    if number is None or number.op or (number.unit == "%") != percent or (not percent and number.unit):
        return None
    return number


# the rate columns a money table may hold: (rate column, its numerator column, the words of the finding)
_RATES = {
    "rate": ("executed", "执行数", "预算数", "执行率"),
    "arrived_rate": ("arrived", "到位数", "下达（预算）数", "到位率"),
}


def _rate(
    ctx: AuditContext, columns: dict[str, int], row: list[Cell], kind: str = "rate"
) -> Iterator[Finding]:
    """The row's rate column against its numerator column over its budget column: the 执行率 (执行数 ÷ 预算数), or
    the 到位率 (到位数 ÷ 下达数), whose 合计 row is checked too: its rate is of its own sums."""
    part_name, part_word, whole_word, rate_word = _RATES[kind]
    budget, part = money_cell(row, columns, "budget"), money_cell(row, columns, part_name)
    rate = money_cell(row, columns, kind, percent=True)
    if budget is None or part is None or rate is None:
        return
    places = max(budget.places, part.places)
    quotient = part.interval(places).divided_by(budget.interval(places))
    if quotient is None:
        return
    computed = quotient.scaled(HUNDRED)
    cell = row[columns[kind]]
    ctx.facts.mark(row[columns["budget"]], row[columns[part_name]], cell)
    if computed.overlaps(rate.interval()):
        return
    arrived = money_cell(row, columns, "arrived") if kind == "rate" else None
    over_arrived = part.interval(places).divided_by(arrived.interval(places)) if arrived else None
    if over_arrived is not None and over_arrived.scaled(HUNDRED).overlaps(rate.interval()):
        return  # the rate is written over 到位资金
    shown = written(computed.mid, 2).mid.quantize(Decimal("0.01"))
    yield ctx.relation_finding(
        "RATE_MISMATCH",
        f"表中“{_label(row)}”{part_word} {row[columns[part_name]].text} ÷ {whole_word} "
        f"{row[columns['budget']].text} ＝ {shown}%，{rate_word}写作 {cell.text}",
        (row[0].start, row[-1].end),
        expected=f"{shown}%",
        found=cell.text,
        quote=ctx.doc.text[row[0].start : row[-1].end],
    )


def _label(row: list[Cell]) -> str:
    """The row's name: its first cell of words, after any serial ("2 | 文物保护单位维修经费 | 286.00 | …")."""
    return next((c.text for c in row if c.text and c.number is None), row[0].text)


def _column_sums(
    columns: dict[str, int], row: list[Cell], body: list[list[Cell]]
) -> Iterator[tuple[str, CellNumber, list[CellNumber | None]]]:
    """The amount columns whose 合计 cell in ``row`` and every body row's cell are plain numbers: (column, total,
    parts)."""
    for name in [*amount_columns(columns), *(c for c in columns if c.startswith(("quantity", "count")))]:
        stated = money_cell(row, columns, name)
        parts = [money_cell(r, columns, name) for r in body]
        if stated is not None and len(body) >= 2 and all(p is not None for p in parts):
            yield name, stated, parts


@lru_cache(maxsize=8)
def summed_totals(text: str) -> frozenset[int]:
    """Where the 合计 cells stand that ``check`` sums column by column: other readers of tables leave them to it
    (one cell, one finding)."""
    found = set()
    for header, rows in money_tables(text):
        if form_header(header, rows):
            continue
        columns = money_columns(header)
        for row, parts in closing_rows(rows):
            found.update(row[columns[name]].start for name, _, _ in _column_sums(columns, row, parts))
    return frozenset(found)


def _total(
    ctx: AuditContext, columns: dict[str, int], row: list[Cell], body: list[list[Cell]]
) -> Iterator[Finding]:
    # A row labelled 其中 is part of the row above it: the 合计 is the other rows' sum. Read either way (a table may
    # also close on the sum of every line it shows), the 合计 is wrong only when neither sum gives it. The 合计 is
    # read at its own written precision too: 36.1 over rows of 12.34, 15.27 and 8.46 (36.07) is the sum rounded.
    own = [not _CUES.sub_row.match(r[0].text) for r in body]
    for name, stated, parts in _column_sums(columns, row, body):
        places = max([stated.places, *(p.places for p in parts if p is not None)])
        readings = [parts, [p for p, kept in zip(parts, own, strict=True) if kept]]
        ctx.facts.mark(row[columns[name]], *(r[columns[name]] for r in body))
        if name.startswith("count") and any(
            sum((p.value for p in r if p is not None), Decimal(0)) == stated.value for r in readings
        ):
            continue  # whole counts: exact
        if not name.startswith("count") and any(
            total([p.interval(places) for p in r if p is not None]).overlaps(stated.interval())
            for r in readings
        ):
            continue
        cell = row[columns[name]]
        value = sum((p.value for p in readings[1] if p is not None), Decimal(0))
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"表中“{row[0].text}”行 {cell.text}，各行合计 {value}",
            (cell.start, cell.end),
            expected=str(value),
            found=cell.text,
            quote=ctx.doc.text[row[0].start : row[-1].end],
            tied=True,
        )
