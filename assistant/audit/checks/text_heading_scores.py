"""SCORE_MISMATCH from a report's outline: a heading that carries its score ("三、绩效目标及指标完成情况(自评得分90
分)") against the scores its sub-headings and numbered items carry ("(一)…(自评得分50分)", "(二)…(自评得分40分)").

Bad: 三、…(自评得分80分) over (一)…(自评得分50分) and (二)…(自评得分40分): 50 + 40 = 90.
Also a line carrying both ("一、投入(分值18分,自评得18分)" over "(一)…(分值10分,自评得10分)" and "(二)…(分值10分,
自评得10分)"): weights against weights, scores against scores.
Good: the same under 90分; a heading whose children carry another kind of number (分值 "（50分）" under 得分) is
not compared. The outline makes the children the parent's parts; but a copy cut short may have lost the last ones,
so children summing to less than their parent is a warning ("uncertain") and only a sum above it an error; a
shortfall over run-on item lines is not reported at all where the text stops inside the parent's block (no
heading of its level follows): such items are the body of a scoring section, and the copy was cut among them.
Also a numbered line that opens with its label and weight and goes on with its text ("(1)管理制度健全(3分)本县制定了…",
"(二) 资金落实(6分 资金到位率…", a bracket left open): scoring reports write each item so, and the line is too long
to be a heading; its marker sets its level (一、 above (一) above 1. above (1)), as in the report's outline.
Also a numbered item line that states its weight and its score in its text ("1.储备风力灭火机：…，分值10分，得10分。",
"（2）…，权重5分，得分4.5分", "③…，满分10分，自评得分10分") under "（一）产出指标（分值60分，得分48.75分）": weights
against the heading's weight (five items of 10 under 60: a warning), scores against its score. A numbered line
under it with no such pair or two ("2.工程验收合格率：…，得10分。") is an item unread: no sum is compared. A numbered
line stating its weight alone ("1.食品安全评价性抽检合格率：…，分值15分。", "2.…群众食品安全知晓率指标分值10分。", no
得/扣 in it) is a weight of its heading's: 15 + 10 under "（二）效益指标（30分）" is a warning either way (fewer may be
listed; more than a bare "(48分)" may be weights over the heading's score).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_ITEM_LEVEL = 9  # a numbered item line ("1.数量指标(自评得分20分):…") sits below every heading
_SUB_ITEM_LEVEL = 10  # "(1)…" sits below "1.…"


@dataclass(frozen=True)
class _Node:
    level: int
    kind: str  # "得分" (a score), "分" (a weight), or "" (a numbered item whose figures are unread)
    value: Decimal
    text: str
    span: tuple[int, int]
    figure: tuple[int, int]  # where the number stands (coverage)
    opened: bool = False  # a numbered line running on with its text ("(1)…(3分)本县…"), not a heading
    alone: bool = False  # an item's weight said with no score ("…，分值15分。")


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    nodes = _nodes(ctx)
    findings = []
    for k, parent in enumerate(nodes):
        below = []
        for node in nodes[k + 1 :]:
            if node.span == parent.span:
                continue  # "(分值18分,自评得18分)": the heading's other figure
            if node.level <= parent.level:
                break
            below.append(node)
        if not below:
            continue
        top = min(n.level for n in below)
        level = [n for n in below if n.level == top]
        children = [n for n in level if n.kind == parent.kind]
        if len(children) < 2 or len(children) < len({n.span for n in level}):
            continue
        summed = sum((c.value for c in children), Decimal(0))
        ctx.facts.mark(parent.figure, *(c.figure for c in children))
        cut = any(c.opened for c in children) and not _closed(ctx, parent, below[-1], nodes)
        if summed == parent.value or (summed < parent.value and cut):
            continue
        listed = "＋".join(f"{c.value}" for c in children)
        findings.append(
            ctx.relation_finding(
                "SCORE_MISMATCH",
                f"“{parent.text}”下各项{parent.kind} {listed} ＝ {summed}分，标题写作 {parent.value}分",
                (
                    parent.span[0],
                    max(parent.span[1], children[-1].figure[1]),
                ),  # the block: parent to its last child
                expected=f"{summed}分",
                found=f"{parent.value}分",
                # parts above their whole; fewer may be a copy cut short, and a bare "(48分)" over weights said
                # alone may be the heading's score
                proven=summed > parent.value and not any(c.alone for c in children),
                quote=parent.text,
            )
        )
    return findings


def _closed(ctx: AuditContext, parent: _Node, last: _Node, nodes: list[_Node]) -> bool:
    """Whether the text goes on past the parent's block (a heading or a scored line of its level or above
    follows): a copy that stops inside the block may have lost its last children, so a shortfall proves nothing."""
    after = last.span[1]
    return any(h.start >= after and h.level <= parent.level for h in ctx.doc.headings) or any(
        n.span[0] >= after and n.level <= parent.level for n in nodes
    )


def _nodes(ctx: AuditContext) -> list[_Node]:
    """Headings and numbered item lines that carry a score in brackets, in the text's order."""
    found: list[_Node] = []
    heading_starts = {h.start for h in ctx.doc.headings}
    for heading in ctx.doc.headings:
        found.extend(_node(heading.text, heading.start, heading.level))
    for match in _CUES.item_line.finditer(ctx.doc.text):
        if match.start("line") not in heading_starts:
            found.extend(_node(match.group("line"), match.start("line"), _ITEM_LEVEL))
    starts = {n.span[0] for n in found}
    for match in _CUES.opened_item.finditer(ctx.doc.text):
        if match.start("line") not in starts:
            found.append(_opened(match))
    starts = {n.span[0] for n in found}
    for match in _CUES.numbered_line.finditer(ctx.doc.text):
        if match.start("line") not in starts:
            found.extend(_scored(match))
    return sorted(found, key=lambda n: n.span[0])


