"""The audit's cue table (assistant/audit/cues.yaml): every cue matches its examples and none of its
counter-examples, every cue a module reads exists in its section, and every cue in the table is read."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from assistant.audit.cues import TABLE, cues
from assistant.cues import Cue, load_cues

AUDIT = Path(__file__).resolve().parent.parent / "assistant" / "audit"
SECTIONS = load_cues(TABLE)
ALL = [cue for section in SECTIONS.values() for cue in section]


def _module(section: str) -> Path:
    return AUDIT.joinpath(*section.split(".")).with_suffix(".py")


@pytest.mark.parametrize("cue", ALL, ids=[f"{c.section}.{c.name}" for c in ALL])
def test_cue_matches_its_examples_and_not_its_counter_examples(cue: Cue) -> None:
    assert cue.matches, "a cue needs an example it matches"
    for example in cue.matches:
        found = [m for m in (p.search(example) for p in cue.compiled) if m and m.group(0)]
        assert found, f"{example!r} is not matched"
    for counter in cue.rejects:
        assert not any(p.search(counter) for p in cue.compiled), f"{counter!r} is matched"
    if not cue.rejects:  # only a pattern that matches anything (a prefix to strip) goes without one
        assert all(p.fullmatch("") for p in cue.compiled), "a cue needs a counter-example"


def _read_cues(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "_CUES"
    }


def test_every_section_is_a_module_and_every_cue_is_read_there() -> None:
    for name, section in SECTIONS.items():
        path = _module(name)
        assert path.is_file(), f"section {name}: no module {path}"
        unread = {cue.name for cue in section} - _read_cues(path)
        assert not unread, f"{name}: cues nobody reads: {sorted(unread)}"


def test_every_cue_a_module_reads_is_in_its_section() -> None:
    for path in sorted(AUDIT.rglob("*.py")):
        read = _read_cues(path)
        if not read:
            continue
        section = ".".join(path.relative_to(AUDIT).with_suffix("").parts)
        missing = {name for name in read if not hasattr(cues(f"assistant.audit.{section}"), name)}
        assert not missing, f"{section}: no such cues {sorted(missing)}"


def test_a_misspelt_cue_is_an_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="total_cue"):
        _ = cues("assistant.audit.claims").total_cue
