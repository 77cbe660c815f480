"""Mutation testing of the audit: plant one known slip in a clean gold report and see whether it is caught.

Mutation sites are found with plain regular expressions over the gold text, independently of the audit's own
claim extraction, so a number the extractor misses still gets mutated (and counts as a miss). A site counts only
if it states a value the case data holds, and a mutation only if its new value states none (see ``truth``):
every mutation is a genuine contradiction with the data. Each mutation says which finding codes catch it and
where: a finding of one of those codes (not info) whose span overlaps the mutated text, or, for deletions, that
names the project, is a hit. The benchmark runner lives in ``benchmark``.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.audit.names import NameIndex
from assistant.scoring import UnitScore

from .truth import Truth, truth_of


@dataclass(frozen=True)
class Mutation:
    kind: str
    text: str
    span: tuple[int, int] | None  # where the slip is in the mutated text
    project: str | None  # for deletions: the project whose text was removed
    codes: frozenset[str]
    description: str


@dataclass(frozen=True)
class Site:
    """A gold report with what is true about it, handed to every mutator."""

    text: str
    unit: UnitScore
    truth: Truth
    rng: random.Random

    @property
    def prose_end(self) -> int:
        match = _ATTACHMENT.search(self.text)
        return match.start() if match else len(self.text)

    def matches(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        end = self.prose_end
        return [m for m in pattern.finditer(self.text) if m.end() <= end]


# Only prose is mutated (the table is rendered from data in our own reports); it ends at the attachment.
_ATTACHMENT = re.compile(r"^#*\s*附\s*件", re.M)
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
            text, span = _replace(site.text, m.start(1), m.end(1), written)
            yield Mutation(
                "amount_changed", text, span, None, AMOUNT_CODES, f"{m.group(0)} → {written}{m.group(2)}"
            )


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
            text, span = _replace(site.text, m.start(1), m.end(1), written)
            yield Mutation("decimal_shifted", text, span, None, AMOUNT_CODES, f"{m.group(1)} → {written}")


def mutate_unit(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_AMOUNT):
        found = _amount_site(site, m)
        if found is None or found[0] == 0:
            continue  # 0万元 and 0元 are the same amount
        other = "元" if m.group(2) == "万元" else "万元"
        if _is_true_amount(site.truth, found[0], other, found[1]):
            continue
        text, span = _replace(site.text, m.start(2), m.end(2), other)
        yield Mutation(
            "unit_swapped",
            text,
            (m.start(1), span[1]),
            None,
            AMOUNT_CODES,
            f"{m.group(0)} → {m.group(1)}{other}",
        )


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
            text, span = _replace(site.text, m.start(1), m.end(1), written)
            yield Mutation(
                "total_changed", text, span, None, AMOUNT_CODES, f"{m.group(0)} → {written}{m.group(2)}"
            )


def _rate_sites(site: Site) -> list[re.Match[str]]:
    return [
        m
        for m in site.matches(_RATE)
        if site.truth.holds(site.truth.rates, Decimal(m.group(2)), _places(m.group(2)))
    ]


def mutate_rate(site: Site) -> Iterator[Mutation]:
    for m in _rate_sites(site):
        value, places = Decimal(m.group(2)), _places(m.group(2))
        step = Decimal(1).scaleb(-places)
        for delta in site.rng.sample((Decimal("-12.5"), Decimal("-6.3"), Decimal("-2.7"), Decimal("4.4")), 2):
            new = (value + delta).quantize(step)
            if not 0 < new <= 100 or site.truth.holds(site.truth.rates, new, places):
                continue
            text, span = _replace(site.text, m.start(2), m.end(2), format(new, "f"))
            yield Mutation(
                "rate_changed",
                text,
                span,
                None,
                frozenset({"RATE_MISMATCH", "CLAIM_MISMATCH"}),
                f"{m.group(0)} → {new}%",
            )


def mutate_percent_points(site: Site) -> Iterator[Mutation]:
    for m in _rate_sites(site):
        text, span = _replace(site.text, m.end(2), m.end(2) + 1, "个百分点")
        yield Mutation(
            "percent_to_points",
            text,
            (m.start(2), span[1]),
            None,
            frozenset({"UNIT_SUSPECT", "RATE_MISMATCH"}),
            f"{m.group(0)} → 个百分点",
        )


def mutate_score(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_SCORE):
        value, places = Decimal(m.group(2)), _places(m.group(2))
        if _RULE_AFTER.match(site.text, m.end()) or not site.truth.holds(site.truth.scores, value, places):
            continue  # "总分90分（含）以上为“优”" states the grading rule, not a score
        for delta in site.rng.sample((-3, -5, -8, -12, 2), 2):
            new = value + delta if value + delta > 0 else value + 5
            if new > 100 or site.truth.holds(site.truth.scores, new, places):
                continue
            written = _written(new, places, False)
            text, span = _replace(site.text, m.start(2), m.end(2), written)
            yield Mutation(
                "score_changed",
                text,
                span,
                None,
                frozenset({"SCORE_MISMATCH", "GRADE_MISMATCH"}),
                f"{m.group(0)} → {written}分",
            )


def mutate_grade(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_GRADE):
        for new in site.rng.sample([g for g in "优良中差" if g != m.group(1)], 2):
            text, span = _replace(site.text, m.start(1), m.end(1), new)
            yield Mutation(
                "grade_changed",
                text,
                span,
                None,
                frozenset({"GRADE_MISMATCH", "CLAIM_MISMATCH"}),
                f"{m.group(0)} → “{new}”",
            )


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
            text, span = _replace(site.text, m.start(group), m.end(group), str(new))
            yield Mutation(
                "count_changed", text, span, None, frozenset({"COUNT_MISMATCH"}), f"{m.group(0)} → {new}"
            )


def mutate_remainder(site: Site) -> Iterator[Mutation]:
    for m in site.matches(_REMAINDER):
        value, places = Decimal(m.group(1)), _places(m.group(1))
        if not site.truth.holds(site.truth.unspent_shares, value, places):
            continue
        step = Decimal(1).scaleb(-places)
        for delta in site.rng.sample((Decimal("-1.5"), Decimal("2.2"), Decimal("5.3"), Decimal("0.7")), 2):
            new = (value + delta).quantize(step)
            if not 0 < new < 100 or site.truth.holds(site.truth.unspent_shares, new, places):
                continue
            text, span = _replace(site.text, m.start(1), m.end(1), format(new, "f"))
            yield Mutation(
                "remainder_changed",
                text,
                span,
                None,
                frozenset({"REMAINDER_MISMATCH"}),
                f"{m.group(0)} → {new}%",
            )


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    return text[:start] + new + text[end:], (start, start + len(new))


# --- deletions and insertions ----------------------------------------------------------------------------

_HEADING = re.compile(r"^#*\s*(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d{1,2}[.、．])")
_LEVEL1 = re.compile(r"^#*\s*[一二三四五六七八九十]+、.*$", re.M)
# What explains a deviation, read broadly: a mutation is genuine only if none of it is left.
_EXPLANATION_MISSING = ("【待补充：偏差原因】", "【待补充：改进措施】")
_CAUSE = re.compile(r"原因|由于|因为|导致|致使|造成|受[^，。]{0,12}影响|延期|滞后|尚未|未能|推迟|顺延")
_EXPLAINS = re.compile(_CAUSE.pattern + r"|措施|下一步|改进")
_CROSS_REFERENCE = re.compile(
    r"[^，。；\n]*见(?:第[一二三四五六七八九十\d]+部分|下文|后文|附件|本报告)[^，。；\n]*"
)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line) + 1))
        start += len(line) + 1
    return spans


def _section_span(text: str, keywords: tuple[str, ...]) -> tuple[int, int] | None:
    end_of_prose = _prose_end(text)
    headings = list(_LEVEL1.finditer(text))
    for i, h in enumerate(headings):
        if any(k in h.group(0) for k in keywords):
            end = headings[i + 1].start() if i + 1 < len(headings) else end_of_prose
            return h.end(), min(end, end_of_prose)
    return None


def _prose_end(text: str) -> int:
    match = _ATTACHMENT.search(text)
    return match.start() if match else len(text)


def _blocks_naming(
    text: str, section: tuple[int, int], index: NameIndex, project: int
) -> list[tuple[int, int]]:
    """Paragraphs in ``section`` that name the project; a numbered sub-heading that names it takes its whole
    block (down to the next sub-heading) with it."""
    paragraphs = [p for p in _paragraphs(text) if section[0] <= p[0] < section[1]]
    doomed: list[tuple[int, int]] = []
    i = 0
    while i < len(paragraphs):
        s, e = paragraphs[i]
        line = text[s:e]
        names = any(m.project == project for m in index.find(line))
        if names and _HEADING.match(line.strip()) and len(line.strip()) <= 40:
            j = i + 1
            while j < len(paragraphs) and not _is_subheading(text, paragraphs[j]):
                j += 1
            doomed.append((s, paragraphs[j - 1][1]))
            i = j
            continue
        if names:
            doomed.append((s, e))
        i += 1
    return doomed


def _is_subheading(text: str, span: tuple[int, int]) -> bool:
    line = text[span[0] : span[1]].strip()
    return bool(re.match(r"^#*\s*\d{1,2}[.、．]", line)) and len(line) <= 40


def _delete(text: str, spans: list[tuple[int, int]]) -> str:
    for s, e in sorted(spans, reverse=True):
        text = text[:s] + text[e:]
    return text


def mutate_delete_cause(site: Site) -> Iterator[Mutation]:
    """Remove what the deviation section says about a project that must explain a deviation: the whole
    block, or only its sentences that give a cause (the measures stay).

    Only a genuine omission counts: if a cause is still written anywhere for it, no mutation.
    """
    text = site.text
    section = _section_span(text, ("偏离", "偏差", "问题"))
    if section is None:
        return
    index = NameIndex([p.project.name for p in site.unit.projects])
    for p in site.unit.needing_explanation:
        doomed = _blocks_naming(text, section, index, p.index - 1)
        if not doomed or _already_unexplained(text, index, p.index - 1):
            continue  # the clean report already says a cause or measure is missing: nothing left to omit
        whole = _delete(text, doomed)
        variants = [("原因段", whole, _explained_elsewhere(whole, index, p.index - 1))]
        causes = [c for block in doomed for c in _sentences(text, block) if _CAUSE.search(text[c[0] : c[1]])]
        if causes and len(causes) < sum(len(_sentences(text, b)) for b in doomed):
            partial = _delete(text, causes)
            kept = "".join(partial[s:e] for s, e in _shifted(doomed, causes))
            variants.append(
                (
                    "原因所在句",
                    partial,
                    bool(_CAUSE.search(kept)) or _explained_elsewhere(partial, index, p.index - 1),
                )
            )
        for label, new_text, explained in variants:
            if explained:
                continue
            yield Mutation(
                "cause_deleted",
                new_text,
                None,
                p.project.name,
                frozenset({"UNEXPLAINED_DEVIATION"}),
                f"删除「{p.project.name}」偏离{label}",
            )


def _sentences(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """Sentences (ending in 。 or a line end) inside ``span``."""
    result, start = [], span[0]
    for match in re.finditer(r"[。\n]", text[span[0] : span[1]]):
        end = span[0] + match.end()
        if text[start:end].strip():
            result.append((start, end))
        start = end
    if text[start : span[1]].strip():
        result.append((start, span[1]))
    return result


def _shifted(blocks: list[tuple[int, int]], removed: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Where ``blocks`` are once ``removed`` (all inside them) is cut out of the text."""
    result = []
    for s, e in blocks:
        before = sum(b - a for a, b in removed if b <= s)
        inside = sum(b - a for a, b in removed if s <= a and b <= e)
        result.append((s - before, e - before - inside))
    return result


