"""The seam between reading a text and checking it: statements (from prose, or from a flattened 自评表 read
elsewhere) become the ``Reference`` the audit reports against.

Without case data or a recognised attached table, the reference is the text itself: its projects are the
subjects the text names, with no values of their own (the text checks compare the text's statements with each
other; nothing is taken as true over another statement). A table reader passes statements of origin "table":
their agreed values become the projects' values, so the reference checks compare the prose with them.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.rules import RuleSet

from ..reference import Reference, RefProject
from .facts import Facts
from .model import Statement

_PROJECT_FIELDS = ("budget_initial", "budget", "executed", "score")


def reference_from_facts(facts: Facts, rules: RuleSet) -> Reference:
    """The reference a report read on its own gives: its projects, with the values its tables state."""
    subjects = list(facts.projects)
    tabled = [s for s in facts.statements if s.origin == "table" and s.subject is not None]
    for statement in tabled:
        if statement.subject.kind == "project" and statement.subject not in subjects:
            subjects.append(statement.subject)
    projects = []
    for index, subject in enumerate(subjects):
        values = {
            f: _agreed([s for s in tabled if s.subject == subject and s.field == f]) for f in _PROJECT_FIELDS
        }
        score = values["score"]
        projects.append(
            RefProject(
                index=index,
                name=subject.name,
                budget_initial=values["budget_initial"],
                budget=values["budget"],
                executed=values["executed"],
                score=score,
                grade=rules.grade_for(score) if score is not None else None,
            )
        )
    valued = any(p.budget is not None or p.score is not None for p in projects)
    return Reference(projects, rules, "table" if valued else "text")


def _agreed(statements: list[Statement]) -> Decimal | None:
    """The value every statement agrees on (the most precise one), or None when they differ or are absent."""
    if not statements:
        return None
    first = statements[0]
    if not all(first.interval().overlaps(s.interval()) for s in statements[1:]):
        return None
    return max(statements, key=lambda s: s.canonical_places).value
