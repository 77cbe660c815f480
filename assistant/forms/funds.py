"""The funds block of a 自评表: its columns (national, 四川, 湖北 20分, 转移支付 grids with 行次 and D/C ratios)
and each row's values put under them with the form's own arithmetic (``align``).

A rate column is checked as the ratio its header names ("执行率(B/A)", "预算执行(E/C×100%)"), or 执行数 ÷
预算数 when it names none. A 0/0 row printed as 100% or 0% fits either way. A bare number (no % sign) the row's
amounts do not give counts against reading it as the rate: a 其中 row above its total (120 120 120 under 100) is
three amounts, not two and a rate of 120, so the total's contradiction is reported and no rate one is made up.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Decimal

from assistant.numbers.precision import agrees

from .align import Column, Glued, Reading, align, as_items
from .fund_keys import COLUMN_KEYS, MONEY_KEYS, RATE_KEYS, UNKNOWN
from .fund_shapes import SAME_SIZE, amount_places_spread, one_size, places_spread, rate_gap, too_long
from .glued import glued_items, split_run
from .model import FUND_ROW_TOTAL, FundRow, Value
from .values import parse_value
from .vocabulary import EXTRA_FUND_TITLES

_AMOUNT_ORDER = ("budget_initial", "budget", "executed")  # the order every funds header prints them in
_SKIP_COST = {"budget_initial": 0.3, "carried": 0.3, "pooled": 0.3, "line": 0.2, "note": 0.1, "balance": 0.3}
_LETTER = re.compile(r"\(([A-Z])\)")
_RATIO = re.compile(r"\(([A-Z])/([A-Z])")
_HUNDRED = Decimal(100)
_TRILLION = Decimal(10) ** 12
_WAN = Decimal(10000)
_BLANKS = frozenset(
    ("budget_initial", "carried", "adjustment", "pooled", "note", "balance")
)  # cells a funds row may leave blank
_SUB_BLANKS = _BLANKS | {"points", "rate", "score", "available", "available_rate"}
# 得分 headed with the rule it follows: 得分(20分*执行率), 得分（分值×执行率）
_SCORE_FORMULA = re.compile(r"(?:\d+分|分值)\s*[*×xX]\s*(?:预算)?执行率|执行率\s*[*×xX]\s*(?:\d+分|分值)")
_EXTRA_TITLES = tuple((key, re.compile(pattern)) for key, pattern in EXTRA_FUND_TITLES)
_YUAN = {"元": Decimal(1), "万元": _WAN, "万": _WAN, "亿元": Decimal(10) ** 8}


@dataclass
class FundLayout:
    """The funds block's columns in order, with what each rate column divides."""

    keys: list[str] = field(default_factory=list)
    letters: dict[str, str] = field(default_factory=dict)  # "A" → "budget"
    ratios: dict[str, tuple[str, str]] = field(default_factory=dict)  # "rate" → ("executed", "budget")
    in_percent: set[str] = field(default_factory=set)  # rate columns headed 执行率（%）: 0.60 means 0.60%
    first_cell: int | None = (
        None  # the header cell of the first column: cells before it in a row are its label's
    )
    score_formula: bool = False  # the 得分 column headed with its rule: 得分(20分*执行率)

    def add(self, label_name: str, compact: str) -> None:
        key = COLUMN_KEYS.get(label_name)
        if key is None or key in self.keys:
            return
        self.keys.append(key)
        letter = _LETTER.search(compact)
        if letter and key in MONEY_KEYS:
            self.letters[letter.group(1)] = key
        ratio = _RATIO.search(compact)
        if ratio and key in RATE_KEYS:
            self.ratios[key] = (ratio.group(1), ratio.group(2))
        if key in RATE_KEYS and re.search(r"\(%\)|（%）|\(％\)|（％）", compact):
            self.in_percent.add(key)
        if key == "score" and _SCORE_FORMULA.search(compact):
            self.score_formula = True

    def add_title(self, title: str) -> None:
        """A plain title cell of the header row ('结余', '调整数', '偏差原因', '差额'): its column by its title, or an
        unknown column, so the cells after it are never shifted onto the known ones."""
        compact = re.sub(r"\s", "", unicodedata.normalize("NFKC", title))
        key = next((k for k, pattern in _EXTRA_TITLES if pattern.fullmatch(compact)), None)
        if key is None or key in self.keys:
            key = UNKNOWN + str(sum(k.startswith(UNKNOWN) for k in self.keys) + 1)
        self.keys.append(key)

    def unknown(self) -> bool:
        """Does a column no vocabulary names stand before a known one (its cells read, their meaning not: where a
        cell went missing, which known cell it was is a doubt)? One after all the known columns shifts none."""
        known = [k for k in self.keys if k != "note"]
        return any(
            k.startswith(UNKNOWN) and not all(o.startswith(UNKNOWN) for o in known[i:])
            for i, k in enumerate(known)
        )

    def as_written(self, cells: dict[str, Value]) -> dict[str, Value]:
        """Rates under a (%) header marked as percents, as the header says they are."""
        return {
            k: replace(v, percent=True)
            if k in self.in_percent and v.number is not None and not v.percent
            else v
            for k, v in cells.items()
        }

    def out_of_order(self) -> bool:
        """Are the amounts' columns in an order no form prints (全年预算数 before 年初预算数, 执行数 before 预算数)?
        Such a layout was pieced together from words outside the header: its cells are read, but any contradiction
        they show is a doubt, not a proof."""
        money = [key for key in _AMOUNT_ORDER if key in self.keys]
        return [key for key in self.keys if key in money] != money

    def ratio_of(self, key: str) -> tuple[str, str]:
        """Numerator and denominator keys of a rate column."""
        letters = self.ratios.get(key)
        if letters and all(letter in self.letters for letter in letters):
            return self.letters[letters[0]], self.letters[letters[1]]
        base = "budget_net" if "budget_net" in self.keys else "budget"
        return ("available" if key == "available_rate" else "executed"), base

    def scored(self) -> FundLayout:
        """The layout with the 得分 column a header of 分值 and 执行率 leaves out: the template's last funds
        column, whose label a flattened export may print after the rows ("…分值 执行率 年度资金总额: … 100% 10 …
        得分")."""
        if (
            "points" in self.keys
            and "rate" in self.keys
            and "score" not in self.keys
            and "note" not in self.keys
        ):
            return replace(self, keys=[*self.keys, "score"])
        return self

    def columns(self) -> list[Column]:
        return [
            Column(key, _ACCEPTS[_kind(key)], _SKIP_COST.get(key, 0.3 if key.startswith(UNKNOWN) else 1.0))
            for key in self.keys
        ]

    def required(self, sub: bool) -> set[str]:
        """The columns every row fills (a 其中 row may leave its 分值/执行率/得分 blank; nobody must fill a column
        whose title the vocabulary does not know)."""
        blanks = _SUB_BLANKS if sub else _BLANKS
        return {k for k in self.keys if k not in blanks and not k.startswith(UNKNOWN)}


