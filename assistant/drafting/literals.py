"""Literal numbers in a model's answer: accepted as quotes of filed text, turned into the slot of the fact they
equal, or reported with the fact the sentence needs.

A number a 口径 word claims ("全年执行数18.6932万元") must equal that fact of the project (or the unit) the
sentence speaks of; a number no such word claims may be quoted from the project's filed texts (目标, 完成情况,
原因, 措施, 背景: "走访115名…每人1000元"). Otherwise the number must equal a fact of the right kind (by its
unit: 万元 an amount, % a rate, 个 a count…), preferring the sentence's project, then the unit's totals and
rules. A number no fact holds is reported, never as "not in the facts" when it is. Used by
``assistant.drafting.slots``, which walks the sentences and checks the slots.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from assistant.drafting.issues import Issue
from assistant.drafting.wording import (
    COMPARISON,
    COUNT_FIELDS,
    FIELD_SUFFIXES,
    MONEY_FACTORS,
    UNIT_KINDS,
    clip,
    field_before,
    suffix_of,
    unit_after,
    word_before,
)
from assistant.facts import FactSheet
from assistant.numbers import parse_number
from assistant.numbers.numerals import NORMALIZE

_HIDDEN_KEYS = re.compile(r"\.index$|_cn$")  # a position in the case, a numeral twin: never a fix to offer
_CLAUSE_SPLIT = re.compile(r"[，,；;。：:、]")
# Verbs and comparisons between an indicator's name and its figure: 覆盖率达到80%, 满意度不低于90%.
_INDICATOR_LEAD = re.compile(
    r"(?:指标)?(?:的)?(?:年度指标值|实际完成值|目标值)?(?:为|是|达到|达|提高到|提升至|提升到|控制在|保持在|不低于|不高于"
    r"|不少于|不超过|低于|高于|超过|以上|以下|≥|≤|>=|<=)*\s*$"
)
_INDICATOR_FIGURES = ("target", "actual", "completion", "score", "points")
_THRESHOLDS = ("rules.explain_rate_below", "rules.over_percent")
_NUMERIC_KINDS = ("amount", "rate", "score", "count", "rule", "value")


@dataclass
class Figures:
    """The result of a review: paragraphs with literals turned into slots, and the problems found."""

    paragraphs: list[str]
    issues: list[Issue] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)  # literals turned into slots (for tests and notes)
    flagged: set[str] = field(default_factory=set)  # the figures reported, as the text shows them


class LiteralCheck:
    """Judges literal numbers against one fact sheet and the filed texts of its projects (by number)."""

    def __init__(self, facts: FactSheet, texts: dict[int, str], unit_texts: str) -> None:
        self.facts = facts
        self.texts = texts
        self.unit_texts = unit_texts

    def check(
        self, sentence: str, start: int, end: int, scope: list[int], subject: list[int], result: Figures
    ) -> str | None:
        """Accept (None), convert (the slot text to put instead) or report the number ``sentence[start:end]``
        said of ``scope`` (project numbers; [] is the unit)."""
        text = sentence[start:end]
        after = sentence[end:]
        unit = unit_after(after)
        value = _value(text)
        if value is None:
            return None
        if unit == "年" and _equal(value, str(self.facts.get("unit.year", ""))):
            return None  # the report's year, in any digits (２０２３年)
        before = sentence[:start]
        kinds = UNIT_KINDS.get(unit)
        wanted = None if COMPARISON.search(before) else field_before(before[-16:], kinds)
        if wanted in COUNT_FIELDS and unit not in ("个", "项"):
            wanted = None
        # A 口径 word says which fact the number is; only a number no such word claims may be a quote
        # of filed text (an officer's note saying "执行率100%" makes no rate 100%).
        if (wanted is None or not self._field_keys(wanted, scope)) and self._quoted(text, unit, scope):
            return None
        indicator = self._indicator_named(before, scope)
        if indicator is not None and wanted is None:
            return self._indicator_value(indicator, text, unit, value, before, sentence, result)
        candidates = self._candidates(
            value, unit, kinds, wanted, scope, COMPARISON.search(before) is not None
        )
        if candidates and unit in MONEY_FACTORS and unit != self.facts.get("unit.money_unit"):
            return None  # the right amount in another unit: true as written, a slot would change the unit
        if candidates:
            result.converted.append(text)
            return "{{" + candidates[0] + "}}"
        shown = text + unit
        if wanted is not None:
            expected = self._field_keys(wanted, scope)
            if expected:
                fix = "、".join(f"{{{{{k}}}}}（{self.facts[k]}）" for k in expected[:3])
                word = word_before(before)
                result.flagged.add(text)
                result.issues.append(
                    Issue(
                        "wrong_number", f"「{word}{shown}」与事实不符：「{word}」应为 {fix}，请改用占位符。"
                    )
                )
                return None
        elsewhere = self._candidates(value, unit, kinds, None, None, False)
        result.flagged.add(text)
        if elsewhere:
            fix = "、".join(f"{{{{{k}}}}}" for k in elsewhere[:3])
            result.issues.append(
                Issue(
                    "wrong_number",
                    f"「{shown}」（“{clip(sentence)}”）不是本句所述项目或口径的数：它等于 {fix}，"
                    f"请核对项目和口径，写对应的占位符或删去。",
                )
            )
            return None
        filed = self._filed_alike(unit, scope)
        hint = f"；该项目填报的文字中写的是「{'」「'.join(filed)}」" if filed else ""
        # Never "not in the facts" for a number the facts hold (as another kind of figure).
        nowhere = not self._candidates(value, "", None, None, None, False)
        where = (
            "在事实表和所述项目的填报文字中都没有" if nowhere else "不是所述项目的事实，也不见于其填报文字"
        )
        result.issues.append(
            Issue(
                "literal_number",
                f"「{shown}」（“{clip(sentence)}”）{where}，请删去这个数及其说法（不得自行编写数字）{hint}。",
            )
        )
        return None

    def _indicator_named(self, before: str, scope: list[int]) -> str | None:
        """The indicator ("p2.i1") of a project spoken of whose name ends the clause before the number, with
        only a verb between ("重点人群签约覆盖率达到80%"), by name or by its name slot."""
        clause = _INDICATOR_LEAD.sub("", _CLAUSE_SPLIT.split(before)[-1]).rstrip('”"')
        best: tuple[int, str] | None = None
        for n in scope:
            k = 1
            while f"p{n}.i{k}.name" in self.facts:
                key = f"p{n}.i{k}"
                if clause.endswith("{{" + key + ".name}}"):
                    return key
                size = _written_name(clause, str(self.facts[f"{key}.name"]))
                if size and (best is None or size > best[0]):
                    best = (size, key)
                k += 1
        return best[1] if best else None

    def _indicator_value(
        self, key: str, text: str, unit: str, value: Decimal, before: str, sentence: str, result: Figures
    ) -> str | None:
        """A number said of a named indicator is one of its figures (年度指标值, 实际完成值…): that slot, or a
        report showing both."""
        for suffix in _INDICATOR_FIGURES:
            shown = self.facts.get(f"{key}.{suffix}")
            if shown is not None and (
                _equal(value, str(shown)) or self.facts.raw.get(f"{key}.{suffix}") == value
            ):
                result.converted.append(text)
                return "{{" + f"{key}.{suffix}" + "}}"
        figures = [
            f"{label} {{{{{key}.{suffix}}}}}（{self.facts[f'{key}.{suffix}']}）"
            for suffix, label in (("target", "年度指标值"), ("actual", "实际完成值"))
            if f"{key}.{suffix}" in self.facts
        ]
        if not figures:
            return None
        result.flagged.add(text)
        result.issues.append(
            Issue(
                "wrong_number",
                f"「{clip(_CLAUSE_SPLIT.split(before)[-1], 24)}{text}{unit}」与事实不符：该指标"
                f"{'，'.join(figures)}，请改用对应的占位符或删去。",
            )
        )
        return None

    def _filed_alike(self, unit: str, scope: list[int]) -> list[str]:
        """Numbers with the same unit in the filed texts of the projects spoken of ("18所" for "20所")."""
        if not unit or unit in ("年", "月", "日", "天"):
            return []
        texts = "\n".join(self.texts[n] for n in scope if n in self.texts)
        found = re.findall(r"(?<![0-9.])[0-9]+(?:\.[0-9]+)?" + re.escape(unit), texts)
        return list(dict.fromkeys(found))[:3]

    def _quoted(self, digits: str, unit: str, scope: list[int]) -> bool:
        """Is the number (with its unit) part of the filed text of a project the sentence speaks of?"""
        pattern = re.compile(
            r"(?<![0-9.])" + re.escape(digits.translate(NORMALIZE)) + r"(?![0-9])" + re.escape(unit)
        )
        texts = [self.texts[n] for n in scope if n in self.texts] or list(self.texts.values())
        return any(pattern.search(t.translate(NORMALIZE)) for t in [*texts, self.unit_texts])

    def _candidates(
        self,
        value: Decimal,
        unit: str,
        kinds: tuple[str, ...] | None,
        wanted: str | None,
        scope: list[int] | None,
        comparison: bool,
    ) -> list[str]:
        """Keys (of the scope, else the unit's) whose value equals ``value`` as written, best first."""
        money = self.facts.get("unit.money_unit") or "万元"
        if unit in MONEY_FACTORS and money in MONEY_FACTORS and unit != money:
            value = value * MONEY_FACTORS[unit] / MONEY_FACTORS[money]
        prefixes = _prefixes(scope)
        found = []
        for key, shown in self.facts.values.items():
            kind = self.facts.kinds.get(key)
            if kind not in _NUMERIC_KINDS or kind in ("grade", "year") or _HIDDEN_KEYS.search(key):
                continue
            if prefixes is not None and not key.startswith(prefixes):
                continue
            if kinds is not None and kind not in kinds:
                continue
            if wanted is not None and suffix_of(key) not in FIELD_SUFFIXES[wanted]:
                continue
            if _equal(value, shown) or self.facts.raw.get(key) == value:
                found.append(key)
        if not found and scope:
            return self._candidates(value, unit, kinds, wanted, [], comparison)
        own = FIELD_SUFFIXES[wanted][0] if wanted else None
        found.sort(
            key=lambda k: (
                not (comparison and k in _THRESHOLDS),
                not (comparison and k.startswith("rules.")),
                k.startswith("rules."),
                suffix_of(k) != own,
            )
        )
        return found

    def _field_keys(self, wanted: str, scope: list[int]) -> list[str]:
        suffix = FIELD_SUFFIXES[wanted][0]
        if not scope:
            keys = [f"total.{suffix}", f"total.mean_{suffix}"]
        else:
            keys = [f"p{n}.{suffix}" for n in scope]
        return [k for k in keys if k in self.facts]


def _written_name(text: str, name: str) -> int:
    """How many characters at the end of ``text`` write the indicator ``name``, in full or shortened
    ("重点人群签约覆盖率" for 重点人群家庭医生签约覆盖率): its last two characters, then the others in order, at
    least 60 % of the name; 0 when it does not."""
    if len(name) < 2 or not text.endswith(name[-2:]):
        return 0
    if text.endswith(name):
        return len(name)
    at, size = len(name) - 1, 0
    for char in reversed(text):
        while at >= 0 and name[at] != char:
            at -= 1
        if at < 0:
            break
        size, at = size + 1, at - 1
    return size if size >= max(4, 0.6 * len(name)) else 0


def _prefixes(scope: list[int] | None) -> tuple[str, ...] | None:
    if scope is None:
        return None
    if not scope:
        return ("total.", "grade_count.", "rules.", "unit.")
    return tuple(f"p{n}." for n in scope)


def _value(text: str) -> Decimal | None:
    """A literal's value: digits (full-width too) or 百分之… (百分之百 = 100)."""
    try:
        return parse_number(text[3:] if text.startswith("百分之") else text)
    except (ValueError, InvalidOperation):
        return None


def _equal(value: Decimal, shown: str) -> bool:
    try:
        return Decimal(shown) == value
    except InvalidOperation:
        return False
