"""Checks a 自评表 read from the report's text against its own arithmetic (``assistant.forms`` reads it).

Bad: 年度资金总额 20 | 20 | 10 | 100.00% | 10 with indicator scores summing to 100 and 总分 100 (they give 110).
Good: 43.2 | 37.24 | 10 | 86% | 9 (37.24 ÷ 43.2 = 86.20%, written as 86%; 10 × 86.20% = 8.62, written as 9).

Each relation is judged at the precision written: 执行率 against 执行数 ÷ 预算数 (and 到位率 against 到位 ÷ 预算),
the 执行率得分 against 执行率 × 分值, the 年度资金总额 row against the sum of its 其中 rows, 总分 against the
indicator scores plus the 执行率得分 (never above what the lost execution points allow), 等级 against 总分, the
一级指标 (N分) headings and the form's own note against the 分值 column, and each quantitative indicator's 得分
against its target, actual and 分值 under the rule set. A relation read from an uncertain reading of a row, or
resting on an assumed 指标性质, is a warning with verdict "uncertain".
From the text alone, what the form's own cells prove is an error; the 执行率得分 and the 等级 rest on a rule, a
warning, unless the form writes it: 得分(20分*执行率) over 10万8万80%20 is an error (20 × 80% = 16, the rate under
its cap), and so is a 等级 against the scale the report states (80（含）～90分为“良”).
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal

from assistant.forms.model import Form, FormIndicator, FundRow, Value
from assistant.numbers.precision import agrees, shown

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)
_MONEY = (("budget_initial", "年初预算数"), ("budget", "全年预算数"), ("executed", "全年执行数"))


@check_unit(
    also=("RATE_MISMATCH", "SCORE_MISMATCH", "TOTAL_MISMATCH", "GRADE_MISMATCH", "WEIGHT_MISMATCH"),
    runs=("reference", "text"),
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for form in ctx.forms:
        checker = _FormChecker(ctx, form)
        findings += checker.funds() + checker.totals() + checker.weights() + checker.indicators()
    return findings


class _FormChecker:
    def __init__(self, ctx: AuditContext, form: Form) -> None:
        self.ctx, self.form = ctx, form
        self.name = form.name or form.unit_name or "自评表"
        # audited without case data, the scoring rule is assumed (national, or the form's layout), not stated:
        # a score that rests on it may follow a province's or department's own rule (a warning)
        self.rule_assumed = ctx.ref.source != "data"
        self.rule_note = "（评分规则可能不同，请核对）" if self.rule_assumed else ""

    def _finding(
        self,
        code: str,
        message: str,
        where: tuple[int, int],
        expected: str,
        found: str,
        *,
        uncertain: bool = False,
    ) -> Finding:
        line_start = self.ctx.doc.text.rfind("\n", 0, where[0]) + 1
        quote = self.ctx.doc.text[max(line_start, where[0] - 30) : where[1] + 30].strip()
        return self.ctx.finding(
            code,
            message,
            span=where,
            quote=" ".join(quote.split()),
            project=self.name,
            expected=expected,
            found=found,
            verdict="uncertain" if uncertain else "false",
            severity="warning" if uncertain else None,
        )

    # --- funds ------------------------------------------------------------------------------------------

    def funds(self) -> list[Finding]:
        findings = []
        for row in self.form.funds:
            findings += self._rates(row)
        total = self.form.fund()
        if total is not None:
            findings += self._execution_score(total) + self._sources(total)
        return findings

    def _rates(self, row: FundRow) -> list[Finding]:
        findings = []
        for key, top, label in (("rate", "executed", "执行率"), ("available_rate", "available", "到位率")):
            stated = row.cells.get(key)
            bottom = row.number("budget_net") if "budget_net" in row.cells else row.number("budget")
            if stated is None or stated.number is None or bottom is None or row.number(top) is None:
                continue
            if bottom == 0:
                continue  # 0/0: printed as 100% or 0%, either way nothing to check
            truth = row.number(top) / bottom * HUNDRED  # type: ignore[operator]
            written = stated.number if stated.percent or stated.number > 2 else stated.number * HUNDRED
            places = stated.places if stated.percent or stated.number > 2 else max(stated.places - 2, 0)
            if agrees(written, places, truth):
                continue
            findings.append(
                self._finding(
                    "RATE_MISMATCH",
                    f"自评表「{self.name}」{row.label}行的{label}应为 {shown(truth, max(places, 2))}%"
                    f"（{shown(row.number(top), 6).rstrip('0').rstrip('.')} ÷ {_plain(bottom)}），表中写作 {stated.text}",  # type: ignore[arg-type]
                    (stated.start, stated.end),
                    f"{shown(truth, 2)}%",
                    stated.text,
                    uncertain=row.uncertain,
                )
            )
        return findings

    def _execution_score(self, total: FundRow) -> list[Finding]:
        score = total.cells.get("score")
        points = total.number("points") or self.form.execution_points
        rate = _rate(total)
        if score is None or score.number is None or points is None or rate is None:
            return []
        truth = points * min(rate, HUNDRED) / HUNDRED
        if agrees(score.number, score.places, truth):
            return []
        return [
            self._finding(
                "SCORE_MISMATCH",
                f"自评表「{self.name}」预算执行率得分应为 {_plain(points)} × {shown(min(rate, HUNDRED), 2)}% = "
                f"{shown(truth, 2)} 分，表中写作 {score.text}{self.rule_note}",
                (score.start, score.end),
                f"{shown(truth, 2)}分",
                score.text,
                uncertain=total.uncertain
                or (self.rule_assumed and not (self.form.score_formula and rate <= HUNDRED)),
            )
        ]

    def _sources(self, total: FundRow) -> list[Finding]:
        """The 年度资金总额 row against the sum of its 其中 rows: one finding for the row, naming each column."""
        rows = [row for row in self.form.sources if not self._label_value(row)]
        wrong: list[tuple[str, Value, str, Decimal]] = []
        for key, label in _MONEY:
            whole = total.cells.get(key)
            parts = [row.number(key) for row in rows if row.number(key) is not None]
            if whole is None or whole.number is None or not parts:
                continue
            summed = sum(parts, Decimal(0))  # type: ignore[arg-type]
            places = max([whole.places] + [row.cells[key].places for row in rows if key in row.cells])
            if not agrees(whole.number, places, summed):
                wrong.append((label, whole, " + ".join(_plain(p) for p in parts), summed))  # type: ignore[arg-type]
        if not wrong:
            return []
        said = "；".join(
            f"{label}为 {whole.text}，其中各行合计 {listed} = {_plain(summed)}"
            for label, whole, listed, summed in wrong
        )
        return [
            self._finding(
                "TOTAL_MISMATCH",
                f"自评表「{self.name}」年度资金总额的{said}",
                (wrong[0][1].start, wrong[-1][1].end),
                "、".join(_plain(summed) for *_, summed in wrong),
                "、".join(whole.text for _, whole, *_ in wrong),
                uncertain=total.uncertain or any(r.uncertain for r in rows),
            )
        ]

    def _label_value(self, row: FundRow) -> bool:
        """ "其他资金:585.62": one amount joined to its label by a colon is an entry of a label:value list
        (a department form's 按收入性质分 block), not cells under the funds block's columns: which column it
        fills the form does not say, so it is no part of any column's sum."""
        money = [key for key, _ in _MONEY if key in row.cells]
        written = self.ctx.doc.text[row.span[0] : row.span[1]]
        return len(money) == 1 and _CUES.label_value.fullmatch(written) is not None

    # --- 总分 and 等级 ------------------------------------------------------------------------------------

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
                        f"{_plain(summed - execution[1])} 加预算执行率得分 {_plain(execution[1])} 为 {_plain(summed)}",
                        (total.start, total.end),
                        _plain(summed),
                        total.text,
                        uncertain=bool(form.notes),
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
                        f"自评表「{self.name}」预算执行率只得 {_plain(execution[1])}/{_plain(execution[0])} 分，"
                        f"总分最高 {_plain(ceiling)} 分，表中写作 {total.text}",
                        (total.start, total.end),
                        f"≤{_plain(ceiling)}",
                        total.text,
                    )
                )
        grade, scale = form.grade, self.ctx.facts.scale  # the scale the report states, if any
        if grade is not None and grade.text in {b.name for b in self.ctx.ref.rules.grades}:
            band = self.ctx.ref.rules.grade_for(total.number)
            if band != grade.text:
                findings.append(
                    self._finding(
                        "GRADE_MISMATCH",
                        f"自评表「{self.name}」总分 {total.text} 按评分规则等级为“{band}”，表中写作“{grade.text}”",
                        (grade.start, grade.end),
                        band,
                        grade.text,
                        uncertain=self.rule_assumed and not (scale is not None and scale.stated),
                    )
                )
        return findings

    def _execution_points_and_score(self) -> tuple[Decimal, Decimal] | None:
        total = self.form.fund()
        if total is None:
            return None
        points = total.number("points") or self.form.execution_points
        score = total.number("score")
        if points is None:
            return None
        if score is None:
            rate = _rate(total)
            if rate is None:
                return None
            score = self.ctx.ref.rules.round_score(points * min(rate, HUNDRED) / HUNDRED)
        return points, score

    # --- weights ------------------------------------------------------------------------------------------

    def weights(self) -> list[Finding]:
        form, findings = self.form, []
        scored = [i for i in form.indicators if i.points is not None and i.points.number is not None]
        for level, stated in form.level1_points.items():
            mine = [i for i in scored if i.level1 == level]
            if level == "绩效指标":
                mine = scored
            if not mine or stated.number is None or not _complete(form, mine):
                continue
            summed = sum((i.points.number for i in mine), Decimal(0))  # type: ignore[union-attr,misc]
            # Above the heading: the rows cannot fit under it. Below: a copy cut before the heading's last rows
            # reads short too, so only a form whose rows make up its whole 总分 says so, and as a warning.
            if summed > stated.number or (summed < stated.number and self._rows_make_the_whole(scored)):
                findings.append(
                    self._finding(
                        "WEIGHT_MISMATCH",
                        f"自评表「{self.name}」{level}标注 {stated.text} 分，其下各指标分值合计 {_plain(summed)}分",
                        (stated.start, stated.end),
                        f"{stated.text}分",
                        f"{_plain(summed)}分",
                        uncertain=summed < stated.number,
                    )
                )
        findings += self._weights_total(scored) + self._levels_total()
        for level, noted in form.note_weights.items():
            stated = form.level1_points.get(level)
            if stated is not None and stated.number is not None and stated.number != noted:
                findings.append(
                    self._finding(
                        "WEIGHT_MISMATCH",
                        f"自评表「{self.name}」的填表说明规定{level} {_plain(noted)} 分，表中标注 {stated.text} 分",
                        (stated.start, stated.end),
                        _plain(noted),
                        stated.text,
                    )
                )
        return findings

    def _levels_total(self) -> list[Finding]:
        """The 一级指标 headings' points with the execution item's make up the 总分 分值 (a form with its 总分 row,
        or with all three national headings: a copy cut before its last headings proves nothing short, but
        headings that already pass the 总分 do: more headings only add to them)."""
        form = self.form
        levels = [(k, v) for k, v in form.level1_points.items() if k != "绩效指标" and v.number is not None]
        names = {k for k, _ in levels}
        whole_set = {
            "产出指标",
            "效益指标",
            "满意度指标",
        } <= names  # every national heading: nothing cut after
        pair = {"产出指标", "效益指标"} <= names or {"项目产出", "项目效益"} <= names
        if not whole_set and not pair:
            return []
        execution = self._execution_points_and_score()
        # no funds row read: the funds block's heading ('预算执行情况（20分）') still states the item's points
        points = execution[0] if execution is not None else form.execution_points
        stated = form.total_points.number if form.total_points is not None else None
        ceiling = stated if stated is not None else HUNDRED
        four = "项目决策" in names and bool({"项目管理", "项目过程"} & names)
        if four:
            # the four-part framework (决策, 管理/过程, 产出, 效益): 满意度 is a part of 效益, the 执行率 of 管理
            whole = sum((v.number for _, v in levels), Decimal(0))  # type: ignore[misc]
            levels = [(k, v) for k, v in levels if k != "满意度指标"]
            points = None
        summed = sum((v.number for _, v in levels), points or Decimal(0))  # type: ignore[misc]
        if summed == ceiling or (points is None and summed + 10 == ceiling and not four):
            return []  # an execution item the form does not state takes the rest
        if not whole_set and form.total is None and summed < ceiling:
            return []  # a copy cut before its last headings
        if four and whole == ceiling:
            return []  # 满意度 written as a level of its own
        parts = "＋".join(f"{k}{v.text}" for k, v in levels) + (f"＋执行率{_plain(points)}" if points else "")
        where = (min(v.start for _, v in levels), max(v.end for _, v in levels))
        return [
            self._finding(
                "WEIGHT_MISMATCH",
                f"自评表「{self.name}」各一级指标分值 {parts} ＝ {_plain(summed)}分，不等于总分 {_plain(ceiling)}分",
                where,
                f"{_plain(ceiling)}分",
                f"{_plain(summed)}分",
                uncertain=(points is None and not four) or form.total is None,  # no 总分 row: 100 is the rule
            )
        ]

    def _rows_make_the_whole(self, scored: list[FormIndicator]) -> bool:
        """Do the indicator 分值 read, with the execution item, add up to the form's 总分 分值 (every row read)?"""
        execution = self._execution_points_and_score()
        ceiling = self.form.total_points
        if execution is None or ceiling is None or ceiling.number is None:
            return False
        return sum((i.points.number for i in scored), execution[0]) == ceiling.number  # type: ignore[union-attr,misc]

    def _weights_total(self, scored: list[FormIndicator]) -> list[Finding]:
        form = self.form
        execution = self._execution_points_and_score()
        ceiling = form.total_points
        if not scored or execution is None or ceiling is None or ceiling.number is None or form.notes:
            return []
        summed = sum((i.points.number for i in scored), Decimal(0)) + execution[0]  # type: ignore[union-attr,misc]
        if summed == ceiling.number:
            return []
        return [
            self._finding(
                "WEIGHT_MISMATCH",
                f"自评表「{self.name}」各指标分值合计加预算执行率分值 {_plain(execution[0])} 为 {_plain(summed)} 分，"
                f"与总分分值 {ceiling.text} 不符",
                (ceiling.start, ceiling.end),
                _plain(summed),
                ceiling.text,
                # the standard 总分 over points that fall short: the filed points are incomplete (a warning),
                # not a figure the report contradicts
                uncertain=summed < ceiling.number and ceiling.number == self.ctx.ref.rules.weights.total,
            )
        ]

    # --- indicators ---------------------------------------------------------------------------------------

    def indicators(self) -> list[Finding]:
        findings = []
        for ind in self.form.indicators:
            finding = self._indicator(ind)
            if finding is not None:
                findings.append(finding)
        return findings

    def _indicator(self, ind: FormIndicator) -> Finding | None:
        from assistant.forms.case import indicator_data, indicator_kind

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
        if indicator_kind(ind) == "定性":
            return None
        truth = _indicator_score(indicator_data(ind), self.ctx.ref.rules)
        if truth is None or agrees(score.number, score.places, truth):
            return None
        floor = truth.quantize(Decimal(1).scaleb(-score.places), rounding=ROUND_FLOOR)
        # Without a written 指标性质 the indicator is read as ≥; that only matters when the actual exceeds the
        # target (≥ and = give full points, ≤ does not).
        assert ind.target is not None and ind.actual is not None
        beyond = (ind.actual.number or 0) > (ind.target.number or 0)
        assumed = beyond and not ind.kind and ind.target.op is None
        return self._finding(
            "SCORE_MISMATCH",
            f"自评表「{self.name}」指标「{ind.name}」年度指标值 {_text(ind.target)}、实际完成值 {_text(ind.actual)}，"
            f"按评分规则得分应为 {shown(truth, 2)} 分（分值 {ind.points.text}），表中写作 {score.text}{self.rule_note}",
            (score.start, score.end),
            f"{shown(truth, 2)}分",
            score.text,
            # written by truncation, or a 指标性质 or a scoring rule we had to assume
            uncertain=assumed or floor == score.number or self.rule_assumed,
        )


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


def _rate(row: FundRow) -> Decimal | None:
    """The row's execution rate in percent: from its amounts, else as written."""
    budget = row.number("budget_net") if "budget_net" in row.cells else row.number("budget")
    executed = row.number("executed")
    if budget and executed is not None:
        return executed / budget * HUNDRED
    stated = row.cells.get("rate")
    if stated is None or stated.number is None:
        return None
    return stated.number if stated.percent or stated.number > 2 else stated.number * HUNDRED


def _complete(form: Form, indicators: list[FormIndicator]) -> bool:
    return not form.notes and all(i.points is not None for i in indicators)


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


def _text(value: Value | None) -> str:
    return value.text if value is not None else "（空）"