def _kind(key: str) -> str:
    if key.startswith(UNKNOWN):
        return "note"  # any cell, text or number
    if key in MONEY_KEYS:
        return "money"
    return key if key in ("points", "score", "line", "note") else "rate"


def _is_money(value: Value) -> bool:
    return (
        value.number is not None
        and not value.percent
        and value.op is None
        and value.unit in (None, "万元", "元", "万")
    )


def _is_rate(value: Value) -> bool:
    return value.number is not None and value.op is None and (value.percent or value.unit is None)


def _is_points(value: Value) -> bool:
    return (
        value.number is not None
        and not value.percent
        and value.unit in (None, "分")
        and Decimal(0) <= value.number <= _HUNDRED
    )


def _is_line(value: Value) -> bool:
    return value.number is not None and value.unit is None and value.places == 0 and value.number <= 60


_ACCEPTS = {
    "money": _is_money,
    "rate": _is_rate,
    "points": lambda v: _is_points(v) and v.number is not None and v.number > 0,
    "score": _is_points,
    "line": _is_line,
    "note": lambda v: not v.blank,
}


def read_fund_row(
    label: str,
    words: list[Value],
    layout: FundLayout,
    total: FundRow | None,
    span: tuple[int, int],
    points: Decimal | None = None,
    *,
    glued: bool = False,
    line: int | None = None,
    money_unit: str = "万元",
) -> FundRow:
    """One funds row: its values under the layout's columns, the reading the arithmetic confirms. With
    ``glued`` (the row's cells touch each other and their label) a long integer may be several cells; a row
    holding glued cells is split only where the form's constraints leave one reading (``glued``)."""
    items = glued_items(words, glued)
    if any(isinstance(i, Glued) for i in items):
        found = split_run(
            items,
            layout.columns(),
            lambda reading: fits(reading, layout, label, total, points, line, _YUAN.get(money_unit, _WAN)),
            amount_places_spread,
            forced=True,
            written_prefer=lambda reading: (rate_gap(reading, layout), places_spread(reading)),
            written_fits=lambda reading: _filled(reading, layout, label, total) and one_size(reading),
        )
        return FundRow(label, found.cells, found.uncertain or layout.unknown(), span)
    if layout.keys[:1] == ["line"] and words and words[0].number is not None and _is_line(words[0]):
        line, row = words[0], read_fund_row(label, words[1:], _without_line(layout), total, span, points)
        row.cells = {"line": line, **row.cells}
        return row
    if len(words) == len(layout.keys) + 1:
        layout = (
            layout.scored()
        )  # one value more than the header names: the 得分 its label follows the rows with
    explicit = len(words) == len(layout.keys) and all(
        w.blank or _ACCEPTS[_kind(k)](w) for w, k in zip(words, layout.keys, strict=True)
    )
    if explicit:  # one value per column, each of the column's type: read as written
        cells = {k: w for w, k in zip(words, layout.keys, strict=True) if not w.blank}
        return FundRow(label, cells, False, span)
    short = len([w for w in words if not w.blank]) < len([k for k in layout.keys if k in MONEY_KEYS])
    items = as_items(words, split_integers=short or any(not isinstance(i, Value) for i in as_items(words)))
    if short:  # '40004000100%' is 4000 | 4000 | 100%: a number too long for one cell may be several
        items = [Glued(i.text, i.start, i.end) if isinstance(i, Value) and too_long(i) else i for i in items]
    found = align(
        items,
        layout.columns(),
        lambda reading: _plausibility(reading, layout, label, total, points),
        late=True,
    )
    if found is None or (not found.cells and any(not w.blank for w in words)):
        return FundRow(label, {}, True, span)
    # cells pieced around a column of unknown meaning: which is whose, the header does not settle
    return FundRow(label, found.cells, found.uncertain or layout.unknown(), span)


