"""ARITHMETIC_MISMATCH, RATE_MISMATCH and SCORE_MISMATCH from the raw figures of one paragraph, whatever its words:
a count × a per-unit standard (× months or days) against an amount, a rate against two amounts, a score against
分值 × rate, where one figure misses the relation by exactly one keystroke.

Why: the statement readers tie a count to its standard, a rate to its amounts, a score to its rule through the words
of a sentence; a report words them in ways no reader foresees, and the check never sees the figures. Here the tie
is the digits alone (``numbers.keystroke``): when one figure, with one digit struck for another or two neighbours
swapped, makes the relation exact at its written places, while no figures of the paragraph make it exactly as
written, the figure was almost always retyped wrong. Always a warning (verdict "uncertain").
Bad: 核定补贴面积184,500亩，按每亩120元标准 … (lines below) 应兑付补贴资金2,224.80万元 (185,400亩 × 120元); 下达资金
1,250.00万元 … 累计拨付1,087.60万元，拨付率为88.01% (87.01%); 执行率93.76%，分值10分，得分9.83分 (9.38); a piped
自评表 row "| 预算执行率 | 10 | 87.45% | 8.57 |" (8.75).
Good: the same figures that agree; two tiers that make the total (920人 × 180元 × 12 + 400人 × 260元 × 12); a 次均
figure the text divides out exactly; a rate some pair of the window makes exactly (到位 vs 下达 bases, a fall on last
year's unstated figure = this year + the fall); round figures (360.00万元, 780.00 ÷ 500元, 92%: too few digits to
prove a slip); a last digit off (96.87% written 96.8: rounding, not a keystroke); a rate that cannot pin an amount's
last digit (92.17% of 2,880万元).
Window: a line and the five lines either side (a paragraph and its neighbours); a rate's numerator stands before it
on its own line (its last amounts, or one a breakdown after it sums to exactly; in a piped row, the row's bare
figures). A product also within twelve lines (a section) when units pair its terms unambiguously: one
standard per 场 and its counts, or as many standards per 人 as counts, listed in one order. A sum short of the
product is read there only when no whole number of units left unpaid explains the gap.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import combinations, permutations

from assistant.numbers.keystroke import transposed, written_digits
from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding
from ..registry import check_unit
from .net_figures import MIN_DIGITS as _MIN_DIGITS
from .net_figures import enough as _enough
from .net_figures import factor as _factor
from .net_figures import finding as _finding
from .net_figures import is_standard, line_figures, variants
from .net_figures import makes as _makes
from .net_figures import show as _show
from .net_score_rows import scores

_MONTHLY = ("月",)  # a standard per month: the year pays it twelve times unless the text counts its months
_LINES = 5  # lines either side a relation's terms may stand on: a paragraph and its neighbours
_WIDE = 12  # a section: standards in one paragraph, counts or amounts in another, when their units pair them
_PAIRED = 3  # standards of one unit, counts of that unit a section may hold and still pair unambiguously
_NOT_UNIT = "月年日天季"  # 每人每月: the period a standard is paid for, not the unit it is paid per
_TIED_SPAN = (
    40  # characters from a count to its amount that one sentence's clauses span ("41家…每家5万元，兑付…")
)
_NEAR = (
    3  # amounts before a rate taken as its terms: the figures a writer divides, not any pair of a paragraph
)


@check_unit(also=("ARITHMETIC_MISMATCH", "RATE_MISMATCH", "SCORE_MISMATCH"), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    lines = line_figures(text, ctx.doc.spaced)
    seen: set[int] = set()
    for i, own in enumerate(lines):
        if not own:
            continue
        window = [m for near in lines[max(0, i - _LINES) : i + _LINES + 1] for m in near]
        wide = [m for near in lines[max(0, i - _WIDE) : i + _WIDE + 1] for m in near]
        before = [m for near in lines[max(0, i - _LINES) : i] for m in near]
        above = lines[i - 1] if i else []
        for finding in (
            *_products(ctx, text, own, window),
            *_products(ctx, text, own, wide, paired=True),
            *_rates(ctx, text, own, window, above),
            *scores(ctx, text, own, wide, before),
        ):
            if finding.span is None or finding.span[0] not in seen:
                seen.add(finding.span[0] if finding.span else -1)
                yield finding


def _monthly(text: str, m: NumberMention) -> bool:
    """A standard paid by the month (每人每月1,540元, 1,540元/月)."""
    return "月" in text[max(0, m.start - 8) : m.start] or "月" in text[m.end : m.end + 3]


def _per_unit(text: str, m: NumberMention) -> str | None:
    """The unit a standard is paid per (每人每月1,540元 → 人, 人均89元 → 人, 120元/亩 → 亩), None if unwritten."""
    before = text[max(0, m.start - 8) : m.start]
    units = [
        before[i + 1] for i, ch in enumerate(before[:-1]) if ch == "每" and before[i + 1] not in _NOT_UNIT
    ]
    units += [before[i - 1] for i, ch in enumerate(before) if ch == "均" and i > 0]
    if text[m.end : m.end + 1] in "/／" and text[m.end + 1 : m.end + 2] not in _NOT_UNIT:
        units.append(text[m.end + 1 : m.end + 2])
    return units[-1] if units and units[-1].strip() else None


def _pairs(
    text: str, standards: list[NumberMention], counts: list[NumberMention]
) -> list[tuple[NumberMention, NumberMention]]:
    """Count and standard of one unit (287人, 每人每月1,540元), where a section holds few of each: far apart, only
    the unit ties them, and many of a unit would pair by chance."""
    by_unit: dict[str, list[NumberMention]] = {}
    for s in standards:
        unit = _per_unit(text, s)
        if unit:
            by_unit.setdefault(unit, []).append(s)
    found = []
    for unit, ones in by_unit.items():
        matching = [c for c in counts if (c.unit or "").lstrip("万") == unit]
        if len(ones) > 1 and len(ones) == len(matching) <= _PAIRED:
            found += list(
                zip(matching, ones, strict=True)
            )  # rows listed in one order: 36人 … 2,140元, 152人 … 1,450元
        elif len(ones) == 1 and len(matching) <= _PAIRED:
            found += [(c, ones[0]) for c in matching]
    return found


def _products(
    ctx: AuditContext, text: str, own: list[NumberMention], window: list[NumberMention], paired: bool = False
) -> Iterator[Finding]:
    amounts = [m for m in window if m.kind == "amount" and m.value > 0]
    standards = [m for m in amounts if is_standard(text, m)]
    counts = [m for m in window if m.kind == "count" and m.value >= 1]
    spans = [m for m in window if m.kind == "duration" and m.unit in ("月", "天", "日")]
    wholes = [m for m in own if m.kind == "amount" and m.value > 0 and m not in standards]
    if not standards or not counts or not wholes:
        return
    times_of = {s.start: _times(text, s, spans) for s in standards}
    terms = _pairs(text, standards, counts) if paired else [(c, s) for s in standards for c in counts]
    triples = [(c, s, t) for c, s in terms for t in times_of[s.start]]
    every = triples if paired else [(c, s, t) for s in standards for c in counts for t in times_of[s.start]]
    made = [c.value * s.value * t for c, s, t in every]
    listed = _listed(amounts, standards)
    for whole in wholes:
        if any(_makes(whole, v) for v in made) or any(_makes(whole, x + y) for x, y in combinations(made, 2)):
            continue  # the window's figures make it exactly, alone or as two tiers (1,100人 × 150元 + 150人 × 200元)
        for c, s, t in triples:
            if whole.start < s.start and whole.start < c.start:
                continue  # a total written before both its terms is another figure's
            product = c.value * s.value * t
            if any(round_to(product, 2) == round_to(v, 2) for v in listed):
                continue  # the standard pays some listed costs (国家投入 + 县级配套); the whole adds others
            found = _product_slip(whole, c, s, t, short=paired, tied=_tied(text, c, s, whole))
            if found is None:
                continue
            slipped, shown, formula = found
            if any(_makes(w, product) for w in amounts if w is not whole) and slipped is whole:
                continue  # the product is written as its own figure (下达1,560.00万元): this amount is another
            if slipped is not whole and (
                any(_makes(w, product) for w in amounts if w is not whole)
                or _made(slipped, amounts, counts, standards, times_of)
            ):
                continue
            yield _finding(ctx, "ARITHMETIC_MISMATCH", slipped, shown, formula)
            break


def _listed(amounts: list[NumberMention], standards: list[NumberMention]) -> list[Decimal]:
    """Sums of two or three consecutive amounts (other than standards): the costs a whole may list."""
    costs = [m.value for m in amounts if m not in standards]
    return [sum(costs[i : i + n]) for n in (2, 3) for i in range(len(costs) - n + 1)]


def _times(text: str, s: NumberMention, spans: list[NumberMention]) -> list[Decimal]:
    """The periods a standard may be paid for: once, each period the window counts; a monthly one twelve months
    when the window states no months of its own (发放10个月)."""
    times = {Decimal(1), *(d.value for d in spans)}
    if _monthly(text, s) and not any(d.unit == "月" for d in spans):
        times.add(Decimal(12))
    return sorted(times)


def _made(
    figure: NumberMention,
    amounts: list[NumberMention],
    counts: list[NumberMention],
    standards: list[NumberMention],
    times_of: dict[int, list[Decimal]],
) -> bool:
    """Do other figures of the window make ``figure`` (a count or a standard) exactly: an amount ÷ a count, or an
    amount ÷ a standard (次均救助350.60元 = 支出137.26万元 ÷ 3,915人次)? Then it is written as the text computes it."""
    wholes = [w for w in amounts if w is not figure and w not in standards]
    places = max(figure.places, 0)
    if figure.kind == "count":
        divisors = [s.value * t for s in standards for t in times_of[s.start]]
    else:
        divisors = [c.value * t for c in counts for t in times_of[figure.start]]
    return any(
        round_to(w.value / d / _factor(figure), places) == figure.raw_value
        for w in wholes
        for d in divisors
        if d
    )


def _tied(text: str, c: NumberMention, s: NumberMention, whole: NumberMention) -> bool:
    """Count, standard per that count's unit, and amount, in that order in one sentence ("41家企业，每家奖励5万元，
    兑付215.00万元"): the words pair them, not chance, so a struck digit of a three-digit amount is read too."""
    if not c.start < s.start < whole.start or whole.end - c.start > _TIED_SPAN:
        return False
    if any(mark in text[c.end : whole.start] for mark in "。；;\n"):
        return False
    unit = _per_unit(text, s)
    return unit is not None and (c.unit or "").lstrip("万") == unit


