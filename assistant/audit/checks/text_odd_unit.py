"""UNIT_SUSPECT from the text alone: one amount of a sentence written in 元 where the money it is told beside is in
万元, with a number of the same size ("项目经费预算124万元，全年实际支出101.84元").

Why: a writer who drops 万 (or adds it) leaves the figure right and the unit wrong. Read as written, the sentence
says 124万元 were budgeted and 101.84元 spent (0.008 %), which no report means; read in the other unit the two
figures are of one size, as a budget and its spending are. The amounts compared are of the budget family (预算,
下达, 到位, 支出, 结余, 资金来源), each with its 口径 written; per-head standards, prices, incomes and amounts with no
口径 word are left alone ("其中利息收入12.35元" may well be 元).
The same holds across sentences when the odd amount is the report's only one in its unit: a report that writes
every other budget, 下达, 到位 and spending amount in 万元 does not spend "45元" of a 45万元 allocation.
And a report whose money is all under 1000元 (项目资金50元，全部用于购买设备) has dropped 万 throughout.
A piped table row counts as a sentence whose cells are all money ("| 兴国县 | 986.50元 | 947.04万元 |").
Bad: 2017年预算项目资金16万元，已支付16元.  Good: 预算16万元，已支付16万元; 预算16万元，结余0.35元 (a remainder in 元
far below the 万元 figures); 每人补助1000元，共发放12万元 (a standard).
Only a warning ("uncertain"): the size is a reading, not arithmetic; a unit slip the text's own sums or shares prove
is reported by the checks of those relations.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_written, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_MONEY_FIELDS = frozenset({"budget", "budget_initial", "executed", "arrived", "unspent", "source"})
_UNITS = {"元": "万元", "万元": "元"}
# the written numbers of the odd amount and of the money beside it are "of one size" within this ratio
_LOW, _HIGH = Decimal("0.3"), Decimal("1.2")
_A_THOUSAND = Decimal(1000)  # a project's whole money in 元 is never below this
_WRITERS_UNIT = 2  # amounts in one unit that make it the report's own (one odd amount beside them is a slip)


@check_unit(also=("UNIT_SUSPECT",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    # a total in one unit over parts in the other: the parts' sum settles which slipped (``text_part_units``)
    totals = {b.total.span for b in ctx.facts.breakdowns}
    found: set[tuple[int, int]] = set()
    for sentence in ctx.doc.sentences:
        # a table row's cells carry no 口径 word, their column title does: every amount of the row is money
        row = "|" in sentence.text
        money = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if (_money(s) or (row and _cell(ctx, s))) and s.span not in totals
        ]
        for unit, other in _UNITS.items():
            odd = [s for s in money if s.unit == unit]
            rest = [s for s in money if s.unit == other]
            if (
                len(odd) == 1 and rest and not (unit == "万元" and len(rest) == 1)
            ):  # one against one: said once
                beside = _of_one_size(odd[0], rest)
                if beside is not None:
                    found.add(odd[0].span)
                    yield _finding(ctx, odd[0], beside, other, alone=len(rest) == 1)
    every = [
        s
        for s in ctx.facts.statements
        if (_money(s) or _allocated(ctx, s))
        and s.span not in totals
        and s.span not in found
        and not _converted(ctx, s)
    ]
    written = [s for s in ctx.facts.statements if _any_money(s) and s.span not in totals]
    # a standard per head ("每人每月300元") says nothing of the unit the writer uses for the project's money
    sums = [s for s in written if s.field != "unit_price" and not _a_standard(ctx, s)]
    yield from _lone_in_report(ctx, every, sums)
    yield from _all_under_a_thousand(ctx, every, written)


def _all_under_a_thousand(
    ctx: AuditContext, money: list[Statement], written: list[Statement]
) -> Iterator[Finding]:
    """A report whose money, every amount of it, is under 1000元: no project evaluated for its performance is
    funded with a few hundred 元, so the writer's unit is 万元 and the largest budget-family amount is told as the
    one to check ("市级资金配套3.6元，已全部到位并使用完毕")."""
    # a few 元 left over says nothing of the budget
    whole = [s for s in money if s.field != "unspent" and s.sentence is not None]
    if not whole or any(s.unit == "万元" or s.raw >= _A_THOUSAND for s in written):
        return
    if _CUES.standard_told.search(ctx.doc.text):
        return  # count × standard settles the unit by arithmetic (text_arithmetic), better than a size
    largest = max(whole, key=lambda s: s.raw)
    if not _CUES.whole_fund.search(clause_before(ctx, largest)):
        return  # one expense (宣传费支出800元), not the project's money
    raw = show_written(largest, "")
    ctx.facts.mark(largest)
    message = f"全文资金金额均不足一千元，最大一笔为 {largest.text}；项目资金不会只有数百元，疑为{raw}万元"
    yield _doubt(ctx, largest, largest.span, message, f"{raw}万元")


def _lone_in_report(ctx: AuditContext, money: list[Statement], written: list[Statement]) -> Iterator[Finding]:
    """The one budget-family amount of the whole report in its unit, of the size of an amount the report writes in
    the other, which it uses at least twice (one against one, either may be the slip): the writer's unit is the
    other one. A remainder is left alone (a few 元 left over a 万元 budget is what reports write)."""
    for unit, other in _UNITS.items():
        odd = [s for s in money if s.unit == unit]
        rest = [s for s in written if s.unit == other]
        if len(odd) != 1 or len(rest) < _WRITERS_UNIT or odd[0].field == "unspent":
            continue
        sized = [s for s in rest if _LOW * s.raw <= odd[0].raw <= _HIGH * s.raw]
        if sized:
            where = f"文中预算、下达、到位、支出类金额除此一笔外均以{other}书写，"
            yield _finding(ctx, odd[0], sized[0], other, alone=False, where=where)


def _converted(ctx: AuditContext, s: Statement) -> bool:
    """Does the sentence write the same money in the other unit too ("拨付388,800元，即38.88万元", "12,500元（1.25万元）")?
    The writer converted it: neither figure is a unit slip."""
    if s.sentence is None:
        return False
    return any(
        o is not s
        and o.kind == "amount"
        and o.unit == _UNITS.get(s.unit or "")
        and o.interval().overlaps(s.interval())
        for o in ctx.facts.in_sentence(s.sentence)
    )


def _money(s: Statement) -> bool:
    return (
        s.kind == "amount"
        and s.role == "value"
        and s.origin == "prose"
        and s.field in _MONEY_FIELDS
        and s.unit in _UNITS
        and s.raw > 0
    )


def _allocated(ctx: AuditContext, s: Statement) -> bool:
    """An amount of no 口径 that a fund word names ("下达车购税补助56万元"): budget-family money all the same."""
    if not (_any_money(s) and s.field is None and s.role == "value" and s.sentence is not None):
        return False
    before = clause_before(ctx, s)
    return bool(_CUES.allocated.search(before)) and not _CUES.not_money_of_the_budget.search(before)


def _cell(ctx: AuditContext, s: Statement) -> bool:
    """An amount that is a table cell on its own ("| 986.50元 |"), not a figure of the prose a flattened form's cell
    holds ("| 按每人每月300元标准发放…，支出664.56万元 |")."""
    text = ctx.doc.text
    before, after = text[max(0, s.span[0] - 3) : s.span[0]].rstrip(), text[s.span[1] : s.span[1] + 3].lstrip()
    return _any_money(s) and s.role == "value" and before.endswith("|") and after.startswith("|")


def _a_standard(ctx: AuditContext, s: Statement) -> bool:
    return s.sentence is not None and bool(_CUES.standard_told.search(clause_before(ctx, s)))


def _any_money(s: Statement) -> bool:
    return s.kind == "amount" and s.origin == "prose" and s.unit in _UNITS and s.raw > 0


def _of_one_size(odd: Statement, rest: list[Statement]) -> Statement | None:
    """The amount beside ``odd`` whose written number is of its size, when every other amount of its unit in the
    sentence is too (one far off and the sentence mixes sizes on purpose: 万元 totals and 元 items)."""
    sized = [s for s in rest if _LOW * s.raw <= odd.raw <= _HIGH * s.raw]
    return sized[0] if sized and len(sized) == len(rest) else None


def _finding(
    ctx: AuditContext, odd: Statement, beside: Statement, other: str, alone: bool, where: str = ""
) -> Finding:
    """``alone``: the two are the sentence's only such amounts, and either may be the one that slipped.
    ``where``: how the two are told together (by default, in one sentence)."""
    ctx.facts.mark(odd, beside)
    raw = show_written(odd, "")
    which = f"二者之一单位有误（{odd.text} 疑为{raw}{other}）" if alone else f"{odd.text} 单位疑为{other}"
    message = f"{where or '同句中'} {beside.text} 与 {odd.text} 数值相当而单位不同，按所写单位二者相差上万倍：{which}"
    return _doubt(ctx, odd, span_of(odd, beside), message, f"{raw}{other}")


def _doubt(ctx: AuditContext, odd: Statement, span: tuple[int, int], message: str, expected: str) -> Finding:
    """A unit read from sizes, not proven by arithmetic: a warning, verdict "uncertain"."""
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        message,
        span,
        expected=expected,
        found=odd.text,
        proven=False,
        quote=quote_of(ctx.doc.text, odd),
    )