def _already_unexplained(text: str, index: NameIndex, project: int) -> bool:
    """Does a line naming the project say its cause or measure is still to be written?"""
    return any(
        any(mark in line for mark in _EXPLANATION_MISSING)
        and any(m.project == project for m in index.find(line))
        for line in text.splitlines()
    )


def _explained_elsewhere(text: str, index: NameIndex, project: int) -> bool:
    """Is a cause still written for the project: in the words from a mention of it up to the next mention
    of another project (or the end of the paragraph), anywhere in the prose?"""
    for s, e in _paragraphs(text[: _prose_end(text)]):
        para = _CROSS_REFERENCE.sub("", text[s:e])
        mentions = index.find(para)
        for i, mention in enumerate(mentions):
            if mention.project != project:
                continue
            nxt = next((m.start for m in mentions[i + 1 :] if m.project != project), len(para))
            if _CAUSE.search(para[mention.start : nxt]):
                return True
    return False


def mutate_delete_project(site: Site) -> Iterator[Mutation]:
    """Remove a project's paragraph(s) from the goal-completion analysis."""
    text = site.text
    section = _section_span(text, ("完成情况", "指标分析"))
    if section is None:
        return
    index = NameIndex([p.project.name for p in site.unit.projects])
    for p in site.unit.projects:
        doomed = _blocks_naming(text, section, index, p.index - 1)
        if not doomed:
            continue
        new_text = _delete(text, doomed)
        left = _section_span(new_text, ("完成情况", "指标分析"))
        if left and any(m.project == p.index - 1 for m in index.find(new_text[left[0] : left[1]])):
            continue  # still named elsewhere in the analysis: not an omission
        yield Mutation(
            "project_paragraph_deleted",
            new_text,
            None,
            p.project.name,
            frozenset({"MISSING_PROJECT_ANALYSIS"}),
            f"删除「{p.project.name}」分析段",
        )


