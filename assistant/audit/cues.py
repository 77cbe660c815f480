"""The audit's cue patterns (``cues.yaml`` beside this module): each module reads its own section by name."""

from __future__ import annotations

from pathlib import Path

from assistant.cues import CueSection, cue_table

TABLE = Path(__file__).with_name("cues.yaml")


def cues(module: str) -> CueSection:
    """The cues of ``module`` (its ``__name__``; the section is the name below ``assistant.audit``)."""
    return cue_table(TABLE, module.removeprefix(f"{__package__}."))
