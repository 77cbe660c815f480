"""Named cue patterns (the words that tell what a number or a clause is about), read from a YAML table.

A cue table (``assistant/audit/cues.yaml``) holds, per module, its regular expressions by name, each with why it
exists, examples it must match and counter-examples it must not (one parametrised test checks them all). A
module reads its section once (``cue_table(path, "claims")``) and uses ``CUES.total_cues.search(...)``: the
patterns live in one place that says what each one is for, instead of constant blocks in every module.

A pattern may name a fragment of the table's ``fragments`` as ``{{name}}`` (a name body shared by several cues);
``flags`` lists ``re`` flag names; ``patterns`` instead of ``pattern`` gives a tuple tried in order.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from assistant.yamlfile import load_yaml

_FRAGMENT = re.compile(r"\{\{(\w+)\}\}")


@dataclass(frozen=True)
class Cue:
    """One named cue: its compiled pattern (or patterns), why it exists, and its examples."""

    section: str
    name: str
    why: str
    compiled: tuple[re.Pattern[str], ...]
    single: bool  # ``pattern`` (one) rather than ``patterns`` (a tuple)
    matches: tuple[str, ...]
    rejects: tuple[str, ...]

    @property
    def value(self) -> re.Pattern[str] | tuple[re.Pattern[str], ...]:
        return self.compiled[0] if self.single else self.compiled


class CueSection:
    """The cues of one module, read as attributes: ``CUES.total_cues`` is the compiled pattern."""

    def __init__(self, section: str, cues: dict[str, Cue]) -> None:
        self._section = section
        self._cues = cues

    def __getattr__(self, name: str) -> Any:
        try:
            return self._cues[name].value
        except KeyError:
            raise AttributeError(f"cue table section {self._section!r} has no cue {name!r}") from None

    def __iter__(self) -> Iterator[Cue]:
        return iter(self._cues.values())


def _compile(text: str, flags: list[str], fragments: dict[str, str], where: str) -> re.Pattern[str]:
    def fragment(match: re.Match[str]) -> str:
        if match.group(1) not in fragments:
            raise ValueError(f"{where}: unknown fragment {match.group(1)!r}")
        return fragments[match.group(1)]

    value = 0
    for flag in flags:
        value |= getattr(re, flag)
    return re.compile(_FRAGMENT.sub(fragment, text), value)


@cache
def load_cues(path: Path) -> dict[str, CueSection]:
    """Every section of the cue table at ``path``; a malformed entry is an error naming it."""
    data = load_yaml(path.read_text(encoding="utf-8"))
    fragments = {name: str(text) for name, text in (data.get("fragments") or {}).items()}
    sections: dict[str, CueSection] = {}
    for section, entries in data["sections"].items():
        cues: dict[str, Cue] = {}
        for name, entry in entries.items():
            where = f"{path.name} {section}.{name}"
            single = "pattern" in entry
            texts = [entry["pattern"]] if single else list(entry["patterns"])
            flags = list(entry.get("flags") or ())
            cues[name] = Cue(
                section,
                name,
                str(entry.get("why") or ""),
                tuple(_compile(str(t), flags, fragments, where) for t in texts),
                single,
                tuple(str(x) for x in entry.get("matches") or ()),
                tuple(str(x) for x in entry.get("rejects") or ()),
            )
        sections[section] = CueSection(section, cues)
    return sections


def cue_table(path: Path, section: str) -> CueSection:
    """The cues of ``section`` in the table at ``path``."""
    return load_cues(path)[section]
