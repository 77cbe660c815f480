"""Building the fact sheet: every fact of a scored unit keyed (see the package docstring) and formatted."""

from __future__ import annotations

from decimal import Decimal

from assistant.rules import RuleSet
from assistant.scoring import HUNDRED, ZERO, IndicatorScore, ProjectScore, UnitScore

from .display import Formatter, amount_places, clean_note, count_cn, project_label, self_name
from .sheet import FactSheet

_SOURCES = {"appropriation": "当年财政拨款", "carry_over": "上年结转资金", "other": "其他资金"}


class _Builder:
    def __init__(self, unit: UnitScore) -> None:
        self.fmt = Formatter(unit.ruleset, unit.case.money_unit, amount_places(unit))
        self.sheet = FactSheet(unit=unit, amount_places=self.fmt.amount_places)

    def put(self, key: str, kind: str, shown: str | None, raw: Decimal | None = None) -> None:
        if shown is None:
            return
        self.sheet.values[key] = shown
        self.sheet.kinds[key] = kind
        if raw is not None:
            self.sheet.raw[key] = raw

    def text(self, key: str, value: str | None) -> None:
        self.put(key, "text", clean_note(value))

    def amount(self, key: str, value_wan: Decimal | None) -> None:
        if value_wan is not None:
            self.put(key, "amount", self.fmt.amount(value_wan), self.fmt.amount_raw(value_wan))

    def rate(self, key: str, value: Decimal | None) -> None:
        if value is not None:
            self.put(key, "rate", self.fmt.rate(value), value)

    def computed_score(self, key: str, value: Decimal | None) -> None:
        if value is not None:
            self.put(key, "score", self.fmt.score(value), value)

    def written(self, key: str, kind: str, value: Decimal | None) -> None:
        if value is not None:
            self.put(key, kind, self.fmt.written(value), value)

    def count(self, key: str, n: int, with_cn: bool = False) -> None:
        self.put(key, "count", str(n), Decimal(n))
        if with_cn:
            self.put(f"{key}_cn", "count", count_cn(n), Decimal(n))


OFFICER_ATTRS = (
    "review_organiser",
    "review_basis",
    "problems",
    "result_use",
    "disclosure",
    "experience",
    "other_notes",
    "implementation",
    "fund_management",
    "rules_in_place",
    "procurement",
    "achievements",
    "signed_on",
)


def build_facts(unit: UnitScore) -> FactSheet:
    """Key and format every fact of a scored unit under its rule set's display policy."""
    b = _Builder(unit)
    case, rules = unit.case, unit.ruleset

    b.text("unit.name", case.unit)
    if case.year is not None:
        b.put("unit.year", "year", str(case.year), Decimal(case.year))
    else:
        b.text("unit.year", case.year_text)
    b.put("unit.money_unit", "text", case.money_unit)
    b.put("unit.self", "text", self_name(case.unit))
    b.text("unit.department", case.department)
    b.text("unit.background", case.background)
    for attr in OFFICER_ATTRS:
        b.text(f"unit.{attr}", getattr(case, attr))

    _rule_facts(b, rules)

    projects = unit.projects
    b.count("total.projects", len(projects), with_cn=True)
    if all(p.project.budget_initial is not None for p in projects):
        b.amount("total.budget_initial", unit.budget_initial)
    b.amount("total.budget", unit.budget)
    b.amount("total.executed", unit.executed)
    b.amount("total.unspent", unit.budget - unit.executed)
    b.rate("total.rate", unit.rate)
    b.computed_score("total.mean_score", unit.mean_score)
    b.count("total.needing", len(unit.needing_explanation), with_cn=True)
    b.count("total.full_rate", sum(p.project.budget > 0 and p.rate == HUNDRED for p in projects))
    b.count("total.scored", sum(p.score is not None for p in projects))
    b.count("total.unscored", sum(p.score is None for p in projects))
    b.count("total.indicators", sum(len(p.indicators) for p in projects))
    b.count("total.self_scored", sum(p.score_source == "self" for p in projects))
    b.count("total.no_goal", sum(not clean_note(p.project.goal) for p in projects))
    for grade, n in unit.grade_counts.items():
        b.count(f"grade_count.{grade}", n)

    for ps in projects:
        _project_facts(b, ps)
    return b.sheet


