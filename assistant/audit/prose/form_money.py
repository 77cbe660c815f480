"""The money of a flattened 自评表: its fund rows (年度资金总额, 其中 rows) read by the header's columns, and money cells
written after their label ("实际支出 (万元) 179.6") as cover sheets and summary rows give them.

Why apart from the indicator rows: the money has its own header (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 /
得分) and its own way of losing cells to a flattening: the 执行率 with its "%" is the one cell every fund row has in a
fixed place, and the amounts are right-aligned around it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..cues import cues
from .cells import Cell, CellNumber, cells_of, squeeze
from .form_titles import column_order

_CUES = cues(__name__)

# Every title a funds header may write, so that a row's cells go under their own titles: the extra columns real
# forms carry (结余, 调整数, 上年结转, 偏差原因, 差额) hold a place too, and a number under a title of no agreed meaning
# (差额, 偏差: which way?) is read as no figure. A cause's title is listed first: "未执行原因" is no 结余 column.
_FUND_WORDS = (
    ("note", ("偏差原因", "未执行原因", "原因", "说明", "备注")),
    ("other", ("差额", "偏差")),
    ("unspent", ("结转结余", "结余", "未执行", "未支出")),
    ("adjustment", ("调整数", "调增调减")),
    ("carried", ("上年结转",)),
    ("budget_initial", ("年初预算",)),
    ("budget", ("全年预算", "调整后预算", "调整预算")),
    ("executed", ("全年执行", "预算执行数", "执行数")),
    ("points", ("分值", "权重")),
    ("rate", ("执行率",)),
    ("score", ("得分",)),
)


@dataclass
class FundRow:
    label: str
    total: bool
    cells: dict[str, tuple[Cell, CellNumber]]
    start: int
    end: int


@dataclass
class LabelValue:
    """A money cell written after its label ("实际支出 (万元) 179.6"), as cover sheets and summary rows give them."""

    field: str
    label: str
    cell: Cell
    number: CellNumber
    factor: Decimal


def is_fund_label(text: str) -> bool:
    """Does ``text`` (a squeezed cell) name a fund row (年度资金总额, 其中：财政拨款…), no indicator?"""
    return bool(_CUES.fund_total.match(text) or _CUES.fund_sub.match(text))


# --- label-value money cells --------------------------------------------------------------------------------

_LABEL_FIELDS = (
    ("年初", "budget_initial"),
    ("到位", "arrived"),
    ("支出", "executed"),
    ("执行", "executed"),
    ("结余", "unspent"),
    ("", "budget"),
)


def label_values(text: str, funds: list[FundRow]) -> list[list[LabelValue]]:
    """Blocks of "label (万元) number" cells, where the text names the money unit; rows already read excluded."""
    stated = _CUES.money_unit.search(text)
    taken = [(r.start, r.end) for r in funds]
    blocks: list[list[LabelValue]] = []
    for m in _CUES.labelled.finditer(text):
        unit = m.group("unit") or (stated.group(1) if stated else None)
        if unit is None or any(a <= m.start() < b for a, b in taken):
            continue
        label = m.group("label")
        field = next(f for word, f in _LABEL_FIELDS if word in label)
        cell = Cell(m.group("num"), m.start("num"), m.end("num"))
        number = cell.number
        if number is None:
            continue
        factor = Decimal("0.0001") if "元" in unit and "万元" not in unit else Decimal(1)
        value = LabelValue(field, label, cell, number, factor)
        if blocks and m.start() - blocks[-1][-1].cell.end < 80:
            blocks[-1].append(value)
        else:
            blocks.append([value])
    return [b for b in blocks if len(b) >= 2]


def fund_rows(text: str) -> list[FundRow]:
    rows: list[FundRow] = []
    labels = sorted(
        [(m.start(), m.end(), True) for m in _CUES.fund_total.finditer(text)]
        + [(m.start(), m.end(), False) for m in _CUES.fund_sub.finditer(text)]
    )
    if not labels:
        return rows
    first = labels[0][0]
    order = column_order(text[max(0, first - 160) : first], _FUND_WORDS, ends_at_rows=True)
    if "rate" not in order or len(order) < 4:
        return rows
    for k, (start, end, is_total) in enumerate(labels):
        stop = labels[k + 1][0] if k + 1 < len(labels) else len(text)
        values: list[Cell] = []
        for cell in cells_of(text, end, stop):
            if cell.number is None and not cell.empty:
                break
            values.append(cell)
        mapped = _map_fund_cells(values, order)
        if mapped and not is_total and rows and _in_prose_after(text, rows[-1].end, start):
            continue  # "其中当年财政拨款2,914.28万元" in a paragraph after the form: no row of its block
        if mapped:
            rows.append(
                FundRow(squeeze(text[start:end]).strip(":："), is_total, mapped, start, values[-1].end)
            )
    return rows


def _in_prose_after(text: str, row_end: int, start: int) -> bool:
    """Is the label at ``start`` a word of running text after the row ending at ``row_end``: glued to the words
    before it, with a clause or several lines between (a label opening its cell is a row's, whatever a 原因 cell
    between says)?"""
    opens_cell = start == 0 or text[start - 1] in _CELL_EDGES
    return not opens_cell and _CUES.row_gap.search(text, row_end, start) is not None


_CELL_EDGES = frozenset(" \t\n|\u3000\u00a0")


def _map_fund_cells(values: list[Cell], order: list[str]) -> dict[str, tuple[Cell, CellNumber]]:
    """Cells to columns: all of them in order when complete; else around the "%" cell, amounts right-aligned."""
    if not values:
        return {}
    if len(values) == len(order):
        pairs = list(zip(order, values, strict=True))
    else:
        percent = next((k for k, c in enumerate(values) if c.number and c.number.unit == "%"), None)
        amounts = [name for name in order if name in ("budget_initial", "budget", "executed")]
        if percent is None:
            if len(values) > len(amounts):
                return {}
            pairs = list(zip(amounts[len(amounts) - len(values) :], values, strict=True))
        else:
            at = order.index("rate")
            before, after = values[:percent], values[percent:]
            names_before = order[:at][-len(before) :] if before else []
            if len(before) > at or len(after) > len(order) - at:
                return {}
            pairs = list(zip(names_before, before, strict=True)) + list(zip(order[at:], after, strict=False))
    return {name: (cell, cell.number) for name, cell in pairs if cell.number is not None and name != "other"}
