"""ARITHMETIC_MISMATCH from the text alone: "N人，每人S元，共计T" — a head count, the standard each head is paid and
the total, written one right after the other in one sentence.

Bad: 2024年秋季学期第一批补助人数1200人，每人每学期1500元，补助资金共计190万元 (1200 × 1500元 = 180万元).
Bad: 冷库建设1290.3平方米，按3100元每平方米计，投资600万元 (399.99万元); 发放面积约为11931.002亩，补贴标准为131.42元/亩，
共发放补贴资金256.8万元 (156.80万元; an area written 约 is read within 1 %).
Good: the same with 共计180万元; 每人每月300元 beside the year's total (months the sentence does not count); 人均1500元
(an average: the total may pay some more, some less).
The paragraph-wide reading (``text_arithmetic``) pairs counts and standards over a paragraph and falls silent where
a paragraph lists several batches ("第一批…3659人,每人每学期2000元,补助资金共计731.8万元,第二批补报人数2524人504.8万
元…"); three numbers written back to back, with nothing between them, pair themselves. Always a warning
("uncertain"): that the standard applies to every head counted is the sentence's reading, not its arithmetic.
Bad: 人均财政补助标准提高至580元…参保人数为52.36万人。…按人均财政补助标准和参保人数核定，…共计30,386.80万元 (the
total's sentence names its basis: 30,368.80万元). Good: the same where one of two standards so named (上年/本年) gives
the total: every pair is tried, a warning only when none fits.
Bad: "1. 改造面积：46.2万平方米；2. 补助标准：每平方米60元；3. 下达补助资金：2,556.00万元" (2,772.00万元): a numbered list
giving the three one a line, read when it holds one standard, one count it prices and one money line (not a budget).
Bad: "按签约人口12.46万人、人均25元标准测算，年度预算301.50万元" (311.50万元): a basis clause writing its own count and
standard per head (人均…标准 a funding standard here, no average); silent when the money is one source's share (中央…).
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
from ..prose.standards import fits
from ..registry import check_unit

_HEADS = frozenset({"人", "名", "户", "人次", "户次"})
_CUES = cues(__name__)


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose"]
        for count, price, whole in zip(own, own[1:], own[2:], strict=False):
            if _triple(ctx, count, price, whole):
                finding = _compare(ctx, count, price, whole)
                if finding is not None:
                    yield finding
    yield from _named_basis(ctx)
    yield from _figured_basis(ctx)
    yield from _listed(ctx)


def _listed(ctx: AuditContext) -> Iterator[Finding]:
    """ "1. 改造面积：46.2万平方米； 2. 补助标准：每平方米60元； 3. 下达补助资金：2,556.00万元；": a numbered list whose
    lines give the measure, its standard and the money paid, one figure a line. Read only when the list holds one
    standard, one count it is paid per and one money line (下达, 拨付, 发放…资金)."""
    text = ctx.doc.text
    for run in _numbered_runs(ctx):
        own = [s for s in run if s.origin == "prose"]
        prices = [s for s in own if s.kind == "amount" and s.field == "unit_price"]
        if len(prices) != 1 or prices[0].role != "value" or prices[0].hedge:
            continue
        price = prices[0]
        if _CUES.not_once.search(_line_of(text, price)):
            continue
        counts = [
            s
            for s in own
            if s.kind == "count"
            and s.exact_claim
            and (
                _per_measure(ctx, s, price)
                or (s.unit in _HEADS and _CUES.per_head.search(_line_of(text, price)))
            )
        ]
        wholes = [
            s
            for s in own
            if s.kind == "amount"
            and s.field != "unit_price"
            and s.exact_claim
            and _CUES.listed_money.search(_line_of(text, s))
        ]
        if len(counts) == 1 and len(wholes) == 1:
            finding = _compare(ctx, counts[0], price, wholes[0], "同一编号列表所写资金为")
            if finding is not None:
                yield finding


def _numbered_runs(ctx: AuditContext) -> Iterator[list[Statement]]:
    """The statements of each run of consecutive numbered lines ("1. …；", "（2）…"), one list each."""
    text, last = ctx.doc.text, -1
    run: list[Statement] = []
    for sentence in ctx.doc.sentences:
        if not _CUES.numbered_line.match(text[sentence.start : sentence.end]):
            continue
        if last >= 0 and text[last : sentence.start].strip():
            yield run
            run = []
        run.extend(ctx.facts.in_sentence(sentence))
        last = sentence.end
    if run:
        yield run


def _line_of(ctx_text: str, s: Statement) -> str:
    """The words of the statement's numbered line before it ("3. 下达补助资金："): what names it."""
    assert s.sentence is not None
    return ctx_text[s.sentence.start : s.span[0]]


