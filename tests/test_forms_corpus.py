"""The real 自评表 texts (eval_data/real) read to the figures of their clean twins, written by hand."""

from __future__ import annotations

import pytest

from assistant.forms import read_forms
from tests.forms_shapes import REAL, compare, expected, load_twins, twin_forms

TWINS = twin_forms()


def assert_reads_to(forms, twins) -> None:  # type: ignore[no-untyped-def]
    assert len(forms) == len(twins), [f.name for f in forms]
    for form, twin in zip(forms, twins, strict=True):
        keys = tuple(k for k in twin if k not in ("partial", "indicators"))
        assert compare(form, twin, keys) == expected(twin, keys)
        if "indicators" not in twin:
            continue
        got = compare(form, twin, ("indicators",))["indicators"]
        if twin.get("partial"):
            rows = iter(got)
            assert all(row in rows for row in twin["indicators"]), got  # in order, among those read
        else:
            assert got == twin["indicators"]


def test_every_form_text_of_the_corpus_has_a_twin_or_is_listed_as_not_read():
    slugs = {p.name for p in REAL.iterdir() if p.name.startswith("t_") and p.is_dir()}
    listed = set(TWINS) | set(load_twins()["not_read"])
    narrative = {
        s for s in slugs - listed if not read_forms((REAL / s / "report.txt").read_text(encoding="utf-8"))
    }
    assert slugs - listed == narrative  # the rest are narrative texts without a form
    assert len(TWINS) >= 15


@pytest.mark.parametrize("slug", sorted(TWINS))
def test_real_text_reads_to_its_twin(slug):
    text = (REAL / slug / "report.txt").read_text(encoding="utf-8")
    assert_reads_to(read_forms(text), TWINS[slug])


@pytest.mark.parametrize("slug", load_twins()["not_read"])
def test_layouts_not_taken_apart_do_not_fail(slug):
    forms = read_forms((REAL / slug / "report.txt").read_text(encoding="utf-8"))
    for form in forms:  # whatever is read keeps the form's own cells
        for row in form.funds:
            assert all(
                value.text in (REAL / slug / "report.txt").read_text(encoding="utf-8")
                for value in row.cells.values()
            )
