"""What the readings of a claim share: the words of its clause before it, the period it names, and the warning a
claim the text's own figures put in doubt gets.

Why apart: the claims of completion (``text_claims``), their weighing against rates and missed indicators, the
claim that the money arrived and the claims stated in figures (``text_claims_stated``) all read a claim the
same way and word its doubt the same way. Bad: "上年度绩效目标全部完成" weighed against this year's misses.
Good: its period "prior" read once, here, and a miss of this year said nothing against it.
"""

from __future__ import annotations

import re

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding

_PERIODS = cues("assistant.audit.prose.periods")


def doubt_of_claim(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], against: str, expected: str
) -> Finding:
    """A warning at a claim ("足额到位", "按期完成") the text's own figures put in doubt: "文中称“…”，但{against}"."""
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称“{match.group(0)}”，但{against}",
        (sentence.start + match.start(), sentence.start + match.end()),
        expected=expected,
        found=match.group(0),
        proven=False,
        quote=sentence.text,
    )


def clause_head(sentence: Sentence, match: re.Match[str]) -> str:
    """The words of the claim's clause before it."""
    return re.split(r"[，,；;：:]", sentence.text[: match.start()])[-1]


def claim_period(sentence: Sentence, match: re.Match[str]) -> str | None:
    """The period a claim names before it in its sentence ("2022年度项目绩效目标已全部完成": "2022"; "上年度…":
    "prior"), as ``period_of`` reads a number's; None when it names none (the report's own year)."""
    found = next(reversed(list(_PERIODS.marker.finditer(sentence.text[: match.start()]))), None)
    if found is None or found.lastgroup not in ("year", "prior"):
        return None
    return found.group("year") if found.lastgroup == "year" else "prior"
