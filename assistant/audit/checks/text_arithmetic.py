"""UNIT_SUSPECT and ARITHMETIC_MISMATCH from the text alone: counts times their standards against the money.

Bad: 走访115名离任村干部，每人1000元 … 预算金额11.5元 (115 × 1000元 = 11.5万元: 元 written for 万元).
Uncertain: 救助小学生140人、初中生96人、高中生42人，标准为小学生300元/年、初中生500元/年、高中生1000元/年 … 已支付16万元
(the standards give 13.2万元; the rest may have gone elsewhere).
Good: 115名 × 1000元 = 11.5万元 written as 11.5万元.
Counts are paired with standards by the words before them (小学生140人 ↔ 小学生300元/年), or, alone in one sentence,
with each other (a count of a moment, 截止…底, in the standard's own paragraph too; a total count, 合计共N卷, alone
when the items it sums are listed after it; a standard alone in its sentence, with the count of the very next one when that one pays money out: 标准为每人每年5000元。…42人，发放资助资金18万元; in a paragraph that does not pair them, a sentence with one standard, one count and one whole of
its own is compared with that whole). The shares of a 其中 list are not sums the paragraph pays out. A product that fits the amount only with 元 and 万元 swapped is a slip (error); one that fits
neither is a warning: a project may spend on more than the counted standard. The one sum a short text pays
out is compared only when the standards (money paid per head or measure: 人均救助1500元) need more than it. A monthly standard counts only
with the one "N个月" its paragraph states. Without a budget and execution for the subject, the one sum the
paragraph pays out ("共计发放…") is the amount. A sentence that states its own total after a count and a standard
set by rule ("共110户,标准为每户400元,共计4.4万元") is compared with that total first (a warning). A finding points
at the money it compares with too, when the paragraph states it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from decimal import Decimal

from assistant.numbers import base_unit

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_value
from ..prose.interval import Interval, total
from ..prose.model import Statement
from ..prose.subject_values import SubjectValues
from ..registry import check_unit

_PERSON_UNITS = frozenset({"人", "名", "户", "人次", "户次", "所", "家"})
_CUES = cues(__name__)
_SWAP = (Decimal(10000), Decimal("0.0001"))
_YUAN = Decimal("0.0001")  # canonical amounts are in 万元


@check_unit(
    also=("UNIT_SUSPECT", "ARITHMETIC_MISMATCH"),
    basis="text",
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    values = ctx.values
    paragraphs: dict[int, list[Statement]] = {}
    for statement in ctx.facts.statements:
        if statement.sentence is not None and statement.origin == "prose":
            paragraphs.setdefault(statement.sentence.para_start, []).append(statement)
    for statements in paragraphs.values():
        pairs, months = _pairs(ctx, statements)
        groups = [(statements, pairs, months)] if pairs else list(_sentence_pairs(ctx, statements))
        for group, pairs, months in groups:
            finding = _compare(ctx, values, pairs, months, group, alone=group is not statements)
            if finding is not None:
                yield finding


def _sentence_pairs(
    ctx: AuditContext, statements: list[Statement]
) -> Iterator[tuple[list[Statement], list[tuple[Statement, Statement]], Decimal]]:
    """ "高中助学金按平均2000元/生的标准投入1106.97万元,受惠学生5962人": in a paragraph whose counts and standards
    do not pair, a sentence with one standard, one count and one whole of its own pairs them."""
    by_sentence: dict[int, list[Statement]] = {}
    for s in statements:
        by_sentence.setdefault(id(s.sentence), []).append(s)
    for group in by_sentence.values():
        if len(group) < len(statements):
            pairs, months = _pairs(ctx, group)
            if len(pairs) == 1:
                yield group, pairs, months


def _category(ctx: AuditContext, statement: Statement) -> str:
    head = ctx.doc.text[statement.sentence.start : statement.span[0]]  # type: ignore[union-attr]
    match = _CUES.category.search(head)
    return match.group(0) if match else ""


def _per_month(ctx: AuditContext, price: Statement) -> bool:
    """ "每月生活补助2500元", "2500元/月": a monthly standard needs months the pairing does not read."""
    head = _category(ctx, price)
    return bool(
        _CUES.monthly.search(head[-8:])
        or _CUES.monthly.search(ctx.doc.text[price.span[1] : price.span[1] + 3])
    )


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _months(ctx: AuditContext, statements: list[Statement]) -> Decimal | None:
    """The one "发放12个月" of the paragraph, which a monthly standard needs; None when absent or ambiguous."""
    first = statements[0].sentence
    if first is None:
        return None
    found = {m.group(1) for m in _CUES.months.finditer(ctx.doc.text, first.para_start, first.para_end)}
    return Decimal(found.pop()) if len(found) == 1 else None


def _per_unit(ctx: AuditContext, price: Statement) -> str | None:
    """The measure a standard is written per: "每亩补助200元", "200元/亩"."""
    text = ctx.doc.text
    before = _CUES.per_before.search(text[max(0, price.span[0] - 10) : price.span[0]])
    after = _CUES.per_after.match(text[price.span[1] : price.span[1] + 6])
    found = before or after
    return found.group("unit") if found else None


def _pairs(
    ctx: AuditContext, statements: list[Statement]
) -> tuple[list[tuple[Statement, Statement]], Decimal]:
    """(count, standard) pairs of a paragraph, and the months a monthly standard is paid for (1 otherwise)."""
    prices = [
        s
        for s in statements
        if s.kind == "amount" and s.field == "unit_price" and s.role == "value" and not _outcome(ctx, s)
    ]
    prices = prices or _bare_standards(ctx, statements)
    per = {_per_unit(ctx, p) for p in prices}
    # persons, or a measure the standard is written per ("每亩补助200元" and 3500亩)
    counts = [
        s
        for s in statements
        if s.kind == "count"
        and (s.exact_claim or _of_the_moment(s, prices))
        and (s.unit in _PERSON_UNITS or (s.unit and base_unit(s.unit) in per))
    ]
    if per - {None}:
        # "补贴标准为131.42元/亩" pays per 亩: a count of 户 beside it is who received, not what was paid for
        counts = [c for c in counts if base_unit(c.unit) in per]
        totals = [c for c in counts if _total_count(ctx, c)]
        if len(totals) == 1 and len(prices) == 1:
            counts = totals  # "合计共132697卷…其中:档案118606卷…每卷2元": the total counts every item once
    if not counts or not prices:
        return [], Decimal(1)
    months = Decimal(1)
    if any(_per_month(ctx, p) for p in prices):
        found = _months(ctx, statements)
        if found is None or not all(_per_month(ctx, p) for p in prices):
            return [], months
        months = found
    return _paired(ctx, counts, prices), months


def _price(ctx: AuditContext, price: Statement) -> Interval:
    """ "按照规定每卷(册)2元的标准": a standard set by rule is exact, not rounded to its written precision (2元 is
    not 1.5元～2.5元); an average (平均2000元/生) or a hedged one keeps its interval."""
    assert price.sentence is not None
    text = ctx.doc.text
    head = re.split(r"[，,；;。]", text[price.sentence.start : price.span[0]])[-1]
    tail = re.split(r"[，,；;。]", text[price.span[1] : price.sentence.end])[0]
    clause = head + price.text + tail
    if price.hedge is None and _CUES.set_rate.search(clause) and not _CUES.averaged.search(clause):
        return Interval(price.value, price.value)
    return price.interval()


def _total_count(ctx: AuditContext, count: Statement) -> bool:
    """ "合计共132697卷": a count written as the total of what it counts."""
    return _CUES.count_total.search(ctx.doc.text[max(0, count.span[0] - 6) : count.span[0]]) is not None


def _of_the_moment(count: Statement, prices: list[Statement]) -> bool:
    """ "截止2016年10月底,…合计共132697卷…；资料14091册,按照规定每卷(册)2元的标准测算": a count of a moment, in the
    paragraph that prices it, is the count the standard was applied to."""
    if count.hedge is not None or count.high is not None or count.role != "timed" or count.sentence is None:
        return False
    return any(p.sentence is not None and p.sentence.para_start == count.sentence.para_start for p in prices)


def _paired(
    ctx: AuditContext, counts: list[Statement], prices: list[Statement]
) -> list[tuple[Statement, Statement]]:
    if len(counts) == 1 and len(prices) == 1:
        if (
            counts[0].sentence is prices[0].sentence
            or _total_count(ctx, counts[0])
            or _paid_after_standard(ctx, counts[0], prices[0])
        ):
            return [(counts[0], prices[0])]  # one standard, and the one count or the total count it prices
    pairs = []
    for count in counts:
        category = _category(ctx, count)
        tails = [(_common_tail(category, _category(ctx, p)), p) for p in prices]
        best = max(t for t, _ in tails)
        matched = [p for t, p in tails if t == best]
        if best < 2 or len(matched) != 1:
            return []  # a count without its own standard: the product would not be the whole
        pairs.append((count, matched[0]))
    return pairs if len({id(p) for _, p in pairs}) == len(pairs) else []


def _paid_after_standard(ctx: AuditContext, count: Statement, price: Statement) -> bool:
    """ "资助标准为每人每年1万元。2023年符合条件30人,发放资助金28万元": the standard stated in a sentence of its own,
    the count and the money paid out in the very next one; the paragraph's one count is the heads it was paid to."""
    if count.sentence is None or price.sentence is None or count.sentence.start <= price.sentence.start:
        return False
    if ctx.doc.text[price.sentence.end : count.sentence.start].strip():
        return False
    return any(
        s.kind == "amount" and s.field == "executed" and s.span[0] > count.span[1] and s.exact_claim
        for s in ctx.facts.in_sentence(count.sentence)
    )


