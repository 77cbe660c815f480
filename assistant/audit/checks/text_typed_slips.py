"""TOTAL_MISMATCH and REMAINDER_MISMATCH from the text alone, across sentences and sections: a stated total or
balance one keystroke from the value the text's other figures give ("全年总支出2,386.42万元" … "全年基本支出
1,712.18万元" … "全年项目支出664.24万元", which make 2,376.42; "全年预算2348.60万元" … "全年支出2215.34万元" …
"年末结余资金123.26万元", where 133.26 is left).

Why: the checks of wholes and parts and of balances tie their numbers by the words of one sentence or one list; a
report states its total in 部门收支总体情况, its parts in two later sections and its balance in a third, in words no
list of wordings foresees. What ties them here is the digits (``numbers.keystroke``): a whole that the sum of two or
three figures of the same 口径 stated elsewhere misses by one digit struck or two swapped, or by one digit's worth
above the last place (a carry slipped: 1,801.60 written 1,791.60), while no such figures make it exactly, was almost always retyped wrong. The tie rests on the digits, not on the words: always a warning
(verdict "uncertain").
Bad: 全年总支出2,386.42万元 … 全年基本支出1,712.18万元 … 全年项目支出664.24万元 (2,376.42); 全年预算2348.60万元 …
全年支出2215.34万元 … 年末结余资金123.26万元 (133.26).
Good: the same with 2,376.42 or 133.26; 到位资金1,246.40万元 beside 中央720.00、省级386.40、区级180.00 (1,286.40:
two stages, and 到位 is not 下达's 口径); round figures (1,240 beside 820 + 260 + 120 = 1,200: a plain difference of
round amounts); a balance the text's own rate confirms (支出2,512.46万元，占到位资金的94.81%，未支出137.54万元: of an
到位 sum of 2,650.00 the text does not state); a gap the text itself states (中央85,318万元 + 省级13,100万元 beside
下拨9.5418亿元, where 3,000万元 of the 省级 money bought supplies: the 3,000 left out is written); three parts that
miss in the last written digit only (8.91 + 0.17 + 1.29 beside 10.35); a figure its own list confirms (中央资金
5,216.00万元 among the sources that make the stated 全年预算合计8,652.30万元 exactly, beside three of seven projects'
budgets making 5,166.00: the digits meet by chance); a whole its own list makes exactly (全年预算726.60万元，其中
自治区级资金380.00万元、市级资金120.00万元、县级资金226.60万元, beside three of four uses making 666.60: the fourth,
共60.00万元, is worded apart); a whole its own sentence's figures make with the others' (区级1,200.00万元 … 另有
上年结转资金86.40万元，…全年预算数1,286.40万元, beside 1,200.00 + a later section's 68.40: that figure's slip, not the
total's); a figure that is one of those making another stated figure exactly (a project's 预算356.35万元 among the
four that make 全年预算数1,986.35万元, beside 126.35 + 250.00 = 376.35); a whole that figures elsewhere make exactly
once one of them is read as its own list's sum (支出合计3,200.13万元 beside 基本支出2,184.63万元, whose 人员经费 and
公用经费 make 2,164.63, and 项目支出1,035.50万元: the slip is the 基本支出's, proven by its list).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import combinations

from assistant.numbers.keystroke import one_slip
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding
from ..prose.evidence import quote_of, show_value
from ..prose.model import Breakdown, Statement
from ..registry import check_unit

_LARGEST_LIST = 3  # parts taken together: two or three sections' figures, not any subset of a long report
_EXACT_LIST = 5  # parts that make the whole exactly: four or five projects' budgets leave no slip to read
_POOL = 12  # the first figures of this many sentences of the same 口径 at most
_WHOLE_FIELDS = ("budget", "budget_initial", "executed", "arrived")
_BASE_FIELDS = ("budget", "budget_initial", "arrived")
_WHY = "仅差一位数字或相邻两位互换，疑为笔误"


@check_unit(also=("TOTAL_MISMATCH", "REMAINDER_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    amounts = _amounts(ctx.facts.statements)
    stated = {s.value for s in amounts}
    closed = _closed_parts(ctx.facts.breakdowns) | _closed_totals(ctx.facts.breakdowns)
    yield from _wholes(ctx, [s for s in amounts if s.span not in closed], amounts, stated)
    yield from _balances(ctx, amounts)


def _amounts(statements: Sequence[Statement]) -> list[Statement]:
    """Plain amounts of prose (no hedge, no range, not a rule's), one per place, in reading order."""
    seen: dict[tuple[int, int], Statement] = {}
    for s in statements:
        if s.kind == "amount" and s.exact_claim and s.value > 0 and s.sentence is not None:
            seen.setdefault(s.span, s)
    return sorted(seen.values(), key=lambda s: s.span)


def _sentence_heads(amounts: list[Statement]) -> dict[str | None, list[Statement]]:
    """By 口径, the first amount of it in each sentence: what the sentence states of it, not the parts it lists after
    (a standard written first, 每人每月50元…共计420.60万元, is of another 口径 and leaves the sentence's sum its head)."""
    heads: dict[tuple[str | None, int], Statement] = {}
    for s in amounts:
        heads.setdefault((s.field, s.sentence.start), s)  # type: ignore[union-attr]
    by_field: dict[str | None, list[Statement]] = {}
    for (field, _), s in heads.items():
        by_field.setdefault(field, []).append(s)
    return by_field


def _closed_parts(breakdowns: Sequence[Breakdown]) -> set[tuple[int, int]]:
    """The places of figures that are parts of a list making its stated total exactly (全年预算合计8,652.30万元，其中
    中央资金5,216.00万元、省级资金2,130.30万元、市级资金856.00万元、县级配套资金450.00万元): the list's own arithmetic
    confirms each as written, so three figures elsewhere one keystroke off one of them (three projects' budgets
    making 5,166) are a chance of the digits, not its slip."""
    return {
        p.span
        for b in breakdowns
        if len(b.parts) > 1 and sum(p.value for p in b.parts) == b.total.value
        for p in b.parts
    }


def _closed_totals(breakdowns: Sequence[Breakdown]) -> set[tuple[int, int]]:
    """The places of totals that their own list makes exactly (全年预算726.60万元，其中自治区级资金380.00万元、市级资金
    120.00万元、县级资金226.60万元): the text's arithmetic confirms the total as written, so figures elsewhere one
    keystroke off it (three of the four uses of a list whose fourth is worded apart, 共60.00万元) miss a part, not
    the total's digits."""
    return {
        b.total.span
        for b in breakdowns
        if len(b.parts) > 1 and not b.unread and sum(p.value for p in b.parts) == b.total.value
    }


def _wholes(
    ctx: AuditContext, wholes: list[Statement], amounts: list[Statement], stated: set[Decimal]
) -> Iterator[Finding]:
    heads = _sentence_heads(amounts)
    sums = _PoolSums()
    for whole in wholes:
        if whole.field not in _WHOLE_FIELDS:
            continue
        pool = [
            s
            for s in heads.get(whole.field, [])
            if s.sentence is not whole.sentence and s.value < whole.value
        ][:_POOL]
        places = max(whole.places, 0)
        exact, slips = sums.of(pool, whole, places)
        if exact is None or whole.raw in exact:
            continue
        near = next(
            (
                parts
                for size, parts, written in slips
                if one_slip(whole.raw, written, places) and _wide(size, whole, written)
            ),
            None,
        )
        if (
            near is None
            or _confirmed(whole, heads.get(whole.field, []), amounts)
            or sum(p.value for p in near) in stated
            or _gap_stated(abs(whole.value - sum(p.value for p in near)), amounts, whole, *near)
            or _part_off_its_list(ctx, whole, near, places)
        ):
            continue
        ctx.facts.mark(whole, *near)
        listed = " + ".join(_at(p) for p in near)
        yield _slip(ctx, "TOTAL_MISMATCH", whole, sum(p.value for p in near), listed, "总数")


class _PoolSums:
    """The sums of a pool's figures taken two to five at a time, written in a whole's unit, computed once per pool.

    Why: a long text (forty 自评表 in one file) has hundreds of wholes of one 口径, and past its first figures they
    all draw the same pool; summing its 1,573 combinations for each whole made the check the audit's slowest.
    """

    def __init__(self) -> None:
        self._cache: dict[
            tuple[object, ...], tuple[set[Decimal], list[tuple[int, tuple[Statement, ...], Decimal]]]
        ] = {}

    def of(
        self, pool: list[Statement], whole: Statement, places: int
    ) -> tuple[set[Decimal] | None, list[tuple[int, tuple[Statement, ...], Decimal]]]:
        """(the values some parts make exactly, as written or each part converted first — None when the pool has
        fewer than two figures; every list of at most ``_LARGEST_LIST`` parts with its written sum, in order)."""
        if len(pool) < 2:
            return None, []
        key = (*(id(s) for s in pool), whole.factor, places)
        if key not in self._cache:
            exact: set[Decimal] = set()
            slips: list[tuple[int, tuple[Statement, ...], Decimal]] = []
            for size in range(2, _EXACT_LIST + 1):
                for parts in combinations(pool, size):
                    written = _in_unit(sum(p.value for p in parts), whole, places)
                    # each part converted to the whole's unit first, then added ("451,522,840元（45,152.28万元）" …
                    # "合计55,741.61万元"): the writer's sum of the rounded figures
                    exact.update((written, converted_sum(parts, whole)))
                    if size <= _LARGEST_LIST:
                        slips.append((size, parts, written))
            self._cache[key] = (exact, slips)
        return self._cache[key]


def _part_off_its_list(ctx: AuditContext, whole: Statement, near: tuple[Statement, ...], places: int) -> bool:
    """Is one of the figures near the whole itself a total its own list misses, and does that list's sum in its
    place make the whole exactly (支出合计3,200.13万元 … 基本支出2,184.63万元，其中人员经费1,862.40万元、公用经费
    302.23万元 … 项目支出1,035.50万元: 2,164.63 + 1,035.50)? The slip is that figure's, which its list proves."""
    sums = {
        b.total.span: sum(q.value for q in b.parts)
        for b in ctx.facts.breakdowns
        if len(b.parts) > 1 and not b.unread and sum(q.value for q in b.parts) != b.total.value
    }
    total = sum(q.value for q in near)
    return any(
        _in_unit(total - p.value + sums[p.span], whole, places) == whole.raw for p in near if p.span in sums
    )


def _confirmed(whole: Statement, heads: list[Statement], amounts: list[Statement]) -> bool:
    """Does the text's own arithmetic make the whole as written? Its sentence's earlier figures of its 口径 with
    others' make it exactly (年初1,200.00万元 … 另有上年结转资金86.40万元，…全年预算数1,286.40万元), or it is one of the
    figures that make another stated figure of its 口径 exactly (a project's 预算356.35万元 among the four that make the
    stated 全年预算数1,986.35万元). Figures elsewhere one keystroke from it then miss by chance of the digits."""
    own = [
        s
        for s in amounts
        if s.sentence is whole.sentence and s.field == whole.field and s.span[1] <= whole.span[0]
    ]
    others = [s for s in heads if s.sentence is not whole.sentence][:_POOL]
    below = [s for s in own + others if s.value < whole.value]
    for size in range(2, _EXACT_LIST + 1):
        if any(sum(p.value for p in parts) == whole.value for parts in combinations(below, size)):
            return True
    targets = {s.value for s in amounts if s.field == whole.field and s.value > whole.value}
    return any(
        whole.value + sum(p.value for p in parts) in targets
        for size in range(1, _EXACT_LIST)
        for parts in combinations(others, size)
    )


def _balances(ctx: AuditContext, amounts: list[Statement]) -> Iterator[Finding]:
    bases = [s for s in amounts if s.field in _BASE_FIELDS]
    spent = [s for s in amounts if s.field == "executed"]
    percents = [s for s in ctx.facts.statements if s.kind == "percent" and s.exact_claim]
    for rest in amounts:
        if rest.field != "unspent" or _split_part(ctx, rest, amounts):
            continue
        places = max(rest.places, 0)
        near: tuple[Statement, Statement] | None = None
        exact = False
        for base in bases:
            for paid in spent:
                left = base.value - paid.value
                if left <= 0 or base.sentence is paid.sentence is rest.sentence:
                    continue
                written = _in_unit(left, rest, places)
                if written == rest.raw:
                    exact = True
                elif near is None and one_slip(rest.raw, written, places):
                    near = (base, paid)
        if near is None or exact or _rate_confirms(rest, spent, percents):
            continue
        base, paid = near
        if _gap_stated(abs(base.value - paid.value - rest.value), amounts, rest, base, paid):
            continue
        ctx.facts.mark(rest, base, paid)
        yield _slip(
            ctx,
            "REMAINDER_MISMATCH",
            rest,
            base.value - paid.value,
            f"{_at(base)} − {_at(paid)}",
            "结余（未支出）",
        )


def _split_part(ctx: AuditContext, rest: Statement, amounts: list[Statement]) -> bool:
    """Is the remainder one cause of a larger remainder written before it in its sentence or listed under it
    (结余58.46万元，其中：减员停发形成结余31.26万元；…)? A part of the balance is no balance of the year."""
    if any(rest in b.parts for b in ctx.facts.breakdowns if b.total.field == "unspent"):
        return True
    return any(
        s.field == "unspent"
        and s.sentence is rest.sentence
        and s.span[1] <= rest.span[0]
        and s.value > rest.value
        for s in amounts
    )


def _at(s: Statement) -> str:
    """A figure with the line it is written on, for a message that joins figures of several sections."""
    return f"{s.text}（第{s.sentence.line}行）" if s.sentence is not None else s.text


def _slip(
    ctx: AuditContext, code: str, stated: Statement, value: Decimal, formula: str, what: str
) -> Finding:
    """The warning on ``stated``: ``formula`` (the figures elsewhere) gives ``value``, one keystroke from it."""
    shown = show_value(value, stated)
    return ctx.relation_finding(
        code,
        f"{formula} = {shown}，文中{what}写作 {stated.text}（{_WHY}）",
        stated.span,
        expected=shown,
        found=stated.text,
        proven=False,
        quote=quote_of(ctx.doc.text, stated),
    )


def _gap_stated(gap: Decimal, amounts: list[Statement], *figures: Statement) -> bool:
    """Is the gap written as an amount of its own in the sentence or on the line of one of the figures (…其中10100万元
    下拨各县，3000万元用于采购物资: the 3000 left out of the 下拨 total; a fourth project's budget in the row of the
    three)? Then the figures leave it out on purpose; the same amount written elsewhere (a 三公 budget of 10.00万元)
    says nothing of them."""
    sentences = {id(f.sentence) for f in figures}
    lines = {f.sentence.line for f in figures if f.sentence is not None}
    return any(
        s.value == gap
        and (id(s.sentence) in sentences or (s.sentence is not None and s.sentence.line in lines))
        for s in amounts
    )


def _wide(size: int, whole: Statement, written: Decimal) -> bool:
    """Three figures may miss a whole in its last written digit by chance (8.91 + 0.17 + 1.29 = 10.37 beside 10.35):
    a slip read from three parts must move a digit above the last."""
    return size < 3 or abs(whole.raw - written) >= Decimal(10).scaleb(-max(whole.places, 0))


def converted_sum(parts: Sequence[Statement], whole: Statement) -> Decimal:
    """The parts each written in the whole's unit at its decimals, then added: a writer who converts "451,522,840元"
    to "45,152.28万元" before adding states the sum of the rounded figures."""
    places = max(whole.places, 0)
    return sum((_in_unit(p.value, whole, places) for p in parts), Decimal(0))


def _in_unit(value: Decimal, like: Statement, places: int) -> Decimal:
    """A canonical value written in ``like``'s unit at ``places`` decimals."""
    return round_to(value / like.factor, places)


def _rate_confirms(rest: Statement, spent: list[Statement], percents: list[Statement]) -> bool:
    """A rate written beside the money spent that the balance makes exact: spent ÷ (spent + balance) is the rate
    at its written precision (its base, 到位 or 可用 money, is then a sum the text does not state)."""
    for paid in spent:
        for rate in percents:
            if rate.sentence is paid.sentence or rate.sentence is rest.sentence:
                share = paid.value / (paid.value + rest.value) * 100
                if round_to(share, max(rate.places, 0)) == round_to(rate.value, max(rate.places, 0)):
                    return True
    return False
