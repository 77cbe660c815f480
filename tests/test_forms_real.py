"""Real 自评表 texts the reader was not written against read to their hand-written twins, or say which cells
they could not place (存疑): never a silently wrong figure. Fixtures: tests/fixtures/forms_real/<name>."""

from __future__ import annotations

import pytest

from assistant.audit import audit_text
from assistant.forms import read_forms
from tests.forms_real import names, text_of, verdict


@pytest.mark.parametrize("name", names())
def test_real_form_reads_to_its_twin_or_says_what_it_left_out(name):
    state, reasons = verdict(name)
    assert state in ("exact", "uncertain", "not read"), reasons


def test_the_forms_in_the_national_and_sichuan_layouts_read_exactly():
    states = {name: verdict(name)[0] for name in names()}
    assert [name for name, state in states.items() if state != "exact"] == [
        "huanggang_shuibao_2020",
        "wangcang_jiyao_2021",
    ], states


def test_a_spreadsheet_soup_feeds_the_form_checks():
    """The 稷山 export (holdout2): the five contradictions of its key are found from the form read by order,
    and its true relations (99% of 65.66, met rows at full score) stay silent."""
    result = audit_text(text_of("jishan_yibao_2020"))
    found = {(f.code, f.found) for f in result.findings}
    assert ("SCORE_MISMATCH", "94") in found  # 84 + 9 = 93, not 94
    assert {("SCORE_MISMATCH", "27"), ("SCORE_MISMATCH", "9"), ("SCORE_MISMATCH", "13")} <= found
    errors = [f for f in result.findings if f.severity == "error"]
    assert [f.found for f in errors] == ["94"]
    assert not [
        f for f in result.findings if f.code in ("RATE_MISMATCH", "WEIGHT_MISMATCH", "TOTAL_MISMATCH")
    ]


def test_row_labels_whose_values_do_not_divide_among_them_read_nothing_and_say_so():
    """The 稷山 export with its 其中 row's blank cells dropped (8 values after two row labels): no split is sure."""
    text = text_of("jishan_yibao_2020").replace("65.66 65.07 — 99% —", "65.66 65.07 99%")
    (form,) = read_forms(text)
    assert form.funds == []
    assert any("各行数值分不清" in note for note in form.notes)
