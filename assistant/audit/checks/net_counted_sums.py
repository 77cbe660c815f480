"""TOTAL_MISMATCH net: a whole stated over N counted places ("在10个乡镇共选聘护林员420名") against a later list of
exactly N parts of the same kind and unit, one for each of those places ("各乡镇选聘人数分别为：甲镇52人、…").

Why: the sum of such a list is checked by the worded readers only where they tie its lead-in to the whole's name,
and the lead-ins vary without end. The tie here is the form: the list opens on 各 + the counted noun and
分别为/分别是, and it holds exactly as many parts as the whole's sentence counts places, so it is the whole split
place by place; its sum must be the whole, whatever the slip (an item forgotten, a digit struck, a wrong total).
Still a warning, not an error: the words that name the whole and the parts are not compared (选聘续聘 / 选聘人数
could be two measures), and a whole may hold a share kept above the places (县级).
Bad: "在10个乡镇共选聘420名…各乡镇选聘人数分别为：…" ten parts summing to 410.
Good: the same ten parts summing to 420; nine parts listed (net_lists counts them); a list of another unit
(各乡镇资金分别为…万元); a partial list (主要/其中/等); a whole not said as a whole (no 共/合计/总计/累计).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from assistant.numbers import find_numbers
from assistant.numbers.model import NumberMention

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit
from .net_figures import show

_CUES = cues(__name__)
_PLACES = frozenset("个所处家座")  # classifiers of counted places or items
_LEAST, _MOST = 3, 30  # lists of fewer parts are no split; of more, tables the form checks read
_WHOLE_REACH = 24  # characters from the count to its whole's figure
_LIST_REACH = 1500  # characters after the whole's sentence where its split may stand
_OPEN_REACH = 16  # characters from 各 + noun to 分别为
_FAMILY = {"名": "人"}
_GAP = re.compile(r"^[\u4e00-\u9fff·（）()]*$")  # an item's name between two parts


@check_unit(also=("TOTAL_MISMATCH",), basis="text", net=True)
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    mentions = find_numbers(text)
    for i, count in enumerate(mentions):
        if (
            count.kind != "count"
            or count.unit not in _PLACES
            or count.places
            or count.hedge
            or not count.noun
        ):
            continue
        if not _LEAST <= count.value <= _MOST:
            continue
        whole = _whole(text, count, mentions[i + 1 : i + 3])
        if whole is None:
            continue
        parts = _split(text, count.noun, int(count.value), whole, mentions)
        if parts is None:
            continue
        total = sum(p.value for p in parts)
        if total == whole.value:
            continue
        formula = "+".join(p.text for p in parts)
        shown = show(total, whole)
        yield ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"文中写{count.text}{count.noun}共{whole.text}，其后各{count.noun}分列 {len(parts)} 项：{formula}={shown}，"
            f"与所写总数不符",
            (whole.start, whole.end),
            expected=shown,
            found=whole.text,
            proven=False,
        )


def _whole(text: str, count: NumberMention, after: list[NumberMention]) -> NumberMention | None:
    """The figure right after the count in its clause that a whole's word (共/合计/总计/累计) marks: "10个乡镇共…420名"."""
    for m in after:
        gap = text[count.end : m.start]
        if len(gap) > _WHOLE_REACH or re.search(r"[。；;\n]", gap):
            return None
        if m.kind not in ("count", "amount") or m.hedge or m.high is not None or m.unit in _PLACES:
            continue
        return m if _CUES.whole.search(gap) else None
    return None


def _split(
    text: str, noun: str, n: int, whole: NumberMention, mentions: list[NumberMention]
) -> list[NumberMention] | None:
    """The first list after the whole's sentence that opens on 各 + the counted noun and 分别为, when it holds exactly
    ``n`` parts in the whole's unit, each after its own name and nothing else between; None otherwise."""
    end = re.compile(r"[。\n]").search(text, whole.end)
    start = end.end() if end else len(text)
    for lead in re.finditer(
        "各" + re.escape(noun[-2:] if len(noun) > 1 else noun), text[start : start + _LIST_REACH]
    ):
        at = start + lead.end()
        opener = _CUES.opener.search(text, at, at + _OPEN_REACH)
        if opener is None or _CUES.partial.search(text, at, opener.start()):
            continue
        stop = re.compile(r"[。\n]").search(text, opener.end())
        close = stop.start() if stop else len(text)
        inside = [m for m in mentions if opener.end() <= m.start < close]
        if not inside or _CUES.partial.search(text, opener.end(), close):
            return None
        parts = inside[:n]
        if len(inside) != n or any(not _alike(p, whole) for p in parts):
            return None
        cuts = [opener.end()] + [p.end for p in parts[:-1]]
        if any(
            not _GAP.match(text[a : p.start].lstrip("、，,；; ")) for a, p in zip(cuts, parts, strict=True)
        ):
            return None
        return parts
    return None


def _alike(part: NumberMention, whole: NumberMention) -> bool:
    """A part in the whole's kind and unit family (人 / 名), exactly written."""
    return (
        part.kind == whole.kind
        and _FAMILY.get(part.unit or "", part.unit) == _FAMILY.get(whole.unit or "", whole.unit)
        and part.hedge is None
        and part.high is None
    )