def _compare(
    ctx: AuditContext,
    values: SubjectValues,
    pairs: list[tuple[Statement, Statement]],
    months: Decimal,
    paragraph: list[Statement],
    alone: bool = False,
) -> Finding | None:
    product = total([c.interval() * _price(ctx, p) for c, p in pairs])
    product = Interval(product.lo * months, product.hi * months)
    subject = pairs[0][1].subject or pairs[0][0].subject
    if subject is None or subject.kind not in ("project", "report"):
        return None  # a unit's total is not what one paragraph's standard pays for
    own = _own_total(ctx, pairs) if months == 1 else None
    if own is not None:
        ctx.facts.mark(*pairs[0], own)
        if not product.overlaps(own.interval()):
            return _own_total_finding(ctx, pairs, product, own)
    # a sentence paired alone is compared with its own whole only; else the subject's budget and execution
    found = None if alone else values.of_subject(subject)
    # else the sum the paragraph pays out ("共计发放…", "全年发放补贴资金…"), when it states one only; the shares
    # of a 其中 list after it ("投入434.4万元,…其中上级资金370.1万元,本级资金64.3万元") are not other sums
    parts = ctx.facts.parts
    paid = [
        s
        for s in paragraph
        if s.kind == "amount"
        and s.field in ("executed", "budget")
        and s.role == "value"
        and s.exact_claim
        and s.span not in parts
    ]
    only = found is None and len(paid) != 1
    if only and alone:
        return None
    if only:
        paid = _one_amount(ctx)  # a short report that states one sum of money: the standard pays it
        if not paid:
            return None
    amounts = list(found) if found is not None else paid
    members = [s for pair in pairs for s in pair]
    ctx.facts.mark(*members, *amounts)
    if any(product.overlaps(a.interval()) for a in amounts):
        return None
    extra = _other_costs(paragraph, pairs, amounts)
    if extra and any(
        total([product, *(e.interval() for e in extra)]).overlaps(a.interval()) for a in amounts
    ):
        ctx.facts.mark(*extra)
        return None
    written = " + ".join(f"{c.text}×{p.text}" for c, p in pairs)
    first = members[0]
    # the money it is compared with is part of what the finding points at, when the same paragraph states it
    near = [a for a in amounts if a.sentence is not None and a.sentence.para_start == _para(first)]
    span = (min(s.span[0] for s in (*members, *near)), max(s.span[1] for s in (*members, *near)))
    for amount in amounts:
        for factor in _SWAP:
            if product.overlaps(Interval(amount.interval().lo * factor, amount.interval().hi * factor)):
                impossible = _above_the_whole(ctx, pairs, amount, written, product)
                if impossible is not None:
                    return impossible
                return ctx.relation_finding(
                    "UNIT_SUSPECT",
                    f"{written} ＝ {show_value(product.mid, amount)}，文中金额写作 {amount.text}，疑为“元”与“万元”混用",
                    amount.span,
                    expected=show_value(product.mid, amount),
                    found=amount.text,
                    quote=amount.sentence.text if amount.sentence else None,
                )
    if only and not (_pays_out(ctx, pairs) and all(a.interval().below(product) for a in amounts)):
        return None  # the one sum of the text may pay for more than the counted standard, never for less
    stated = "、".join(f"{'预算' if a.field == 'budget' else '执行'} {a.text}" for a in amounts)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"{written}{f'×{months}个月' if months != 1 else ''} ＝ {show_value(product.mid, amounts[0])}，与文中"
        f"{stated}{'均' if len(amounts) > 1 else ''}不符（资金若另有用途，请在文中说明）",
        span,
        expected=show_value(product.mid, amounts[0]),
        found="/".join(a.text for a in amounts),
        proven=False,
        quote=first.sentence.text if first.sentence else None,
    )


