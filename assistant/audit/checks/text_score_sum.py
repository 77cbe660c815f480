"""SCORE_MISMATCH from the text alone: the level-1 scores a sentence lists against the total it gives them.

Bad: 项目决策得分18分，项目过程得分19分，项目产出得分38分，项目效益得分20分，总得分为97分 (18 + 19 + 38 + 20 = 95).
Good: the same with 95分. When the parts named are a whole framework (决策, 过程/管理, 产出, 效益; or 产出, 效益,
满意度 with the 执行率 item) the text proves it (an error); fewer parts may leave one out (a warning, only when
they already exceed the total).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.interval import total
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
_WHOLES = ({"决策", "过程", "产出", "效益"}, {"产出", "效益", "满意度", "执行"})


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    for sentence in ctx.doc.sentences:
        scores = [
            s
            for s in ctx.facts.in_sentence(sentence)
            if s.kind == "score"
            and s.field in ("score", "rate_score")  # "预算执行率得分9.2分" is the 执行率 part
            and s.origin == "prose"
            and s.role == "value"
        ]
        parts: list[tuple[str, Statement]] = []
        pending: Statement | None = (
            None  # "自评得分92.5分，其中：预算执行10分，产出指标47.5分…": the whole first
        )
        for s in scores:
            head = ctx.doc.text[max(sentence.start, s.span[0] - 12) : s.span[0]]
            part = _CUES.part.search(head) or (_CUES.listed_part.search(head) if pending else None)
            if _CUES.whole.search(head):
                if len(parts) >= 2:
                    yield from _compare(ctx, parts, s)
                pending = s if len(parts) < 2 else None
                parts = []
            elif part is not None:
                parts.append((_name(part.group("part")), s))
            else:
                parts, pending = [], None
        if pending is not None and len(parts) >= 2:
            yield from _compare(ctx, parts, pending)


def _name(word: str) -> str:
    return (
        "过程" if word == "管理" else "执行" if word.startswith("执行") or word.startswith("预算") else word
    )


def _compare(ctx: AuditContext, parts: list[tuple[str, Statement]], whole: Statement) -> Iterator[Finding]:
    names = {n for n, _ in parts}
    if len(names) != len(parts) or not whole.exact_claim:
        return
    places = max(s.places for _, s in parts)
    summed = total([s.interval(places) for _, s in parts])
    stated = whole.interval(places)
    ctx.facts.mark(whole, *(s for _, s in parts))
    if summed.overlaps(stated):
        return
    complete = any(names == w for w in _WHOLES)
    if not complete and not stated.below(summed):
        return  # fewer parts than a framework: one may be left out
    value = sum((s.value for _, s in parts), Decimal(0))
    yield ctx.relation_finding(
        "SCORE_MISMATCH",
        f"各部分得分 {'＋'.join(s.text for _, s in parts)} ＝ {value}分，文中总分写作 {whole.text}",
        span_of(whole, *(s for _, s in parts)),
        expected=f"{value}分",
        found=whole.text,
        proven=complete,
        quote=quote_of(ctx.doc.text, whole),
    )