def _product_slip(
    whole: NumberMention,
    c: NumberMention,
    s: NumberMention,
    t: Decimal,
    short: bool = False,
    tied: bool = False,
) -> tuple[NumberMention, str, str] | None:
    """The figure of count × standard × times = whole that one keystroke would make exact, with the value it
    should carry and the arithmetic in words; None when no one figure does."""
    times = f" × {t}" if t != 1 else ""
    product = c.value * s.value * t
    # a sum short of the product is a slip only when no whole number of units left unpaid explains it (212.00 of
    # 148场 × 1.50万元: 10.00 ÷ 1.50 is no count); an area (356,218.40亩) may fall short by any amount, and a round
    # count (1.1万亩) is a scope, not a term paid by
    short = (
        short
        and c.places <= 0
        and _enough(c.raw_value, c.places)
        and (product - whole.value) % (s.value * t) != 0
    )
    written = round_to(product / _factor(whole), max(whole.places, 0))
    if (
        _enough(written, whole.places)
        and written
        in variants(whole.raw_value, whole.places, _MIN_DIGITS if short or tied else _MIN_DIGITS + 1)
        and (
            whole.raw_value > written
            or short
            or transposed(*(written_digits(x, whole.places) for x in (whole.raw_value, written)))
        )
    ):
        # a sum below the product by one digit struck may be money short paid (some area unpaid); swapped digits
        # or a sum above what the standard allows are the slip
        return whole, _show(written, whole), f"{c.text} × {s.text}{times} = {_show(written, whole)}"
    if not _enough(whole.raw_value, whole.places):
        return None  # a round total (780.00万元) divides into any count; its digits prove nothing
    for v in variants(c.raw_value, c.places):
        if _makes(whole, v * _factor(c) * s.value * t):
            return c, _show(v, c), f"{whole.text} ÷ {s.text}{times.replace('×', '÷')} = {_show(v, c)}"
    if not _enough(c.raw_value, c.places):
        return None
    for v in variants(s.raw_value, s.places):
        if _makes(whole, c.value * v * _factor(s) * t):
            return s, _show(v, s), f"{whole.text} ÷ {c.text}{times.replace('×', '÷')} = {_show(v, s)}"
    return None


