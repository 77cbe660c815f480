"""TOTAL_MISMATCH from the text alone: a difference written out after the two figures it is the difference of,
in one sentence, in the shapes text_growth does not read.

Bad: 2021年安排本级衔接资金1016万元，与2020年本级安排的扶贫资金1006万元相比，净增加20万元 (1016 − 1006 = 10).
Bad: 我县2021年预算安排7700万元，2020年县本级资金7650万元，比去年增加60万元 (7700 − 7650 = 50); so with 同比增加 or
较2020年增加 (2023年度项目支出580.00万元，2022年度项目支出520.00万元，同比增加50.00万元: 60.00).
Bad: 计划发放300户，实际发放366户，超额76户 (366 − 300 = 66); 应配套20971万元，实际配套104880万元，超规模配套93909万元.
Bad: 可实现总收入15万元，扣除成本计12万元，可实现净收入4万元 (15 − 12 = 3).
Uncertain: 公益金总收入622.43万元，支出316.81万元，年底结余405.62万元 (305.62: a year-end balance may also hold money
of earlier years the sentence does not state, so a warning).
Good: the same with the difference written right; a change whose base is not stated in the sentence (比上年增加10万元
after one amount only: silent); a change of a whole whose items stand between it and the base (三公经费22.84万元，其中…
公务接待费3.78万元，较上年的25.30万元减少2.46万元); rounding to the written precision is never a contradiction.
The figures must be the two amounts (or counts of one unit) right before the difference in its own sentence, and the
words must say which is which: the earlier year's figure second (与2020年…相比, 2020年…, 上年…), the plan first and
the result second (计划/应 … 实际/完成 … 超额), or the gross first and the deduction second (扣除 … 净收入). The
text's own arithmetic then proves it (an error, all three figures exact values).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.change_whole import earlier_figure_gives
from ..prose.clauses import clause_before
from ..prose.interval import Interval
from ..prose.model import Statement
from ..registry import check_unit
from .growth_reading import difference_finding

_CUES = cues(__name__)
_YEAR = re.compile(r"(20\d\d)年")


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for gap in ctx.facts.statements:
        if gap.kind not in ("amount", "count") or not gap.exact_claim or gap.sentence is None:
            continue
        before = [
            s
            for s in ctx.facts.in_sentence(gap.sentence)
            if s.span[1] <= gap.span[0]
            and s.kind == gap.kind
            and s.field != "unit_price"
            and s.role != "aside"
        ]
        if len(before) < 2:
            continue
        first, second = before[-2], before[-1]
        if not (first.exact_claim and second.exact_claim) or len({first.unit, second.unit, gap.unit}) > 1:
            continue
        found = _difference(ctx, first, second, gap)
        if found is None:
            continue
        computed, proven = found
        ctx.facts.mark(first, second, gap)
        if computed.overlaps(gap.interval()) or _another_first(ctx, before[:-2], second, gap):
            continue
        head = f"{first.text} 与 {second.text} 之差"
        yield difference_finding(ctx, head, computed, first, second, gap, proven=proven)


def _difference(
    ctx: AuditContext, first: Statement, second: Statement, gap: Statement
) -> tuple[Interval, bool] | None:
    """The difference the words ask for and whether the sentence's arithmetic alone proves it, or None when the
    sentence is none of the known shapes."""
    text = ctx.doc.text
    between = text[second.span[1] : gap.span[0]]
    head = clause_before(ctx, gap)
    if _CUES.year_change.match(between) and _earlier(ctx, first, second):
        down = _CUES.down.search(between) is not None
        return (second.interval() - first.interval() if down else first.interval() - second.interval()), True
    if _CUES.excess.match(between) and _CUES.planned.search(clause_before(ctx, first)):
        if _CUES.result.search(clause_before(ctx, second)):
            return second.interval() - first.interval(), True
    if _CUES.net.search(head) and _CUES.deducted.search(text[first.span[1] : second.span[0]]):
        return first.interval() - second.interval(), True
    if _CUES.balance.match(between) and _CUES.income.search(clause_before(ctx, first)):
        if _CUES.spent.search(clause_before(ctx, second)):
            return (
                first.interval() - second.interval(),
                False,
            )  # a year-end balance may hold earlier years' money
    return None


def _another_first(ctx: AuditContext, earlier: list[Statement], second: Statement, gap: Statement) -> bool:
    """Does an amount further back in the sentence give the difference with ``second`` ("“三公”经费支出22.84万元，其中
    公务用车运行维护费19.06万元、公务接待费3.78万元，较上年的25.30万元减少2.46万元": the change is the whole's, not
    the last item's)? The figure the change is of is the writer's: any that fits is the reading."""

    def difference(other: Statement) -> Interval | None:
        found = _difference(ctx, other, second, gap)
        return None if found is None else found[0]

    return earlier_figure_gives(earlier, gap.unit, gap, difference)


def _earlier(ctx: AuditContext, now: Statement, then: Statement) -> bool:
    """Is ``then`` said of an earlier year than ``now``: 与2020年…相比, or its own clause names an earlier year
    (or 上年/去年) than ``now``'s?"""
    text = ctx.doc.text
    start = now.sentence.start if now.sentence is not None else 0
    now_words, then_words = text[start : now.span[0]], text[now.span[1] : then.span[0]]
    if _CUES.last_year.search(then_words) and not _CUES.last_year.search(now_words):
        return True
    years_now = [int(y) for y in _YEAR.findall(now_words)]
    years_then = [int(y) for y in _YEAR.findall(then_words)]
    return bool(years_now and years_then) and years_then[-1] < years_now[-1]
