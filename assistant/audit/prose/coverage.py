"""How much of a report the audit could check, so that silence means something.

``numbers_read``: the numbers read as statements (amounts, rates, scores, counts; numbers of the scoring rule
described in the method section excluded, unless a check compared them) and the numeric cells of an attached table. ``cross_checked``: those
that took part in at least one comparison (with the data, the table, or another statement of the text). A number
a check compared outside any statement (a form row the form checks read themselves) counts as read and checked:
checks record what they compared with ``Facts.mark``, and this module alone counts.
``untied``: statements that could not be tied to any subject (project, unit, fund source…).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.models import parse_plain_number

from ..document import Document
from ..reference import Reference, column_fields
from .facts import Facts
from .model import Statement

if TYPE_CHECKING:
    from assistant.forms import Form

# 口径 the reference checks compare against case data or the attached table.
_REFERENCE_FIELDS = frozenset(
    {
        "budget",
        "budget_initial",
        "executed",
        "unspent",
        "unspent_part",
        "change",
        "rate",
        "remainder",
        "score",
    }
)
_TABLE_FIELDS = frozenset({"budget_initial", "budget", "executed", "rate", "score", "grade"})


@dataclass
class Coverage:
    numbers_read: int
    cross_checked: int
    untied: int
    untied_examples: list[str] = field(default_factory=list)

    @property
    def checkable(self) -> bool:
        return self.cross_checked > 0

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "checkable": self.checkable}

    def describe(self) -> str:
        """One Chinese sentence for the readable output."""
        text = f"覆盖：读到数字 {self.numbers_read} 个，参与核对 {self.cross_checked} 个，无法确定所指对象 {self.untied} 个"
        if not self.checkable:
            text += "。文中没有能相互印证或与数据对照的数字，本次未作任何核对，未报告问题不代表没有问题"
        return text


def _counted(statement: Statement) -> bool:
    return statement.role != "rule"


def measure(doc: Document, facts: Facts, reference: Reference, forms: Sequence[Form] = ()) -> Coverage:
    """``forms``: the 自评表 whose figures the prose reading left out (checked by ``checks.form``)."""
    statements = [s for s in facts.statements if _counted(s)]
    checked = set(facts.checked)
    if reference.source in ("data", "table"):
        checked |= {
            s.span
            for s in statements
            if s.subject is not None
            and s.subject.kind in ("project", "unit")
            and s.field in _REFERENCE_FIELDS
        }
    cells, cells_checked = _table_cells(doc)
    in_forms, forms_checked = _form_cells(forms)
    cells, cells_checked = cells + in_forms, cells_checked + forms_checked
    untied = [s for s in statements if s.subject is None and "subset" not in s.extra]
    examples = list(dict.fromkeys(s.sentence.text[:40] if s.sentence else s.text for s in untied))[:3]
    hit, apart = _compared(checked, facts.statements, _counted_cells(doc, forms))
    # a number of the scoring rule is not counted as read, unless a check compared it (weights against 100)
    rules = sum(1 for s in facts.statements if not _counted(s) and s.span in hit)
    return Coverage(
        numbers_read=len(statements) + cells + apart + rules,
        cross_checked=sum(1 for s in statements if s.span in hit) + cells_checked + apart + rules,
        untied=len(untied),
        untied_examples=examples,
    )


def _compared(
    checked: set[tuple[int, int]], statements: Sequence[Statement], cells: list[tuple[int, int]]
) -> tuple[set[tuple[int, int]], int]:
    """The statements a check compared (its own span marked, or a figure inside it a check located as a cell), and
    how many numbers a check compared that no statement holds: a flattened form's figures read by the form checks
    (a row "财政资金小计 130.54 58.07 188.61 …" under a header that writes ③=①+②), each read and cross-checked.
    A figure inside a cell ``_table_cells``/``_form_cells`` count is counted there."""
    spans = sorted({s.span for s in statements})
    spans_set = set(spans)
    starts = [a for a, _ in spans]
    longest = max((b - a for a, b in spans), default=0)
    hit: set[tuple[int, int]] = set()
    apart = 0
    for low, high in checked:
        held = (low, high) in spans_set  # a statement's own span (even an empty one)
        if held:
            hit.add((low, high))
        k = bisect_left(starts, high)  # the statements that start before the figure ends
        while k > 0 and spans[k - 1][0] >= low - longest:  # one starting earlier ends before the figure
            k -= 1
            if spans[k][1] > low:
                hit.add(spans[k])
                held = True
        if not held and not any(a <= low < b for a, b in cells):
            apart += 1
    return hit, apart


def _counted_cells(doc: Document, forms: Sequence[Form]) -> list[tuple[int, int]]:
    """Where the attached tables' cells and the reference forms' figures stand (counted by their own readers)."""
    cells = [(cell[1], cell[2]) for table in doc.tables for row in table.rows for cell in row]
    return cells + [span for form in forms for span in form.table_spans()]


def _table_cells(doc: Document) -> tuple[int, int]:
    """Numeric cells of the attached 评分表, and those in columns the table check recomputes."""
    read = checked = 0
    for table in doc.tables:
        fields = column_fields(table.header)
        for row in table.rows:
            for col, cell in enumerate(row):
                if parse_plain_number(cell[0]) is None:
                    continue
                read += 1
                checked += fields.get(col) in _TABLE_FIELDS
    return read, checked


def _form_cells(forms: Sequence[Form]) -> tuple[int, int]:
    """Numeric cells of the 自评表 read, and those in a relation the form check recomputes: funds rows (rates,
    the 其中 sums), each indicator's 分值 and 得分 (its target and actual when both are numbers), the 总分."""
    read = checked = 0
    for form in forms:
        for row in form.funds:
            numbers = [v for v in row.cells.values() if v.number is not None]
            read += len(numbers)
            checked += len(numbers) if len(numbers) > 1 else 0
        for ind in form.indicators:
            values = [
                v
                for v in (ind.target, ind.actual, ind.points, ind.score)
                if v is not None and v.number is not None
            ]
            read += len(values)
            pair = [v for v in (ind.points, ind.score) if v is not None and v.number is not None]
            both = ind.target is not None and ind.actual is not None and ind.target.number is not None
            checked += len(pair) + (2 if both and ind.actual.number is not None and len(pair) == 2 else 0)  # type: ignore[union-attr]
        totals = [v for v in (form.total, form.total_points) if v is not None and v.number is not None]
        read += len(totals)
        checked += len(totals) if form.indicators else 0
    return read, checked
