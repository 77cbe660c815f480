"""Built-in checks. Each module exposes ``check(ctx) -> list[Finding]``; ``CHECKS`` lists them in run order.

Registered through one path and imported here only when the engine runs (see ``engine.run_checks``).
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
        form,
        indicators,
        names,
        placeholders,
        rates,
        scores,
        table,
        universal,
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
        form.check,
        placeholders.check,
    ]
