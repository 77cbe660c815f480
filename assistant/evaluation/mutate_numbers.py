"""Number slips: an amount, a decimal point, a unit, a total, a rate, a score, a grade, a count or a share
changed to a value the case data does not hold, each caught by the codes it names."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from .mutation import Mutation, Site, replace
from .truth import Truth

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_AMOUNT = re.compile(rf"(?<![\d.,])({_NUMBER})(万元|元)")
_RATE = re.compile(r"(执行率|预算执行率)(?:为|是|：)?(\d+(?:\.\d+)?)%")
_SCORE = re.compile(r"(得分|总分)(?:为|是)?(\d+(?:\.\d+)?)分")
_GRADE = re.compile(r"(?:(?:等级|等次)(?:均)?(?:为|是)|\d分，为)“(优|良|中|差)”")
_COUNT = re.compile(r"(?<![\d.])(\d+)(?=个项目)|(?<=项目)(\d+)(?=个)")
_TOTAL = re.compile(rf"(?:合计|总额|共计|总计)(?:是|为)?(?<![\d.,])({_NUMBER})(万元|元)")
_REMAINDER = re.compile(r"(?:剩余|未执行资金占|占全年预算数?的)(\d+(?:\.\d+)?)%")
# A hedged amount ("近100万元", "2800元以内") is a bound or a rounding, not a value to mutate.
_HEDGE_BEFORE = re.compile(r"(?:约|近|接近|超过|不足|不到|逾|低于|高于|少于|多于|控制在|不超过)\s*$")
_HEDGE_AFTER = re.compile(r"^\s*(?:以上|以内|以下|左右|多|余)")
# "…55.7868万元未能在年内支付", "尾款…": a part of the unspent money; only more than all of it contradicts.
_PART_AFTER = re.compile(r"^\s*(?:未|尚未|没有|待)[^，。；]{0,8}?(?:支付|拨付|支出|执行|使用)")
_PART_BEFORE = re.compile(r"(?:尾款|质保金|保证金)[^，。；]{0,8}$")
_RULE_AFTER = re.compile(r"\s*(?:[（(]含|以上|以下|及以上|至|～|~|-)")
_SUBSET_BEFORE = re.compile(r"(?:其中|其余|其他|有|仅|只|另)\s*$")

AMOUNT_CODES = frozenset({"AMOUNT_MISMATCH", "TOTAL_MISMATCH", "REMAINDER_MISMATCH", "UNIT_SUSPECT"})


def _places(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _written(value: Decimal, places: int, grouped: bool) -> str:
    step = Decimal(1).scaleb(-places)
    return format(value.quantize(step), ",f" if grouped else "f")


def _amount_site(site: Site, m: re.Match[str]) -> tuple[Decimal, int, bool] | None:
    """(value in the written unit, places, is a part) when the amount states a true, unhedged value."""
    text = site.text
    before, after = text[max(0, m.start() - 6) : m.start()], text[m.end() : m.end() + 12]
    if _HEDGE_BEFORE.search(before) or _HEDGE_AFTER.match(after) or after.startswith(("/", "／")):
        return None
    raw = Decimal(m.group(1).replace(",", ""))
    places = _places(m.group(1))
    if not _is_true_amount(site.truth, raw, m.group(2), places):
        return None
    clause_start = max(text.rfind(mark, 0, m.start()) for mark in "，。；：\n") + 1
    part = bool(_PART_AFTER.match(after) or _PART_BEFORE.search(text[clause_start : m.start()]))
    return raw, places, part


def _is_true_amount(truth: Truth, value: Decimal, unit: str, places: int) -> bool:
    if unit == "元":
        return truth.holds({v * 10000 for v in truth.amounts}, value, places)
    return truth.holds(truth.amounts, value, places)


def _changed(value: Decimal, places: int, rng: random.Random, up_only: bool) -> list[Decimal]:
    """Clearly different values at the same precision: a slip in the last digits, two digits swapped, or
    8–25 % off (only upwards for a part of the unspent money, which the data bounds from above)."""
    step = Decimal(1).scaleb(-places)
    small = value + step * rng.choice((3, 7, 11, 19))
    factors = [Decimal("1.08"), Decimal("1.13"), Decimal("1.25")]
    if not up_only:
        factors += [Decimal("0.92"), Decimal("0.87"), Decimal("0.75")]
    scaled = [(value * f).quantize(step) for f in rng.sample(factors, 2)]
    candidates = [small, *scaled]
    swapped = _swap_digits(value.quantize(step), rng)
    if swapped is not None and (swapped > value or not up_only):
        candidates.append(swapped)
    return [v for v in candidates if v > 0 and v != value]


def _swap_digits(value: Decimal, rng: random.Random) -> Decimal | None:
    """ "289.5612" → "289.5162": two adjacent different digits swapped, as a typist would."""
    text = format(value, "f")
    pairs = [
        i
        for i in range(len(text) - 1)
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]
    ]
    pairs = [i for i in pairs if not (i == 0 and text[1] == "0")]
    if not pairs:
        return None
    i = rng.choice(pairs)
    return Decimal(text[:i] + text[i + 1] + text[i] + text[i + 2 :])


RATE_CODES = frozenset({"RATE_MISMATCH", "CLAIM_MISMATCH"})


def mutate_amount(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_AMOUNT):
        found = _amount_site(site, m)
        if found is None:
            continue
        value, places, part = found
        for new in _changed(value, places, site.rng, up_only=part):
            if _is_true_amount(site.truth, new, m.group(2), places):
                continue
            written = _written(new, places, "," in m.group(1))
            description = f"{m.group(0)} → {written}{m.group(2)}"
            yield site.slip("amount_changed", m.start(1), m.end(1), written, AMOUNT_CODES, description)


def mutate_decimal(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_AMOUNT):
        found = _amount_site(site, m)
        if found is None or found[2]:
            continue
        value, places, _ = found
        for new in (value * 10, value / 10):
            new_places = max(places - 1, 0) if new > value else places + 1
            if new <= 0 or _is_true_amount(site.truth, new, m.group(2), new_places):
                continue
            written = _written(new, new_places, False)
            description = f"{m.group(1)} → {written}"
            yield site.slip("decimal_shifted", m.start(1), m.end(1), written, AMOUNT_CODES, description)


def mutate_unit(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_AMOUNT):
        found = _amount_site(site, m)
        if found is None or found[0] == 0:
            continue  # 0万元 and 0元 are the same amount
        other = "元" if m.group(2) == "万元" else "万元"
        if _is_true_amount(site.truth, found[0], other, found[1]):
            continue
        text, span = replace(site.text, m.start(2), m.end(2), other)
        description = f"{m.group(0)} → {m.group(1)}{other}"
        yield Mutation("unit_swapped", text, (m.start(1), span[1]), None, AMOUNT_CODES, description)


def mutate_total(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_TOTAL):
        raw, places = Decimal(m.group(1).replace(",", "")), _places(m.group(1))
        totals = site.truth.totals if m.group(2) == "万元" else {v * 10000 for v in site.truth.totals}
        if not site.truth.holds(totals, raw, places):
            continue
        for new in _changed(raw, places, site.rng, up_only=False)[:2]:
            if _is_true_amount(site.truth, new, m.group(2), places):
                continue
            written = _written(new, places, "," in m.group(1))
            description = f"{m.group(0)} → {written}{m.group(2)}"
            yield site.slip("total_changed", m.start(1), m.end(1), written, AMOUNT_CODES, description)


def _shifted_percents(
    site: Site,
    m: re.Match[str],
    group: int,
    deltas: tuple[str, ...],
    true: set[Decimal],
    possible: Callable[[Decimal], bool],
) -> Iterator[Decimal]:
    """Two of ``deltas`` added to the percent in ``group`` of ``m``, at its precision: those that are
    ``possible`` and state no true value."""
    value, places = Decimal(m.group(group)), _places(m.group(group))
    step = Decimal(1).scaleb(-places)
    for delta in site.rng.sample([Decimal(d) for d in deltas], 2):
        new = (value + delta).quantize(step)
        if possible(new) and not site.truth.holds(true, new, places):
            yield new


def _up_to_all(percent: Decimal) -> bool:
    return 0 < percent <= 100


def _part_of_all(percent: Decimal) -> bool:
    return 0 < percent < 100  # a remainder of 100 % is all of it, not a part


def _rate_sites(site: Site) -> list[re.Match[str]]:
    return [
        m
        for m in site.matches(_RATE)
        if site.truth.holds(site.truth.rates, Decimal(m.group(2)), _places(m.group(2)))
    ]


def mutate_rate(site: Site) -> Iterator[Mutation]:
    for m in _rate_sites(site):
        for new in _shifted_percents(
            site, m, 2, ("-12.5", "-6.3", "-2.7", "4.4"), site.truth.rates, _up_to_all
        ):
            description = f"{m.group(0)} → {new}%"
            yield site.slip("rate_changed", m.start(2), m.end(2), format(new, "f"), RATE_CODES, description)


def mutate_percent_points(site: Site) -> Iterator[Mutation]:
    for m in _rate_sites(site):
        text, span = replace(site.text, m.end(2), m.end(2) + 1, "个百分点")
        codes = frozenset({"UNIT_SUSPECT", "RATE_MISMATCH"})
        description = f"{m.group(0)} → 个百分点"
        yield Mutation("percent_to_points", text, (m.start(2), span[1]), None, codes, description)


def mutate_score(site: Site) -> Iterator[Mutation]:
    codes = frozenset({"SCORE_MISMATCH", "GRADE_MISMATCH"})
    for m in site.matches(_SCORE):
        value, places = Decimal(m.group(2)), _places(m.group(2))
        if _RULE_AFTER.match(site.text, m.end()) or not site.truth.holds(site.truth.scores, value, places):
            continue  # "总分90分（含）以上为“优”" states the grading rule, not a score
        for delta in site.rng.sample((-3, -5, -8, -12, 2), 2):
            new = value + delta if value + delta > 0 else value + 5
            if new > 100 or site.truth.holds(site.truth.scores, new, places):
                continue
            written = _written(new, places, False)
            yield site.slip(
                "score_changed", m.start(2), m.end(2), written, codes, f"{m.group(0)} → {written}分"
            )


def mutate_grade(site: Site) -> Iterator[Mutation]:
    codes = frozenset({"GRADE_MISMATCH", "CLAIM_MISMATCH"})
    for m in site.matches(_GRADE):
        for new in site.rng.sample([g for g in "优良中差" if g != m.group(1)], 2):
            yield site.slip("grade_changed", m.start(1), m.end(1), new, codes, f"{m.group(0)} → “{new}”")


def mutate_count(site: Site) -> Iterator[Mutation]:
    """Only the whole-unit count is mutated; part counts ("其中3个项目") have their own predicates."""
    total = site.truth.project_count
    for m in site.matches(_COUNT):
        group = 1 if m.group(1) else 2
        if int(m.group(group)) != total or _SUBSET_BEFORE.search(
            site.text[max(0, m.start() - 3) : m.start()]
        ):
            continue
        for delta in site.rng.sample((-2, -1, 1, 2), 2):
            new = total + delta
            if new <= 0:
                continue
            codes, description = frozenset({"COUNT_MISMATCH"}), f"{m.group(0)} → {new}"
            yield site.slip("count_changed", m.start(group), m.end(group), str(new), codes, description)


def mutate_remainder(site: Site) -> Iterator[Mutation]:
    codes = frozenset({"REMAINDER_MISMATCH"})
    for m in site.matches(_REMAINDER):
        if not site.truth.holds(site.truth.unspent_shares, Decimal(m.group(1)), _places(m.group(1))):
            continue
        shares = site.truth.unspent_shares
        for new in _shifted_percents(site, m, 1, ("-1.5", "2.2", "5.3", "0.7"), shares, _part_of_all):
            description = f"{m.group(0)} → {new}%"
            yield site.slip("remainder_changed", m.start(1), m.end(1), format(new, "f"), codes, description)
