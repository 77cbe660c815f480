"""Mutation testing of the audit: plant one known slip in a clean gold report and see whether it is caught.

Mutation sites are found with plain regular expressions over the gold text, independently of the audit's own
claim extraction, so a number the extractor misses still gets mutated (and counts as a miss).
Each mutation says which finding codes catch it and where: a finding of one of those codes whose span
overlaps the mutated text (or, for deletions, that names the project) is a hit.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from assistant.audit.names import NameIndex
from assistant.scoring import UnitScore


@dataclass(frozen=True)
class Mutation:
    kind: str
    text: str
    span: tuple[int, int] | None  # where the slip is in the mutated text
    project: str | None  # for deletions: the project whose text was removed
    codes: frozenset[str]
    description: str


# Only prose is mutated (the table is rendered from data in our own reports); it ends at the attachment.
_ATTACHMENT = re.compile(r"^#*\s*附\s*件", re.M)
_AMOUNT = re.compile(r"(?<![\d.])(\d+(?:\.\d+)?)(万元|元)")
_RATE = re.compile(r"(执行率|预算执行率)(?:为|是|：)?(\d+(?:\.\d+)?)%")
_SCORE = re.compile(r"(得分)(\d+(?:\.\d+)?)分")
_GRADE = re.compile(r"(等级为)“(优|良|中|差)”")
_COUNT = re.compile(r"(?<![\d.])(\d+)(个项目)")
_TOTAL = re.compile(r"(合计)(\d+(?:\.\d+)?)(万元|元)")
_REMAINDER = re.compile(r"(剩余|未执行资金占)(\d+(?:\.\d+)?)%")

AMOUNT_CODES = frozenset({"AMOUNT_MISMATCH", "TOTAL_MISMATCH", "REMAINDER_MISMATCH", "UNIT_SUSPECT"})


def _prose_end(text: str) -> int:
    match = _ATTACHMENT.search(text)
    return match.start() if match else len(text)


def _places(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def _bump(number: str, rng: random.Random) -> str:
    """A clearly different value at the same precision (never equal after rounding)."""
    value = Decimal(number)
    places = _places(number)
    step = Decimal(1).scaleb(-places)
    delta = max(step * rng.choice((3, 5, 7, 11)), abs(value) * Decimal(rng.choice(("0.08", "0.13", "-0.09"))))
    new = (value + delta).quantize(step)
    if new <= 0 or new == value:
        new = (value + step * 7).quantize(step)
    return format(new, "f")


def _sites(pattern: re.Pattern[str], text: str, group: int) -> list[re.Match[str]]:
    end = _prose_end(text)
    return [m for m in pattern.finditer(text) if m.end() <= end]


def _replace(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    return text[:start] + new + text[end:], (start, start + len(new))


def mutate_amount(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_AMOUNT, text, 1):
        new_text, span = _replace(text, m.start(1), m.end(1), _bump(m.group(1), rng))
        yield Mutation(
            "amount_changed",
            new_text,
            span,
            None,
            AMOUNT_CODES,
            f"{m.group(0)} → {new_text[span[0] : span[1]]}",
        )


def mutate_decimal(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_AMOUNT, text, 1):
        number = m.group(1)
        if "." not in number:
            shifted = number + "0"
        else:
            whole, frac = number.split(".")
            shifted = whole + frac[0] + ("." + frac[1:] if frac[1:] else "")
        if Decimal(shifted) == Decimal(number):
            continue
        new_text, span = _replace(text, m.start(1), m.end(1), shifted)
        yield Mutation("decimal_shifted", new_text, span, None, AMOUNT_CODES, f"{number} → {shifted}")


def mutate_unit(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_AMOUNT, text, 1):
        other = "元" if m.group(2) == "万元" else "万元"
        new_text, span = _replace(text, m.start(2), m.end(2), other)
        yield Mutation(
            "unit_swapped",
            new_text,
            (m.start(1), span[1]),
            None,
            AMOUNT_CODES,
            f"{m.group(0)} → {m.group(1)}{other}",
        )


def mutate_rate(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_RATE, text, 2):
        new = _bump(m.group(2), rng)
        if Decimal(new) > 100:
            new = format(Decimal(m.group(2)) - Decimal("12.5"), "f")
        new_text, span = _replace(text, m.start(2), m.end(2), new)
        yield Mutation(
            "rate_changed",
            new_text,
            span,
            None,
            frozenset({"RATE_MISMATCH", "CLAIM_MISMATCH"}),
            f"{m.group(0)} → {new}%",
        )


def mutate_percent_points(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_RATE, text, 2):
        new_text, span = _replace(text, m.end(2), m.end(2) + 1, "个百分点")
        yield Mutation(
            "percent_to_points",
            new_text,
            (m.start(2), span[1]),
            None,
            frozenset({"UNIT_SUSPECT", "RATE_MISMATCH"}),
            f"{m.group(0)} → 个百分点",
        )


def mutate_total(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_TOTAL, text, 2):
        new_text, span = _replace(text, m.start(2), m.end(2), _bump(m.group(2), rng))
        yield Mutation("total_changed", new_text, span, None, AMOUNT_CODES, f"{m.group(0)} changed")


def mutate_score(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_SCORE, text, 2):
        value = Decimal(m.group(2))
        new = value - Decimal(rng.choice((3, 5, 8, 12))) if value > 20 else value + 5
        new_text, span = _replace(text, m.start(2), m.end(2), format(new, "f"))
        yield Mutation(
            "score_changed",
            new_text,
            span,
            None,
            frozenset({"SCORE_MISMATCH", "GRADE_MISMATCH"}),
            f"{m.group(0)} → {new}",
        )


def mutate_grade(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_GRADE, text, 2):
        new = rng.choice([g for g in "优良中差" if g != m.group(2)])
        new_text, span = _replace(text, m.start(2), m.end(2), new)
        yield Mutation(
            "grade_changed",
            new_text,
            span,
            None,
            frozenset({"GRADE_MISMATCH", "CLAIM_MISMATCH"}),
            f"{m.group(0)} → {new}",
        )


def mutate_count(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    total = len(unit.projects)
    for m in _sites(_COUNT, text, 1):
        if int(m.group(1)) != total:
            continue  # only the whole-unit count is mutated; subset counts have their own predicates
        new = str(total + rng.choice((-2, -1, 1, 2)))
        new_text, span = _replace(text, m.start(1), m.end(1), new)
        yield Mutation(
            "count_changed",
            new_text,
            span,
            None,
            frozenset({"COUNT_MISMATCH"}),
            f"{m.group(0)} → {new}个项目",
        )


def mutate_remainder(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    for m in _sites(_REMAINDER, text, 2):
        new_text, span = _replace(text, m.start(2), m.end(2), _bump(m.group(2), rng))
        yield Mutation(
            "remainder_changed",
            new_text,
            span,
            None,
            frozenset({"REMAINDER_MISMATCH"}),
            f"{m.group(0)} changed",
        )


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in text.split("\n"):
        spans.append((start, start + len(line) + 1))
        start += len(line) + 1
    return spans


def _section_span(text: str, keywords: tuple[str, ...]) -> tuple[int, int] | None:
    headings = [m for m in re.finditer(r"^#*\s*[一二三四五六七八九十]+、.*$", text, re.M)]
    for i, h in enumerate(headings):
        if any(k in h.group(0) for k in keywords):
            end = headings[i + 1].start() if i + 1 < len(headings) else _prose_end(text)
            return h.end(), min(end, _prose_end(text))
    return None


def mutate_delete_cause(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    """Remove every paragraph of the deviation section that names a deviating project."""
    section = _section_span(text, ("偏离", "偏差", "问题"))
    if section is None:
        return
    index = NameIndex([p.project.name for p in unit.projects])
    for p in unit.needing_explanation:
        doomed = [
            (s, e)
            for s, e in _paragraphs(text)
            if section[0] <= s < section[1] and any(m.project == p.index - 1 for m in index.find(text[s:e]))
        ]
        analysis = _section_span(text, ("完成情况", "指标分析"))
        if not doomed:
            continue
        new_text = text
        for s, e in reversed(doomed):
            new_text = new_text[:s] + new_text[e:]
        # Causes written into the analysis paragraph would still explain it: only count pure deletions.
        if analysis and _explained_elsewhere(new_text, p.project.name, index, p.index - 1):
            continue
        yield Mutation(
            "cause_deleted",
            new_text,
            None,
            p.project.name,
            frozenset({"UNEXPLAINED_DEVIATION"}),
            f"删除「{p.project.name}」偏离原因段",
        )


def _explained_elsewhere(text: str, name: str, index: NameIndex, project: int) -> bool:
    from assistant.audit.checks.coverage import CROSS_REFERENCE

    for s, e in _paragraphs(text):
        para = CROSS_REFERENCE.sub("", text[s:e])
        if "原因" in para and any(m.project == project for m in index.find(para)):
            return True
    return False


def mutate_delete_project(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    """Remove a project's paragraph(s) from the goal-completion analysis."""
    section = _section_span(text, ("完成情况", "指标分析"))
    if section is None:
        return
    index = NameIndex([p.project.name for p in unit.projects])
    for p in unit.projects:
        doomed = [
            (s, e)
            for s, e in _paragraphs(text)
            if section[0] <= s < section[1] and any(m.project == p.index - 1 for m in index.find(text[s:e]))
        ]
        if not doomed:
            continue
        new_text = text
        for s, e in reversed(doomed):
            new_text = new_text[:s] + new_text[e:]
        yield Mutation(
            "project_paragraph_deleted",
            new_text,
            None,
            p.project.name,
            frozenset({"MISSING_PROJECT_ANALYSIS"}),
            f"删除「{p.project.name}」分析段",
        )