def _named_basis(ctx: AuditContext) -> Iterator[Finding]:
    """ "人均财政补助标准提高至580元…参保人数为52.36万人。…按人均财政补助标准和参保人数核定，…共计30,386.80万元": a
    total whose own sentence names the standard and the count it is worked out from, each stated elsewhere under
    that name. Every standard and every count so named is tried; a warning only when no pair gives the total."""
    for s in ctx.facts.statements:
        if s.kind != "amount" or s.field == "unit_price" or not s.exact_claim or s.sentence is None:
            continue
        basis = _CUES.basis_named.search(ctx.doc.text[s.sentence.start : s.span[0]])
        if basis is None or any(
            o.kind == "amount" and o.span[1] <= s.span[0] and o.span[0] >= s.sentence.start + basis.end()
            for o in ctx.facts.in_sentence(s.sentence)
        ):
            continue  # the first amount after the basis is its total
        prices = [
            o
            for o in ctx.facts.statements
            if o.kind == "amount"
            and o.field == "unit_price"
            and o.role == "value"
            and o.hedge is None
            and basis.group("std") in clause_before(ctx, o)
        ]
        counts = [
            o
            for o in ctx.facts.statements
            if o.kind == "count" and o.exact_claim and basis.group("cnt") in clause_before(ctx, o)
        ]
        if not prices or not counts:
            continue
        stated = s.interval()
        products = [(c, p, c.value * p.value) for c in counts for p in prices]
        if any(fits(Interval(v, v), stated) for _, _, v in products):
            continue  # as written, or with 元 and 万元 swapped (the unit checks' business)
        count, price, value = products[0]
        ctx.facts.mark(count, price, s)
        expected = show_value(value, s)
        yield ctx.relation_finding(
            "ARITHMETIC_MISMATCH",
            f"文中称按{basis.group('std')}和{basis.group('cnt')}核定：{count.text}×{price.text} ＝ {expected}，"
            f"文中写作 {s.text}",
            s.span,
            expected=expected,
            found=s.text,
            proven=False,
            quote=quote_of(ctx.doc.text, s),
        )


def _figured_basis(ctx: AuditContext) -> Iterator[Finding]:
    """ "按常住人口36.58万人、人均89元标准测算，全年预算3,175.52万元": a basis clause writing its own head count and
    standard per head (人均…标准 here a funding standard, not an average), the first money after it the total worked
    out from them. Read only when the clause holds exactly those two figures, no month or day in it, and the money
    is not named as one source's share or a part (中央…, 其中)."""
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        own = [s for s in ctx.facts.in_sentence(sentence) if s.origin == "prose"]
        for m in _CUES.basis_figures.finditer(text, sentence.start, sentence.end):
            inside = [s for s in own if m.start() <= s.span[0] and s.span[1] <= m.end()]
            if len(inside) != 2 or _CUES.not_once.search(m.group(0).replace("人均", "")):
                continue
            count, price = sorted(inside, key=lambda s: s.kind != "count")
            if (
                count.kind != "count"
                or not count.exact_claim
                or (count.unit or "").removeprefix("万") not in _HEADS
            ):
                continue
            if price.kind != "amount" or price.field != "unit_price" or price.role != "value" or price.hedge:
                continue
            after = [s for s in own if s.span[0] >= m.end()]
            if (
                not after
                or after[0].kind != "amount"
                or after[0].field == "unit_price"
                or not after[0].exact_claim
            ):
                continue
            if _CUES.basis_share.search(clause_before(ctx, after[0])):
                continue
            finding = _compare(ctx, count, price, after[0], "文中称按此测算的资金为")
            if finding is not None:
                yield finding


def _triple(ctx: AuditContext, count: Statement, price: Statement, whole: Statement) -> bool:
    """A head count (or a measure: 亩, 平方米), then a standard per head or per that measure (no month or day in
    it, no average), then a total."""
    if count.kind != "count" or not (count.exact_claim or _about(count)):
        return False
    if price.kind != "amount" or price.field != "unit_price" or price.role != "value" or price.hedge:
        return False
    words = clause_before(ctx, price)
    if _CUES.not_once.search(words):
        return False
    if not (count.unit in _HEADS and _CUES.per_head.search(words)) and not _per_measure(ctx, count, price):
        return False
    if whole.kind != "amount" or whole.field == "unit_price" or not whole.exact_claim:
        return False
    return _CUES.total.search(clause_before(ctx, whole)) is not None


def _about(count: Statement) -> bool:
    """ "面积约为11931.002亩": an approximate measure written to its decimals, read within 1 %."""
    return count.hedge == "约" and count.high is None and count.role == "value" and count.places > 0


def _per_measure(ctx: AuditContext, count: Statement, price: Statement) -> bool:
    """A standard per the count's own measure: "131.42元/亩" or "按3100元每平方米计" after "11931.002亩"; a count
    in 万 ("46.2万平方米", its value already in 平方米) against the standard per its plain measure ("每平方米60元")."""
    if count.unit is None or count.unit in _HEADS:
        return False
    unit = (
        count.unit[1:] if count.unit.startswith("万") and len(count.unit) > 1 else count.unit
    )  # value in 平方米 already
    after = ctx.doc.text[price.span[1] : price.span[1] + len(unit) + 1]
    return after in (f"/{unit}", f"每{unit}") or f"每{unit}" in clause_before(ctx, price)


def _compare(
    ctx: AuditContext, count: Statement, price: Statement, whole: Statement, said: str = "同句紧接所写合计为"
) -> Finding | None:
    product = Interval(count.value * price.value, count.value * price.value)
    if count.hedge is not None:
        product = Interval(product.lo * Decimal("0.99"), product.hi * Decimal("1.01"))
    stated = whole.interval()
    ctx.facts.mark(count, price, whole)
    if fits(product, stated):
        return None  # as written, or 元 written for 万元 or the reverse: the unit checks' business
    expected = show_value(product.mid, whole)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"{count.text}×{price.text} ＝ {expected}，{said} {whole.text}",
        (count.span[0], whole.span[1]),
        expected=expected,
        found=whole.text,
        proven=False,
        quote=quote_of(ctx.doc.text, whole),
    )
