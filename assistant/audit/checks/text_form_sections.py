"""WEIGHT_MISMATCH in a 项目支出绩效自评表 flattened to text: the weights its two sections carry in their titles,
"预算执行情况(10分)" and "绩效指标(90分)" (四川's form), "预算执行情况(万元)(20分)" and "年度绩效目标(80分)" (湖北's),
against the 100 the form scores out of.

Why: the form splits its 100 points between the budget's execution and the indicators; the two titles say how,
and nothing else in the form takes points. Bad: 预算执行情况(10分) … 绩效指标(80分) (90). Good: 10 and 90; a form
with one of the two titles only. The scale is a rule of the form, not the text's arithmetic: a warning
("uncertain"). A form read with weights of its own 一级指标 (产出指标(50分)…) is left to the form checks, which weigh every row with
the execution's points; there the indicator section's title is checked against its headings instead: "年度绩效目标
(80分)" over 产出指标(60分), 效益指标(10分), 满意度指标(10分) (all three read, or already above the title).
A 项目权重 column (湖北's 财政预算支出项目绩效目标自评表: "项目决策 2 分 … 项目管理 13 分 … 项目绩效 85 分") splits the 100
points between the evaluation frame's level-1 parts: all of one frame's parts written once each, they make 100.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_SCALE = Decimal(100)
_SECTIONS = {"绩效指标", "年度绩效目标"}  # the reader may take the indicator section's title for a 一级指标
_REACH = 3000  # the indicators' title follows the execution block within a few rows


@check_unit(also=("WEIGHT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    # a form read with its 一级指标 weights (产出指标(50分)…) is weighed whole by the form checks
    read = [form.span for form in ctx.forms if set(form.level1_points) - _SECTIONS]
    yield from _headings_under_title(ctx)
    yield from _frame_levels(ctx)
    for execution in _CUES.execution.finditer(text):
        if any(a <= execution.start() < b for a, b in read):
            continue
        indicators = _CUES.indicators.search(text, execution.end(), execution.end() + _REACH)
        if indicators is None or _CUES.execution.search(text, execution.end(), indicators.start()):
            continue
        first, second = Decimal(execution.group("points")), Decimal(indicators.group("points"))
        if first + second == _SCALE:
            continue
        summed = f"{(first + second).normalize():f}"
        yield ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"自评表中预算执行情况 {execution.group('points')} 分与绩效指标 {indicators.group('points')} 分之和为"
            f" {summed} 分，不等于满分 100（若该表另有计分部分或满分不同，请核对）",
            (execution.start(), indicators.end()),
            expected="100",
            found=summed,
            proven=False,
            quote=f"{execution.group().strip()} … {indicators.group().strip()}",
        )


_HEADINGS = {
    "产出指标",
    "效益指标",
    "满意度指标",
}  # the national form's 一级指标: with all three read, none is missing


def _headings_under_title(ctx: AuditContext) -> Iterator[Finding]:
    """The indicator section's title weight against the 一级指标 weights the form reader read under it."""
    text = ctx.doc.text
    for form in ctx.forms:
        points = {k: v for k, v in form.level1_points.items() if k not in _SECTIONS and v.number is not None}
        if not points:
            continue
        first = min(v.start for v in points.values())
        titles = list(_CUES.indicators.finditer(text, form.span[0], first))
        if not titles:
            continue
        title = titles[-1]  # the last title before the first heading
        stated = Decimal(title.group("points"))
        summed = sum((v.number for v in points.values()), Decimal(0))  # type: ignore[misc]
        if summed == stated or (summed < stated and not _HEADINGS <= set(points)):
            continue  # short with a heading unread: the copy may have lost it
        shown = f"{summed.normalize():f}"
        listed = "、".join(f"{k} {v.text}分" for k, v in points.items())
        yield ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"自评表中绩效指标部分标注 {title.group('points')} 分，其下一级指标（{listed}）合计 {shown} 分",
            (title.start(), max(v.end for v in points.values())),
            expected=title.group("points"),
            found=shown,
            proven=False,
            quote=title.group().strip(),
        )


# The level-1 parts of the evaluation frames whose weights share the 100 points.
_FRAMES = (
    frozenset({"项目决策", "项目管理", "项目绩效"}),
    frozenset({"项目决策", "项目管理", "项目产出", "项目效益"}),
)


def _frame_levels(ctx: AuditContext) -> Iterator[Finding]:
    """A frame's level-1 parts each written once with its weight ("项目决策 2 分", "项目 绩效 85 分") against 100;
    a part written twice (several forms in one text) or a frame not whole says nothing."""
    found: dict[str, list[re.Match[str]]] = {}
    for match in _CUES.frame_level.finditer(ctx.doc.text):
        found.setdefault(_compact(match.group("name")), []).append(match)
    if set(found) not in _FRAMES or any(len(v) != 1 for v in found.values()):
        return
    parts = sorted((v[0] for v in found.values()), key=lambda m: m.start())
    summed = sum((Decimal(m.group("points")) for m in parts), Decimal(0))
    if summed == _SCALE:
        return
    listed = "＋".join(_compact(m.group("name")) + m.group("points") for m in parts)
    yield ctx.relation_finding(
        "WEIGHT_MISMATCH",
        f"评价指标各一级指标分值 {listed} ＝ {summed.normalize():f} 分，不等于满分 100（若该表另有计分部分或满分不同，请核对）",
        (parts[0].start(), parts[-1].end()),
        expected="100",
        found=f"{summed.normalize():f}",
        proven=False,
        quote=" … ".join(m.group().strip() for m in parts),
    )


def _compact(name: str) -> str:
    return re.sub(r"\s+", "", name)
