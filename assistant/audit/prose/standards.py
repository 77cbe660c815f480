"""What a standard per head, household or measure is, for the checks that compare a product (count × standard ×
periods) with money the text states: the unit and period it is written per, the counts of that unit, the plausible
numbers of periods, the money that holds more than it paid or is a plan, and the 元/万元 swap that is no slip of
arithmetic.

Why apart: ``text_head_standard``, ``text_standard_lines``, ``text_standard_products``, ``text_standard_items``,
``text_standard_periods`` and ``text_person_months`` each read one layout of the same relation; what a standard is
and when a product fits the money is written here once.
Good: 每生每天5元 is per (生, 天), 107.5元/亩 per (亩, None), 每人300元/月 per (人, 月); 户均约733元 and 人均增收 are no
standard (an average taken of the money). A product of 180万元 against money written 1,800,000万元 fits swapped.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from assistant.numbers import base_unit

from ..cues import cues
from .clauses import clause_before
from .interval import Interval
from .model import Statement

if TYPE_CHECKING:
    from ..context import AuditContext

_CUES = cues(__name__)
MONTHS = Decimal(12)  # a monthly standard over the whole year
SWAP = (Decimal(10000), Decimal("0.0001"))  # 元 written for 万元, or the reverse
_OWN_WORDS = re.compile(r"[，,]?[^，,；;。]*")  # the words after an amount, up to its clause's end
# the count units a standard per unit is paid to
_COUNTED = {
    "人": frozenset({"人", "名"}),
    "生": frozenset({"人", "名"}),
    "名": frozenset({"人", "名"}),
    "人次": frozenset({"人次"}),
    "户": frozenset({"户"}),
    "亩": frozenset({"亩"}),
    "公顷": frozenset({"公顷"}),
    "株": frozenset({"株"}),
    "所": frozenset({"所"}),
    "校": frozenset({"所"}),
    "家": frozenset({"家"}),
}


def fits(product: Interval, stated: Interval) -> bool:
    """Does the money fit the product as written, or with 元 and 万元 swapped? A swap is a unit slip, the unit
    checks' business, not a product that is off."""
    return product.overlaps(stated) or any(product.overlaps(stated.scaled(f)) for f in SWAP)


def raised_in_year(ctx: AuditContext, price: Statement) -> bool:
    """Does the standard's paragraph say it changed within the year ("由每人每月450元提高至500元", "1—6月为每人每月
    158元", "7月起上调", "原标准…新标准")? The year's money was then paid at two standards, no one product; its several
    standards of one unit and period are one standard at different times, not standards of groups."""
    sentence = price.sentence
    assert sentence is not None
    return _CUES.raised_in_year.search(ctx.doc.text, sentence.para_start, sentence.para_end) is not None


def paid_per(ctx: AuditContext, price: Statement) -> tuple[str, str | None] | None:
    """(the unit a standard is paid per, its period or None): "每生每天5元" is (生, 天), "107.5元/亩" (亩, None)."""
    words = clause_before(ctx, price)
    if _CUES.average.search(words) or price.hedge is not None:
        return None  # "户均约733元", "人均增收": taken of the money, no standard
    tail = _CUES.per_after.match(ctx.doc.text[price.span[1] : price.span[1] + 8])
    found = _CUES.per_before.search(words) or _CUES.per_period_first.search(words) or tail
    if found is None:
        return None
    period = found.group("period") or (tail.group("period") if tail is not None else None)  # "每人300元/月"
    return found.group("unit"), {"日": "天"}.get(period or "", period)


def of_unit(prose: list[Statement], unit: str) -> list[Statement]:
    units = _COUNTED[unit]
    return [
        s
        for s in prose
        if s.kind == "count" and s.exact_claim and s.unit is not None and base_unit(s.unit) in units
    ]


def holds_more(ctx: AuditContext, amount: Statement) -> bool:
    """Money written as holding other things beside what a standard paid ("49.60万元（含化粪池检测费）", "包括宣传
    费用"): no product of the standard. The words are the amount's own clause after it, or the next clause when the
    amount ends its own ("支出126.00万元，包括体检费用")."""
    assert amount.sentence is not None
    after = _OWN_WORDS.match(ctx.doc.text, amount.span[1], amount.sentence.end)
    return after is not None and _CUES.holds_more.search(after.group(0)) is not None


def periods(ctx: AuditContext, price: Statement, period: str | None) -> list[Decimal]:
    """Every plausible number of periods: the days the standard's paragraph (else the text) states for a daily
    one; 12 or the months stated for a monthly one; one or two 学期 (or the terms stated); one year."""
    if period in (None, "年"):
        return [Decimal(1)]
    pattern = {"天": _CUES.days, "月": _CUES.months, "学期": _CUES.terms}[period]
    sentence = price.sentence
    assert sentence is not None
    text = ctx.doc.text
    near = {m.group(1) for m in pattern.finditer(text, sentence.para_start, sentence.para_end)}
    stated = near or {m.group(1) for m in pattern.finditer(text)}
    found = {Decimal({"两": "2", "二": "2"}.get(n, n)) for n in stated}
    if period == "月":
        found.add(MONTHS)
    if period == "学期":
        found |= {Decimal(1), Decimal(2)}
    return sorted(found)


def person_periods(ctx: AuditContext, count: Statement, period: str | None) -> list[Decimal]:
    """ "累计发放2,750人·月": a count of heads times periods already holds the periods (one reading: 1)."""
    if period is None:
        return []
    after = ctx.doc.text[count.span[1] - 1 : count.span[1] + 3]
    return [Decimal(1)] if _CUES.period_count.match(after) and period in after else []


def planned(ctx: AuditContext, s: Statement) -> bool:
    """A figure of the plan (计划, 预算, 目标), not of what was done or spent: a standard's product pairs a plan
    with a plan and a count done with the money spent, never across."""
    return s.field == "budget" or bool(_CUES.planned.search(clause_before(ctx, s)))
