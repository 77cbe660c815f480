"""Counts paired with the standards that price them ("小学生140人 … 小学生300元/年"), read from a paragraph.

A paragraph that states how many were paid and at what standard implies a sum of money: ``text_arithmetic`` compares
that product with the money the text states. Reading which count goes with which standard is this module's job:
counts pair with standards by the words before them (小学生140人 ↔ 小学生300元/年), or, alone in one sentence, with
each other (a count of a moment, 截止…底, in the standard's own paragraph too; a total count, 合计共N卷, alone when the
items it sums are listed after it; a standard alone in its sentence, with the count of the very next one when that
one pays money out: 标准为每人每年5000元。…42人，发放资助资金18万元). A monthly standard counts only with the one
"N个月" its paragraph states, a daily one ("每生每天5元") with the one "N天". A standard per head written without its money unit ("慰问标准300/人") is read in 元. A count of items
before a 分别 list of as many values ("2所中学的生均公用经费分别为1,020元和980元") counts the items, one standard each:
no pair (Bad: 2所 × 1,020元). A standard written per a measure or a thing (每亩, 每间, 每所, 每座) prices counts
of that only: "共9家供应商投标，…平均每间教室改造费用约0.89万元" pairs no count (Bad: 9家 × 0.89万元).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING

from assistant.numbers import base_unit

from ..cues import cues
from .interval import Interval
from .model import Statement

if TYPE_CHECKING:
    from ..context import (
        AuditContext,
    )  # the context caches ``pairings`` (its property): no import at run time

_PERSON_UNITS = frozenset({"人", "名", "户", "人次", "户次", "所", "家"})
_CUES = cues(__name__)
_YUAN = Decimal("0.0001")  # canonical amounts are in 万元

Pair = tuple[Statement, Statement]


@dataclass(frozen=True)
class Pairing:
    """The counts and standards a paragraph pairs, or, where the paragraph as a whole pairs none, one sentence of
    it that pairs alone (``alone``): the statements they are read among, the pairs, and the months a monthly
    standard is paid for (1 otherwise)."""

    statements: list[Statement]
    pairs: list[Pair]
    months: Decimal
    alone: bool


def pairings(ctx: AuditContext) -> list[Pairing]:
    """Every pairing of the text's prose, paragraph by paragraph: what ``text_arithmetic`` compares with the money
    and ``text_standard_products`` leaves to it. Read once per audit (``AuditContext.pairings``)."""
    paragraphs: dict[int, list[Statement]] = {}
    for statement in ctx.facts.statements:
        if statement.sentence is not None and statement.origin == "prose":
            paragraphs.setdefault(statement.sentence.para_start, []).append(statement)
    found = []
    for statements in paragraphs.values():
        pairs, months = paragraph_pairs(ctx, statements)
        if pairs:
            found.append(Pairing(statements, pairs, months, alone=False))
        else:
            found += [Pairing(*group, alone=True) for group in sentence_pairs(ctx, statements)]
    return found


def sentence_pairs(
    ctx: AuditContext, statements: list[Statement]
) -> Iterator[tuple[list[Statement], list[Pair], Decimal]]:
    """ "高中助学金按平均2000元/生的标准投入1106.97万元,受惠学生5962人": in a paragraph whose counts and standards
    do not pair, a sentence with one standard, one count and one whole of its own pairs them."""
    by_sentence: dict[int, list[Statement]] = {}
    for s in statements:
        by_sentence.setdefault(id(s.sentence), []).append(s)
    for group in by_sentence.values():
        if len(group) < len(statements):
            pairs, months = paragraph_pairs(ctx, group)
            if len(pairs) == 1:
                yield group, pairs, months


def _category(ctx: AuditContext, statement: Statement) -> str:
    head = ctx.doc.text[statement.sentence.start : statement.span[0]]  # type: ignore[union-attr]
    match = _CUES.category.search(head)
    return match.group(0) if match else ""


def _per_month(ctx: AuditContext, price: Statement) -> bool:
    """ "每月生活补助2500元", "2500元/月": a monthly standard needs months the pairing does not read."""
    head = _category(ctx, price)
    return bool(_CUES.monthly.search(head[-8:]) or _CUES.monthly.search(_own_tail(ctx, price, 3)))


def _per_day(ctx: AuditContext, price: Statement) -> bool:
    """ "每生每天5元", "5元/天": a daily standard needs the days its paragraph counts. The words after it are its own
    up to a bracket or a clause mark: "每生每年1,000元（每生每天5元，全年按200天计）" is a yearly standard, the daily
    one in brackets only restating it."""
    return bool(
        _CUES.daily.search(_category(ctx, price)[-8:]) or _CUES.daily.search(_own_tail(ctx, price, 5))
    )


def _own_tail(ctx: AuditContext, price: Statement, size: int) -> str:
    """Up to ``size`` characters after a standard, cut at a bracket or a clause mark (what follows is no longer
    its unit)."""
    return _CUES.tail_end.split(ctx.doc.text[price.span[1] : price.span[1] + size], maxsplit=1)[0]


def _days(ctx: AuditContext, statements: list[Statement]) -> Decimal | None:
    """The one "全年按200天" of the paragraph, which a daily standard needs; None when absent or ambiguous."""
    return _periods(ctx, statements, _CUES.days)


def period_word(ctx: AuditContext, pairs: list[Pair]) -> str:
    """How the periods a standard is paid for are written in a finding: 天 for a daily standard, else 个月."""
    return "天" if any(_per_day(ctx, p) for _, p in pairs) else "个月"


def _common_tail(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _months(ctx: AuditContext, statements: list[Statement]) -> Decimal | None:
    """The one "发放12个月" of the paragraph, which a monthly standard needs; None when absent or ambiguous."""
    return _periods(ctx, statements, _CUES.months)


def _whole_year(ctx: AuditContext, prices: list[Statement]) -> Decimal | None:
    """Twelve months when no "N个月" is written but every monthly standard's own sentence says the money is the
    whole year's ("全年为…老人按每人每月100元标准发放…，全年累计发放…"); None otherwise."""
    if all(p.sentence is not None and _CUES.whole_year.search(p.sentence.text) for p in prices):
        return Decimal(12)
    return None