def _filled(reading: Reading, layout: FundLayout, label: str, total: FundRow | None) -> bool:
    """Does a reading fill every cell the form fills (only 年初预算数, and on a 其中 row 分值/执行率/得分, may be blank)?"""
    return not layout.required(total is not None and label != FUND_ROW_TOTAL) - set(reading)


def _without_line(layout: FundLayout) -> FundLayout:
    return FundLayout(layout.keys[1:], layout.letters, layout.ratios, layout.in_percent)


def _plausibility(
    reading: Reading, layout: FundLayout, label: str, total: FundRow | None, points: Decimal | None
) -> float:
    """How much the form's own arithmetic supports a reading of a row (higher is better)."""
    score = 0.0
    numbers = {k: v.number for k, v in reading.items() if v.number is not None}
    if "line" in layout.keys and "line" not in numbers:
        score -= 2.0  # every row of a 行次 grid has its row number
    if points is not None and "points" not in numbers:
        numbers["points"] = points  # 预算执行情况（20分）: the 分值 stated in the block's heading
    for key in RATE_KEYS:
        if key in reading:
            top, bottom = layout.ratio_of(key)
            score += _rate_fit(reading[key], numbers.get(top), numbers.get(bottom))
    if "points" in numbers and "score" in numbers:
        rate = _rate_percent(reading, layout, numbers)
        if rate is not None:
            expected = numbers["points"] * min(rate, _HUNDRED) / _HUNDRED
            score += 2.0 if _agrees(reading["score"], expected) else 0.0
        if numbers["score"] > numbers["points"]:  # type: ignore[operator]
            score -= 2.0
    budget, executed = numbers.get("budget_net") or numbers.get("budget"), numbers.get("executed")
    if budget is not None and executed is not None and "balance" in reading:  # 结余 = 预算 − 执行
        score += 2.0 if _agrees(reading["balance"], budget - executed) else -0.5
    if budget and executed:  # amounts of one row are of one size: executed is rarely under 5% or over 200%
        score += 0.5 if SAME_SIZE[0] <= executed / budget <= SAME_SIZE[1] else -1.0
    if total is not None and label != FUND_ROW_TOTAL:
        for key in MONEY_KEYS:
            mine, whole = numbers.get(key), total.number(key)
            if mine is None or whole is None:
                continue
            if mine == whole:
                score += 1.0  # a 其中 row equal to its total (the only source) is the common case
            elif mine > whole > 0:
                score -= 2.0
        if "points" in total.cells:  # the 分值/得分 of a block are stated once, on its total row
            score -= 2.0 * len({"points", "score"} & set(reading))
        if "budget_initial" not in total.cells and "budget_initial" not in reading:
            score += 0.3  # like the total row, the sub-row's 年初 cell is blank
    return score


