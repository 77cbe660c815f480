"""Built-in checks. Each module exposes ``check(ctx) -> list[Finding]`` and the ``CODES`` it reports.

``builtin_checks`` compare the text with the reference (case data or the attached 评分表); ``text_checks``
(modules ``text_*``) compare the text's own statements with each other and run without any reference.
Modules are imported only when the engine runs, so start-up stays fast.
"""

from __future__ import annotations

from collections.abc import Callable

from ..context import AuditContext
from ..findings import Finding

Check = Callable[[AuditContext], list[Finding]]


def builtin_checks() -> list[Check]:
    from . import (
        amounts,
        counts,
        coverage,
        indicators,
        names,
        placeholders,
        rates,
        scores,
        table,
        universal,
        unsupported,
    )

    return [
        amounts.check,
        rates.check,
        scores.check,
        indicators.check,
        counts.check,
        universal.check,
        coverage.check,
        names.check,
        table.check,
        placeholders.check,
        unsupported.check,
    ]


def text_checks() -> list[Check]:
    from . import text_arithmetic, text_claims, text_form, text_growth, text_parts, text_rates, text_repeats

    return [
        text_parts.check,
        text_rates.check,
        text_growth.check,
        text_repeats.check,
        text_form.check,
        text_claims.check,
        text_arithmetic.check,
    ]


def text_checks_beside_reference() -> list[Check]:
    """The text checks run beside case data or an attached table: those the reference checks do not cover.
    Rates, remainders, universal claims and the form's own rows are checked against the reference itself, which
    knows every 口径 and every project; the text's reading of them would only add doubtful findings."""
    from . import text_arithmetic, text_growth, text_parts, text_repeats

    return [text_parts.check, text_growth.check, text_repeats.check, text_arithmetic.check]


def text_safe_checks() -> list[Check]:
    """The reference checks that need only the projects' names (or nothing), run when the reference is the text
    itself: universal claims, and markers left unfinished."""
    from . import placeholders, universal

    return [universal.check, placeholders.check]
