"""The records facts from prose are made of: ``Subject`` (what a number is about) and ``Statement`` (one number
said of a subject under a 口径).

Finding subjects lives in ``subjects``, turning numbers into statements in ``statements``, totals with their
listed parts in ``parts``; the checks that compare statements live in ``audit/checks/text_*``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from ..document import Sentence
from .interval import Interval, written

SubjectKind = Literal["unit", "project", "source", "indicator", "grade", "report"]
Origin = Literal["prose", "table"]
# "value": a plain statement; "part": one item of a listed breakdown; "bound": a comparison (低于90%);
# "timed": said of a moment before the year's end (截至6月底); "aside": inside brackets; "rule": a number of the
# scoring rule described in the method section.
Role = Literal["value", "part", "bound", "timed", "aside", "rule"]


@dataclass(frozen=True)
class Subject:
    """The unit, a project, a fund source (of the unit or of a project), an indicator or a grade bucket.

    ``report`` is the one subject of a report that names no project: its numbers are about what it evaluates.
    """

    kind: SubjectKind
    name: str
    parent: Subject | None = None

    @property
    def label(self) -> str:
        """A short Chinese label for messages (「某项目」的中央资金)."""
        own = {"unit": "单位整体", "report": "本报告评价对象"}.get(self.kind, self.name)
        if self.kind == "project":
            own = f"「{self.name}」"
        if self.kind == "grade":
            own = f"等级为“{self.name}”的项目"
        if self.parent is not None and self.parent.kind not in ("unit", "report"):
            return f"{self.parent.label}的{own}"
        return own


@dataclass(frozen=True)
class Statement:
    """One number said of a subject: field (口径), value in canonical units, how it was written, where.

    ``value``/``factor``: canonical value (万元 for money, percent numbers for rates) and the factor from the
    written unit to it. ``strong`` is True when both the subject and the 口径 are written explicitly next to the
    number (a name or 我单位 in the same sentence, a specific word such as 执行数); a relation proven from
    strong statements is an error, one resting on a weak statement only a warning.
    """

    subject: Subject | None
    field: str | None
    kind: str
    value: Decimal
    raw: Decimal
    factor: Decimal
    unit: str | None
    places: int
    hedge: str | None
    high: Decimal | None
    span: tuple[int, int]
    text: str
    sentence: Sentence | None = None
    strong: bool = False
    role: Role = "value"
    origin: Origin = "prose"
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def canonical_places(self) -> int:
        """Decimals of the canonical value the writing shows (2 decimals of 元 are 6 of 万元)."""
        return self.places - self.factor.adjusted()

    def interval(self, places: int | None = None) -> Interval:
        """The canonical interval this number stands for, at ``places`` canonical decimals when the list it
        sits in is written more precisely than the number itself ("30万元" beside "29.99万元" is 30.00). Not a number
        written in a unit larger than the canonical one beside numbers written below it ("1.28亿元" beside
        "12131.88万元"): its unit says it is rounded; beside others in its unit ("17亿元" beside "25.11亿元") it is raised."""
        coarse = self.factor.adjusted() > 0 and places is not None and places > 0
        p = self.canonical_places if places is None or coarse else max(self.canonical_places, places)
        if self.kind == "count" and p >= 0 and self.hedge is None and self.high is None:
            return Interval.exact(self.value)  # "115名" is 115, not [114.5, 115.5]
        return written(self.value, p, self.hedge, self.high)

    @property
    def exact_claim(self) -> bool:
        """A number stated as a value (no hedge, no range): the only kind a relation can prove wrong."""
        return self.hedge is None and self.high is None and self.role in ("value", "part")


def rate_fits(part: Statement, whole: Statement, rate: Statement) -> bool:
    """Is ``rate`` (a percent) ``part`` over ``whole``, at the precision the two amounts are written to?"""
    places = list_places([part, whole])
    quotient = part.interval(places).divided_by(whole.interval(places))
    return quotient is not None and quotient.scaled(Decimal(100)).overlaps(rate.interval())


def list_places(statements: list[Statement]) -> int:
    """The precision a group of numbers of one kind is written at: the most canonical decimals any shows."""
    return max((s.canonical_places for s in statements), default=0)


@dataclass(frozen=True)
class Breakdown:
    """A total and its listed parts (two or more), with whether the wording says the list is complete."""

    total: Statement
    parts: tuple[Statement, ...]
    exhaustive: bool
    cue: str
    loose: bool = False  # parts found by what they count, not by a list cue: they may overlap
    # Taken as complete because it runs down the government levels to the local one, not because the text says
    # so: a sum short of the total is then a warning, not an error.
    assumed_whole: bool = False
    items: int = 0  # items numbered (1)…(n) in the list, when it is a numbered list
    unread: int = 0  # items of the list whose amount was not read as a part: the parts' sum is a lower bound
