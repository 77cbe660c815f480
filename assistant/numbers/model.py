"""The record ``find_numbers`` returns: ``NumberMention`` and its ``Kind``.

Finding mentions lives in ``mentions``; what each unit word means lives in ``units``.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal[
    "amount",
    "percent",
    "percentage_point",
    "score",
    "count",
    "duration",
    "plain",
    "year",
    "date",
    "ordinal",
    "section",
    "doc_number",
]

# Numbers that only label or locate something; the audit skips them on purpose.
NON_CLAIM_KINDS: frozenset[str] = frozenset({"year", "date", "ordinal", "section", "doc_number"})


@dataclass(frozen=True)
class NumberMention:
    """One number in a text, with its span, kind, canonical value and the way it was written.

    ``value`` is canonical: amounts in 万元, percents as percent numbers, counts as counts; ``raw_value`` is the
    number in the unit as written. Dates are packed digits (2022年12月31日 → 20221231, 12月31日 → 1231).
    """

    start: int
    end: int
    text: str
    kind: Kind
    value: Decimal
    raw_value: Decimal
    unit: str | None
    places: int
    hedge: str | None
    high: Decimal | None = None
    is_claim: bool = True
    noun: str | None = None
