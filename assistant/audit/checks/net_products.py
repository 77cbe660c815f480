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
on its own line.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import combinations, permutations

from assistant.numbers.keystroke import transposed, written_digits
from assistant.numbers.mentions import find_numbers
from assistant.numbers.model import NumberMention
from assistant.numbers.precision import round_to

from ..context import AuditContext
from ..findings import Finding
from ..registry import check_unit

_WHY = "仅差一位数字或相邻两位互换，疑为笔误"
_PER = ("每", "均", "标准", "/", "／")  # marks a standard written per unit (每亩120元, 人均89元, 120元/亩)
_MONTHLY = ("月",)  # a standard per month: the year pays it twelve times unless the text counts its months
_LINES = 5  # lines either side a relation's terms may stand on: a paragraph and its neighbours
_NEAR = (
    3  # amounts before a rate taken as its terms: the figures a writer divides, not any pair of a paragraph
)
_MIN_DIGITS = 3  # significant digits a slipped figure must carry
_MAX_WEIGHT = Decimal(30)  # an indicator's 分值: a part of 100, not a total


@check_unit(also=("ARITHMETIC_MISMATCH", "RATE_MISMATCH", "SCORE_MISMATCH"), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    lines: list[list[NumberMention]] = []
    start = 0
    for line in text.split("\n"):
        lines.append(
            [_shift(m, start) for m in find_numbers(line) if m.is_claim and not m.hedge and m.high is None]
        )
        start += len(line) + 1
    seen: set[int] = set()
    for i, own in enumerate(lines):
        if not own:
            continue
        window = [m for near in lines[max(0, i - _LINES) : i + _LINES + 1] for m in near]
        for finding in (*_products(ctx, text, own, window), *_rates(ctx, own, window), *_scores(ctx, own)):
            if finding.span is None or finding.span[0] not in seen:
                seen.add(finding.span[0] if finding.span else -1)
                yield finding


def _shift(m: NumberMention, offset: int) -> NumberMention:
    """The mention placed in the whole text."""
    return replace(m, start=m.start + offset, end=m.end + offset)


def variants(value: Decimal, places: int) -> set[Decimal]:
    """Every figure one keystroke from ``value`` at ``places`` decimals: two different neighbours swapped (three
    significant digits at least), or one digit struck for another (four at least), neither the leading digit (a
    figure of another size) nor the last written one (rounding and truncation move it: 96.87 written 96.8 or 96.9)."""
    digits = written_digits(value, places)
    significant = len(digits.rstrip("0"))
    scale = Decimal(1).scaleb(-max(places, 0))
    found: set[Decimal] = set()
    for i in range(len(digits) - 1):
        if significant >= _MIN_DIGITS and digits[i] != digits[i + 1]:
            found.add(Decimal(digits[:i] + digits[i + 1] + digits[i] + digits[i + 2 :]) * scale)
        if significant > _MIN_DIGITS and i > 0 and digits[i:].strip("0"):
            # not a zero of a figure's rounded tail (3,086,000 beside 3,086,400 is rounded, not retyped)
            found |= {
                Decimal(digits[:i] + d + digits[i + 1 :]) * scale for d in "0123456789" if d != digits[i]
            }
    return found


def _enough(value: Decimal, places: int) -> bool:
    """Does a value the other figures give carry enough digits to be read as a slipped figure's truth?"""
    return len(written_digits(value, places).rstrip("0")) >= _MIN_DIGITS


def _factor(m: NumberMention) -> Decimal:
    """Canonical value per written unit (万元 per 元: 0.0001)."""
    return m.value / m.raw_value if m.raw_value else Decimal(1)


def _is_standard(text: str, m: NumberMention) -> bool:
    """An amount written per unit: 每亩120元, 人均89元, 补助标准1,540元, 120元/亩."""
    return (
        any(p in text[max(0, m.start - 8) : m.start] for p in _PER[:3]) or text[m.end : m.end + 1] in "/／每"
    )


def _monthly(text: str, m: NumberMention) -> bool:
    """A standard paid by the month (每人每月1,540元, 1,540元/月)."""
    return "月" in text[max(0, m.start - 8) : m.start] or "月" in text[m.end : m.end + 3]


def _products(
    ctx: AuditContext, text: str, own: list[NumberMention], window: list[NumberMention]
) -> Iterator[Finding]:
    amounts = [m for m in window if m.kind == "amount" and m.value > 0]
    standards = [m for m in amounts if _is_standard(text, m)]
    counts = [m for m in window if m.kind == "count" and m.value >= 1]
    spans = [m.value for m in window if m.kind == "duration" and m.unit in ("月", "天", "日")]
    wholes = [m for m in own if m.kind == "amount" and m.value > 0 and m not in standards]
    if not standards or not counts or not wholes:
        return
    times_of = {s.start: _times(text, s, spans) for s in standards}
    triples = [(c, s, t) for s in standards for c in counts for t in times_of[s.start]]
    made = [c.value * s.value * t for c, s, t in triples]
    for whole in wholes:
        if any(_makes(whole, v) for v in made) or any(_makes(whole, x + y) for x, y in combinations(made, 2)):
            continue  # the window's figures make it exactly, alone or as two tiers (1,100人 × 150元 + 150人 × 200元)
        for c, s, t in triples:
            if whole.start < s.start and whole.start < c.start:
                continue  # a total written before both its terms is another figure's
            found = _product_slip(whole, c, s, t)
            if found is None:
                continue
            slipped, shown, formula = found
            if any(_makes(w, c.value * s.value * t) for w in amounts if w is not whole) and slipped is whole:
                continue  # the product is written as its own figure (下达1,560.00万元): this amount is another
            if slipped is not whole and (
                any(_makes(w, c.value * s.value * t) for w in amounts if w is not whole)
                or _made(slipped, amounts, counts, standards, times_of)
            ):
                continue
            yield _finding(ctx, "ARITHMETIC_MISMATCH", slipped, shown, formula)
            break


def _times(text: str, s: NumberMention, spans: list[Decimal]) -> list[Decimal]:
    """The periods a standard may be paid for: once, each period the window counts, twelve months if monthly."""
    times = {Decimal(1), *spans}
    if _monthly(text, s):
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


def _makes(whole: NumberMention, value: Decimal) -> bool:
    """Does ``value`` (canonical) written in ``whole``'s unit at its places give ``whole`` as written?"""
    return round_to(value / _factor(whole), max(whole.places, 0)) == whole.raw_value


def _product_slip(
    whole: NumberMention, c: NumberMention, s: NumberMention, t: Decimal
) -> tuple[NumberMention, str, str] | None:
    """The figure of count × standard × times = whole that one keystroke would make exact, with the value it
    should carry and the arithmetic in words; None when no one figure does."""
    times = f" × {t}" if t != 1 else ""
    product = c.value * s.value * t
    written = round_to(product / _factor(whole), max(whole.places, 0))
    if (
        _enough(written, whole.places)
        and written in variants(whole.raw_value, whole.places)
        and (
            whole.raw_value > written
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


def _rates(ctx: AuditContext, own: list[NumberMention], window: list[NumberMention]) -> Iterator[Finding]:
    terms = [m for m in window if m.kind in ("amount", "count") and m.value > 0]
    for rate in (m for m in own if m.kind == "percent" and m.value > 0):
        if _explained(rate, terms):
            continue
        parts = [m for m in own if m.kind in ("amount", "count") and m.value > 0 and m.end <= rate.start][
            -_NEAR:
        ]
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
            if found is not None:
                slipped, shown, formula = found
                yield _finding(ctx, "RATE_MISMATCH", slipped, shown, formula)
                break


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


def _scores(ctx: AuditContext, own: list[NumberMention]) -> Iterator[Finding]:
    marks = [m for m in own if m.kind in ("score", "plain")]
    weights = [m for m in marks if m.places == 0 and 0 < m.value <= _MAX_WEIGHT]
    amounts = [m for m in own if m.kind == "amount" and m.value > 0]
    rates = [(m.text, m.value) for m in own if m.kind == "percent" and 0 < m.value < 100] + [
        (f"{a.text}÷{b.text}", a.value / b.value * 100)
        for a, b in permutations(amounts, 2)
        if a.value < b.value
    ]
    for score in marks:
        if score.places < 1 or not any(w.value > score.value for w in weights):
            continue
        places = score.places
        made = {
            round_to(w.value * r / 100, places) for w in weights if w.value > score.value for _, r in rates
        }
        if score.raw_value in made:
            continue
        for w, (shown, r) in ((w, r) for w in weights if w.value > score.value for r in rates):
            product = round_to(w.value * r / 100, places)
            if _enough(product, places) and product in variants(score.raw_value, places):
                formula = f"{w.text} × {shown} = {product}"
                yield _finding(ctx, "SCORE_MISMATCH", score, f"{product}", formula)
                break


def _show(value: Decimal, like: NumberMention) -> str:
    """A value in ``like``'s unit at its places, with that unit."""
    places = max(like.places, 0)
    return f"{round_to(value, places):,.{places}f}{like.unit or ''}"


def _finding(ctx: AuditContext, code: str, figure: NumberMention, shown: str, formula: str) -> Finding:
    return ctx.relation_finding(
        code,
        f"{formula}，文中写作 {figure.text}（{_WHY}）",
        (figure.start, figure.end),
        expected=shown,
        found=figure.text,
        proven=False,
    )
