"""ARITHMETIC_MISMATCH from the text alone: tiers whose counts one sentence lists ("小学、初中分别为12,400人、8,600人",
"其中D级1,260户、C级840户"), each paid a standard the report states elsewhere ("小学寄宿生每生每年1,000元、初中寄宿生
每生每年1,250元"), against the money a later sentence of the section says was paid out in all ("全年共发放…2,351.00万元").

Bad: the above (12,400 × 1,000元 + 8,600 × 1,250元 = 2,315.00万元, not 2,351.00万元); D级危房每户2.5万元、C级危房每户
1.2万元 … 其中D级1,260户、C级840户 … 共拨付补助资金4,185.00万元 (4,158.00万元).
Good: the same with the sum written; a tier whose name fits no standard, or two (the list is then no tier list); a
year's standard paid by term (学期) where the money falls between one term and two; money holding more (含工作经费).
Why: a tier's standard is what each of its heads is paid; the tiers a sentence lists, each with a standard of its
own, are what the money paid out after them pays. Always a warning: that the list is every tier paid and that the
money pays nothing else is the report's reading, not its arithmetic.
"""

from __future__ import annotations

import re
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
from .text_standard_lines import PAID_PER, Standard, periods_of, shares_words, standards_of

_CUES = cues(__name__)
_Tier = tuple[Statement, Standard]


@check_unit(also=("ARITHMETIC_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    standards = standards_of(ctx)
    if len(standards) < 2:
        return
    for sentence in ctx.doc.sentences:
        counts = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.origin == "prose" and s.kind == "count" and s.role == "value" and s.exact_claim
        ]
        tiers = _tiers(ctx, counts, standards)
        if tiers is None:
            continue
        paid = _paid_after(ctx, tiers[-1][0])
        if paid is not None:
            finding = _compare(ctx, tiers, paid)
            if finding is not None:
                yield finding


def _tiers(ctx: AuditContext, counts: list[Statement], standards: list[Standard]) -> list[_Tier] | None:
    """The sentence's listed counts, each with the one standard its tier's name fits: the names before 分别 in order
    ("小学、初中分别为"), or the words right before each count ("其中D级1,260户、C级840户"); a first count the
    others add up to is their whole, not a tier. None unless every tier fits one standard of its own."""
    counts = [c for c in counts if c.unit in PAID_PER]
    if len(counts) < 2 or len({c.unit for c in counts}) != 1:
        return None
    text = ctx.doc.text
    names = _respective_names(ctx, counts)
    if names is None:
        if sum(c.value for c in counts[1:]) == counts[0].value:
            counts = counts[1:]
        names = [_CUES.lead.sub("", _name_before(text, c)) for c in counts]
    if len(counts) < 2 or len(names) != len(counts):
        return None
    tiers: list[_Tier] = []
    for count, name in zip(counts, names, strict=True):
        fit = _fitting([s for s in standards if s.head in PAID_PER[count.unit]], name)
        if len(fit) != 1:
            return None
        tiers.append((count, fit[0]))
    if len({id(s) for _, s in tiers}) != len(tiers) or len({s.period for _, s in tiers}) != 1:
        return None
    return tiers


def _respective_names(ctx: AuditContext, counts: list[Statement]) -> list[str] | None:
    """ "小学、初中分别为12,400人、8,600人": the names the counts are given in order, or None without 分别."""
    words = clause_before(ctx, counts[0])
    found = _CUES.respective.search(words)
    if found is None:
        return None
    return [n for n in re.split(r"[、和及与]", found.group("names")) if n]


def _name_before(text: str, count: Statement) -> str:
    return re.split(r"[，,、；;：:。\n]", text[max(0, count.span[0] - 16) : count.span[0]])[-1]


def _fitting(standards: list[Standard], name: str) -> list[Standard]:
    """The standards a tier's name ("D级", "初中", "一类户") names: those whose group holds the whole name
    ("D级危房", "初中寄宿生"), else those sharing two characters with it (二类户 shares 类户 with 一类户 too)."""
    if not name:
        return []
    whole = [s for s in standards if name in s.label]
    return whole or [s for s in standards if shares_words(s.label, name)]


def _paid_after(ctx: AuditContext, last: Statement) -> Statement | None:
    """The first money a later sentence of the same section says was paid out in all ("共发放", "共拨付"); None when
    another count of heads comes first or the money holds more (含工作经费)."""
    assert last.sentence is not None
    section = last.sentence.section
    for s in ctx.facts.statements:
        if s.span[0] <= last.sentence.end or s.origin != "prose" or s.sentence is None:
            continue
        if s.sentence.section is not section:
            return None
        if s.kind == "count" and s.unit in PAID_PER:
            return None
        if s.kind != "amount" or s.field == "unit_price" or not s.exact_claim or s.role != "value":
            continue
        if not _CUES.paid_total.search(clause_before(ctx, s)):
            continue
        if _CUES.holds_more.search(ctx.doc.text[s.span[1] : s.span[1] + 12]):
            return None
        return s
    return None


def _compare(ctx: AuditContext, tiers: list[_Tier], paid: Statement) -> Finding | None:
    text = ctx.doc.text
    first = tiers[0][1]
    line = text[paid.sentence.start : paid.span[0]] if paid.sentence else ""
    factors = periods_of(text, first, line, tiers[0][0])
    if not factors:
        return None
    product = sum((c.value * s.price.value for c, s in tiers), Decimal(0))
    if any(fits(Interval(product * lo, product * hi), paid.interval()) for lo, hi, _ in factors):
        return None
    lo, hi, _ = min(factors, key=lambda f: abs(product * f[0] - paid.value))
    expected = show_value(product * (hi if paid.value > product * hi else lo), paid)
    ctx.facts.mark(*(c for c, _ in tiers), *(s.price for _, s in tiers), paid)
    parts = " + ".join(f"{c.text}×{s.price.text}" for c, s in tiers)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"按文中所写各档标准，{parts} ＝ {expected}，而文中所写发放总额为 {paid.text}"
        "（若另有档次或资金另有用途，请在文中说明）",
        paid.span,
        expected=expected,
        found=paid.text,
        proven=False,
        quote=quote_of(text, paid),
    )