def _rule_facts(b: _Builder, rules: RuleSet) -> None:
    b.text("rules.id", rules.id)
    b.text("rules.name", rules.name)
    b.text("rules.exec_definition", rules.execution.definition)
    b.written("rules.total_points", "rule", rules.weights.total)
    b.written("rules.exec_points", "rule", rules.execution.points)
    b.written("rules.exec_cap", "rule", rules.execution.cap)
    b.written("rules.indicator_points", "rule", rules.indicator_points)
    b.written("rules.explain_rate_below", "rule", rules.deviation.explain_rate_below)
    b.written("rules.over_percent", "rule", rules.quantitative.over_achievement_percent)
    for level1, points in rules.weights.default.items():
        b.written(f"rules.weight.{level1}", "rule", points)
    for band in rules.grades:
        b.written(f"rules.grade_min.{band.name}", "rule", band.min)
        b.written(f"rules.grade_max.{band.name}", "rule", band.max)
    for band in rules.qualitative_tiers:
        b.written(f"rules.tier_min.{band.name}", "rule", band.min)
        b.written(f"rules.tier_max.{band.name}", "rule", band.max)


def _project_facts(b: _Builder, ps: ProjectScore) -> None:
    p, key = ps.project, FactSheet.key_of(ps)
    b.put(f"{key}.index", "count", str(ps.index), Decimal(ps.index))
    b.text(f"{key}.name", p.name)
    b.put(f"{key}.label", "text", project_label(p.name))
    b.text(f"{key}.department", p.department)
    b.text(f"{key}.implementer", p.implementer)
    b.amount(f"{key}.budget_initial", p.budget_initial)
    b.amount(f"{key}.budget", p.budget)
    b.amount(f"{key}.executed", p.executed)
    unspent = p.budget - p.executed
    b.amount(f"{key}.unspent", unspent)
    if p.budget > 0:
        b.rate(f"{key}.unspent_rate", unspent / p.budget * HUNDRED)
    b.rate(f"{key}.rate", ps.rate)
    b.computed_score(f"{key}.rate_score", ps.rate_score)
    if ps.score is not None:
        if ps.score_source == "self":
            b.written(f"{key}.score", "score", ps.score)
        else:
            b.computed_score(f"{key}.score", ps.score)
    if ps.grade:
        b.put(f"{key}.grade", "grade", ps.grade)
    b.count(f"{key}.indicators", len(ps.indicators))
    b.count(f"{key}.indicators_met", sum(not s.missed for s in ps.indicators))
    b.count(f"{key}.indicators_full", sum(s.score == s.indicator.points for s in ps.indicators))
    b.text(f"{key}.goal", p.goal)
    b.text(f"{key}.outcome", p.outcome)
    b.text(f"{key}.background", p.background)
    b.text(f"{key}.cause", p.deviation_cause)
    b.text(f"{key}.measure", p.improvement)
    if p.sources:
        for attr, label in _SOURCES.items():
            row = getattr(p.sources, attr)
            if row is None:
                continue
            for money in ("budget_initial", "budget", "executed"):
                b.amount(f"{key}.src.{attr}.{money}", getattr(row, money))
            b.put(f"{key}.src.{attr}.label", "text", label)
    for k, s in enumerate(ps.indicators, 1):
        _indicator_facts(b, f"{key}.i{k}", s)


def _indicator_facts(b: _Builder, key: str, s: IndicatorScore) -> None:
    ind = s.indicator
    b.text(f"{key}.name", ind.name)
    b.put(f"{key}.level1", "text", ind.level1)
    b.put(f"{key}.level2", "text", ind.level2)
    b.put(f"{key}.kind", "text", ind.kind)
    unit = ind.unit
    if ind.is_qualitative:
        b.text(f"{key}.target", None if ind.target is None else str(ind.target))
        b.text(f"{key}.actual", None if ind.actual is None else str(ind.actual))
        if ind.score is not None:
            b.written(f"{key}.score", "score", ind.score)
        b.put(f"{key}.tier", "text", s.tier)
    else:
        if not unit and any("%" in str(v) or "％" in str(v) for v in (ind.target, ind.actual)):
            unit = "%"
        b.written(f"{key}.target", "value", ind.target_value)
        b.written(f"{key}.actual", "value", ind.actual_value)
        b.computed_score(f"{key}.score", s.score)
    b.text(f"{key}.unit", unit)
    b.written(f"{key}.points", "rule", ind.points)
    if s.completion is not None:
        b.rate(f"{key}.completion", max(s.completion, ZERO))
    b.text(f"{key}.note", ind.deviation_note)
