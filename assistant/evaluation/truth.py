"""The true values a case's data holds, for telling a genuine planted slip from a harmless edit.

A mutated number is a contradiction only if the original stated a value the data holds and the new one states
none: "1000元" (a subsidy standard the data does not know) is no site; "356万元" changed to "326.4万元" is, unless
326.4 happens to be another true amount.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from assistant.numbers.precision import round_to
from assistant.scoring import HUNDRED, ProjectScore, UnitScore


@dataclass
class Truth:
    amounts: set[Decimal] = field(default_factory=set)  # 万元: project and unit amounts of every 口径
    totals: set[Decimal] = field(default_factory=set)  # 万元: the unit's sums
    rates: set[Decimal] = field(default_factory=set)  # percent: projects' and the unit's execution rates
    unspent_shares: set[Decimal] = field(default_factory=set)  # percent: 100 − rate
    scores: set[Decimal] = field(default_factory=set)  # project, mean, rate and indicator scores
    project_count: int = 0

    def holds(self, values: set[Decimal], written: Decimal, places: int) -> bool:
        """Does some true value read as ``written`` at ``places`` decimals?"""
        return any(round_to(v, places) == written for v in values)


def _project_amounts(p: ProjectScore) -> list[Decimal | None]:
    project = p.project
    values: list[Decimal | None] = [project.budget_initial, project.budget, project.executed]
    if project.budget is not None and project.executed is not None:
        values.append(project.budget - project.executed)
    if project.budget is not None and project.budget_initial is not None:
        values.append(abs(project.budget - project.budget_initial))
    if project.sources:
        for row in project.sources.rows().values():
            values += [row.budget_initial, row.budget, row.executed]
            if row.budget is not None and row.executed is not None:
                values.append(row.budget - row.executed)
    return values


def truth_of(unit: UnitScore) -> Truth:
    """Every value a reviewer could check a report's numbers against."""
    truth = Truth(project_count=len(unit.projects))
    for p in unit.projects:
        truth.amounts.update(v for v in _project_amounts(p) if v)
        if p.rate is not None:
            truth.rates.add(p.rate)
            truth.unspent_shares.add(HUNDRED - p.rate)
        truth.scores.update(s for s in (p.score, p.rate_score) if s is not None)
        truth.scores.update(i.score for i in p.indicators)
    totals = [unit.budget_initial, unit.budget, unit.executed, unit.budget - unit.executed]
    if unit.budget_initial is not None:
        totals.append(abs(unit.budget - unit.budget_initial))
    truth.totals.update(v for v in totals if v)
    truth.amounts.update(truth.totals)
    if unit.rate is not None:
        truth.rates.add(unit.rate)
        truth.unspent_shares.add(HUNDRED - unit.rate)
    if unit.mean_score is not None:
        truth.scores.add(unit.mean_score)
    return truth
