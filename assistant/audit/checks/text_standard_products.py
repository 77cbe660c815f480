"""ARITHMETIC_MISMATCH from the text alone: a standard per unit and period, times the count it is paid to and the
periods it is paid for, against the money the text states for it — where ``text_arithmetic``'s paragraph pairing
reads no pair (several counts in the standard's sentence, the standard, the count and the money in three paragraphs,
an average beside the standard).

Uncertain: 受益学生8,640人，膳食补助标准为每生每天5元，全年按在校200天计算 … 其中：中央膳食补助资金846.00万元
(8,640 × 5元 × 200 = 864.00万元; the money is found by the standard's own name, 膳食补助).
Uncertain: 80至89周岁老年人每人每月50元；…100周岁及以上老年人每人每月300元 … 其中…100周岁及以上23人 … 100周岁及以上
老年人津贴8.64万元 (23 × 300元 × 12 = 8.28万元: count and money found by the standard's label).
Uncertain: 耕地面积为84.62万亩，按照每亩107.50元的标准，发放补贴资金9,290.15万元，惠及农户12.68万户，户均约733元
(9,096.65万元; 户均约733元 is an average taken of the money, no second standard).
Good: the same figures that agree; a standard changed within the year, the year's money paid at the old and the new
one (1—6月每人每月158元，7—12月每人每月163元 … 52,350人 … 全年发放10,141.29万元: between 52,350 × 158 × 12 and
52,350 × 163 × 12, some months at each); a monthly standard whose count is paid some of the year only when the money is
less (people join and leave: 12 months is the most); 元 and 万元 read either way; several plausible periods (12
months or the months the text states; one or two 学期; each "N天" the text states) — silent when any reading fits.

The count is the one of the standard's unit (每生/每人 → 人, 每户 → 户, 每亩 → 亩, 每所/每校 → 所) in its sentence, else
the one count of that unit whose words share the standard's label (a run of four characters that is more than
the words every fund shares, "80至89周岁", the best match and only one). The money is the one amount after both in
the standard's sentence (or the one before it there that is no whole budget), else the amount whose words share the
label so. A standard alone (no count of its unit in its sentence, no other standard per that unit in its paragraph,
not one text_arithmetic pairs elsewhere) whose count or money no words name is read with every plausible pairing: each
count of its unit in its paragraph (else the text's one count of it), the money after it there (else the one sum the
text pays out, no tranche): silent when any pairing or any amount of the text fits, or when the money is less (part of
the heads or of the year); a warning only when the nearest product is below the money by less than a tenth.
Uncertain: 面积87.36万亩，按每亩32元标准安排补偿资金 … (资金一节) 补偿资金总额2,766.40万元，其中… (2,795.52万元): a
pairing ``text_arithmetic`` holds to no money (none in its paragraph, no headline budget and execution) is compared
with the subject's whole budget.
Uncertain: 学生共12,348人，其中小学生8,436人…。按每生每天5元、全年在校就餐200天标准核定，全年膳食补助资金1,243.80万元
(12,348 × 5元 × 200 = 1,234.80万元); 补贴标准为每亩125元。…核定补贴面积1,068,452.36亩 … (另一节) 全年共兑付补贴资金
135,806,545.00元 (133,556,545.00元).
Good: 年初的38,200人增至年末的39,400人 with a monthly standard and money between the two products.
Uncertain: 机构集中养育孤儿每人每月2,140元；社会散居孤儿每人每月1,450元；事实无人抚养儿童每人每月1,540元 … 36人、152人、287人
… 92.45万元、264.48万元、499.38万元 (287 × 1,540元 × 12 = 530.38万元): less money than the product is no part-year
reading when two other groups of the paragraph each get their own money exactly over the whole year.
Good: 农村部分计划生育家庭奖励扶助每人每月80元 … 18,426人 … 计划生育家庭扶助资金预算2,598.82万元，其中：奖励扶助金1,768.90万元
(the best-named money is the whole budget, but 奖励扶助金 names the standard too and fits: any named reading that fits
silences it). Names are read in each figure's own 、-item ("…36人、社会散居孤儿152人": 152人 is 社会散居孤儿's).
Two standards of one unit and period in one sentence (原标准…新标准, 2000元/生、1600元/生) share its count: none is
read alone. A product more than half as much again from the money, either way, says the reading is wrong (a
保障标准 that is a threshold, part of the heads, money of more than the standard), not a figure: silent. Always a
warning: that the standard is paid to every head counted is a reading, not arithmetic.

Which count and money a standard goes with, and over how many periods, is read by ``standard_counts``; whether two
clauses share a name, by ``standard_names``. This module compares the products with the money and keeps the reasons
for silence (a reading that fits, a standard changed within the year, part of the heads or the year).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value
from ..prose.interval import Interval
from ..prose.model import Statement
from ..prose.standard_pairs import Pairing
from ..prose.standards import (
    fits,
    holds_more,
    of_unit,
    paid_per,
    periods,
    person_periods,
    planned,
    raised_in_year,
)
from ..registry import check_unit
from .standard_counts import alone, counts_for, money_for, paid_money, paragraph_counts
from .standard_names import named
from .text_arithmetic import one_amount

_CUES = cues(__name__)


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    # text_arithmetic's business, unless it has no money to hold the pair to (``_unpriced``)
    released = {id(group.pairs[0][1]) for group in ctx.pairings if _unpriced(ctx, group)}
    read = {id(price) for group in ctx.pairings for _, price in group.pairs} - released
    restated = {price.value for group in ctx.pairings for _, price in group.pairs}
    for price in prose:
        if (
            price.kind != "amount"
            or price.field != "unit_price"
            or not price.exact_claim
            or id(price) in read
        ):
            continue
        per = paid_per(ctx, price)
        if per is None:
            continue
        unit, period = per
        counts = counts_for(ctx, prose, price, unit, period)
        guessed = not counts
        if guessed and price.value not in restated and alone(ctx, prose, price, unit):
            counts = paragraph_counts(prose, price, unit)  # every plausible pairing: no count named for it
        if not counts:
            continue
        money = money_for(ctx, prose, price, counts[0])
        if not money and id(price) in released and price.subject is not None and _sets_money(ctx, price):
            # "按每亩32元标准安排补偿资金" … "补偿资金总额2,766.40万元": the standard sets the subject's whole money
            whole = ctx.values.whole_budget(price.subject)
            money = [whole] if whole is not None else []
        if not money and price.value not in restated:
            guessed, money = True, paid_money(ctx, prose, price)
        if len({a.value.quantize(Decimal("0.01")) for a in money}) != 1 and guessed:
            continue  # several sums the standard may have paid: no one to compare
        if not money:
            continue
        if guessed:
            # a count of the plan (计划完成145户) says nothing of the money spent
            counts = [c for c in counts if planned(ctx, money[0]) or not planned(ctx, c)]
            if not counts:
                continue
        # the counts of the money's own sentence are readings too ("下达…2,860万元（按受益学生28,600人核定）")
        counts += [c for c in of_unit(prose, unit) if c.sentence is money[0].sentence and c not in counts]
        readings = periods(ctx, price, period)
        if readings and not _named_reading_fits(ctx, prose, price, unit, period, readings):
            others = [s for s in prose if s.kind == "amount" and s.field != "unit_price"] if guessed else []
            finding = _compare(ctx, price, counts, money, readings, period, others)
            if finding is not None:
                yield finding


def _compare(
    ctx: AuditContext,
    price: Statement,
    counts: list[Statement],
    money: list[Statement],
    readings: list[Decimal],
    period: str | None,
    others: list[Statement],
) -> Finding | None:
    """``others``: with a count or money guessed (no words name them the standard's), every amount of the text; any
    that the product gives settles it, and a slip is read only within a tenth of the product."""
    ctx.facts.mark(price, *counts, *money)
    rate = Interval.exact(
        price.value
    )  # a standard paid per unit is a set figure, not one rounded to its places
    rates = [price.value, *(s.value for s in _changed_to(ctx, price))]
    mixed = Interval(min(rates), max(rates))  # the standard changed within the year: any split of the periods
    products = [
        c.interval() * mixed * Interval.exact(n)
        for c in counts
        for n in (person_periods(ctx, c, period) or readings)
    ]
    if any(fits(p, amount.interval()) for amount in [*money, *others] for p in products):
        return None  # as written, or with 元 and 万元 swapped (the unit checks' business)
    amount = money[0]
    if (
        period == "月"
        and all(amount.interval().below(p) for p in products)
        and not _siblings_paid_in_full(ctx, price, readings)
    ):
        return None  # a monthly standard over 12 months is the most: heads may be paid part of the year
    if (
        period == "月"
        and others
        and Interval(min(p.lo for p in products), max(p.hi for p in products)).overlaps(amount.interval())
    ):
        return (
            None  # "由年初的38,200人增至年末的39,400人": heads joined within the year, paid some months each
        )
    # a named pairing is its first count and money; a guessed one, whichever pairing comes nearest the money
    candidates = [
        (c, a, c.interval() * rate * Interval.exact((person_periods(ctx, c, period) or readings)[-1]))
        for c in (counts if others else counts[:1])
        for a in (money if others else money[:1])
        if c.value > 0
    ]
    if not candidates or any(t[2].mid <= 0 for t in candidates):
        return None  # a count or standard of nothing prices nothing
    count, amount, product = min(candidates, key=lambda t: abs(t[2].mid - t[1].interval().mid) / t[2].mid)
    n = (person_periods(ctx, count, period) or readings)[-1]
    if others and (
        amount.interval().below(product) or abs(product.mid - amount.interval().mid) * 10 > product.mid
    ):
        return None  # a guessed pairing: less money may pay part of the heads or the year; far from it, another reading
    if holds_more(ctx, amount) and not amount.interval().below(product):
        return None  # "支出126.00万元（含体检费用）": money holding more than the standard paid may exceed its product
    if not near_enough(product, amount.interval()):
        return (
            None  # far from the money: another reading (a threshold, part of the heads, more money), no slip
        )
    times = f"×{n}{'个月' if period == '月' else period}" if n != 1 else ""
    expected = show_value(product.mid, amount)
    members = (count, price, amount)
    same_paragraph = len({s.sentence.para_start for s in members if s.sentence is not None}) == 1
    span = (
        (min(s.span[0] for s in members), max(s.span[1] for s in members)) if same_paragraph else amount.span
    )
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"按 {price.text} 的标准，{count.text}×{price.text}{times} ＝ {expected}，而文中所写金额为 {amount.text}"
        "（若标准另有适用范围或资金另有用途，请在文中说明）",
        span,
        expected=expected,
        found=amount.text,
        proven=False,
        quote=quote_of(ctx.doc.text, amount),
    )


def _sets_money(ctx: AuditContext, price: Statement) -> bool:
    """Does the standard's clause say the money was set by it ("按每亩32元标准安排补偿资金")? Only then is the
    subject's whole budget its product; "补贴标准为每亩71.20元" beside money allocated apart says no such thing."""
    after = ctx.doc.text[price.span[1] : price.span[1] + 12]
    return bool(_CUES.by_rule.search(clause_before(ctx, price))) and bool(_CUES.sets_money.match(after))


def _unpriced(ctx: AuditContext, group: Pairing) -> bool:
    """A paragraph's one count and standard with no money of its own, the subject's budget and execution unread and
    the text's money more than one sum ("面积87.36万亩，按每亩32元标准安排补偿资金。" ⏎ "补偿资金总额2,766.40万元，其中…"):
    ``text_arithmetic`` holds it to nothing, so the money named like the standard is read here."""
    if len(group.pairs) != 1 or group.alone:
        return False
    if any(s.kind == "amount" and s.field != "unit_price" for s in group.statements):
        return False
    count, price = group.pairs[0]
    subject = price.subject or count.subject
    if subject is None or subject.kind not in ("project", "report"):
        return False  # a unit's money: no paragraph's standard pays it
    return ctx.values.of_subject(subject) is None and not one_amount(ctx)


def _changed_to(ctx: AuditContext, price: Statement) -> list[Statement]:
    """The other standards of the same unit and period the standard's paragraph states ("1—6月为每人每月158元…7—12月
    按每人每月163元发放", "原标准每人每月620元，自7月起提高到680元"): the standard changed within the year, and money of
    the whole year was paid at each for part of it."""
    sentence = price.sentence
    assert sentence is not None
    if not raised_in_year(ctx, price):
        return []  # "80至89周岁…50元；90至99周岁…100元": standards of different groups, each its own count
    return [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field == "unit_price"
        and s.value != price.value
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and paid_per(ctx, s) == paid_per(ctx, price)
    ]


def near_enough(product: Interval, stated: Interval) -> bool:
    """Within half as much again either way: a slip in a figure, not a reading of other money."""
    return stated.hi * 3 >= product.lo * 2 and stated.lo * 2 <= product.hi * 3


def _product_fits(price: Statement, count: Statement, amount: Statement, n: Decimal) -> bool:
    """Does count × standard × n periods give the amount as written (元 and 万元 read either way)?"""
    product = count.interval() * Interval.exact(price.value) * Interval.exact(n)
    return fits(product, amount.interval())


def _named_reading_fits(
    ctx: AuditContext,
    prose: list[Statement],
    price: Statement,
    unit: str,
    period: str | None,
    readings: list[Decimal],
) -> bool:
    """Does any count and any amount whose words share the standard's name give the product, whichever shares it
    best? "农村部分计划生育家庭奖励扶助每人每月80元" shares 计划生育家庭 with the whole budget ("计划生育家庭扶助资金预算
    2,598.82万元") and 奖励扶助 with its own money ("其中：奖励扶助金1,768.90万元" = 18,426 × 80 × 12): a reading that fits
    is the text's own, so the standard is silent."""
    amounts = [
        s
        for s in prose
        if s.kind == "amount" and s.field != "unit_price" and s.exact_claim and s is not price
    ]
    counts = named(ctx, price, of_unit(prose, unit)) + [
        c for c in of_unit(prose, unit) if c.sentence is price.sentence
    ]
    return any(
        _product_fits(price, c, a, n)
        for c in counts
        for a in named(ctx, price, amounts)
        for n in (person_periods(ctx, c, period) or readings)
    )


def _siblings_paid_in_full(ctx: AuditContext, price: Statement, readings: list[Decimal]) -> bool:
    """Do at least two other standards of the same unit and period in the standard's paragraph, each of its own
    group ("集中养育孤儿每人每月2,140元；社会散居孤儿每人每月1,450元；事实无人抚养儿童每人每月1,540元"), each give
    their own money exactly over the most periods (36 × 2,140 × 12 = 92.45万元, 152 × 1,450 × 12 = 264.48万元)? Then
    the text pays its groups the whole year, and a third group's money below its product is no part-year reading:
    a slip (287 × 1,540 × 12 = 530.38万元, written 499.38万元)."""
    sentence = price.sentence
    assert sentence is not None
    if raised_in_year(ctx, price):
        return False  # one standard at different times, not standards of groups
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    siblings = [
        s
        for s in prose
        if s.kind == "amount"
        and s.field == "unit_price"
        and s.exact_claim
        and s.value != price.value
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and paid_per(ctx, s) == paid_per(ctx, price)
    ]
    full = readings[-1]
    fitted = 0
    for sibling in siblings:
        unit = paid_per(ctx, sibling)
        assert unit is not None
        counts = counts_for(ctx, prose, sibling, unit[0], unit[1])
        money = money_for(ctx, prose, sibling, counts[0]) if counts else []
        if not counts or not money or not _product_fits(sibling, counts[0], money[0], full):
            return False
        fitted += 1
    return fitted >= 2