def fits(
    reading: Reading,
    layout: FundLayout,
    label: str,
    total: FundRow | None,
    points: Decimal | None,
    line: int | None,
    yuan: Decimal = Decimal(10000),
) -> bool:
    """Whether a reading of a row keeps the form's own constraints: only 年初预算数 (and on a 其中 row 分值,
    执行率 and 得分) left blank, 执行率 = 执行数 ÷ 预算数 at the precision
    written (a rate written 0, 0% or 1 is exact), 得分 = 执行率 × 分值 and ≤ 分值 (with no 分值 column, the 分值
    it implies is at most 100), one 分值 for the block (< 100: the indicators carry the rest), a 其中 row within
    its total (and blank where the total is), nothing executed without a budget, 行次 counting the rows, and no
    amount reaching 1万亿元 (``yuan``: yuan per money unit)."""
    numbers = {k: v.number for k, v in reading.items() if v.number is not None}
    sub = total is not None and label != FUND_ROW_TOTAL
    if layout.required(sub) - set(reading):
        return False  # a cell left blank where the form fills it
    if (line is not None and numbers.get("line", line) != line) or any(
        numbers.get(k, 0) * yuan >= _TRILLION for k in MONEY_KEYS
    ):
        return False
    weight = numbers.get("points", points)
    if "points" in numbers and (
        not Decimal(0) < numbers["points"] < _HUNDRED
        or (points is not None and numbers["points"] != points)
        or (sub and numbers["points"] != total.number("points"))  # type: ignore[union-attr]
    ):
        return False  # a 其中 row states its total's 分值 or none
    if sub and weight is None:
        weight = total.number("points")  # type: ignore[union-attr]
    for key in RATE_KEYS:
        if key in reading and not _rate_holds(reading[key], *(numbers.get(k) for k in layout.ratio_of(key))):
            return False
    if "score" in numbers:
        rate = _rate_percent(reading, layout, numbers)
        if "points" in layout.keys or points is not None:
            if weight is None or numbers["score"] > weight:
                return False
            if rate is not None and not _agrees(reading["score"], weight * min(rate, _HUNDRED) / _HUNDRED):
                return False
        elif numbers["score"] > (_HUNDRED if rate is None else min(rate, _HUNDRED)):
            return False
    base = numbers.get("budget_net", numbers.get("budget"))
    if base == 0 and numbers.get("executed"):
        return False  # nothing budgeted, nothing to execute
    if sub:
        for key in MONEY_KEYS:
            mine, whole = numbers.get(key), total.number(key)  # type: ignore[union-attr]
            if mine is not None and (whole is None or mine > whole):
                return False  # a part of the total: within it, and blank where the total is blank
    return True


def _rate_holds(rate: Value, top: Decimal | None, bottom: Decimal | None) -> bool:
    """A rate cell with the amounts it is computed from, at its written precision; written 0, 0% or 1 it is
    exact ('0%' is not 0.0025%)."""
    if top is None or bottom is None or _rate_fit(rate, top, bottom) <= 0:
        return False
    if rate.number == 0:
        return top == 0
    if not rate.percent and not rate.places and rate.number == 1 and bottom:
        return top == bottom
    return True


def _rate_percent(reading: Reading, layout: FundLayout, numbers: dict[str, Decimal]) -> Decimal | None:
    """The row's execution rate in percent: the rate cell, or its ratio computed from amounts."""
    if "rate" in reading and reading["rate"].number is not None:
        value = reading["rate"]
        assert value.number is not None
        return value.number if value.percent or value.number > 2 else value.number * _HUNDRED
    top, bottom = layout.ratio_of("rate")
    if numbers.get(bottom):
        return numbers.get(top, Decimal(0)) / numbers[bottom] * _HUNDRED
    return None


def _rate_fit(rate: Value, top: Decimal | None, bottom: Decimal | None) -> float:
    if rate.number is None or top is None or bottom is None:
        return 0.0
    if bottom == 0:
        return 1.0 if top == 0 and rate.number in (0, 100, 1) else 0.0
    ratio = top / bottom * _HUNDRED
    if rate.percent or rate.number > 1:
        if not rate.percent and not _agrees(rate, ratio):
            return -3.0  # a bare number its row's amounts do not give is an amount, not the row's rate
        return 3.0 if _agrees(rate, ratio) else 0.0
    return 2.0 if _agrees(rate, ratio / _HUNDRED) else 0.0  # a ratio written as 1 or 0.58


def _agrees(value: Value, truth: Decimal) -> bool:
    """The written value is ``truth`` at the precision written (86% for 86.20%)."""
    assert value.number is not None
    return agrees(value.number, value.places, truth)


def words_as_values(words: list[tuple[str, int, int]]) -> list[Value]:
    return [parse_value(text, start, end) for text, start, end in words]
