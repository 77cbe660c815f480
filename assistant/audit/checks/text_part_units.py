"""UNIT_SUSPECT from the text alone: a total written in 元 that its own 其中 parts in 万元 exceed.

Bad: 项目资金全年预算数2089元：其中中央资金1777万元；省级资金312万元 (a part cannot exceed its whole; read as
2089万元 the total is the parts' sum, so "元" is the slip).  Good: 全年预算数2089万元：其中… or a total in 元
whose parts are in 元.
The parts are the 万元 amounts that follow "其中"/"包括" right after the total in its own sentence, up to the next
amount in 元; they may be a partial list, which does not matter: one part above the whole already proves the
sentence wrong as written. The finding is an error when every number is stated as a value; whether the parts add
up to the total read in 万元 only tells the reader which unit to correct.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_written
from ..prose.interval import total, written
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_WAN = ("万元", "万")


@check_unit(also=("UNIT_SUSPECT",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        amounts = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "amount" and s.role in ("value", "part") and s.field != "unit_price"
        ]
        for index, whole in enumerate(amounts):
            if whole.unit != "元" or index + 1 == len(amounts):
                continue
            if not _CUES.parts_follow.match(text[whole.span[1] : amounts[index + 1].span[0]]):
                continue
            parts = _parts(amounts[index + 1 :])
            finding = _slip(ctx, whole, parts) if parts else None
            if finding is not None:
                yield finding


def _parts(following: list[Statement]) -> list[Statement]:
    """The 万元 amounts after "其中", up to the next amount written in 元 (another total or a per-unit sum)."""
    parts = []
    for statement in following:
        if statement.unit not in _WAN:
            break
        parts.append(statement)
    return parts


def _slip(ctx: AuditContext, whole: Statement, parts: list[Statement]) -> Finding | None:
    stated = whole.interval()
    larger = [p for p in parts if stated.below(p.interval())]
    if not larger:
        return None
    summed = total([p.interval() for p in parts])
    in_wan = written(whole.raw, whole.places)  # the total's digits read as 万元
    if in_wan.below(summed):
        return None  # even in 万元 the parts exceed it: a total against its parts, not a unit
    raw = show_written(whole, "")
    listed = "、".join(p.text for p in parts[:6])
    if len(parts) > 1:
        listed += f"，合计 {show_interval(summed, parts[0])}"
    fits = "与所列各项之和相符" if summed.overlaps(in_wan) else "不小于所列各项"
    ctx.facts.mark(whole, *parts)
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        f"总数 {whole.text} 小于其中所列 {larger[0].text}，部分不能大于整体；按 {raw}万元 计，{fits}"
        f"（{listed}），单位疑为“万元”",
        (whole.span[0], parts[-1].span[1]),
        expected=f"{raw}万元",
        found=whole.text,
        proven=whole.exact_claim and all(p.exact_claim for p in larger),
        quote=quote_of(ctx.doc.text, whole),
    )