def _own_total(ctx: AuditContext, pairs: list[tuple[Statement, Statement]]) -> Statement | None:
    """ "共110户…,标准为每户400元,共计4.4万元": the one amount the count's and standard's own sentence states after
    both as their total (共计, 合计, 共发放…), when the standard is set by rule: what the sentence itself says the
    product is."""
    if len(pairs) != 1:
        return None
    count, price = pairs[0]
    if count.sentence is None or count.sentence is not price.sentence:
        return None
    if _price(ctx, price).lo != _price(ctx, price).hi:
        return (
            None  # an average (人均救助1500元，共计200万元) or a rounded figure: the sum may pay more than it
        )
    after = max(count.span[1], price.span[1])
    found = [
        s
        for s in ctx.facts.in_sentence(price.sentence)
        if s.kind == "amount"
        and s.span[0] >= after
        and s.field != "unit_price"
        and s.exact_claim
        and _CUES.own_total.match(clause_before(ctx, s))
    ]
    return found[0] if len(found) == 1 else None


def _own_total_finding(
    ctx: AuditContext, pairs: list[tuple[Statement, Statement]], product: Interval, own: Statement
) -> Finding | None:
    """The sentence's own total against its count × standard; a slip of 元 for 万元 is the general path's."""
    count, price = pairs[0]
    if any(product.overlaps(Interval(own.interval().lo * f, own.interval().hi * f)) for f in _SWAP):
        return None
    expected = show_value(product.mid, own)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"{count.text}×{price.text} ＝ {expected}，同句所写合计为 {own.text}",
        (min(count.span[0], price.span[0]), own.span[1]),
        expected=expected,
        found=own.text,
        proven=False,
        quote=own.sentence.text if own.sentence else None,
    )


