"""Wire shapes: the JSON forms of scores (``jixiao score --json``), declared once for CLI, UI and tests.

Amounts are decimal strings in 万元, rates decimal strings in percent at the rule set's display precision.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from assistant.scoring import Flag, IndicatorScore, ProjectScore, Trace, UnitScore


def dec(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def flag_json(flag: Flag) -> dict[str, Any]:
    data = {"code": flag.code, "severity": flag.severity, "message": flag.message}
    if flag.indicator:
        data["indicator"] = flag.indicator
    return data


def trace_json(trace: Trace) -> dict[str, Any]:
    return {"rule": trace.rule, "inputs": trace.inputs, "formula": trace.formula, "result": dec(trace.result)}


def indicator_json(s: IndicatorScore) -> dict[str, Any]:
    ind = s.indicator
    return {
        "level1": ind.level1,
        "level2": ind.level2,
        "name": ind.name,
        "kind": ind.kind,
        "target": dec(ind.target_value) if not ind.is_qualitative else ind.target,
        "actual": dec(ind.actual_value) if not ind.is_qualitative else ind.actual,
        "unit": ind.unit,
        "points": dec(ind.points),
        "score": dec(s.score),
        "completion": dec(s.completion_shown),
        "tier": s.tier,
        "missed": s.missed,
        "short": s.short,
        "over_achieved": s.over_achieved,
        "trace": trace_json(s.trace),
    }


def project_json(p: ProjectScore, rate_places: int) -> dict[str, Any]:
    return {
        "name": p.project.name,
        "budget_initial": dec(p.project.budget_initial),
        "budget": dec(p.project.budget),
        "executed": dec(p.project.executed),
        "rate": dec(p.rate_shown),
        "rate_score": dec(p.rate_score),
        "rate_trace": trace_json(p.rate_trace),
        "score": dec(p.score),
        "score_source": p.score_source,
        "grade": p.grade,
        "max_plausible": dec(p.max_plausible),
        "indicators": [indicator_json(s) for s in p.indicators],
        "deviations": p.deviations,
        "flags": [flag_json(f) for f in p.flags],
    }


def unit_json(unit: UnitScore) -> dict[str, Any]:
    """The documented ``jixiao score --json`` shape."""
    places = unit.ruleset.rounding.rate_places
    return {
        "unit": unit.case.unit,
        "year": unit.case.year,
        "rules": unit.ruleset.id,
        "money_unit": "万元",
        "projects": [project_json(p, places) for p in unit.projects],
        "totals": {
            "budget_initial": dec(unit.budget_initial),
            "budget": dec(unit.budget),
            "executed": dec(unit.executed),
            "rate": dec(unit.rate_shown),
            "projects": len(unit.projects),
            "grades": unit.grade_counts,
            "mean_score": dec(unit.mean_score),
            "needing_explanation": [p.project.name for p in unit.needing_explanation],
        },
    }
