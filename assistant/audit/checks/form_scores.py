"""Part of ``checks.form``: the scores of a 自评表 — 总分 against the indicator scores plus the 执行率得分 (and
never above what the lost execution points allow), 等级 against 总分, each quantitative indicator's 得分 against
its target, actual and 分值 under the rule set (not in a form whose columns no header row named). A form that
cuts two or more missed rows' scores down to whole points (18.8 → 18) and rounds none up truncates by its own rule.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import ROUND_FLOOR, Decimal

from assistant.forms.model import FormIndicator, Value
from assistant.numbers.precision import agrees, shown

from ..findings import Finding
from ..prose.deductions import deduction_stated, judged_down, shortfall_explained, shortfall_note
from .form_checker import HUNDRED, FormChecker, plain
from .grades_told import told_in_prose

_LEAST_CUT = 2  # rows cut down to the written precision that make truncation the form's own rule
_ROW_REACH = 80  # characters from a row's name to its 得分 in any sheet read row by row


class ScoreChecks(FormChecker):
    """总分 and 等级 (SCORE_MISMATCH, GRADE_MISMATCH), and each indicator's 得分 (SCORE_MISMATCH)."""

    def totals(self) -> list[Finding]:
        form, findings = self.form, []
        total = form.total
        if total is None or total.number is None:
            return []
        execution = self._execution_points_and_score()
        scored = [i for i in form.indicators if i.points is not None]
        if scored and all(i.score is not None and i.score.number is not None for i in scored) and execution:
            summed = sum((i.score.number for i in scored), Decimal(0)) + execution[1]  # type: ignore[union-attr,misc]
            if not agrees(total.number, total.places, summed):
                findings.append(
                    self._finding(
                        "SCORE_MISMATCH",
                        f"自评表「{self.name}」总分写作 {total.text}，各指标得分合计 "
                        f"{plain(summed - execution[1])} 加预算执行率得分 {plain(execution[1])} 为 {plain(summed)}",
                        self._summed_span(scored, total),
                        plain(summed),
                        total.text,
                        uncertain=bool(form.notes),
                        quoted=(total.start, total.end),
                    )
                )
        if execution and not findings:
            ceiling = (
                form.total_points.number if form.total_points and form.total_points.number else HUNDRED
            ) - (execution[0] - execution[1])
            if total.number > ceiling:
                findings.append(
                    self._finding(
                        "SCORE_MISMATCH",
                        f"自评表「{self.name}」预算执行率只得 {plain(execution[1])}/{plain(execution[0])} 分，"
                        f"总分最高 {plain(ceiling)} 分，表中写作 {total.text}",
                        (total.start, total.end),
                        f"≤{plain(ceiling)}",
                        total.text,
                    )
                )
        grade, scale = form.grade, self.ctx.facts.scale  # the scale the report states, if any
        if grade is not None and grade.text in {b.name for b in self.ctx.ref.rules.grades}:
            own = scale is not None and scale.proves(total.number)
            # "85分（含）以上为优…" written beside the form: its own bands settle the grade, not the rule set's
            band = scale.grade_for(total.number) if own else self.ctx.ref.rules.grade_for(total.number)  # type: ignore[union-attr]
            if band != grade.text and not told_in_prose(self.ctx, total.number, grade.text):
                basis = "文中所述等级标准" if own else "评分规则"
                findings.append(
                    self._finding(
                        "GRADE_MISMATCH",
                        f"自评表「{self.name}」总分 {total.text} 按{basis}等级为“{band}”，表中写作“{grade.text}”",
                        (grade.start, grade.end),
                        band,
                        grade.text,
                        uncertain=self.rule_assumed and not own,
                    )
                )
        return findings

    def _summed_span(self, scored: list[FormIndicator], total: Value) -> tuple[int, int]:
        """The 总分 against its parts: the sum disagrees, and which cell is wrong the form does not say, so the
        finding spans the scores added, the 执行率得分 through the 总分 cell."""
        fund = self.form.fund()
        cells = [i.score for i in scored if i.score is not None]
        if fund is not None and fund.cells.get("score") is not None:
            cells.append(fund.cells["score"])
        return min([total.start] + [c.start for c in cells]), total.end

    def indicators(self) -> list[Finding]:
        findings = []
        truncates = self._truncates()
        for ind in self.form.indicators:
            finding = self._indicator(ind, truncates)
            if finding is not None:
                findings.append(finding)
        return findings

    def _truth(self, ind: FormIndicator) -> Decimal | None:
        """The rule's unrounded score of a quantitative row whose columns a header named; None otherwise."""
        from assistant.forms.case import indicator_data, indicator_kind

        if indicator_kind(ind) == "定性" or self.form.columns_inferred:
            # no header row named the columns (read from the rows' shape): a rule's score for a row would stack
            # an assumed rule on assumed target/actual columns; the rows' sum against 总分 needs neither
            return None
        return _indicator_score(indicator_data(ind), self.ctx.ref.rules)

    def _truncates(self) -> bool:
        """Does the form write its missed rows' scores cut down to the written precision by its own rule ("10.8万人次
        of ≥12万人次, 分值15" → 13.5 written 13; 88.5% of ≥90% → 14.75 written 14)? Two rows or more cut down so,
        and none written above its rule's score (rounded up): the form truncates, and each cut-down row is its rule."""
        cut = 0
        for ind in self.form.indicators:
            score = ind.score
            if score is None or score.number is None or ind.points is None or ind.points.number is None:
                continue
            truth = self._truth(ind)
            if truth is None or score.number > ind.points.number:
                continue
            if score.number > truth:
                return False  # a row rounded up: the form does not truncate
            floor = truth.quantize(Decimal(1).scaleb(-score.places), rounding=ROUND_FLOOR)
            cut += score.number == floor < truth
        return cut >= _LEAST_CUT

    def _actual_rounding_fits(self, ind: FormIndicator, score: Value) -> bool:
        """Does the score follow from some actual the written one rounds ("95.75%" is 95.745 %–95.755 %: 10 ×
        it is 9.5745–9.5755, so 9.57 and 9.58 both hold)? A decimal or percent actual is rounded to its written
        places; the rule is monotone in the actual, so the two ends bound every score it gives."""
        actual = ind.actual
        if actual is None or actual.number is None or not (actual.places or actual.percent):
            return False
        half = _half_unit(actual.places)
        ends = [
            self._truth(replace(ind, actual=replace(actual, number=actual.number + d))) for d in (-half, half)
        ]
        if None in ends or score.number is None:
            return False
        low, high = min(ends), max(ends)  # type: ignore[type-var]
        margin = _half_unit(score.places)
        return score.number - margin <= high and score.number + margin >= low  # type: ignore[operator]

    def _indicator(self, ind: FormIndicator, truncates: bool = False) -> Finding | None:
        score = ind.score
        if score is None or score.number is None or ind.points is None or ind.points.number is None:
            return None
        if score.number > ind.points.number:
            return self._finding(
                "SCORE_MISMATCH",
                f"自评表「{self.name}」指标「{ind.name}」得分 {score.text} 超过分值 {ind.points.text}",
                (score.start, score.end),
                f"≤{ind.points.text}",
                score.text,
            )
        truth = self._truth(ind)
        if (
            truth is None
            or agrees(score.number, score.places, truth)
            or self._actual_rounding_fits(ind, score)
        ):
            return None
        if deduction_stated(self.ctx.doc.text, ind.name, ind.points.number - score.number):
            return None  # "取证率未达标扣5分": the report states the deduction it made, its own rule
        if score.number < truth < ind.points.number and shortfall_explained(
            ind.note or shortfall_note(self.ctx.doc.text, ind.name),
            score.number,
            ind.points.number,
            truth * 100 / ind.points.number,
            self.ctx.ref.rules.qualitative_tiers,
        ):
            return None  # a missed row scored below the rule, its 偏差原因 cell giving the reason: its own deduction
        if score.number < truth == ind.points.number and judged_down(ind.note):
            return None  # "患者满意度 ≥90% 92.4% 10 9 偏远地区群众意见较多": a met row marked down for a reason its cell gives
        floor = truth.quantize(Decimal(1).scaleb(-score.places), rounding=ROUND_FLOOR)
        if truncates and floor == score.number:
            return None  # a form that cuts every missed row's score down to whole points: its own rule
        # Without a written 指标性质 the indicator is read as ≥; that only matters when the actual exceeds the
        # target (≥ and = give full points, ≤ does not).
        assert ind.target is not None and ind.actual is not None
        beyond = (ind.actual.number or 0) > (ind.target.number or 0)
        assumed = beyond and not ind.kind and ind.target.op is None
        return self._finding(
            "SCORE_MISMATCH",
            f"自评表「{self.name}」指标「{ind.name}」年度指标值 {_text(ind.target)}、实际完成值 {_text(ind.actual)}，"
            f"按评分规则得分应为 {shown(truth, 2)} 分（分值 {ind.points.text}），表中写作 {score.text}{self.rule_note}",
            _row_to_score(ind, score),
            f"{shown(truth, 2)}分",
            score.text,
            # written by truncation, or a 指标性质 or a scoring rule we had to assume
            uncertain=assumed or floor == score.number or self.rule_assumed,
        )


def _half_unit(places: int) -> Decimal:
    return Decimal(5).scaleb(-places - 1)


def _row_to_score(ind: FormIndicator, score: Value) -> tuple[int, int]:
    """The row from its name to its 得分: the score is wrong for the target and actual the row writes, so the
    finding points at all three (the row's note after the score is left out; a row read from a glued sheet whose
    start lies far back keeps the score alone)."""
    start = ind.span[0] if 0 < score.start - ind.span[0] <= _ROW_REACH else score.start
    return start, score.end


def _indicator_score(data: dict | None, rules) -> Decimal | None:  # type: ignore[no-untyped-def]
    from pydantic import ValidationError

    from assistant.models import Indicator
    from assistant.scoring import score_quantitative

    if data is None:
        return None
    try:
        indicator = Indicator.model_validate({k: v for k, v in data.items() if k != "得分"})
    except ValidationError:
        return None
    exact = rules.model_copy(update={"rounding": rules.rounding.model_copy(update={"score_places": 6})})
    return score_quantitative(indicator, exact).score  # unrounded: the written score has its own precision


def _text(value: Value | None) -> str:
    return value.text if value is not None else "（空）"
