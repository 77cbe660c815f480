"""WEIGHT_MISMATCH from the text alone: the weights a report says its 一级指标 are set to, against the 100 they share.

Why: 财预〔2020〕10号 (and every local variant) scores a project out of 100, split over its 一级指标 (预算执行率 10,
产出, 效益, 满意度 …); a report that writes "指标权重统一设置为: 产出指标50%、效益指标30%、服务对象满意度指标10%" sets
90 points in all, so either an item (mostly the 预算执行率 10) or a weight is missing from what it says.
Bad: 指标权重设置为:产出指标50%、效益指标30%、满意度指标10% (90).
Good: the same with 预算执行率10% (100); one weight alone (产出指标权重为50%); a list opened by 其中 or closed by 等
(it names some items only). A list that names every level-1 part of one framework (预算执行率, 产出, 效益, 满意度; or
决策, 过程, 产出, 效益) in a sentence that speaks of weights and scores nothing is the whole whatever opens it
("满分100分。其中预算执行率权重10分，产出指标权重45分，效益指标权重30分，满意度指标权重10分": 95). The scale is a rule and an item may be weighted elsewhere: always a warning
("uncertain").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)
_SCALE = Decimal(100)
_WHOLES = ({"执行", "产出", "效益", "满意度"}, {"决策", "过程", "产出", "效益"})


@check_unit(also=("WEIGHT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    for sentence in ctx.doc.sentences:
        lead = _CUES.weights_lead.search(sentence.text)
        if lead is None or _CUES.some_only.search(sentence.text[: lead.start()]):
            items = _framework(sentence.text, sentence.start, text)
            if not items:
                continue
            begin = start = items[0].start()
        else:
            begin, start = sentence.start + lead.start(), sentence.start + lead.end()
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
            (begin, items[-1].end()),
            expected="100",
            found=f"{total.normalize():f}",
            proven=False,
            quote=text[sentence.start : sentence.end].strip(),
        )


def _framework(sentence: str, offset: int, text: str) -> list[re.Match[str]]:
    """The weights of a whole framework listed with no lead that sets them out ("其中预算执行率权重10分，产出指标权重45分，
    效益指标权重30分，满意度指标权重10分"; "各部分权重如下：预算执行率10分，产出指标40分…"): the items name every level-1
    part of one framework, so they are the whole whatever opens them; none where the sentence scores (得) rather
    than weighs, or says no word of weight."""
    if _CUES.scored.search(sentence) or not _CUES.weight_word.search(sentence):
        return []
    items = list(_CUES.weight_item.finditer(text, offset, offset + len(sentence)))
    names = {_part(m.group("name")) for m in items}
    return items if any(whole <= names for whole in _WHOLES) else []


def _part(name: str) -> str:
    """One name for each level-1 part (服务对象满意度 is 满意度, 预算执行情况 执行, 管理 过程)."""
    name = name.removeprefix("项目").removeprefix("服务对象")
    return "执行" if name.startswith("预算执行") else "过程" if name == "管理" else name
