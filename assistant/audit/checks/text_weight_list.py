"""WEIGHT_MISMATCH from the text alone: the weights a report says its 一级指标 are set to, against the 100 they share.

Why: 财预〔2020〕10号 (and every local variant) scores a project out of 100, split over its 一级指标 (预算执行率 10,
产出, 效益, 满意度 …); a report that writes "指标权重统一设置为: 产出指标50%、效益指标30%、服务对象满意度指标10%" sets
90 points in all, so either an item (mostly the 预算执行率 10) or a weight is missing from what it says.
Bad: 指标权重设置为:产出指标50%、效益指标30%、满意度指标10% (90).
Good: the same with 预算执行率10% (100); one weight alone (产出指标权重为50%); a list opened by 其中 or closed by 等
(it names some items only). The scale is a rule and an item may be weighted elsewhere: always a warning
("uncertain").
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_SCALE = Decimal(100)


@check_unit(also=("WEIGHT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        lead = _CUES.weights_lead.search(sentence.text)
        if lead is None or _CUES.some_only.search(sentence.text[: lead.start()]):
            continue
        start = sentence.start + lead.end()
        items = list(_CUES.weight_item.finditer(text, start, sentence.end))
        if len(items) < 2 or items[0].start() - start > 2:
            continue
        gaps = [text[a.end() : b.start()] for a, b in pairwise(items)]
        if any(not _CUES.separator.fullmatch(gap) for gap in gaps):
            continue  # the weights are not one list
        rest = text[items[-1].end() : sentence.end]
        if _CUES.partial_end.match(rest) or len({m.group("unit").replace("％", "%") for m in items}) != 1:
            continue
        total = sum((Decimal(m.group("value")) for m in items), Decimal(0))
        if total == _SCALE:
            continue
        listed = " + ".join(m.group("value") for m in items)
        yield ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"文中所列一级指标权重 {listed} ＝ {total.normalize():f}，不等于满分 100"
            "（若另有指标未列出或评分规则不同，请核对）",
            (sentence.start + lead.start(), items[-1].end()),
            expected="100",
            found=f"{total.normalize():f}",
            proven=False,
            quote=text[sentence.start : sentence.end].strip(),
        )
