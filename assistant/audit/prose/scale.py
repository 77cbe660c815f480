"""The grading scale a report states for itself ("90～100分（含90分）为“优”…低于60分的为“差”").

A grade written beside a score is checked against this scale when the report states one (a contradiction
is then proven by the text) and against the national bands otherwise (a warning: it depends on the rule).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers.numerals import parse_chinese_numeral

from ..document import Document, Sentence

GRADE_NAMES = {
    "不合格": "差",
    "优秀": "优",
    "优": "优",
    "良好": "良",
    "良": "良",
    "中等": "中",
    "中": "中",
    "合格": "中",
    "差": "差",
}
_GRADE = r"[“\"「]?(不合格|优秀|良好|中等|合格|优|良|中|差)[”\"」]?"
# A score has at most three digits before its point, and starts where a number starts: without both, a long run
# of digits costs every start position a scan to its end (quadratic on a degenerate text).
_SCORE = r"(?<![\d.])(\d{1,3}(?:\.\d{1,2})?)(?![\d])"
_INCLUDED = r"(?:（含）|\(含\)|（含\d+分）)?"
_RANGE = re.compile(
    rf"{_SCORE}\s*(?:分)?\s*{_INCLUDED}\s*[～~\-—至到]\s*{_SCORE}\s*分{_INCLUDED}[^。；;“”\"]{{0,24}}?{_GRADE}"
)
_AT_LEAST = re.compile(rf"{_SCORE}\s*分(?:（含）|\(含\))?(?:及)?以上[^。；;“”\"]{{0,12}}?{_GRADE}")
_BELOW = re.compile(
    rf"(?:(?:低于|不足|小于|不满)\s*{_SCORE}\s*分|{_SCORE}\s*分(?:以下|以内))[^。；;“”\"]{{0,12}}?{_GRADE}"
)
# a grade written before its bounds in brackets ("优秀（90分及以上）、良好（75分（含）—90分）、…不合格（60分以下）")
_LEADING = re.compile(rf"{_GRADE}\s*[（(]((?:[^（()）。；;]|[（(]含[^（()）]{{0,4}}[）)]){{1,30}})[）)]")
_LOWEST = re.compile(r"以下|以内|低于|不足|小于|不满|^\s*[<＜]")
# a bound written in Chinese numerals ("九十分（含）以上为优，八十分（含）至九十分为良"); not a bare 十 ("十分重要")
_CN_SCORE = re.compile(r"(?<![零〇一二三四五六七八九十百])[零〇一二三四五六七八九十百]{2,5}(?=分)")
_NUMBER = re.compile(r"(?<![\d.])\d{1,3}(?:\.\d{1,2})?(?![\d])")
NATIONAL = (("优", Decimal(90)), ("良", Decimal(80)), ("中", Decimal(60)), ("差", Decimal(0)))


@dataclass(frozen=True)
class GradeScale:
    """Lower bounds (inclusive) of each grade, highest first; ``stated`` when the report wrote them."""

    bands: tuple[tuple[str, Decimal], ...]
    stated: bool
    # one bound stated alone ("85分以上为优秀"): the text proves a score at or above it is of that grade; the
    # bands below it are the national ones (a rule the text does not state)
    stated_from: Decimal | None = None

    def proves(self, low: Decimal) -> bool:
        """Does the report's own scale settle the grade of a score not below ``low``?"""
        return self.stated or (self.stated_from is not None and low >= self.stated_from)

    def grade_for(self, score: Decimal) -> str | None:
        for name, low in self.bands:
            if score >= low:
                return name
        return None

    def grades_for(self, low: Decimal, high: Decimal) -> set[str]:
        """Every grade a score in [low, high] may have (a score written as "89.6" may be 89.55–89.65)."""
        found = {g for g in (self.grade_for(low), self.grade_for(high)) if g}
        for name, bound in self.bands:
            if low <= bound <= high:
                found.add(name)
        return found