def _periods(ctx: AuditContext, statements: list[Statement], pattern: re.Pattern[str]) -> Decimal | None:
    """The one number of periods ``pattern`` finds in the paragraph; None when absent or ambiguous."""
    first = statements[0].sentence
    if first is None:
        return None
    found = {m.group(1) for m in pattern.finditer(ctx.doc.text, first.para_start, first.para_end)}
    return Decimal(found.pop()) if len(found) == 1 else None


def _per_unit(ctx: AuditContext, price: Statement) -> str | None:
    """The measure a standard is written per: "每亩补助200元", "200元/亩"."""
    text = ctx.doc.text
    before = _CUES.per_before.search(text[max(0, price.span[0] - 10) : price.span[0]])
    after = _CUES.per_after.match(text[price.span[1] : price.span[1] + 6])
    found = before or after
    return found.group("unit") if found else None


def paragraph_pairs(ctx: AuditContext, statements: list[Statement]) -> tuple[list[Pair], Decimal]:
    """(count, standard) pairs of a paragraph, and the months a monthly standard is paid for (1 otherwise)."""
    prices = [
        s
        for s in statements
        if s.kind == "amount" and s.field == "unit_price" and s.role == "value" and not _outcome(ctx, s)
    ]
    prices = _restated(ctx, prices) or _bare_standards(ctx, statements)
    per = {_per_unit(ctx, p) for p in prices}
    # persons, or a measure the standard is written per ("每亩补助200元" and 3500亩)
    counts = [
        s
        for s in statements
        if s.kind == "count"
        and (s.exact_claim or _of_the_moment(s, prices))
        and (s.unit in _PERSON_UNITS or (s.unit and base_unit(s.unit) in per))
    ]
    # "2所中学的生均公用经费分别为1,020元和980元": the count counts the list's items, each value one item's own
    listed = [_items_listed(c, statements) for c in counts]
    spread = {id(s) for items in listed for s in items}
    counts = [c for c, items in zip(counts, listed, strict=True) if not items]
    prices = [p for p in prices if id(p) not in spread]
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
        found = _months(ctx, statements) or _whole_year(ctx, prices)
        if found is None or not all(_per_month(ctx, p) for p in prices):
            return [], months
        months = found
    if any(_per_day(ctx, p) for p in prices):
        days = _days(ctx, statements)
        if days is None or months != 1 or not all(_per_day(ctx, p) for p in prices):
            return [], Decimal(1)
        months = days  # "每生每天5元、全年按200天…": the days are the periods, as a monthly standard's months
    return _paired(ctx, counts, prices), months