def _rates(
    ctx: AuditContext,
    text: str,
    own: list[NumberMention],
    window: list[NumberMention],
    above: list[NumberMention],
) -> Iterator[Finding]:
    cells = _bare_cells(text, own)
    terms = [m for m in window if m.kind in ("amount", "count") and m.value > 0] + cells
    for rate in (m for m in own if m.kind == "percent" and m.value > 0):
        if _explained(rate, terms):
            continue
        ahead = [
            m
            for m in own
            if (m.kind in ("amount", "count") or m in cells) and m.value > 0 and m.end <= rate.start
        ]
        # a rate that opens its line ("（三）执行率。…预算执行率为97.46%") may divide the amounts of the line right
        # above; there only the rate, pinned by them, is read as slipped
        lead = not ahead and not any(m.end <= rate.start for m in own)
        ahead = ahead or ([m for m in above if m.kind == "amount" and m.value > 0] if lead else [])
        parts = _broken_down(ahead) + ahead[-_NEAR:]
        pairs = [
            (a, b)
            for a in reversed(parts)
            for b in terms
            if b is not a
            and _alike(a, b)
            and _enough(a.raw_value, a.places)  # a round share (目标值4.5万人) is a target, not a term
            and a.value < b.value * 2
            and (b in parts or a.value <= b.value)
        ]
        for a, b in pairs:
            found = _rate_slip(rate, a, b)
            if found is not None and (found[0] is rate or a not in above):
                slipped, shown, formula = found
                yield _finding(ctx, "RATE_MISMATCH", slipped, shown, formula)
                break


