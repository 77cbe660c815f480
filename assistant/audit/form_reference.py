"""自评表 read from a report's text as the audit's ``Reference`` (the self-audit of a report without data).

Each form with amounts is a project: amounts in 万元 (a form filed in 元 is converted), its 总分 and 等级 as
written (the grade recomputed from the 总分 when none is written), the 执行率得分 recomputed from the amounts,
indicators with numeric targets and actuals, and every 资金来源 sub-row amount. Rates are never taken from the
form's rate cells: those are claims that ``audit.checks.form`` checks.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.forms.case import indicator_kind, project_name
from assistant.forms.model import Form, FormIndicator, FundRow, Value
from assistant.models import YUAN_PER_WAN
from assistant.rules import RuleSet

from .reference import Reference, RefIndicator, RefProject

HUNDRED = Decimal(100)
_COLUMNS = (("budget_initial", "年初"), ("budget", "全年"), ("executed", "执行"))


def reference_from_forms(forms: list[Form], rules: RuleSet) -> Reference:
    """One reference project per form that names a project (or a department) and states amounts."""
    projects: list[RefProject] = []
    for form in forms:
        name = project_name(form)
        total = form.fund()
        if not name or total is None:
            continue
        factor = Decimal(1) / YUAN_PER_WAN if form.money_unit == "元" else Decimal(1)
        total = _trusted_total(form, total)
        budget = _number(total, "budget_net" if "budget_net" in total.cells else "budget", factor)
        executed = _number(total, "executed", factor)
        score = form.total.number if form.total is not None else None
        grade = form.grade.text if form.grade is not None and form.grade.text else None
        project = RefProject(
            index=len(projects),
            name=name,
            budget_initial=_number(total, "budget_initial", factor),
            budget=budget,
            executed=executed,
            score=score,
            grade=grade or (rules.grade_for(score) if score is not None else None),
            rate_score=_rate_score(budget, executed, rules),
            indicators=[_indicator(i) for i in form.indicators if i.points is not None],
            sources=_sources(form, factor),
        )
        rate = project.rate
        if rate is not None and rules.round_rate(rate) < rules.deviation.explain_rate_below:
            project.deviations.append(
                f"预算执行率 {rules.round_rate(rate)}% 低于 {rules.deviation.explain_rate_below}%"
            )
        projects.append(project)
    unit = next((f.unit_name for f in forms if f.unit_name), None)
    year = next((f.year for f in forms if f.year), None)
    reference = Reference(projects, rules, "table", unit, year)
    return reference


def _trusted_total(form: Form, total: FundRow) -> FundRow:
    """The total row, or the sum of its 其中 rows where a total of zeros sits over sub-rows with money (the form's
    own contradiction is reported by ``checks.form``; the prose is checked against the money that was spent)."""
    sources = [row for row in form.sources if any(row.number(k) for k in ("budget", "executed"))]
    if not sources or any(total.number(k) for k in ("budget_initial", "budget", "executed")):
        return total
    cells = {}
    for key in ("budget_initial", "budget", "executed"):
        values = [row.cells[key] for row in sources if key in row.cells and row.cells[key].number is not None]
        if values:
            summed = sum((v.number for v in values), Decimal(0))  # type: ignore[misc]
            cells[key] = Value(format(summed, "f"), values[0].start, values[-1].end, summed)
    return FundRow(total.label, cells, True, total.span)


def _number(row: FundRow, column: str, factor: Decimal) -> Decimal | None:
    value = row.number(column)
    return value * factor if value is not None else None


def _rate_score(budget: Decimal | None, executed: Decimal | None, rules: RuleSet) -> Decimal | None:
    if not budget or executed is None:
        return None
    rate = executed / budget * HUNDRED
    return rules.round_score(rules.execution.points * min(rate, rules.execution.cap) / HUNDRED)


def _indicator(ind: FormIndicator) -> RefIndicator:
    quantitative = indicator_kind(ind) != "定性"
    target = ind.target.number if quantitative and ind.target is not None else None
    actual = ind.actual.number if quantitative and ind.actual is not None else None
    completion = actual / target * HUNDRED if target and actual is not None else None
    assert ind.points is not None
    return RefIndicator(
        ind.name,
        target,
        actual,
        ind.points.number or Decimal(0),
        ind.score.number if ind.score is not None and ind.score.number is not None else Decimal(0),
        completion,
    )


def _sources(form: Form, factor: Decimal) -> dict[str, Decimal]:
    amounts: dict[str, Decimal] = {}
    for row in form.sources:
        for column, word in _COLUMNS:
            value = _number(row, column, factor)
            if value is not None:
                amounts[f"{row.label}{word}"] = value
        budget, executed = _number(row, "budget", factor), _number(row, "executed", factor)
        if budget is not None and executed is not None:
            amounts[f"{row.label}结余"] = budget - executed
    return amounts