def mutate_universal(text: str, unit: UnitScore, rng: random.Random) -> Iterator[Mutation]:
    """Append a sweeping claim that the data makes false to a paragraph of the conclusion or analysis."""
    claims = []
    grades = {p.grade for p in unit.projects if p.grade}
    if len(grades) > 1 or "优" not in grades:
        claims.append(("各项目考评等级全部为“优”。", "CLAIM_MISMATCH"))
    if any(p.rate is not None and p.rate < 100 for p in unit.projects):
        claims.append(("各项目预算执行率均达到100%。", "CLAIM_MISMATCH"))
    if any(p.rate is not None and p.rate < unit.ruleset.deviation.explain_rate_below for p in unit.projects):
        claims.append(("各项目均已全面完成年度目标。", "CLAIM_MISMATCH"))
    section = _section_span(text, ("评价结论", "综合评价", "完成情况"))
    if section is None:
        return
    paragraphs = [
        (s, e)
        for s, e in _paragraphs(text)
        if section[0] <= s < section[1] and text[s:e].strip() and not text[s:e].lstrip().startswith("#")
    ]
    for claim, code in claims:
        for _start, e in paragraphs[:3]:
            at = e - 1 if text[e - 1 : e] == "\n" else e
            new_text, span = _replace(text, at, at, claim)
            yield Mutation("universal_claim_false", new_text, span, None, frozenset({code}), claim)


MUTATORS: dict[str, Callable[[str, UnitScore, random.Random], Iterator[Mutation]]] = {
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
    result: list[Mutation] = []
    for mutate in MUTATORS.values():
        found = list(mutate(text, unit, rng))
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
