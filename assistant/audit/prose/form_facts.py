"""A read form as statements, so the text checks see the table's numbers beside the prose's: the fund rows
(subject: what the report evaluates, and each 资金来源 under it), each indicator row (an indicator subject; the
预算执行率 row's 实际完成值 is also the evaluated money's 执行率, which the text's amounts must give), the 总分 row.
Every row becomes one sentence-like unit: numbers of one row are said together.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.numbers import amount_factor, count_factor, is_amount_unit

from ..cues import cues
from ..document import Document
from .cells import Cell, CellNumber
from .form import Form, FundRow, IndicatorRow, ResultRow, is_execution_row
from .model import Statement, Subject
from .statements import REPORT

_CUES = cues(__name__)
_YUAN = Decimal("0.0001")
_KIND = {"rate": "percent", "points": "score", "score": "score"}


def _money_factor(doc: Document, form: Form) -> Decimal:
    if not form.funds:
        return Decimal(1)
    head = doc.text[max(0, form.funds[0].start - 200) : form.funds[0].start]
    return _YUAN if _CUES.yuan_header.search(head) else Decimal(1)


def form_statements(doc: Document, form: Form, subject: Subject = REPORT) -> list[Statement]:
    statements: list[Statement] = []
    factor = _money_factor(doc, form)
    whole = next((row for row in form.funds if row.total), None)
    for row in form.funds:
        sentence = form.row_sentence(doc, row.start, row.end)
        owner = (
            subject if row.total else Subject("source", row.label.removeprefix("其中").strip(":："), subject)
        )
        copy = whole is not None and not row.total and _figures(row) == _figures(whole)
        for field, (cell, number) in row.cells.items():
            kind = _KIND.get(field, "amount")
            if copy and kind == "percent":
                continue  # "其中:当年财政拨款 29 29 27.8 9 0.958" under the same total row: its rate is the total's
            scale = factor if kind == "amount" else Decimal(1)
            statements.append(
                cell_statement(owner, field, kind, cell, number, scale, sentence, {"row": str(row.start)})
            )
    for block in form.labelled:
        sentence = form.row_sentence(doc, block[0].cell.start, block[-1].cell.end)
        for item in block:
            statements.append(
                cell_statement(
                    subject, item.field, "amount", item.cell, item.number, item.factor, sentence, {}
                )
            )
    for row in form.indicators:
        sentence = form.row_sentence(doc, row.start, row.end)
        owner = Subject("indicator", row.label, subject)
        extra = {"row": str(row.start), "group": row.group or ""}
        statements += _values(row, owner, sentence, extra)
        for field in ("points", "score"):
            cell, number = getattr(row, field)
            statements.append(
                cell_statement(owner, field, "score", cell, number, Decimal(1), sentence, extra)
            )
        cell, number = row.actual
        if is_execution_row(row.label) and number is not None and number.unit == "%":
            # the 预算执行率 row's 实际完成值 is the evaluated money's 执行率: the text's amounts must give it
            statements.append(
                cell_statement(subject, "rate", "percent", cell, number, Decimal(1), sentence, extra)
            )
    return statements


def result_statements(doc: Document, form: Form, subject: Subject = REPORT) -> list[Statement]:
    """The target and actual of each row of a results table (no points, no score): what each indicator achieved."""
    statements: list[Statement] = []
    for row in form.results:
        sentence = form.row_sentence(doc, row.start, row.end)
        statements += _values(
            row, Subject("indicator", row.label, subject), sentence, {"row": str(row.start)}
        )
    return statements


def _values(
    row: IndicatorRow | ResultRow, owner: Subject, sentence, extra: dict[str, str]
) -> list[Statement]:
    """A row's target and actual, each in the unit the prose reads it in."""
    found = []
    for field, (cell, number) in (("target", row.target), ("actual", row.actual)):
        if number is None or cell is None or cell.start == row.start:
            continue
        if is_amount_unit(number.unit):  # "66千元" is 6.6 万元, as the prose reads it
            kind, scale = "amount", amount_factor(number.unit)
        else:  # "16.3万亩" is 163000 亩, as the prose reads it
            kind, scale = "count", count_factor(number.unit)
        found.append(cell_statement(owner, field, kind, cell, number, scale, sentence, extra))
    return found


def _figures(row: FundRow) -> dict[str, Decimal]:
    return {field: number.value for field, (_cell, number) in row.cells.items()}


def cell_statement(
    subject: Subject,
    field: str,
    kind: str,
    cell: Cell,
    number: CellNumber,
    factor: Decimal,
    sentence,
    extra: dict[str, str],
) -> Statement:
    """One cell's number as a table statement said of ``subject``, in the unit the prose reads it in."""
    unit = number.unit or None
    if kind == "percent" or number.unit == "%":
        kind, factor = "percent", Decimal(1)
    return Statement(
        subject=subject,
        field=field,
        kind=kind,
        value=number.value * factor,
        raw=number.value,
        factor=factor,
        unit=unit,
        places=number.places,
        hedge=None,
        high=None,
        span=(cell.start, cell.end),
        text=cell.text,
        sentence=sentence,
        strong=True,
        origin="table",
        extra={**extra, "headline": "1"}
        if field in ("budget", "budget_initial", "executed", "rate")
        else dict(extra),
    )
