"""Counted lists of ``text_parts``: the count of projects before a numbered list against its items
(COUNT_MISMATCH), and the count lists whose parts are no shares of the total (other things counted, or one figure
per place counted), and the parts of a count total kept to those of its own noun.

Bad: "资金614.015万元，实施项目10个，分别是：(1)…(9)…" (nine items listed): the count is wrong.
Good: silent for "把5个…工程项目分为10个标段…" (the parts count 标段, not 项目), and for "涉及9个乡镇，分别为：东岗镇6个、
石桥镇5个…" (each part is a town's figure of something else, not a share of the nine towns).
"""

from __future__ import annotations

from dataclasses import replace

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..prose.parts import Breakdown
from ..prose.places import all_places, name_before, named_places

_CUES = cues(__name__)


def counted_items(ctx: AuditContext, breakdown: Breakdown) -> list[Finding]:
    """ "资金614.015万元，实施项目10个，分别是：(1)…(9)…": the count before a numbered list against its items."""
    t = breakdown.total
    first = breakdown.parts[0].span[0]
    counts = [
        s
        for s in ctx.facts.in_sentence(t.sentence)
        if s.kind == "count"
        and s.role == "value"
        and s.unit in ("个", "项")
        and s.span[1] <= first
        and (s.extra.get("noun", "").startswith("项目") or ctx.doc.text[s.span[0] - 2 : s.span[0]] == "项目")
    ]
    if not counts:
        return []
    count = counts[-1]
    ctx.facts.mark(count)
    if count.value == breakdown.items:
        return []
    return [
        ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {count.text}，其后逐项列出的是 {breakdown.items} 项",
            span_of(count, *breakdown.parts),
            expected=f"{breakdown.items}个",
            found=count.text,
            proven=count.exact_claim,
            quote=quote_of(ctx.doc.text, count),
        )
    ]


def other_things_counted(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """Do the parts count another thing than the total ("5个…项目" against "10个标段")? Each part names its noun right
    after its count, and none of those nouns is in the total's sentence before it or in the words after it (up to
    the next number). A part whose whole noun ends as the total's does count the total's kind.

    The noun here is the ``counted_noun`` cue, the first two characters after the count, not the statement's
    ``extra["noun"]``: that one is the whole noun when plain to see, so it runs on into the words after it
    ("10个标段招标" → 标段招标, absent from the total's "分为10个标段") and is None past four characters
    ("5个特大型地质灾害…"); the head of two characters is what the total's words can be searched for."""
    if breakdown.total.kind != "count":
        return False
    # "共有10个机构单位，其中3个行政部门…和7个事业单位": a part's noun ending as the total's (单位) counts its kind
    head = (breakdown.total.extra.get("noun") or "")[-2:]
    if len(head) == 2 and any((p.extra.get("noun") or "").endswith(head) for p in breakdown.parts):
        return False
    text = ctx.doc.text
    nouns = [_CUES.counted_noun.match(text, p.span[1]) for p in breakdown.parts]
    if not all(nouns):
        return False
    total = breakdown.total
    after = _CUES.up_to_number.match(text, total.span[1])
    before = text[total.sentence.start : total.span[0]] if total.sentence else ""
    words = before + (
        after.group() if after else ""
    )  # "实施项目15个" and "5个…项目" both name what they count
    return bool(words) and not any(n.group() in words for n in nouns if n)


def each_a_place(ctx: AuditContext, breakdown: Breakdown) -> bool:
    """ "涉及9个乡镇，分别为：东岗镇6个、石桥镇5个…": the total counts places and each part follows the name of one
    place of that kind: each part is that place's figure of something else (centres built there), no share of the
    places ("覆盖12个村，其中城关镇5个、…" is one: towns are no villages).
    A list naming as many distinct places of the counted kind as the count ("26个饭堂分布于8个街道，其中东湖街道5个、
    西江街道4个…" with eight streets named) names the counted places one by one, even where each name ends with the
    noun itself (a split by kind, "山区乡镇8个，平原乡镇5个" of 12个乡镇, names fewer kinds than the count)."""
    total = breakdown.total
    if total.kind != "count":
        return False
    noun = total.extra.get("noun") or ""
    names = [name_before(ctx.doc.text, p.span[0]) for p in breakdown.parts]
    if named_places(noun, names):
        return True
    kinds = [noun, *_alternative(ctx, total, noun)]  # "9个镇（街道）": a town or a street, each one place
    return (
        len(names) >= 3
        and total.value == len(names)
        and len(set(names)) == len(names)
        and all(any(all_places(kind, [name]) for kind in kinds) for name in names)
    )


def _alternative(ctx: AuditContext, total: Statement, noun: str) -> list[str]:
    """The kind of place written in brackets right after the counted noun ("覆盖9个镇（街道）"): the count takes
    places of either kind, so a list naming streets among towns names the counted places still."""
    after = ctx.doc.text[total.span[1] : total.span[1] + len(noun) + 8]
    found = _CUES.alternative_kind.match(after, len(noun)) if after.startswith(noun) else None
    return [found.group("kind")] if found else []


def own_kind(breakdown: Breakdown) -> Breakdown:
    """ "涉及6个乡镇，分别为：城关镇12个村、…，共计48个村": a count of another noun (乡镇) among counts of the
    total's own (村) is no part of it: the parts of the total's noun only, when two or more are."""
    total = breakdown.total
    noun = total.extra.get("noun") or ""
    if total.kind != "count" or not noun:
        return breakdown
    nouns = [p.extra.get("noun") or "" for p in breakdown.parts]
    own = tuple(p for p, n in zip(breakdown.parts, nouns, strict=True) if n == noun)
    others = [n for n in nouns if n != noun]
    if len(own) < 2 or not others or not all(others):
        return breakdown
    return replace(breakdown, parts=own)
