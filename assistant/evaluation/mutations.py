"""Mutation testing of the audit: plant one known slip in a clean gold report and see whether it is caught.

Mutation sites are found with plain regular expressions over the gold text, independently of the audit's own
claim extraction, so a number the extractor misses still gets mutated (and counts as a miss). A site counts only
if it states a value the case data holds, and a mutation only if its new value states none (see ``truth``):
every mutation is a genuine contradiction with the data. Each mutation says which finding codes catch it and
where: a finding of one of those codes (not info) whose span overlaps the mutated text, or, for deletions, that
names the project, is a hit. The benchmark runner lives in ``benchmark``; the mutators in ``mutate_numbers`` (number slips) and ``mutate_prose`` (omissions and false claims).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator

from assistant.scoring import UnitScore

from .mutate_numbers import (
    mutate_amount,
    mutate_count,
    mutate_decimal,
    mutate_grade,
    mutate_percent_points,
    mutate_rate,
    mutate_remainder,
    mutate_score,
    mutate_total,
    mutate_unit,
)
from .mutate_prose import mutate_delete_cause, mutate_delete_project, mutate_universal
from .mutation import Mutation, Site
from .truth import truth_of

__all__ = ["MUTATORS", "Mutation", "Site", "caught", "generate"]

MUTATORS: dict[str, Callable[[Site], Iterator[Mutation]]] = {
    "amount_changed": mutate_amount,
    "decimal_shifted": mutate_decimal,
    "unit_swapped": mutate_unit,
    "rate_changed": mutate_rate,
    "percent_to_points": mutate_percent_points,
    "total_changed": mutate_total,
    "score_changed": mutate_score,
    "grade_changed": mutate_grade,
    "count_changed": mutate_count,
    "remainder_changed": mutate_remainder,
    "cause_deleted": mutate_delete_cause,
    "project_paragraph_deleted": mutate_delete_project,
    "universal_claim_false": mutate_universal,
}


def generate(text: str, unit: UnitScore, per_kind: int, seed: int = 20221) -> list[Mutation]:
    """Up to ``per_kind`` mutations of each kind, sampled reproducibly."""
    rng = random.Random(seed)
    site = Site(text, unit, truth_of(unit), rng)
    result: list[Mutation] = []
    for mutate in MUTATORS.values():
        found = list(mutate(site))
        rng.shuffle(found)
        result.extend(found[:per_kind])
    return result


def caught(mutation: Mutation, findings: list) -> bool:  # list[Finding]
    """A finding of an expected code at the mutated place (or naming the deleted project)."""
    for f in findings:
        if f.code not in mutation.codes or f.severity == "info":
            continue
        if mutation.span is None:
            if f.project == mutation.project:
                return True
        elif f.span and f.span[0] < mutation.span[1] and mutation.span[0] < f.span[1]:
            return True
    return False