def _items_listed(count: Statement, statements: list[Statement]) -> list[Statement]:
    """ "2所中学的生均公用经费分别为1,020元和980元", "3家定点医院的床位补助标准分别为每床日120元、150元和90元": a
    count before a 分别 list of its sentence that holds as many amounts as the count says counts the items the list
    is spread over, one value each: the count is no number of heads any of them prices, and none of the values prices
    another count of the sentence ("在校学生2,000人" of both schools). The list's amounts, or none."""
    listed = [
        s
        for s in statements
        if s.sentence is count.sentence
        and s.span[0] > count.span[1]
        and s.kind == "amount"
        and s.extra.get("respective")
    ]
    return listed if len(listed) >= 2 and count.value == len(listed) else []


def _restated(ctx: AuditContext, prices: list[Statement]) -> list[Statement]:
    """ "每生每天5元、全年在校200天即每生每年1000元": a standard written again in other terms after 即/折合, in one
    sentence, is one standard: the restatement is the one applied (it is the last word), not a second standard."""
    kept = []
    for k, price in enumerate(prices):
        after = prices[k + 1] if k + 1 < len(prices) else None
        if (
            after is not None
            and after.sentence is price.sentence
            and _CUES.restates.search(ctx.doc.text[price.span[1] : after.span[0]])
        ):
            continue
        kept.append(price)
    return kept


def standard_interval(ctx: AuditContext, price: Statement) -> Interval:
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


def _paired(ctx: AuditContext, counts: list[Statement], prices: list[Statement]) -> list[Pair]:
    if len(counts) == 1 and len(prices) == 1:
        if (
            counts[0].sentence is prices[0].sentence
            or _total_count(ctx, counts[0])
            or _paid_after_standard(ctx, counts[0], prices[0])
        ):
            return [(counts[0], prices[0])]  # one standard, and the one count or the total count it prices
    own = _each_after_its_count(ctx, counts, prices)
    if own:
        return own
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


def _each_after_its_count(ctx: AuditContext, counts: list[Statement], prices: list[Statement]) -> list[Pair]:
    """ "县道312.6公里，每公里每年7000元；乡道528.4公里，每公里每年3500元": counts and standards alternate, each
    standard in the clause right after its count and written per the count's unit: each prices the count before it."""
    if len(counts) < 2 or len(counts) != len(prices):
        return []
    text = ctx.doc.text
    pairs = []
    for count, price in zip(counts, prices, strict=True):
        between = text[count.span[1] : price.span[0]]
        if (
            count.sentence is not price.sentence
            or not _CUES.next_clause.fullmatch(between)
            or base_unit(count.unit or "") != _per_unit(ctx, price)
        ):
            return []
        pairs.append((count, price))
    later = [p.span[0] for _, p in pairs[:-1]]
    if any(c.span[0] < end for (c, _), end in zip(pairs[1:], later, strict=True)):
        return []
    return pairs


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


def clause_words(ctx: AuditContext, statement: Statement) -> str:
    assert statement.sentence is not None
    return re.split(r"[，,；;。]", ctx.doc.text[statement.sentence.start : statement.span[0]])[-1]


def _outcome(ctx: AuditContext, price: Statement) -> bool:
    """ "人均增收1500元": an outcome per head, which the money spent need not add up to; no standard."""
    return price.sentence is not None and bool(_CUES.outcome.search(clause_words(ctx, price)))


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