def mutate_universal(site: Site) -> Iterator[Mutation]:
    """Append a sweeping claim that the data makes false to a paragraph of the conclusion or analysis."""
    unit, text = site.unit, site.text
    claims = []
    grades = {p.grade for p in unit.projects if p.grade}
    if len(grades) > 1 or "优" not in grades:
        claims.append("各项目考评等级全部为“优”。")
    # "均达到100%" is written at whole percent: 99.996 % reads as 100 % there, so it is no contradiction.
    if any(p.rate is not None and unit.ruleset.round_at(p.rate, 0) < 100 for p in unit.projects):
        claims.append("各项目预算执行率均达到100%。")
    if any(unit.ruleset.rate_needs_explanation(p.rate) for p in unit.projects):
        claims.append("各项目均已全面完成年度目标。")
    section = _section_span(text, ("评价结论", "综合评价", "完成情况"))
    if section is None:
        return
    paragraphs = [
        (s, e)
        for s, e in _paragraphs(text)
        if section[0] <= s < section[1] and text[s:e].strip() and not text[s:e].lstrip().startswith("#")
    ]
    for claim in claims:
        for _start, e in paragraphs[:3]:
            at = e - 1 if text[e - 1 : e] == "\n" else e
            new_text, span = _replace(text, at, at, claim)
            yield Mutation(
                "universal_claim_false", new_text, span, None, frozenset({"CLAIM_MISMATCH"}), claim
            )


