"""What the report is checked against: the case data (``--data``) or, for a self-audit, its own 评分表.

Both become the same ``Reference``: projects with amounts in 万元, scores, grades and deviations, plus totals.
Rates are always recomputed from amounts; a rate column in a table is a claim to check, not a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from assistant.models import YUAN_PER_WAN, parse_plain_number
from assistant.rules import RuleSet
from assistant.scoring import HUNDRED, ZERO, ProjectScore, UnitScore, low_rate_reason
from assistant.vocabulary import BUDGET, BUDGET_INITIAL, EXECUTED, PROJECT_NAME, RATE, SCORE, SELF_SCORE

from .attached_tables import Table
from .filed import FiledTexts


@dataclass
class RefIndicator:
    """An indicator's true values (target/actual as numbers where quantitative)."""

    name: str
    target: Decimal | None
    actual: Decimal | None
    points: Decimal
    score: Decimal
    completion: Decimal | None
    unit: str | None = None  # 度量单位 ("%", "个"): a figure of another kind is not this indicator's value


@dataclass
class RefProject:
    index: int
    name: str
    budget_initial: Decimal | None
    budget: Decimal | None
    executed: Decimal | None
    score: Decimal | None
    grade: str | None
    deviations: list[str] = field(default_factory=list)
    rate_score: Decimal | None = None
    indicators: list[RefIndicator] = field(default_factory=list)
    sources: dict[str, Decimal] = field(default_factory=dict)  # every 资金来源 sub-row amount, by label

    @property
    def rate(self) -> Decimal | None:
        if self.budget is None or self.executed is None or self.budget == 0:
            return None
        return self.executed / self.budget * HUNDRED

    @property
    def unspent(self) -> Decimal | None:
        if self.budget is None or self.executed is None:
            return None
        return self.budget - self.executed

    def amounts(self) -> dict[str, Decimal]:
        """Every 口径 this project has an amount for, by field name."""
        named = {
            "budget_initial": self.budget_initial,
            "budget": self.budget,
            "executed": self.executed,
            "unspent": self.unspent,
        }
        return {k: v for k, v in named.items() if v is not None}


@dataclass
class Reference:
    projects: list[RefProject]
    rules: RuleSet
    source: Literal["data", "table", "text"]  # case data, the attached 评分表, or the report's own text
    unit: str | None = None
    year: int | None = None
    filed: FiledTexts | None = None  # the officer's texts, with data only (``checks/unsupported``)

    def total(self, attr: str) -> Decimal | None:
        values = [getattr(p, attr) for p in self.projects]
        if not values or any(v is None for v in values):
            return None
        return sum(values, ZERO)

    @property
    def total_rate(self) -> Decimal | None:
        budget, executed = self.total("budget"), self.total("executed")
        if not budget or executed is None:
            return None
        return executed / budget * HUNDRED

    def grade_counts(self) -> dict[str, int]:
        counts = {band.name: 0 for band in self.rules.grades}
        for p in self.projects:
            if p.grade in counts:
                counts[p.grade] += 1
        return counts


def reference_from_score(unit: UnitScore) -> Reference:
    """Reference from scored case data (``jixiao check --data``)."""
    projects = [
        RefProject(
            index=p.index - 1,
            name=p.project.name,
            budget_initial=p.project.budget_initial,
            budget=p.project.budget,
            executed=p.project.executed,
            score=p.score,
            grade=p.grade,
            deviations=list(p.deviations),
            rate_score=p.rate_score,
            indicators=[
                RefIndicator(
                    s.indicator.name,
                    s.indicator.target_value,
                    s.indicator.actual_value,
                    s.indicator.points,
                    s.score,
                    s.completion,
                    s.indicator.unit,
                )
                for s in p.indicators
            ],
            sources=_source_amounts(p),
        )
        for p in unit.projects
    ]
    return Reference(
        projects, unit.ruleset, "data", unit.case.unit, unit.case.year, FiledTexts.from_score(unit)
    )


def _source_amounts(p: ProjectScore) -> dict[str, Decimal]:
    if not p.project.sources:
        return {}
    amounts: dict[str, Decimal] = {}
    for label, row in p.project.sources.rows().items():
        for column, value in (("年初", row.budget_initial), ("全年", row.budget), ("执行", row.executed)):
            if value is not None:
                amounts[f"{label}{column}"] = value
        if row.budget is not None and row.executed is not None:
            amounts[f"{label}结余"] = row.budget - row.executed  # "结余…其中上年结转资金1.7005万元"
    return amounts


# --- self-audit: the report's own table -------------------------------------------------------------------


# A column's field is the first whose words occur in its header: a bare 预算 is in every money header, and
# "全年执行率" is the rate before it is any 全年执行.
_COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("name", (PROJECT_NAME.key,)),
    ("budget_initial", BUDGET_INITIAL.names),
    ("budget", tuple(word for word in BUDGET.words if word != "预算")),
    ("rate", RATE.words),
    ("executed", EXECUTED.words),
    ("score", (*SELF_SCORE.names, SCORE.key, "评分")),
    ("grade", ("等级", "等次", "评价结果")),
)
_TOTAL_ROW = ("合计", "总计", "小计")


def column_fields(header: list[str]) -> dict[int, str]:
    """Map table columns to fields by their header words (first match wins per column)."""
    fields: dict[int, str] = {}
    for col, title in enumerate(header):
        for name, words in _COLUMNS:
            if name not in fields.values() and any(w in title for w in words):
                fields[col] = name
                break
    return fields


def header_unit(title: str) -> Decimal:
    """Factor to 万元 from a header such as 全年预算数(元)."""
    return Decimal(1) / YUAN_PER_WAN if "(元)" in title or "（元）" in title else Decimal(1)


def is_total_row(cells: list[str]) -> bool:
    return any(cell.replace(" ", "").startswith(_TOTAL_ROW) for cell in cells[:2])


def reference_from_table(table: Table, rules: RuleSet) -> Reference:
    """Reference from the report's attached 评分表 (self-audit, as a reviewer reads a published report)."""
    fields = column_fields(table.header)
    projects: list[RefProject] = []
    for row in table.rows:
        cells = [c[0] for c in row]
        if is_total_row(cells):
            continue
        values: dict[str, Decimal | None] = {}
        name = ""
        for col, fname in fields.items():
            if col >= len(cells):
                continue
            if fname == "name":
                name = cells[col]
            elif fname in ("budget_initial", "budget", "executed"):
                number = parse_plain_number(cells[col])
                values[fname] = number * header_unit(table.header[col]) if number is not None else None
            elif fname == "score":
                values["score"] = parse_plain_number(cells[col])
        if not name:
            continue
        score = values.get("score")
        budget, executed = values.get("budget"), values.get("executed")
        rate_score = None
        if budget and executed is not None:
            rate_score = rules.execution_score(executed / budget * 100)
        project = RefProject(
            index=len(projects),
            name=name,
            budget_initial=values.get("budget_initial"),
            budget=values.get("budget"),
            executed=values.get("executed"),
            score=score,
            grade=rules.grade_for(score) if score is not None else None,
            rate_score=rate_score,
        )
        low = low_rate_reason(project.rate, rules)
        if low:
            project.deviations.append(low)  # the scoring core's reason, as for a scored project
        projects.append(project)
    return Reference(projects, rules, "table")
