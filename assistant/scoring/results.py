"""What scoring produces: indicator, project and unit scores with their traces and flags."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from assistant.models import Case, Indicator, Project
from assistant.rules import RuleSet

Severity = Literal["error", "warning", "info"]
HUNDRED = Decimal(100)
ZERO = Decimal(0)


@dataclass(frozen=True)
class Flag:
    """Something the officer should look at: a stable code, a severity and a Chinese message."""

    code: str
    severity: Severity
    message: str
    indicator: str | None = None


@dataclass(frozen=True)
class Trace:
    """How a score was reached: the rule applied, its inputs, the formula written out, the result."""

    rule: str
    inputs: dict[str, str]
    formula: str
    result: Decimal


@dataclass
class IndicatorScore:
    indicator: Indicator
    score: Decimal
    trace: Trace
    completion: Decimal | None = None
    completion_shown: Decimal | None = None
    tier: str | None = None
    missed: bool = False
    # the formula gives less than the 分值, though the score may round back to it (999.95 against ≥1000): the
    # points are all kept, but a text must not say the target was reached
    short: bool = False
    over_achieved: bool = False
    flags: list[Flag] = field(default_factory=list)
    rule_score: Decimal | None = (
        None  # a quantitative indicator's score by the rules, even when a filed one is kept
    )


@dataclass
class ProjectScore:
    project: Project
    index: int
    rate: Decimal | None
    rate_shown: Decimal | None
    rate_score: Decimal
    rate_trace: Trace
    indicators: list[IndicatorScore]
    score: Decimal | None
    score_source: Literal["indicators", "self", None]
    grade: str | None
    max_plausible: Decimal
    flags: list[Flag] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)

    @property
    def needs_explanation(self) -> bool:
        """True when the rule set requires a cause and an improvement measure for this project."""
        return bool(self.deviations)


@dataclass
class UnitScore:
    case: Case
    ruleset: RuleSet
    projects: list[ProjectScore]
    budget_initial: Decimal | None
    budget: Decimal
    executed: Decimal
    rate: Decimal | None
    rate_shown: Decimal | None
    grade_counts: dict[str, int]
    mean_score: Decimal | None

    @property
    def needing_explanation(self) -> list[ProjectScore]:
        return [p for p in self.projects if p.needs_explanation]

    @property
    def flags(self) -> Iterable[tuple[ProjectScore, Flag]]:
        for project in self.projects:
            for flag in project.flags:
                yield project, flag


def fmt(value: Decimal) -> str:
    """Plain decimal text for traces and messages (no exponent, no float noise)."""
    return format(value, "f")


def percent(numerator: Decimal, denominator: Decimal) -> Decimal:
    return numerator / denominator * HUNDRED
