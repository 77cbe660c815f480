"""What a report's own text states, as one object the text checks share: statements, breakdowns, subjects,
the grading scale the report describes, and a record of which numbers a check compared.

``read_facts(doc)`` is the seam: statements from prose today; a reader of flattened 自评表 tables adds its
statements (origin "table") with ``Facts.add`` and every text check sees them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Protocol

from ..claims import Claim, ClaimExtractor
from ..document import Document, Sentence
from .form import Form, read_form
from .form_facts import form_statements, result_statements
from .model import Statement, Subject
from .parts import Breakdown
from .parts_kinds import BudgetLine, budget_lines
from .parts_summary import find_breakdowns
from .scale import GradeScale, stated_scale
from .statements import StatementReader


class Located(Protocol):
    """A number found where a form reader or a check located it (a cell, a form's value)."""

    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


@dataclass
class Facts:
    doc: Document
    extractor: ClaimExtractor
    statements: list[Statement]
    projects: list[Subject]
    breakdowns: list[Breakdown] = field(default_factory=list)
    # per sentence, the budget line it writes (``parts_kinds``): read once, for the breakdowns and text_balance
    budget_lines: list[BudgetLine | None] = field(default_factory=list)
    scale: GradeScale | None = None
    checked: set[tuple[int, int]] = field(default_factory=set)
    form: Form = field(default_factory=Form)
    claims: list[Claim] = field(default_factory=list)  # the audit's claims the statements were built from
    _by_sentence: dict[int, list[Statement]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index()

    def _index(self) -> None:
        self._by_sentence = {}
        for s in self.statements:
            if s.sentence is not None:
                self._by_sentence.setdefault(id(s.sentence), []).append(s)

    def add(self, statements: list[Statement]) -> None:
        """Add statements read elsewhere (a table reader) and read the budget lines and breakdowns again."""
        self.statements = sorted(self.statements + statements, key=lambda s: s.span)
        self._index()
        self.read_wholes()

    def read_wholes(self) -> None:
        """Read what depends on every statement: the budget lines, then the breakdowns (which use them)."""
        self.budget_lines = budget_lines(self.doc, self.statements)
        self.breakdowns = find_breakdowns(self.doc, self.statements, self.budget_lines)

    def in_sentence(self, sentence: Sentence | None) -> list[Statement]:
        return self._by_sentence.get(id(sentence), []) if sentence is not None else []

    def of(self, subject: Subject, field: str, kind: str | None = None) -> list[Statement]:
        return [
            s
            for s in self.statements
            if s.subject == subject and s.field == field and (kind is None or s.kind == kind)
        ]

    def mark(self, *numbers: Statement | Located | tuple[int, int] | None) -> None:
        """Record that these numbers took part in a comparison, agreeing or not: the one place every check counts
        what it cross-checked (coverage). A number is a statement, a cell a form reader found (``start``/``end``),
        or the span of one a check read itself (a form row's figure); None is passed over."""
        for number in numbers:
            if number is None:
                continue
            if isinstance(number, tuple):
                self.checked.add(number)
            elif isinstance(number, Statement):
                self.checked.add(number.span)
            else:
                self.checked.add((number.start, number.end))

    @property
    def parts(self) -> set[tuple[int, int]]:
        return {p.span for b in self.breakdowns for p in b.parts}


def read_facts(
    doc: Document, extractor: ClaimExtractor | None = None, claims: list[Claim] | None = None
) -> Facts:
    """Facts of the report's prose. With case data or a table the audit's ``extractor`` (and its ``claims``)
    are reused, so the projects are the data's; without, the projects are found in the text."""
    reader = StatementReader(doc, extractor=extractor)
    claims = reader.extractor.claims() if claims is None else claims
    form = read_form(doc)
    in_rows = _covered(form.spans())
    statements = [s for s in reader.statements(claims) if not in_rows(s.span[0])]
    facts = Facts(doc, reader.extractor, statements, reader.projects, scale=stated_scale(doc), form=form)
    facts.claims = claims
    if form.found or form.results:
        facts.add(form_statements(doc, form) + result_statements(doc, form))
    else:
        facts.read_wholes()
    return facts


def _covered(spans: list[tuple[int, int]]) -> Callable[[int], bool]:
    """Whether an offset lies in one of ``spans`` (start inclusive, end exclusive), by bisection over the starts
    with the furthest end reached so far: a scan of every form row per statement is quadratic in a long report."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]
    reach = list(accumulate((b for _, b in ordered), max))

    def inside(offset: int) -> bool:
        k = bisect_right(starts, offset)
        return k > 0 and reach[k - 1] > offset

    return inside