def _para(statement: Statement) -> int | None:
    return statement.sentence.para_start if statement.sentence is not None else None


def _clause_before(ctx: AuditContext, statement: Statement) -> str:
    assert statement.sentence is not None
    return re.split(r"[，,；;。]", ctx.doc.text[statement.sentence.start : statement.span[0]])[-1]


def _outcome(ctx: AuditContext, price: Statement) -> bool:
    """ "人均增收1500元": an outcome per head, which the money spent need not add up to; no standard."""
    return price.sentence is not None and bool(_CUES.outcome.search(_clause_before(ctx, price)))


def _pays_out(ctx: AuditContext, pairs: list[tuple[Statement, Statement]]) -> bool:
    """ "人均救助1500元", "每亩补贴100元": each standard is money paid out per head or measure (not "人均增收1500元",
    an outcome the money need not add up to)."""
    return all(p.sentence is not None and _CUES.paid_out.search(_clause_before(ctx, p)) for _, p in pairs)


def _bare_standards(ctx: AuditContext, statements: list[Statement]) -> list[Statement]:
    """ "慰问对象120人，慰问标准300/人": a standard written per person without its money unit, read in 元 (the unit
    a per-person standard is written in) — beside a count of the same sentence only."""
    found = []
    counts = [s for s in statements if s.kind == "count" and s.sentence is not None]
    for count in counts:
        sentence = count.sentence
        assert sentence is not None
        for match in _CUES.bare_standard.finditer(ctx.doc.text, count.span[1], sentence.end):
            raw = Decimal(match.group("value"))
            places = len(match.group("value").partition(".")[2])
            found.append(
                replace(
                    count,
                    kind="amount",
                    field="unit_price",
                    value=raw * _YUAN,
                    raw=raw,
                    factor=_YUAN,
                    unit="元",
                    places=places,
                    hedge=None,
                    high=None,
                    span=match.span("value"),
                    text=match.group("value") + "/" + match.group("per"),
                    role="value",
                    extra={},
                )
            )
    return found


