"""The drafters' 口径 words come from the one vocabulary: every printed name of a field is read as that field."""

from __future__ import annotations

import pytest

from assistant.drafting.wording import field_before
from assistant.vocabulary import ACTUAL, BUDGET, BUDGET_INITIAL, EXECUTED, RATE, TARGET

FIELDS = {
    "budget_initial": BUDGET_INITIAL,
    "budget": BUDGET,
    "executed": EXECUTED,
    "rate": RATE,
    "target": TARGET,
    "actual": ACTUAL,
}


@pytest.mark.parametrize(("field", "name"), [(f, n) for f, term in FIELDS.items() for n in term.names])
def test_every_printed_name_of_a_field_names_that_field(field: str, name: str) -> None:
    assert field_before(f"该项目{name}为") == field


def test_a_word_that_is_no_field_name_names_nothing() -> None:
    assert field_before("该项目共有") is None
