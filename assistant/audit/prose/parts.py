"""Totals and the parts a report lists for them: "资金X万元，其中：A 1.92万元…", "共2026400元，分为：…",
"A 30万元、B 20万元，合计50万元", and a count followed by its items.

A breakdown is *exhaustive* when its wording says the parts make up the whole (分为, 分别为, 按…分, 合计 after
the parts, or as many parts as a count in the total's sentence says); then a sum short of the total is a
contradiction. A sum above the total always is: parts cannot exceed their whole. The arithmetic lives in
``checks/text_parts``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from ..document import Document, Sentence
from .model import Statement

# Words that open a list of parts after a total, and whether they say the list is complete.
_OPENERS = re.compile(
    r"(?P<cue>其中|分别为|分别是|分为|具体为|具体是|具体如下|包括|主要包括|用于|按[^，,。；;：:]{1,10}分)\s*[:：]?"
)
_EXHAUSTIVE_CUES = ("分别为", "分别是", "分为", "具体为", "具体是", "具体如下")
# "共实施项目15个", "合计救助…": a count of the whole.
_TOTAL_COUNT = re.compile(r"(?:共|合计|总计|总共|累计)[^，,。；;]{0,10}$")
# A total written after its parts ("…，合计50万元").
_CLOSER = re.compile(r"(?:合计|共计|总计|总共|累计|共)(?:为|是|达|金额)?\s*[:：]?\s*$")
_SEGMENT_SPLITS = (re.compile(r"[；;\n]"), re.compile(r"[，,]"), re.compile(r"[、]"))
# A clause opening with these words reports progress or a new whole, not one more item of a list.
_AWAY = re.compile(r"截至|截止|目前|至今|已|累计|全年|实际|合计|总计|共计|共|总体|整体")
# Counted things that are labels as often as quantities ("一批项目" is the first batch).
_ORDINAL_UNITS = frozenset({"批", "期", "轮", "届", "次", "批次", "期次"})
_BUDGET_FAMILY = frozenset({"budget", "budget_initial", None})
_PART_ROLES = ("value", "part")


@dataclass(frozen=True)
class Breakdown:
    """A total and its listed parts (two or more), with whether the wording says the list is complete."""

    total: Statement
    parts: tuple[Statement, ...]
    exhaustive: bool
    cue: str
    loose: bool = False  # parts found by what they count, not by a list cue: they may overlap


def _compatible(total: Statement, part: Statement) -> bool:
    if part.role not in _PART_ROLES or part.kind != total.kind:
        return False
    if total.kind == "count":
        if part.unit in _ORDINAL_UNITS or total.unit in _ORDINAL_UNITS:
            return False
        return part.unit == total.unit or part.extra.get("noun") == total.extra.get("noun")
    if total.kind != "amount":
        return False
    if part.field == total.field or part.field is None:
        return True
    return total.field in _BUDGET_FAMILY and part.field in _BUDGET_FAMILY


class BreakdownFinder:
    """Finds breakdowns in one document from its statements (sorted by position)."""

    def __init__(self, doc: Document, statements: list[Statement]) -> None:
        self.doc = doc
        self.statements = sorted(statements, key=lambda s: s.span)
        self.by_sentence: dict[int, list[Statement]] = {}
        for s in self.statements:
            if s.sentence is not None:
                self.by_sentence.setdefault(id(s.sentence), []).append(s)
        self.sentences = doc.sentences
        self._index = {id(s): k for k, s in enumerate(self.sentences)}

    def find(self) -> list[Breakdown]:
        found: list[Breakdown] = []
        for sentence in self.sentences:
            own = self.by_sentence.get(id(sentence), [])
            for match in _OPENERS.finditer(sentence.text):
                breakdown = self._opened(sentence, own, match)
                if breakdown is not None:
                    found.append(breakdown)
            found.extend(self._closed(sentence, own))
        taken = {p.span for b in found for p in b.parts} | {b.total.span for b in found}
        found.extend(self._counted_apart(taken))
        return _outermost(found)

    # --- "共实施项目15个；年初8个项目…；年中新增8个项目" ------------------------------------------------------

    def _counted_apart(self, taken: set[tuple[int, int]]) -> list[Breakdown]:
        """A count of N things with 共/合计, then in the same paragraph other counts of the same things."""
        found = []
        counts = [
            s for s in self.statements if s.kind == "count" and s.role == "value" and s.span not in taken
        ]
        for k, total in enumerate(counts):
            noun = self._counted(total)
            sentence = total.sentence
            if noun is None or sentence is None:
                continue
            if not _TOTAL_COUNT.search(self.doc.text[sentence.start : total.span[0]]):
                continue
            parts = [
                s
                for s in counts[k + 1 :]
                if s.sentence is not None
                and s.sentence.para_start == sentence.para_start
                and self._counted(s) == noun
                and s.unit == total.unit
            ]
            if len(parts) >= 2:
                found.append(Breakdown(total, tuple(parts), False, "共", loose=True))
        return found

    def _counted(self, count: Statement) -> str | None:
        """What a count counts: the noun after it, or 项目/单位 right before it ("项目15个")."""
        noun = count.extra.get("noun")
        if noun:
            return noun
        before = self.doc.text[max(0, count.span[0] - 2) : count.span[0]]
        return before if before in ("项目", "单位", "学校", "村庄") else None

    # --- "total, 其中 parts" -----------------------------------------------------------------------------

    def _opened(self, sentence: Sentence, own: list[Statement], match: re.Match[str]) -> Breakdown | None:
        """The list after a cue, and its total: the nearest number before the cue that can be their whole."""
        cue_at = sentence.start + match.start()
        candidates = [s for s in own if s.span[1] <= cue_at and s.kind in ("amount", "count")]
        if not candidates and not sentence.text[: match.start()].strip(" \u3000，,。"):
            candidates = self._previous_amounts(sentence)
        region_start = sentence.start + match.end()
        inline = bool(sentence.text[match.end() :].strip(" \u3000"))
        for total in reversed(candidates):
            if total.role != "value" or total.field in ("change", "difference", "unit_price"):
                continue
            if inline:
                readings = self._inline_segments(sentence, own, region_start)
            else:
                readings = [self._following_lines(sentence, total)]
            parts = next((p for p in (self._parts(total, r) for r in readings) if p is not None), None)
            if parts is None or not _can_hold(total, parts):
                continue
            cue = match.group("cue")
            exhaustive = (
                cue in _EXHAUSTIVE_CUES or cue.startswith("按") or self._count_says(total, len(parts))
            )
            return Breakdown(total, tuple(parts), exhaustive, cue)
        return None

    def _previous_amounts(self, sentence: Sentence) -> list[Statement]:
        """ "…全年预算数合计429.17万元，…。其中：": the numbers of the sentence before, same paragraph."""
        k = self._index[id(sentence)]
        if k == 0:
            return []
        previous = self.sentences[k - 1]
        if previous.para_start != sentence.para_start and previous.para_end + 1 != sentence.para_start:
            return []
        return [s for s in self.by_sentence.get(id(previous), []) if s.kind == "amount"]

    def _inline_segments(
        self, sentence: Sentence, own: list[Statement], start: int
    ) -> list[list[list[Statement]]]:
        """The list after the cue split into items on ；, on ，, on 、: each split is one possible reading."""
        region = self.doc.text[start : sentence.end]
        after = [s for s in own if s.span[0] >= start]
        readings = []
        for splitter in _SEGMENT_SPLITS:
            bounds = [start] + [start + m.end() for m in splitter.finditer(region)] + [sentence.end + 1]
            readings.append([[s for s in after if lo <= s.span[0] < hi] for lo, hi in pairwise(bounds)])
        return readings

    def _following_lines(self, sentence: Sentence, total: Statement) -> list[list[Statement]]:
        """ "其中：" closing a line: the following lines, one item each, while each states a part."""
        k = self._index[id(sentence)] + 1
        segments: list[list[Statement]] = []
        paragraph = sentence.para_start
        heading_starts = [h.start for h in self.doc.headings]
        while k < len(self.sentences):
            line = self.sentences[k]
            if any(self.sentences[k - 1].end <= h < line.start for h in heading_starts):
                break  # a heading ends the list
            if line.para_start == paragraph:
                k += 1
                continue  # a second sentence on the same line belongs to the item already taken
            paragraph = line.para_start
            items = [s for s in self.by_sentence.get(id(line), []) if _compatible(total, s)]
            if not items:
                break
            segments.append(items)
            k += 1
        return segments

    def _parts(self, total: Statement, segments: list[list[Statement]]) -> list[Statement] | None:
        parts: list[Statement] = []
        for segment in segments:
            if segment and self._turns_away(segment[0]):
                break  # "…，截至目前已拨付106.36万元": the list has ended, the sentence goes on
            items = [s for s in segment if _compatible(total, s)]
            if len(items) > 1:
                items = [s for s in items if s.field == total.field]
            if len(items) > 1:
                return None  # an item with several amounts of the total's 口径: no safe reading
            parts.extend(items)
        return parts if len(parts) >= 2 else None

    def _turns_away(self, first: Statement) -> bool:
        """Does the clause holding ``first`` open with a word of progress or time rather than an item?"""
        sentence = first.sentence
        if sentence is None:
            return False
        head = self.doc.text[sentence.start : first.span[0]]
        clause = re.split(r"[，,；;、:：]", head)[-1]
        return bool(_AWAY.match(clause.strip()))

    def _count_says(self, total: Statement, parts: int) -> bool:
        """ "项目14个，资金289.9965万元，其中：" and 14 items: the count says the list is complete."""
        if total.sentence is None:
            return False
        return any(
            s.kind == "count" and s.value == parts and s.span[1] <= total.span[0]
            for s in self.by_sentence.get(id(total.sentence), [])
        )

    # --- "parts, 合计 total" -----------------------------------------------------------------------------

    def _closed(self, sentence: Sentence, own: list[Statement]) -> list[Breakdown]:
        """Parts written before a 合计 in the same sentence, counted from the previous total or list cue."""
        found = []
        start = 0
        cues = [sentence.start + m.end() for m in _OPENERS.finditer(sentence.text)]
        for k, total in enumerate(own):
            head = self.doc.text[sentence.start : total.span[0]]
            closer = _CLOSER.search(head)
            if closer is None or total.kind != "amount" or total.role != "value":
                if any(total.span[0] < c for c in cues):
                    start = k + 1  # a list opened after this number: the number is its total, not a part
                continue
            parts = [s for s in own[start:k] if _compatible(total, s) and s.field == total.field]
            if len(parts) >= 2:
                found.append(Breakdown(total, tuple(parts), True, closer.group(0).strip()))
            start = k + 1
        return found


def _can_hold(total: Statement, parts: list[Statement]) -> bool:
    """A total is not one of its own parts' subjects, and a project does not hold other projects."""
    subjects = {p.subject for p in parts}
    if total.subject in subjects and total.subject is not None and len(subjects) > 1:
        return False
    return not (
        total.subject is not None
        and total.subject.kind == "project"
        and any(s is not None and s.kind == "project" and s != total.subject for s in subjects)
    )


def _outermost(found: list[Breakdown]) -> list[Breakdown]:
    """One breakdown per total (the first found), so a list is not checked twice."""
    seen: set[tuple[int, int]] = set()
    kept = []
    for breakdown in found:
        if breakdown.total.span not in seen:
            seen.add(breakdown.total.span)
            kept.append(breakdown)
    return kept