def _one_amount(ctx: AuditContext) -> list[Statement]:
    """The text's one sum of money, when every amount it states is that one value (stated once or repeated)."""
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.role == "value" and s.origin == "prose" and s.field != "unit_price"
    ]
    if not amounts or not all(a.exact_claim and a.interval() == amounts[0].interval() for a in amounts):
        return []
    return amounts[:1]


def _other_costs(
    paragraph: list[Statement], pairs: list[tuple[Statement, Statement]], amounts: list[Statement]
) -> list[Statement]:
    """ "14人…工资标准为每人每年30000元，保险费合计3万元" of a 45万元: the other costs the paragraph states beside the
    standard's product (amounts of no 口径 of their own, in a sentence of the pairs) are parts of the money too."""
    sentences = {id(s.sentence) for pair in pairs for s in pair}
    taken = {id(s) for s in amounts} | {id(s) for pair in pairs for s in pair}
    return [
        s
        for s in paragraph
        if s.kind == "amount"
        and s.role == "value"
        and s.field is None
        and id(s) not in taken
        and id(s.sentence) in sentences
    ]


def _above_the_whole(
    ctx: AuditContext,
    pairs: list[tuple[Statement, Statement]],
    amount: Statement,
    written: str,
    product: Interval,
) -> Finding | None:
    """ "320人…96万元，人均资助3000万元": a standard in 万元 above the whole sum cannot be right, so the slip is the
    standard's unit, not the sum's (a standard in 元 above a sum in 元 is the sum's: "96元", read 96万元)."""
    price = next(
        (p for _, p in pairs if p.unit in ("万元", "万") and amount.interval().below(p.interval())), None
    )
    if price is None:
        return None
    other = "元"
    raw = format(price.raw.normalize(), "f")
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        f"标准 {price.text} 高于总额 {amount.text}，单项标准不能大于总额；按 {raw}{other} 计，"
        f"{written.replace(price.text, raw + other)} 与 {amount.text} 相符，疑为“元”与“万元”混用",
        price.span,
        expected=f"{raw}{other}",
        found=price.text,
        quote=price.sentence.text if price.sentence else None,
    )