def _scored(match: re.Match[str]) -> list[_Node]:
    """A numbered item line stating its weight and its score in its text ("1.…，分值10分，得10分。"): both figures;
    its weight alone ("1.…，分值15分。"): that weight. A numbered line stating no pair or more than one (which is the item's is a reading) is an item unread: a node
    of no kind, so that its siblings' figures are never summed as the whole."""
    start = match.start("line")
    pairs = list(_CUES.item_pair.finditer(match.group("line")))
    marker = re.sub(r"\s+", "", match.group("marker"))
    level = _ITEM_LEVEL if marker[0].isdigit() else _SUB_ITEM_LEVEL
    shown, span = re.sub(r"\s+", "", match.group("line"))[:40], (start, match.end("line"))
    weights = list(_CUES.item_weight.finditer(match.group("line")))
    if not pairs and len(weights) == 1 and not _CUES.item_score.search(match.group("line")):
        weight = weights[0]  # "2.…群众食品安全知晓率指标分值10分。": its weight alone, its score unsaid
        figure = (start + weight.start("points"), start + weight.end("points"))
        return [_Node(level, "分", Decimal(weight.group("points")), shown, span, figure, alone=True)]
    if len(pairs) != 1:  # an item scored apart or not at all: its siblings are not the whole
        return [_Node(level, "", Decimal(0), shown, span, span)]
    return [
        _Node(
            level,
            kind,
            Decimal(pairs[0].group(group)),
            shown,
            span,
            (start + pairs[0].start(group), start + pairs[0].end(group)),
        )
        for kind, group in (("分", "points"), ("得分", "value"))
    ]


def _opened(match: re.Match[str]) -> _Node:
    """A numbered line opening with its label and weight, its text running on after them."""
    marker = re.sub(r"\s+", "", match.group("marker"))
    if re.match(r"[一二三四五六七八九十]", marker):
        level = 1
    elif re.match(r"[（(][一二三四五六七八九十]", marker):
        level = 2
    else:
        level = _SUB_ITEM_LEVEL if marker[0] in "(（" else _ITEM_LEVEL
    start = match.start("line")
    shown = re.sub(r"\s+", "", match.group("line"))[:40]
    figure = (match.start("value"), match.end("value"))
    return _Node(level, "分", Decimal(match.group("value")), shown, (start, match.end("line")), figure, True)


def _node(text: str, start: int, level: int) -> list[_Node]:
    """The figures a line carries: one score or weight in brackets, or both ("(分值18分,自评得18分)")."""
    shown, span = re.sub(r"\s+", "", text)[:40], (start, start + len(text))
    paired = _CUES.paired_scores.search(text)
    if paired is not None:
        return [
            _Node(
                level,
                kind,
                Decimal(paired.group(group)),
                shown,
                span,
                (start + paired.start(group), start + paired.end(group)),
            )
            for kind, group in (("分", "points"), ("得分", "value"))
        ]
    match = _CUES.carried_score.search(text)
    if match is None:
        return []
    kind = "得分" if match.group("score") else "分"
    value = Decimal(match.group("value"))
    figure = (start + match.start("value"), start + match.end("value"))
    return [_Node(level, kind, value, shown, span, figure)]
