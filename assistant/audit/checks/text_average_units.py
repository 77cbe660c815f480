"""UNIT_SUSPECT from the text alone: an average per case, head or household (次均, 人均, 户均, 生均, 平均每…) written in 万元
where the money and the count its own sentence states before it give 元 (or in 元 where they give 万元).

Bad: 全年实施住院救助6,428人次，支出1,046.35万元，次均住院救助1,627.80万元 (1,046.35万元 ÷ 6,428 = 1,627.80元).
Bad: 资助学生2,150人，发放资助金322.50万元，人均资助0.15元 (322.50万元 ÷ 2,150 = 0.15万元).
Good: the same with 次均住院救助1,627.80元; an average that neither reading gives (人均增收, an average over other
money or heads: no finding from this check); an average written 约 read within its rounding.
Why: an average cannot exceed the money it is taken of, and one ten thousand times off is the 万 written or dropped,
not a different figure: the sentence's own division proves the unit. Only the one count and the one amount before
the average in its sentence are read (the amount no other average): with two of either, which was divided is a
reading, so nothing is said. An average ``text_arithmetic`` pairs as a standard (人均资助1,500元 beside its count)
is that check's.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_value
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_WAN = Decimal(10000)
_HEADS = frozenset(
    {"人", "名", "人次", "户", "户次"}
)  # an average taken apart from its money is per head only


@check_unit(also=("UNIT_SUSPECT",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    paired = {id(price) for group in ctx.pairings for _, price in group.pairs}  # text_arithmetic's business
    for average in prose:
        if average.kind != "amount" or average.unit not in ("元", "万元") or id(average) in paired:
            continue
        if not _CUES.average.search(clause_before(ctx, average)):
            continue
        before = [
            s
            for s in ctx.facts.in_sentence(average.sentence)
            if s.span[1] <= average.span[0] and s.exact_claim and s.role == "value"
        ]
        counts = [s for s in before if s.kind == "count" and s.value > 0]
        amounts = [
            s
            for s in before
            if s.kind == "amount"
            and s.unit in ("元", "万元")
            and not _CUES.average.search(clause_before(ctx, s))
        ]
        if not counts and not amounts:
            finding = _elsewhere(ctx, average, prose)  # "人均培训成本为1,450.00万元" alone in its sentence
        elif len(counts) == 1 and len(amounts) == 1:
            finding = _compare(ctx, average, counts[0], amounts[0])
        else:
            finding = None
        if finding is not None:
            yield finding


def _elsewhere(ctx: AuditContext, average: Statement, prose: list[Statement]) -> Finding | None:
    """An average whose sentence states neither money nor count ("人均培训成本为1,450.00万元" in the indicators, the
    money and the people told in an earlier section): the one count and amount of the report whose quotient is the
    average in the other unit, when none gives it in its own. Proven only when the average, as written in 万元,
    exceeds the very money it is an average of (impossible for any count); otherwise which pair is a reading."""
    if not average.exact_claim:
        return None  # "亩均节本增效约160元": an estimate, of no money the report states
    counts = [s for s in prose if s.kind == "count" and s.unit in _HEADS and s.value > 0 and _plain(s)]
    amounts = [
        s
        for s in prose
        if s.kind == "amount"
        and s.unit in ("元", "万元")
        and _plain(s)
        and s is not average
        and not _CUES.average.search(clause_before(ctx, s))
    ]
    stated = average.interval()
    other = stated.scaled(Decimal(1) / _WAN) if average.unit == "万元" else stated.scaled(_WAN)
    fits, others = [], []
    for amount in amounts:
        for count in counts:
            quotient = amount.interval().divided_by(count.interval())
            if quotient is None:
                continue
            if quotient.overlaps(stated):
                return None  # some money and count give it as written
            if quotient.overlaps(other):
                fits.append((amount, count))
                others.append(amount)
    if len({id(a) for a in others}) != 1:
        return None
    amount, count = fits[0]
    return _compare(
        ctx, average, count, amount, proven=average.unit == "万元" and average.value > amount.value
    )


def _plain(s: Statement) -> bool:
    return s.exact_claim and s.role == "value" and s.origin == "prose"


def _compare(
    ctx: AuditContext, average: Statement, count: Statement, amount: Statement, proven: bool = True
) -> Finding | None:
    quotient = amount.interval().divided_by(count.interval())
    if quotient is None:
        return None
    stated = average.interval()
    if quotient.overlaps(stated):
        return None
    if average.unit == "万元":
        other, shown = "元", stated.scaled(Decimal(1) / _WAN)
    else:
        other, shown = "万元", stated.scaled(_WAN)
    if not quotient.overlaps(shown):
        return None  # neither unit gives it: another base, not this check's
    ctx.facts.mark(average, count, amount)
    raw = average.text.removesuffix(average.unit or "")
    given = show_value(quotient.mid, average, unit=other)
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        f"{amount.text}÷{count.text}＝{given}，文中写作 {average.text}，"
        f"疑为“元”与“万元”混用（应为 {raw}{other}）",
        average.span,
        expected=f"{raw}{other}",
        found=average.text,
        proven=proven and all(s.exact_claim for s in (average, count, amount)),
        quote=average.sentence.text if average.sentence else None,
    )