def stated_scale(doc: Document) -> GradeScale | None:
    """The scale the report's prose states, when it states at least two grades' bounds."""
    prose = _CN_SCORE.sub(_arabic, doc.text[: doc.body_end])
    lows: dict[str, Decimal] = {}
    for match in _LEADING.finditer(prose):
        low = _leading_low(match.group(2))
        if low is not None:
            lows.setdefault(GRADE_NAMES[match.group(1)], low)
            # its bounds read no further: "75分（含）—90分）、合格" is 良好's band, not 合格's
            prose = prose[: match.start()] + " " * (match.end() - match.start()) + prose[match.end() :]
    for match in _RANGE.finditer(prose):
        lows.setdefault(GRADE_NAMES[match.group(3)], Decimal(match.group(1)))
    for match in _AT_LEAST.finditer(prose):
        lows.setdefault(GRADE_NAMES[match.group(2)], Decimal(match.group(1)))
    for match in _BELOW.finditer(prose):
        lows.setdefault(GRADE_NAMES[match.group(3)], Decimal(0))
    if len(lows) == 1:
        return _one_bound(*next(iter(lows.items())))
    if not lows:
        return None
    bands = tuple(sorted(lows.items(), key=lambda item: -item[1]))
    return GradeScale(bands, True)


def _arabic(match: re.Match[str]) -> str:
    """A Chinese-numeral score as digits, for the bound patterns; left as written when it reads as no number."""
    try:
        return f"{parse_chinese_numeral(match.group(0)):f}"
    except ValueError:
        return match.group(0)


def _leading_low(bounds: str) -> Decimal | None:
    """The lower bound of a band written in brackets after its grade: "90分及以上" → 90, "75分（含）—90分" → 75,
    "≥90分" → 90, "60分以下" → 0; None when the brackets state no score band."""
    numbers = [Decimal(n) for n in _NUMBER.findall(bounds)]
    if not numbers or "分" not in bounds:
        return None
    return Decimal(0) if _LOWEST.search(bounds) else min(numbers)


def _one_bound(grade: str, low: Decimal) -> GradeScale | None:
    """ "按照评分标准，85分以上为优秀": the one bound the text states, the national bands for the rest."""
    if low <= 0:
        return None
    others = [(name, bound) for name, bound in NATIONAL if name != grade and bound < low]
    above = [name for name, bound in NATIONAL if bound >= low and name != grade]
    order = [name for name, _ in NATIONAL]
    if any(order.index(name) > order.index(grade) for name in above):
        return None  # a lower grade's national band would sit above the stated one: no scale to merge
    bands = tuple(sorted([(grade, low), *others], key=lambda item: -item[1]))
    return GradeScale(bands, False, low)


NATIONAL_SCALE = GradeScale(NATIONAL, False)


def scale_end(text: str) -> int:
    """Where the last band of a scale written in ``text`` ends (0 when none): a sentence may state the scale and
    then grade its own score ("根据…（90分（含）以上为“优”，80（含）～90分为“良”…），自评总分88.65分，评价等级为“优”")."""
    ends = [m.end() for pattern in (_LEADING, _RANGE, _AT_LEAST, _BELOW) for m in pattern.finditer(text)]
    return max(ends, default=0)


def states_the_scale(sentence: Sentence) -> bool:
    """A sentence of the scoring method, or one that lists grades with their bounds ("90分（含）以上为“优”，
    80～90分为“良”", "80分（含）至90分为良、60分（含）至80分为中"): it states the rule, not the report's own score
    or grade. A grade counts quoted, or unquoted after 为 and before a list mark."""
    grades = re.findall(r"[“\"「]?(?:优|良|中|差)[”\"」]|为(?:优|良|中|差)(?=[、，,；;])", sentence.text)
    return sentence.role == "method" or (
        len(grades) >= 2 and ("含" in sentence.text or "～" in sentence.text)
    )
