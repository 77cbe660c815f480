"""SCORE_MISMATCH from the text alone: the level-1 scores a sentence lists against the total it gives them.

Bad: 项目决策得分18分，项目过程得分19分，项目产出得分38分，项目效益得分20分，总得分为97分 (18 + 19 + 38 + 20 = 95).
Good: the same with 95分. When the parts named are a whole framework (决策, 过程/管理, 产出, 效益; or 产出, 效益,
满意度 with the 执行率 item) the text proves it (an error); fewer parts may leave one out (a warning, only when
they already exceed the total).
Also a run of lines, one per level-1 part, each opening with the part's name and weight and closing with its score
("决策（20分）：…，得19分。" / "过程（20分）：…，得18分。" / …): when the weights make 100 the lines are the whole
scorecard, and the one total score the report states elsewhere ("综合自评得分94分") must be their sum (an error: the
text's own numbers prove it); none where the report adds bonus points or states more than one total.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.interval import Interval, total
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
    yield from _part_lines(ctx)


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


def _part_runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of part lines (``part_line``), a run broken by any other line with words between."""
    runs: list[list[re.Match[str]]] = []
    for m in _CUES.part_line.finditer(text):
        if runs and not text[runs[-1][-1].end() : m.start()].strip():
            runs[-1].append(m)
        else:
            runs.append([m])
    return runs


def _part_lines(ctx: AuditContext) -> Iterator[Finding]:
    """The scores of a run of part lines whose weights make 100 against the report's one stated total."""
    text = ctx.doc.text
    if len(ctx.facts.projects) > 1 or _CUES.bonus.search(text):
        return
    for run in _part_runs(text):
        names = [_name(m.group("part")) for m in run]
        if len(run) < 3 or len(set(names)) < len(names):
            continue
        if sum(Decimal(m.group("points")) for m in run) != 100:
            continue
        totals = [
            s
            for s in ctx.facts.statements
            if s.kind == "score"
            and s.origin == "prose"
            and s.role == "value"
            and s.exact_claim
            and not run[0].start() <= s.span[0] < run[-1].end()
            and _CUES.whole.search(text[max(0, s.span[0] - 12) : s.span[0]])
        ]
        if len({s.value for s in totals}) != 1:
            continue
        whole = totals[0]
        summed = sum((Decimal(m.group("score")) for m in run), Decimal(0))
        if whole.interval().overlaps(Interval.exact(summed)):
            ctx.facts.mark(whole)
            continue
        yield ctx.relation_finding(
            "SCORE_MISMATCH",
            f"各部分得分 {'＋'.join(n + m.group('score') + '分' for n, m in zip(names, run, strict=True))} ＝ "
            f"{summed}分（各部分分值合计 100 分），文中总分写作 {whole.text}",
            whole.span,
            expected=f"{summed}分",
            found=whole.text,
            quote=quote_of(text, whole),
        )