def _bare_cells(text: str, own: list[NumberMention]) -> list[NumberMention]:
    """Bare figures with decimals in a piped row ("| 286.00 | 242.70 | 84.86% |"): the header gives their unit, so
    the number reader sees none; a rate in the same row divides two of them."""
    return [
        m
        for m in own
        if m.kind == "plain" and m.places > 0 and m.value > 0 and "|" in text[max(0, m.start - 3) : m.end + 3]
    ]


def _broken_down(ahead: list[NumberMention]) -> list[NumberMention]:
    """Figures a breakdown right after them sums to exactly ("兑付2,705.31万元…按类别分：拖拉机1,065.20万元、…、其他
    345.80万元。兑付率96.06%"): the writer divides the whole, though its parts stand between it and the rate."""
    found = []
    for i, whole in enumerate(ahead[: -_NEAR or None]):
        total = Decimal(0)
        for part in ahead[i + 1 :]:
            if not _alike(whole, part):
                continue  # a count between (补贴机具3,412台) is no part of an amount's breakdown
            total += part.value
            if total >= whole.value:
                break
        if total == whole.value and _enough(whole.raw_value, whole.places):
            found.append(whole)
    return found


def _alike(a: NumberMention, b: NumberMention) -> bool:
    """Two figures a rate may divide: amounts, or counts of one unit."""
    return a.kind == b.kind and (a.kind == "amount" or a.unit == b.unit)


def _explained(rate: NumberMention, terms: Sequence[NumberMention]) -> bool:
    """Does some pair of the window's figures make the rate exactly: a/b, or the change (a−b)/b?"""
    places = max(rate.places, 0)
    for a, b in permutations(terms, 2):
        if not _alike(a, b):
            continue
        shares = [a.value / b.value, abs(a.value - b.value) / b.value, a.value / (a.value + b.value)]
        if b.value > a.value:
            shares.append(a.value / (b.value - a.value))  # a rise on this year's figure: last year's is b − a
        for v in (x * 100 for x in shares):
            if round_to(v, places) == rate.raw_value:
                return True
    return False


def _rate_slip(
    rate: NumberMention, a: NumberMention, b: NumberMention
) -> tuple[NumberMention, str, str] | None:
    places = max(rate.places, 0)
    share = round_to(a.value / b.value * 100, places)
    if _enough(share, places) and share in variants(rate.raw_value, places):
        return rate, f"{share}%", f"{a.text} ÷ {b.text} = {share}%"
    step = b.value * Decimal(1).scaleb(-places) / 100 / _factor(a)
    if len(written_digits(rate.raw_value, places).rstrip("0")) <= _MIN_DIGITS or step > Decimal(1).scaleb(
        -a.places
    ):
        return (
            None  # a rate that does not pin the amount's last digit (92%; 92.17% of 2,880万元) proves no slip
        )
    for v in variants(a.raw_value, a.places):
        if round_to(v * _factor(a) / b.value * 100, places) == rate.raw_value:
            return a, _show(v, a), f"{rate.text} × {b.text} ≈ {_show(v, a)}"
    return None
