"""UNIT_SUSPECT and ARITHMETIC_MISMATCH from the text alone: a yield per measure times the measure against the output.

Rule: a sentence that states a physical yield per unit ("每亩每年能产油40kg", "40kg/亩"), one count of that unit
("3194亩") and one output in the yield's dimension ("可生产茶油12.78万kg") states N × X = T. Compared at the written
precision (the yield and the output to half their last place; a count exact unless written in 万). A product that
fits the output only with 万 (×10⁴) or 千 (×10³, kg for 吨) is a unit slip (UNIT_SUSPECT): an error when the three
stand together in one sentence with no other number between them, else a warning (the three may also stand in
the sentences of one paragraph). A product that fits in no unit is a warning
(ARITHMETIC_MISMATCH): yields are estimates and the output may count other things.
Bad: 每亩每年能产油40kg，3194亩每年预计可生产茶油12.78kg (127760kg = 12.776万kg: 万 dropped).
The yield may follow its figure ("40kg/亩").
Good: the same with 12.78万kg; money per measure ("每亩需投资200元", text_arithmetic's); a ranged or hedged yield
("30-40kg", "约40kg"); several counts or outputs of the unit in one sentence (which one multiplies is not settled).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
# each measure: (dimension, factor to the dimension's base unit)
_MEASURES: dict[str, tuple[str, Decimal]] = {
    **dict.fromkeys(("kg", "㎏", "公斤", "千克"), ("mass", Decimal(1))),
    "斤": ("mass", Decimal("0.5")),
    "吨": ("mass", Decimal(1000)),
    **dict.fromkeys(("立方米", "m3", "m³", "㎥"), ("volume", Decimal(1))),
    **dict.fromkeys(("公里", "千米", "km", "㎞"), ("length", Decimal(1000))),
    "米": ("length", Decimal(1)),
    **dict.fromkeys(("平方米", "平米", "㎡", "m2", "m²"), ("area", Decimal(1))),
    "千瓦时": ("energy", Decimal(1)),
}
_WAN = Decimal(10000)
_SLIPS = {"万": (_WAN, 1 / _WAN), "千": (Decimal(1000), Decimal("0.001"))}


@dataclass(frozen=True)
class _Number:
    value: Decimal  # in the dimension's base unit (or the count's unit)
    lo: Decimal
    hi: Decimal
    unit: str
    text: str
    span: tuple[int, int]  # in the document


@check_unit(also=("UNIT_SUSPECT", "ARITHMETIC_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    paragraphs: dict[int, list[Sentence]] = {}
    for sentence in ctx.doc.sentences:
        if not ctx.doc.body_end or sentence.start < ctx.doc.body_end:
            paragraphs.setdefault(sentence.para_start, []).append(sentence)
    for sentences in paragraphs.values():
        found = [f for s in sentences if (f := _sentence(ctx, s.text, s.start)) is not None]
        if not found and len(sentences) > 1:
            # the yield in one sentence, the count and the output in the next: a slip is only a warning
            start, end = sentences[0].start, sentences[-1].end
            loose = _sentence(ctx, ctx.doc.text[start:end], start, apart=True)
            found = [loose] if loose is not None else []
        yield from found


def _number(match: re.Match[str], base: int, exact: bool = False) -> _Number:
    raw = match.group("num")
    places = len(raw.partition(".")[2])
    wan = match.group("wan") is not None
    unit = match.group("unit")
    factor = _MEASURES[unit][1] if unit in _MEASURES else Decimal(1)
    scale = factor * (_WAN if wan else 1)
    value = Decimal(raw) * scale
    half = Decimal(0) if exact and not wan else Decimal(5) * Decimal(10) ** (-places - 1) * scale
    return _Number(
        value, value - half, value + half, unit, match.group(0), (base + match.start(), base + match.end())
    )


def _sentence(ctx: AuditContext, text: str, base: int, apart: bool = False) -> Finding | None:
    written = [*_CUES.yield_rate.finditer(text), *_CUES.yield_after.finditer(text)]
    rates = [m for m in written if _plain(text, m)]
    if len(rates) != 1:
        return None  # several yields: which one a count multiplies is not settled
    rate = rates[0]
    per = rate.group("per")
    dimension = _MEASURES[rate.group("unit")][0]
    counts = [
        m
        for m in _CUES.counted.finditer(text)
        if m.group("unit") == per and not (rate.start() <= m.start() < rate.end())
    ]
    outputs = [
        m
        for m in _CUES.output.finditer(text)
        if _MEASURES[m.group("unit")][0] == dimension
        and not (rate.start() <= m.start() < rate.end())
        and not _CUES.per_after.match(text, m.end())
        and m.start() > min(rate.start(), *(c.start() for c in counts or [rate]))
    ]
    if len(counts) != 1 or len(outputs) != 1 or _hedged(text, counts[0]) or _hedged(text, outputs[0]):
        return None
    count = _number(counts[0], base, exact=True)
    value = _number(rate, base)
    output = _number(outputs[0], base)
    lo, hi = count.lo * value.lo, count.hi * value.hi
    if lo <= output.hi and output.lo <= hi:
        return None
    pieces = sorted([rate.span(), counts[0].span(), outputs[0].span()])
    between = "".join(text[a[1] : b[0]] for a, b in pairwise(pieces))
    together = not apart and not re.search(r"\d", between)
    span = (base + pieces[0][0], base + pieces[-1][1])
    product = count.value * value.value
    written = f"{counts[0].group(0)}×{_yield_text(rate)}"
    for word, factors in _SLIPS.items():
        if word == "千" and dimension != "mass":
            continue
        for factor in factors:
            if lo <= output.hi * factor and output.lo * factor <= hi:
                return ctx.relation_finding(
                    "UNIT_SUSPECT",
                    f"{written} ＝ {_show(product, outputs[0])}，文中写作 {output.text}，疑为单位错误"
                    f"（{'漏写或多写“万”' if word == '万' else '“千克”与“吨”混用'}）",
                    output.span,
                    expected=_show(product, outputs[0]),
                    found=output.text,
                    proven=together,
                    quote=text,
                )
    if not together:
        return None
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"{written} ＝ {_show(product, outputs[0])}，与文中 {output.text} 不符（产量为估算时请说明口径）",
        span,
        expected=_show(product, outputs[0]),
        found=output.text,
        proven=False,
        quote=text,
    )


def _plain(text: str, rate: re.Match[str]) -> bool:
    """A yield written as one exact-ish figure: not a range ("30-40kg") nor hedged ("约40kg", "40kg左右"), and
    per year or per crop, not per month or day ("每人每月15公斤": the months are not counted)."""
    words = rate.groupdict().get("words") or ""
    return not _hedged(text, rate, rate.start("num")) and not _CUES.short_period.search(words)


def _hedged(text: str, match: re.Match[str], start: int | None = None) -> bool:
    begin = match.start() if start is None else start
    return bool(
        _CUES.hedge_before.search(text[max(0, begin - 3) : begin])
        or _CUES.hedge_after.match(text, match.end())
    )


def _yield_text(rate: re.Match[str]) -> str:
    return f"{rate.group('num')}{rate.group('wan') or ''}{rate.group('unit')}/{rate.group('per')}"


def _show(base_value: Decimal, like: re.Match[str]) -> str:
    """The product written in the output's unit ("127760kg"), and in 万 of it when that reads better."""
    unit = like.group("unit")
    value = base_value / _MEASURES[unit][1]
    plain = f"{format(value.normalize(), 'f')}{unit}"
    if value >= _WAN:
        return f"{plain}（{format((value / _WAN).normalize(), 'f')}万{unit}）"
    return plain
