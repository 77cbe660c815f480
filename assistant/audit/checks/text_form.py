"""SCORE_MISMATCH, WEIGHT_MISMATCH, TOTAL_MISMATCH, RATE_MISMATCH, GRADE_MISMATCH on a 自评表 flattened into
the text, from its own numbers.

Bad: 年度资金总额 0 0 0 | 其中：本年财政拨款 202.64 132.912 132.912 (the sub-row exceeds its total).
Bad: 产出指标(70分) 效益指标(20分) 满意度指标(10分) with 执行率 10 分 (110, not 100); 注：产出指标50分…
Bad: 资金到位及时率 ≧100% 完成 100% 分值 10 得分 7 (met, so 10 under the national rule).
Good: 年度资金总额 43.2 43.2 37.24 10 86% 9 (37.24 ÷ 43.2 = 86.20 % → "86%"; 10 × 86.20 % = 8.62 → "9").
Bad: 预算执行率 | 全年预算95.60万元 | 执行78.77万元 | 10 | 8.42 (10 × 78.77 ÷ 95.60 = 8.24: a warning, the national rule).
What the form's own numbers prove is an error (a sub-row above its total, weights that do not add up, a score
above its 分值 or above what the lost execution points leave); what rests on the national scoring rule
(an indicator's score from its target and actual, 得分 = 分值 × 执行率, grades without a stated scale) is a
warning with verdict "uncertain".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers import amount_factor, find_numbers

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import squeeze
from ..prose.deductions import deduction_stated, judged_down, line_rest, shortfall_explained, shortfall_note
from ..prose.form import Form, IndicatorRow, is_execution_row
from ..prose.indicator_rule import (
    docked_whole_point,
    expected_score,
    missed_as_written,
)
from ..prose.interval import Interval, written
from ..registry import Code, check_unit
from .text_form_blocks import check_blocks, heading_finding
from .text_form_funds import check_funds
from .text_form_items import check_items
from .text_form_total import check_total, execution_item

_CUES = cues(__name__)

HUNDRED = Decimal(100)
_LEVEL_ONE = (
    "产出指标",
    "效益指标",
    "满意度指标",
    "项目决策",
    "项目管理",
    "项目过程",
    "项目产出",
    "项目效益",
)


@check_unit(
    Code("WEIGHT_MISMATCH", "error", "指标分值与所属一级指标、总分或表注规定的分值不符"),
    also=("SCORE_MISMATCH", "TOTAL_MISMATCH", "RATE_MISMATCH", "GRADE_MISMATCH"),
    basis="text",
    runs=("text",),
)
def check(ctx: AuditContext) -> list[Finding]:
    form: Form = ctx.facts.form
    findings = check_blocks(ctx)
    if not form.found:
        return findings
    findings += check_funds(ctx, form)
    findings += [f for row in form.indicators for f in _indicator(ctx, row)]
    findings += _groups(ctx, form)
    findings += check_items(ctx, form)
    findings += check_total(ctx, form)
    return findings


def _indicator(ctx: AuditContext, row: IndicatorRow) -> list[Finding]:
    (p_cell, points), (s_cell, score) = row.points, row.score
    span = (row.start, row.end)
    ctx.facts.mark(p_cell, s_cell)
    if score.interval().lo > points.value:
        return [
            ctx.relation_finding(
                "SCORE_MISMATCH",
                f"指标“{row.label}”得分 {s_cell.text} 超过其分值 {p_cell.text}",
                span,
                expected=f"≤{p_cell.text}",
                found=s_cell.text,
            )
        ]
    if row.lost is not None:
        return _deducted(ctx, row)
    target, actual = row.target[1], row.actual[1]
    if target is None or actual is None:
        allowed = _execution_from_money(row, points.value, ctx.doc.spaced) or _deadline_met(row, points.value)
    else:
        allowed = expected_score(target, actual, points.value)
    if not allowed:
        return []
    ctx.facts.mark(row.target[0], row.actual[0])
    if any(a.overlaps(score.interval()) for a in allowed):
        return []
    if deduction_stated(ctx.doc.text, row.label, points.value - score.value):
        return []  # "取证率未达标扣5分": the report states the deduction it made, its own rule
    # a miss, scored below every reading of the rule
    missed = target is not None and actual is not None and missed_as_written(target, actual)
    below = missed and all(score.interval().hi < a.lo for a in allowed)
    done = min(a.lo for a in allowed) * 100 / points.value if points.value else HUNDRED
    note = line_rest(ctx.doc.text, s_cell.end) or shortfall_note(ctx.doc.text, row.label)
    if below and shortfall_explained(note, score.value, points.value, done, ctx.ref.rules.qualitative_tiers):
        return []  # a missed row scored below the rule, its 偏差原因 cell giving the reason: its own deduction
    if (
        not missed
        and any(a.lo >= points.value for a in allowed)
        and judged_down(line_rest(ctx.doc.text, s_cell.end))
    ):
        return []  # a met row marked down for a reason its own 偏差原因 cell gives ("群众对服务时间意见较多")
    if below and not is_execution_row(row.label) and docked_whole_point(allowed, score.value, score.places):
        return []  # "≥90% | 89% | 10 | 9": a whole point off for a small miss, the evaluator's discretion
    best = min(allowed, key=lambda a: abs(a.mid - score.value))
    reached = "已达到目标值，" if best.hi == points.value and not missed else ""
    return [
        ctx.relation_finding(
            "SCORE_MISMATCH",
            f"指标“{row.label}”目标 {row.target[0].text}、完成 {row.actual[0].text}、分值 {p_cell.text}，"
            f"{reached}按全国通用评分规则应得 {best.shown('分')}，表中为 {s_cell.text}（评分规则可能不同，请核对）",
            span,
            expected=best.shown("分"),
            found=s_cell.text,
            proven=False,
        )
    ]


def _deducted(ctx: AuditContext, row: IndicatorRow) -> list[Finding]:
    """A form with a 扣分 column states its own deduction: 得分 must be 分值 − 扣分 (proven by the row's numbers),
    and the national rule has no say over a score so explained (分值 10, 扣分 2, 得分 9 is off by one)."""
    assert row.lost is not None
    (p_cell, points), (s_cell, score), (l_cell, lost) = row.points, row.score, row.lost
    ctx.facts.mark(l_cell)
    # 分值 is set by the rule and 扣分 is written as taken off (1.5 stays 1.5): the score alone may be rounded
    left = Interval.exact(points.value - lost.value)
    if left.overlaps(score.interval()):
        return []
    due = format(left.lo.normalize(), "f")
    return [
        ctx.relation_finding(
            "SCORE_MISMATCH",
            f"指标“{row.label}”分值 {p_cell.text}、扣分 {l_cell.text}，得分应为 {due}分，表中为 {s_cell.text}",
            (row.start, row.end),
            expected=f"{due}分",
            found=s_cell.text,
        )
    ]


def _execution_from_money(row: IndicatorRow, points: Decimal, spaced: bool) -> list[Interval] | None:
    """ "预算执行率 | 全年预算95.60万元 | 执行78.77万元 | 10 | 8.42": an execution row that writes the budget and the
    money spent in its target and actual cells scores 分值 × 执行数 ÷ 预算数 (10 × 82.40 % = 8.24) under the national
    rule (a rate above 100 % counts as 100 %)."""
    if not is_execution_row(row.label):
        return None
    budget = _money_cell(row.target[0].text, _CUES.budget_cell, spaced)
    spent = _money_cell(row.actual[0].text, _CUES.spent_cell, spaced)
    rate = spent.divided_by(budget) if budget is not None and spent is not None else None
    if rate is None:
        return None
    return [Interval(min(rate.lo, Decimal(1)), min(rate.hi, Decimal(1))).scaled(points)]


def _money_cell(text: str, label: re.Pattern[str], spaced: bool) -> Interval | None:
    """The one amount a cell writes after its label ("全年预算95.60万元"), in 万元."""
    amounts = [m for m in find_numbers(text, spaced) if m.kind == "amount"]
    if len(amounts) != 1 or not label.search(text[: amounts[0].start]):
        return None
    m = amounts[0]
    return written(m.raw_value, m.places, m.hedge).scaled(amount_factor(m.unit))


def _deadline_met(row: IndicatorRow, points: Decimal) -> list[Interval] | None:
    """A target no number stands for ("2021年12月完成", "2023年底前") written again as the result: the deadline was
    kept, so the indicator is met and earns its full 分值. A target with no digit ("好", "改善办学条件") is
    qualitative: the national rule scores it in bands (达成 80～100 %), so a lower score is no contradiction."""
    target, actual = squeeze(row.target[0].text), squeeze(row.actual[0].text)
    if target != actual or not _CUES.deadline.search(target):
        return None
    return [Interval.exact(points)]


def _groups(ctx: AuditContext, form: Form) -> Iterator[Finding]:
    groups = [g for g in form.groups if g.name in _LEVEL_ONE]
    complete = _rows_complete(form)
    for group in groups:
        heading = (group.start, group.end)
        for name, stated in form.note.items():
            if name == group.name and stated != group.points:
                yield ctx.relation_finding(
                    "WEIGHT_MISMATCH",
                    f"表注规定“{name}”{stated} 分，表中“{group.name}”为 {group.points} 分",
                    heading,
                    expected=f"{stated}分",
                    found=f"{group.points}分",
                )
        rows = [r for r in form.indicators if r.group == group.name]
        if _named_in_a_list(ctx.doc.text, form, groups, group):
            continue  # "由产出指标（50分）、效益指标（30分）、满意度指标（10分）…构成": no heading over the rows below
        closed = _closed(ctx.doc.text, form, group, rows)
        inner = _nested(groups, group)
        if inner is not None:  # 满意度 under 效益 (four-part framework): its rows are 效益's too
            inner_rows = [r for r in form.indicators if r.group == inner.name]
            closed = closed and _closed(ctx.doc.text, form, inner, inner_rows)
            rows += inner_rows
        summed = sum((r.points[1].value for r in rows), Decimal(0))
        above = summed > group.points
        if rows and (above or ((complete or closed) and summed < group.points)):
            # Above: the rows cannot fit under the heading. Short: every row was read (their 分值 make up the
            # form's whole), yet the heading's own fall short; their grouping rests on the reading: a warning.
            yield heading_finding(ctx, group.name, group.points, len(rows), summed, heading, rows[-1].end)
    yield from _weights_total(ctx, form, groups)


def _named_in_a_list(text: str, form: Form, groups, group) -> bool:
    """Is the heading the last of several named on one line with no row between them ("评价指标由产出指标（50分）、
    效益指标（30分）、满意度指标（10分）和预算执行率（10分）构成")? A sentence listing the weights heads no rows:
    the form's rows below it are not all the last one's."""
    line_start = text.rfind("\n", 0, group.start) + 1
    before = [g for g in groups if line_start <= g.end <= group.start]
    return bool(before) and not any(before[0].end <= r.start < group.start for r in form.indicators)


def _nested(groups, group):
    """The 满意度 heading that is a part of this 效益 heading: the four-part framework (决策, 管理/过程, 产出,
    效益) counts 满意度 under 效益, where its points already are."""
    names = {g.name for g in groups}
    if group.name not in ("项目效益", "效益指标") or "项目决策" not in names:
        return None
    inner = next((g for g in groups if g.name == "满意度指标" and g.start > group.start), None)
    return inner if inner is not None and inner.points < group.points else None


def _closed(text: str, form: Form, group, rows) -> bool:
    """Were all the group's rows read? They run up to the next level-1 heading, and between the heading and it
    no number stands outside a row read. Then a short sum is a warning (the grouping rests on the reading)."""
    # the last heading's rows run to the 总分 row, or to the end of a copy that stops inside the form
    after = [g.start for g in form.groups if g.start > group.end] or [
        form.total[0] if form.total is not None and form.total[0] > group.end else len(text)
    ]
    stop = min(after)
    if not rows or rows[-1].end > stop or (stop == len(text) and not text.rstrip().endswith("|")):
        return False  # a copy that stops inside a cell may stop inside the group's next row
    region = list(text[group.end : stop])
    for row in rows:
        for i in range(max(row.start, group.end), min(row.end, stop)):
            region[i - group.end] = " "
    # "其中桃树种植面积 | 1.5亩 | 1.5亩": a row's own sub-items carry no 分值
    return not re.search(r"\d", _CUES.sub_items.sub("", "".join(region)))


def _rows_complete(form: Form) -> bool:
    """Do the indicator rows read (with the execution item when it is not a row) make up the form's 总分?"""
    if not form.indicators:
        return False
    item = execution_item(form)
    execution = Decimal(0) if item.in_rows or item.points is None else item.points
    whole = form.total[2] if form.total is not None and form.total[2] is not None else HUNDRED
    return sum((r.points[1].value for r in form.indicators), Decimal(0)) + execution == whole


_NATIONAL = {"产出指标", "效益指标", "满意度指标"}


def _weights_total(ctx: AuditContext, form: Form, groups) -> list[Finding]:
    """The level-1 headings against the form's 总分 (or 100). Two frameworks: the national self-evaluation form
    (产出, 效益, 满意度 and the 执行率 item) and the four-part one (决策, 管理/过程, 产出, 效益; there 满意度 is a
    part of 效益 and the 执行率 a part of 管理, so it counts either way)."""
    names = {g.name for g in groups}
    if len(names) != len(groups):
        return []  # two forms in one text: their headings are not one set
    four = {"项目决策"} <= names and {"项目管理", "项目过程"} & names
    stated_total = form.total is not None and form.total[2] is not None
    total_points = form.total[2] if form.total is not None and form.total[2] is not None else HUNDRED
    if four:
        return _four_parts(ctx, form, groups, total_points, stated_total)
    whole_set = _NATIONAL <= names or {"项目产出", "项目效益"} <= names
    if not whole_set and not (form.total is not None and {"产出指标", "效益指标"} <= names):
        return []  # without the 总分 row the copy may be cut before the last headings
    item = execution_item(form)
    execution, stated = (None if item.in_rows else item.points), item.points is not None
    levels = sum((g.points for g in groups), Decimal(0))
    summed = levels + (execution or Decimal(0))
    if summed == total_points or (execution is None and levels + 10 == total_points):
        return []
    # with no 总分 row the 100 is the form's rule, not its text
    proven = stated and form.total is not None and (stated_total or total_points == HUNDRED)
    parts = "＋".join(f"{g.name}{g.points}" for g in groups) + (f"＋执行率{execution}" if execution else "")
    return [_total_finding(ctx, groups, parts, summed, total_points, proven)]


def _four_parts(
    ctx: AuditContext, form: Form, groups, total_points: Decimal, stated_total: bool
) -> list[Finding]:
    main = [g for g in groups if g.name != "满意度指标"]
    if len(main) != 4 or form.total is None:
        return []  # a copy cut before the last heading
    levels = sum((g.points for g in main), Decimal(0))
    every = levels + sum((g.points for g in groups if g.name == "满意度指标"), Decimal(0))
    if total_points in (levels, every):
        return []
    parts = "＋".join(f"{g.name}{g.points}" for g in main)
    return [_total_finding(ctx, groups, parts, levels, total_points, stated_total)]


def _total_finding(ctx: AuditContext, groups, parts: str, summed, total_points, proven: bool) -> Finding:
    return ctx.relation_finding(
        "WEIGHT_MISMATCH",
        f"各一级指标分值 {parts} ＝ {summed} 分，不等于总分 {total_points} 分",
        (groups[0].start, groups[-1].end),
        expected=f"{total_points}分",
        found=f"{summed}分",
        proven=proven,
    )


def _places(value: Decimal) -> int:
    return max(0, -value.as_tuple().exponent)  # type: ignore[operator]
