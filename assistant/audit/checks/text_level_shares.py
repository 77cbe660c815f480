"""TOTAL_MISMATCH and RATE_MISMATCH from the text alone: a whole split among levels by stated proportions
(分担比例) whose amounts for the levels miss share × whole, or do not make the whole.

Bad: 全年应安排补助资金3,234.00万元。按照中央80%、省级12%、市级3%、县级5%的比例分担，其中中央补助资金2,587.20万元，
省级补助资金383.08万元，市级补助资金97.02万元，县级配套资金161.70万元 (12% × 3,234.00 = 388.08; the four make
3,229.00). Also read: "按中央、省、县6:2:2比例分担", "省级承担12%，计388.08万元", "…，分担比例为80%、15%、5%".
Good: the same with 388.08; a split whose last level takes the rounding remainder (市级承担尾差: the parts make the
whole and a part misses its share by a unit or two of its last place); shares of only some levels (the amounts
of the others are not stated); a 资金到位率 or 完成率 (no level's share).
The whole is the amount of the paragraph that all the parts but at most one give at their shares (the nearest
first: before the shares, then a 合计 after the parts); one part missing its share of it is the slip, an error
(the whole and the other parts prove it). With no such amount stated, a part alone off the whole the other
parts agree on (three parts or more) is a warning. Matching money set by a share of the amount before it
("下达800万元，县级按20%的比例配套资金180万元": 160) is a warning too (the base is a reading); a floor (不低于) none.
Two levels by their ratio with no other amount in the paragraph ("按1:0.5比例安排。下达中央资金800万元，县级应配套
420万元") are read against each other, and one level given alone against the whole its own sentence states right
before the shares ("总投资2,150万元，由中央与地方按6:4比例分担，中央资金1,310万元"): warnings (the base is a reading).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value
from ..prose.interval import Interval, half_unit, total
from ..prose.level_shares import HUNDRED, Split, read_splits, tranche_of
from ..prose.model import Statement, list_places
from ..registry import check_unit

_CUES = cues(__name__)
_NAMES = {"省": "省级", "市": "市级", "县": "县级", "乡": "乡镇"}


@check_unit(also=("TOTAL_MISMATCH", "RATE_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    statements = [s for s in ctx.facts.statements if s.origin == "prose"]
    for split in read_splits(ctx.doc, statements):
        if len(split.parts) == 1:
            finding = _lone_part(ctx, split, statements)
        else:
            # two levels against each other only where no amount may be the whole of another base (总投资 shared
            # 6:4 while a year's 中央 and 省级 amounts follow)
            alone = len(split.parts) > 2 or not _candidates(ctx, split, statements)
            finding = _stated_whole(ctx, split, statements) or (_implied_whole(ctx, split) if alone else None)
        if finding is not None:
            yield finding
    yield from _matched(ctx, statements)


def _matched(ctx: AuditContext, statements: list[Statement]) -> Iterator[Finding]:
    """ "下达1.2368亿元，省级按1:0.25比例配套3,092万元", "…县级按20%的比例配套资金160万元": the matching money is the
    share of the amount right before it in its sentence; which amount that is, is a reading (a warning)."""
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        own = [s for s in statements if s.sentence is sentence and s.kind == "amount" and s.exact_claim]
        for m in _CUES.matched.finditer(sentence.text):
            start, end = sentence.start + m.start(), sentence.start + m.end()
            before = [s for s in own if s.span[1] <= start]
            part = next(
                (s for s in own if s.span[0] >= end and not text[end : s.span[0]].strip("资金为 ")), None
            )
            if not before or part is None:
                continue
            base = before[-1]
            share = Decimal(m["pct"]) if m["pct"] else Decimal(m["b"]) * HUNDRED / Decimal(m["a"])
            split = Split(
                {"配套": share}, {"配套": m.group("terms")}, {"配套": part}, (start, end), not m["pct"]
            )
            expected = _share_of(base.interval(), split, "配套")
            if part.interval().overlaps(expected) or _remainder(split, "配套", base.interval()):
                continue
            ctx.facts.mark(base, part)
            yield ctx.relation_finding(
                "RATE_MISMATCH",
                f"按{m.group('terms')}的比例配套，应为 {base.text} × {share.quantize(Decimal('0.01')).normalize():f}% ＝ "
                f"{show_value(expected.mid, part)}，文中写作 {part.text}",
                part.span,
                expected=show_value(expected.mid, part),
                found=part.text,
                proven=False,
                quote=quote_of(text, part),
            )


def _share_of(whole: Interval, split: Split, key: str) -> Interval:
    share = split.shares[key]
    # a share is a rule, not a measure: "12%" is 12 % exactly; only a share written with decimals may be rounded
    # ("33.33%" for a third)
    exact = split.ratio or share == share.to_integral_value()
    half = Decimal(0) if exact else half_unit(-share.normalize().as_tuple().exponent)  # type: ignore[operator]
    return whole * Interval(share - half, share + half).scaled(1 / HUNDRED)


def _misses(split: Split, whole: Interval, places: int) -> list[str]:
    """The levels whose amount misses its share of ``whole`` at the parts' precision."""
    return [
        key
        for key, part in split.parts.items()
        if not part.interval(places).overlaps(_share_of(whole, split, key))
    ]


