"""The audit's cue table (assistant/audit/cues.yaml): every cue matches its examples and none of its
counter-examples, every cue a module reads exists in its section, and every cue in the table is read."""

from __future__ import annotations

import ast
import signal
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
    matches, rejects = cue.examples
    assert matches, "a cue needs an example it matches"
    for example in matches:
        found = [m for m in (p.search(example) for p in cue.compiled) if m and m.group(0)]
        assert found, f"{example!r} is not matched"
    for counter in rejects:
        assert not any(p.search(counter) for p in cue.compiled), f"{counter!r} is matched"
    if not rejects:  # only a pattern that matches anything (a prefix to strip) goes without one
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


_BLANK_RUNS = (" ", "\u3000", "\n", "\t")


def test_no_cue_backtracks_over_a_long_run_of_blanks() -> None:
    """A copied PDF may hold tens of thousands of blanks in a row; a cue with two greedy ``\\s*`` around optional
    words retries every split of the run (a line of 300000 spaces once hung the audit for tens of minutes). Each
    cue must fail or match at the start of such a run in one pass: 60000 blanks take it milliseconds, a
    quadratic cue seconds. The alarm only guards against a hang; it measures no speed."""
    slow: list[str] = []

    def too_long(signum: int, frame: object) -> None:
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, too_long)
    try:
        for cue in ALL:
            for k, pattern in enumerate(cue.compiled):
                for blank in _BLANK_RUNS:
                    signal.alarm(3)
                    try:
                        pattern.match(blank * 60000)
                    except TimeoutError:
                        slow.append(f"{cue.section}.{cue.name}[{k}] on {blank!r}")
                        break
                    finally:
                        signal.alarm(0)
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not slow, f"cues that backtrack over blanks: {slow}"
