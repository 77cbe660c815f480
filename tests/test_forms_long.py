"""A long text of many flattened 自评表 one after another (a 部门's 40 projects in one file) reads every form."""

from __future__ import annotations

from pathlib import Path

from assistant.forms import read_forms

EVAL = Path(__file__).resolve().parent.parent / "eval_data"


def _form_texts() -> list[str]:
    """The probe texts that are one 自评表 alone (its title on the first line, read as one form on its own)."""
    paths = sorted(EVAL.glob("probes_s*/**/blind*/*_biao.txt"))
    texts = [p.read_text(encoding="utf-8").strip() for p in paths]
    return [t for t in texts if "自评表" in t.splitlines()[0] and len(read_forms(t)) == 1]


def test_every_form_of_a_long_concatenation_is_read() -> None:
    texts = (_form_texts() * 3)[:48]
    assert len(texts) == 48
    forms = read_forms("\n\n".join(texts))
    assert len(forms) == len(texts)
    assert [f.title for f in forms] == [read_forms(t)[0].title for t in texts]
