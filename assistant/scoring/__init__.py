"""Deterministic scoring under a rule set: 执行率, indicator scores with traces, flags, totals and grades.

Every number is a ``Decimal``. Components are rounded to the rule set's display precision before they are
summed, so a printed table always adds up. Nothing here formats text for reports (see ``facts``/``render``).

Results are in ``results``; indicator formulas in ``indicators``; 执行率, projects and the unit in ``projects``.
"""

from .indicators import score_indicator, score_qualitative, score_quantitative
from .projects import low_rate_reason, score_case, score_execution, score_project
from .results import (
    HUNDRED,
    ZERO,
    Flag,
    IndicatorScore,
    ProjectScore,
    Severity,
    Trace,
    UnitScore,
    fmt,
    percent,
)

__all__ = [
    "HUNDRED",
    "ZERO",
    "Flag",
    "IndicatorScore",
    "ProjectScore",
    "Severity",
    "Trace",
    "UnitScore",
    "fmt",
    "low_rate_reason",
    "percent",
    "score_case",
    "score_execution",
    "score_indicator",
    "score_project",
    "score_qualitative",
    "score_quantitative",
]
