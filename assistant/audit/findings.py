"""Findings: what the audit reports, with evidence, and their stable fingerprints and JSON form."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from . import registry
from .registry import SEVERITY_ORDER, Severity

Verdict = Literal["false", "missing", "uncertain"]
__all__ = ["CODES", "SEVERITY_ORDER", "Finding", "Severity", "Verdict", "summary"]

# Every code with its default severity and one-line Chinese title, as the check modules declare them.
CODES = registry.CODES


@dataclass
class Finding:
    """One contradiction or omission, located in the text, with what was expected and what was found."""

    code: str
    message: str
    quote: str
    severity: Severity | None = None
    verdict: Verdict = "false"
    section: str | None = None
    line: int | None = None
    span: tuple[int, int] | None = None
    project: str | None = None
    expected: str | None = None
    found: str | None = None
    # The whole and its parts are tied by the text's form, not by reading (a table's 合计 row over its rows, buckets
    # whose counts close on the total): a miss is then proven whatever its size (see ``unexplained``).
    tied: bool = False
    fingerprint: str = field(default="", init=False)

    def __post_init__(self) -> None:
        if self.code not in CODES:
            raise ValueError(f"unknown audit code {self.code!r}: declare it in its check module")
        if self.severity is None:
            self.severity = CODES[self.code][0]
        # a figure quoted as the copy broke it ("3.62⏎万元") reads as the figure: a message is one line
        self.message = _unbroken(self.message)
        self.expected = _unbroken(self.expected) if self.expected else self.expected
        self.found = _unbroken(self.found) if self.found else self.found
        basis = "|".join(
            (self.code, self.project or "", _squash(self.quote), self.found or "", self.expected or "")
        )
        self.fingerprint = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "verdict": self.verdict,
            "message": self.message,
            "section": self.section,
            "line": self.line,
            "span": list(self.span) if self.span else None,
            "quote": self.quote,
            "project": self.project,
            "expected": self.expected,
            "found": self.found,
            "fingerprint": self.fingerprint,
        }


def _unbroken(text: str) -> str:
    return re.sub(r"[ \t]*[\r\n]+[ \t]*", "", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity or "info"] += 1
    return counts