def _candidates(ctx: AuditContext, split: Split, statements: list[Statement]) -> list[Statement]:
    """Amounts of the split's paragraph that may be its whole: before the shares (nearest first), then a 合计 after."""
    first = min([split.span[0], *(p.span[0] for p in split.parts.values())])
    last = max([split.span[1], *(p.span[1] for p in split.parts.values())])
    para = next(iter(split.parts.values())).sentence
    assert para is not None
    taken = {p.span for p in split.parts.values()}
    own = [
        s
        for s in statements
        if s.kind == "amount"
        and s.exact_claim
        and s.span not in taken
        and s.sentence is not None
        and s.sentence.para_start == para.para_start
    ]
    before = [s for s in reversed(own) if s.span[1] <= first]
    after = [
        s for s in own if s.span[0] >= last and _CUES.whole_after.search(ctx.doc.text[last : s.span[0]][-8:])
    ]
    return before + after


def _stated_whole(ctx: AuditContext, split: Split, statements: list[Statement]) -> Finding | None:
    parts = list(split.parts.values())
    places = list_places(parts)
    for whole in _candidates(ctx, split, statements):
        if any(p.value >= whole.value for p in parts) or tranche_of(ctx.doc.text, whole, parts):
            continue
        misses = _misses(split, whole.interval(), places)
        if len(misses) > 1:
            continue  # not the split's whole (with two levels, one giving it at its share proves the other off)
        if not misses:
            return None
        key = misses[0]
        sums = total([p.interval(places) for p in parts]).overlaps(whole.interval())
        if sums and _remainder(split, key, whole.interval()):
            return None
        return _finding(ctx, split, key, whole.interval(), whole, sums)
    return None


def _lone_part(ctx: AuditContext, split: Split, statements: list[Statement]) -> Finding | None:
    """ "总投资2,150万元，由中央与地方按6:4比例分担，中央资金1,310万元": the one level given an amount, read against
    the whole its own sentence states right before the shares (a whole of another paragraph or stage may be
    another base: 总投资 vs 年度预算). The other levels do not confirm the whole, so it is a warning."""
    ((key, part),) = split.parts.items()
    sentence = part.sentence
    if sentence is None or not sentence.start <= split.span[0] < split.span[1] <= part.span[0]:
        return None
    before = [
        s
        for s in statements
        if s.kind == "amount" and s.exact_claim and s.sentence is sentence and s.span[1] <= split.span[0]
    ]
    between = [s for s in statements if s.sentence is sentence and split.span[1] <= s.span[0] < part.span[0]]
    if (
        len(before) != 1
        or between
        or part.value >= before[0].value
        or tranche_of(ctx.doc.text, before[0], [part])
    ):
        return None
    whole = before[0]
    if part.interval().overlaps(_share_of(whole.interval(), split, key)) or _remainder(
        split, key, whole.interval()
    ):
        return None
    return _finding(ctx, split, key, whole.interval(), whole, True, proven=False)


