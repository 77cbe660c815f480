"""What was counted, sorted by its kinds in a sentence of its own ("分类型看，刑事案件512件、民事案件638件、行政案件
96件"), apart from the one total count of that thing stated before ("全年共办理法律援助案件1286件", another section):
the kinds make up the total.

Why: a report states its headline count in the output section and analyses its structure in another; a by-type split
that does not add up to the headline is what a reviewer checks. The kinds share the noun they count (…案件), the total
names that noun in a clause that says it is a total (共, 合计, 累计, 全年); every such count before the split must
agree, else which one is split is unsure and nothing is said. The kinds may leave an "other" kind unlisted, so a
mismatch is a warning (``loose``, not ``exhaustive``).
Bad: 全年共办理法律援助案件1286件 … 分类型看，刑事案件512件、民事案件638件、行政案件96件 (1246).
The kinds named as classes ("按事项类型分：土地征收类210件、劳动保障类335件…") count the noun the cue names (事项).
Good: the same with 行政案件136件; 其中为农民工讨薪类案件提供援助213件 (a part, no total) is no candidate.
"""

from __future__ import annotations

import re

from ..cues import cues
from ..document import Document
from .model import Statement
from .parts import Breakdown

_CUES = cues(__name__)
_NOUN = 2  # characters of the counted noun the kinds share ("案件")


def counted_kinds(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    found = []
    for sentence in doc.sentences:
        match = _CUES.by_kind.search(sentence.text)
        if match is None:
            continue
        own = [s for s in statements if s.sentence is sentence and s.role == "value"]
        if (
            len(own) < 2
            or any(s.kind != "count" or s.unit != own[0].unit or not s.exact_claim for s in own)
            or any(s.span[0] < sentence.start + match.end() or s.span in taken for s in own)
        ):
            continue
        nouns = {_noun_before(doc.text, s) for s in own}
        named = match.group("noun") or ""
        if len(nouns) > 1 and all(n is not None and n.endswith("类") for n in nouns) and len(named) >= _NOUN:
            nouns = {
                named[-_NOUN:]
            }  # "按事项类型分：土地征收类210件、劳动保障类335件": the cue names the noun
        if len(nouns) != 1 or None in nouns:
            continue
        whole = _one_total_before(doc.text, statements, sentence.start, own[0].unit, nouns.pop(), taken)
        if whole is not None:
            found.append(Breakdown(whole, tuple(own), False, "分类型", loose=True))
    return found


def _noun_before(text: str, s: Statement) -> str | None:
    """The last characters of the words right before the count ("刑事案件" → 案件)."""
    words = re.search(r"[\u4e00-\u9fff]{2,12}$", text[max(0, s.span[0] - 12) : s.span[0]])
    return words.group()[-_NOUN:] if words else None


def _one_total_before(
    text: str,
    statements: list[Statement],
    start: int,
    unit: str | None,
    noun: str,
    taken: set[tuple[int, int]],
) -> Statement | None:
    totals = []
    for s in statements:
        if s.span[1] > start or s.kind != "count" or s.unit != unit or s.role != "value" or not s.exact_claim:
            continue
        if s.sentence is None or s.span in taken:
            continue
        clause = _CUES.clause_mark.split(text[s.sentence.start : s.span[0]])[-1]
        if noun in clause and _CUES.total_word.search(clause) and not _CUES.part_word.search(clause):
            totals.append(s)
    if not totals or len({s.value for s in totals}) != 1:
        return None
    return totals[-1]
