"""What one chat turn (or one action inside it) produced: text, the data changes, report and audit state."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assistant.workspace import Change


@dataclass
class ChatReply:
    """The assistant's answer: Chinese Markdown text, the undoable changes made, whether the report changed,
    and the audit findings when the turn ran the audit (else None)."""

    text: str
    changes: list[Change] = field(default_factory=list)
    report_changed: bool = False
    findings: list[Any] | None = None
    error: bool = False  # the action was refused (bad input); the text says why
    files: list[Path] = field(default_factory=list)  # files made for the officer (an exported report)