MUTATORS: dict[str, Callable[[Site], Iterator[Mutation]]] = {
    "amount_changed": mutate_amount,
    "decimal_shifted": mutate_decimal,
    "unit_swapped": mutate_unit,
    "rate_changed": mutate_rate,
    "percent_to_points": mutate_percent_points,
    "total_changed": mutate_total,
    "score_changed": mutate_score,
    "grade_changed": mutate_grade,
    "count_changed": mutate_count,
    "remainder_changed": mutate_remainder,
    "cause_deleted": mutate_delete_cause,
    "project_paragraph_deleted": mutate_delete_project,
    "universal_claim_false": mutate_universal,
}


def generate(text: str, unit: UnitScore, per_kind: int, seed: int = 20221) -> list[Mutation]:
    """Up to ``per_kind`` mutations of each kind, sampled reproducibly."""
    rng = random.Random(seed)
    site = Site(text, unit, truth_of(unit), rng)
    result: list[Mutation] = []
    for mutate in MUTATORS.values():
        found = list(mutate(site))
        rng.shuffle(found)
        result.extend(found[:per_kind])
    return result


def caught(mutation: Mutation, findings: list) -> bool:  # list[Finding]
    """A finding of an expected code at the mutated place (or naming the deleted project)."""
    for f in findings:
        if f.code not in mutation.codes or f.severity == "info":
            continue
        if mutation.span is None:
            if f.project == mutation.project:
                return True
        elif f.span and f.span[0] < mutation.span[1] and mutation.span[0] < f.span[1]:
            return True
    return False