def _remainder(split: Split, key: str, whole: Interval) -> bool:
    """Is the part off its share by no more than the rounding remainder a level may take (市级承担尾差): a unit of
    its last place for each other level?"""
    part = split.parts[key]
    unit = 2 * half_unit(part.canonical_places)
    return abs(part.value - _share_of(whole, split, key).mid) <= (len(split.parts) - 1) * unit + unit / 2


def _implied_whole(ctx: AuditContext, split: Split) -> Finding | None:
    """With no whole stated: the one part off the whole every other part gives at its share (of two parts, the one
    stated later: "中央与县级按1:0.5比例安排。下达中央资金800万元，县级应配套420万元")."""
    parts = split.parts
    if len(parts) == 2:
        parts = dict(sorted(parts.items(), key=lambda item: item[1].span))
    elif len(parts) < 3:
        return None
    places = list_places(list(parts.values()))
    implied = {}
    for key, part in parts.items():
        got = part.interval(places).divided_by(_share_of(Interval.exact(Decimal(1)), split, key))
        if got is None:
            return None
        implied[key] = got
    for key in list(parts)[1:] if len(parts) == 2 else parts:
        others = [implied[k] for k in parts if k != key]
        common = others[0]
        for other in others[1:]:
            if not common.overlaps(other):
                break
            common = Interval(max(common.lo, other.lo), min(common.hi, other.hi))
        else:
            if not common.overlaps(implied[key]) and not _remainder(split, key, common):
                return _finding(ctx, split, key, common, None, False)
    return None


def _finding(
    ctx: AuditContext,
    split: Split,
    key: str,
    whole: Interval,
    stated: Statement | None,
    sums: bool,
    proven: bool | None = None,
) -> Finding:
    part = split.parts[key]
    parts = list(split.parts.values())
    places = list_places(parts)
    expected = _share_of(whole, split, key)
    shown = show_interval(expected, part) if stated is None else show_value(expected.mid, part)
    share = split.share_text[key]
    base = stated.text if stated is not None else f"其余各级按比例推算的总额约{show_value(whole.mid, part)}"
    rate = f"{split.shares[key].quantize(Decimal('0.01')).normalize():f}%" if split.ratio else share
    name = _NAMES.get(key, key)
    message = f"按{share}的比例，{name}应为 {base} × {rate} ＝ {shown}，文中写作 {part.text}"
    if stated is None and len(parts) == 2:
        # of two levels the other's amount is the base: "县级应为 中央级 8,000,000元 × 0.5 ＝ 4,000,000元"
        other = next(k for k in split.parts if k != key)
        times = (split.shares[key] / split.shares[other]).quantize(Decimal("0.0001")).normalize()
        message = (
            f"按{share}的比例，{name}应为 {_NAMES.get(other, other)} {split.parts[other].text} × {times:f} ＝ "
            f"{show_value(expected.mid, part)}，文中写作 {part.text}"
        )
    code = "RATE_MISMATCH"
    if stated is not None and not sums:
        code = "TOTAL_MISMATCH"
        summed = total([p.interval(places) for p in parts])
        message += f"；各级合计 {show_value(summed.mid, stated)}，与 {stated.text} 不符"
    ctx.facts.mark(part, *(s for s in [stated] if s is not None))
    return ctx.relation_finding(
        code,
        message,
        part.span,
        expected=show_value(expected.mid, part),
        found=part.text,
        proven=stated is not None if proven is None else proven,
        quote=quote_of(ctx.doc.text, part),
    )
