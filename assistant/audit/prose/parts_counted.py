"""Counts of one kind of thing stated apart in a paragraph: "共实施项目15个；年初8个项目…；年中新增8个项目".

Why apart from the list finder: no list cue ties these counts together, only what they count, so the parts may
overlap and the breakdown is loose (a shortfall is never proven by it alone). A count written with a total word of its
own ("孤独症儿童累计训练874人月…；脑瘫儿童累计训练652人月…") is a sibling of the first, not a part of it: no breakdown.
Also the counts a complete money list writes item by item ("按类别分：1.甲类项目3个，支出…；2.乙类项目6个，支出…"):
they split the one count of those things the text states with 共/合计 elsewhere ("全年共实施项目10个"). Tied to it
by what they count only, the breakdown is loose too, but complete as its money list is. A money list read loosely (a
share-out one recipient a line: "分配至9个县，具体如下：⏎1.麒麟区，支持学校5所，安排资金362万元；…") is complete when its
money makes its total exactly; the count may name its noun after it ("共支持46所义务教育学校").
"""

from __future__ import annotations

from ..cues import cues
from ..document import Document
from .model import Breakdown, Statement

_CUES = cues(__name__)
_NOUNS_BEFORE = ("项目", "单位", "学校", "村庄")


def counted_apart(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """A count of N things with 共/合计, then in the same paragraph other counts of the same things."""
    found = []
    counts = [s for s in statements if s.kind == "count" and s.role == "value" and s.span not in taken]
    for k, total in enumerate(counts):
        noun = _counted(doc, total)
        sentence = total.sentence
        if noun is None or sentence is None:
            continue
        if not _CUES.total_count.search(doc.text[sentence.start : total.span[0]]):
            continue
        parts = [
            s
            for s in counts[k + 1 :]
            if s.sentence is not None
            and s.sentence.para_start == sentence.para_start
            and _counted(doc, s) == noun
            and s.unit == total.unit
            and not _CUES.total_count.search(doc.text[s.sentence.start : s.span[0]])
        ]
        if len(parts) >= 2:
            found.append(Breakdown(total, tuple(parts), False, "共", loose=True))
    return found


def counted_by_items(
    doc: Document, statements: list[Statement], found: list[Breakdown], taken: set[tuple[int, int]]
) -> list[Breakdown]:
    """A complete money list (``found``, exhaustive) whose every item writes one count of the same things before its
    amount, and the one value the text's 共/合计 counts of those things state: that count split by the items."""
    counts = [s for s in statements if s.kind == "count" and s.role == "value"]
    out = []
    for listed in found:
        if listed.total.kind != "amount" or not listed.exhaustive or (listed.loose and not _adds_up(listed)):
            continue  # a list read loosely is whole only when its money makes the total exactly
        items = _item_counts(listed, counts)
        nouns = {_counted(doc, c) for c in items}
        if not items or len(nouns) != 1 or None in nouns or len({c.unit for c in items}) != 1:
            continue
        own = {c.span for c in items}
        wholes = [
            c
            for c in counts
            if c.span not in own
            and c.span not in taken
            and c.sentence is not None
            and c.unit == items[0].unit
            and (_counted(doc, c) in nouns or _noun_after(doc, c) in nouns)
            and _CUES.total_count.search(doc.text[c.sentence.start : c.span[0]])
        ]
        if len({c.value for c in wholes}) == 1 and all(c.exact_claim for c in (*wholes, *items)):
            out.append(Breakdown(wholes[0], tuple(items), True, listed.cue, loose=True))
    return out


def _adds_up(listed: Breakdown) -> bool:
    """Do the parts' values make the total's exactly?"""
    return sum(p.value for p in listed.parts) == listed.total.value


def _noun_after(doc: Document, count: Statement) -> str | None:
    """The noun of ``_NOUNS_BEFORE`` a count's words right after it end with ("46所义务教育学校" → 学校)."""
    words = _CUES.words_after.match(doc.text, count.span[1])
    return next((n for n in _NOUNS_BEFORE if words is not None and words.group(0).endswith(n)), None)


def _item_counts(listed: Breakdown, counts: list[Statement]) -> list[Statement]:
    """The one count each item of a money list writes between the item before (or its own sentence's start) and its
    amount, else none."""
    items = []
    start = listed.total.span[1]
    for part in listed.parts:
        if part.sentence is not None:
            start = max(start, part.sentence.start)  # an item a line: its count is in its own line
        own = [c for c in counts if start <= c.span[0] and c.span[1] <= part.span[0]]
        if len(own) != 1:
            return []
        items.append(own[0])
        start = part.span[1]
    return items


def _counted(doc: Document, count: Statement) -> str | None:
    """What a count counts: the noun after it, or 项目/单位 right before it ("项目15个")."""
    noun = count.extra.get("noun")
    if noun:
        return noun
    before = doc.text[max(0, count.span[0] - 2) : count.span[0]]
    return before if before in _NOUNS_BEFORE else None
