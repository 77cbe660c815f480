"""A 自评表's own cells claiming the money was all spent or kept to the budget, against the form's 年度资金总额 row.

Why apart: the evidence is the form's fund row (its 全年预算数, 全年执行数 and 执行率 cells), not the prose's
statements. Bad: a cell "资金已全部支出" in a form whose fund row reads 预算100、执行80. Good: the same cell
when the row reads 执行100. A warning: the cell may speak of another stage or source.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.forms.model import Form, Value
from assistant.numbers.precision import shown

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import Interval, written

HUNDRED = Decimal(100)

_CLAIMS = cues(f"{__package__}.text_claims")  # the claims' wording, as the prose's claims are found


def form_cells(ctx: AuditContext, form: Form) -> list[Finding]:
    """A 自评表's own cells claiming the money was all spent ("资金已全部支出") or kept to the budget
    ("执行数与预算数没有较大偏离", 执行准确性) against the form's 年度资金总额 row: a warning, "uncertain" (the
    cell may speak of another stage or source, and how large a deviation is "较大" is a rule)."""
    row = form.fund()
    if row is None:
        return []
    rate = _row_rate(row.cells.get("budget"), row.cells.get("executed"), row.cells.get("rate"))
    if rate is None:
        return []
    findings = []
    text = ctx.doc.text
    for about, pattern in (("spent", _CLAIMS.spent), ("close", _CLAIMS.close)):
        limit = HUNDRED if about == "spent" else ctx.ref.rules.deviation.explain_rate_below
        for match in pattern.finditer(text, *form.span):
            head = text[text.rfind("|", form.span[0], match.start()) + 1 : match.start()]
            if rate.hi >= limit or _CLAIMS.negated.search(head) or _CLAIMS.condition.search(head):
                continue
            line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end())]
            cells = {key: cell.text for key, cell in row.cells.items()}
            findings.append(
                ctx.relation_finding(
                    "CLAIM_MISMATCH",
                    f"表中称“{match.group(0)}”，但{row.label}全年预算 {cells.get('budget', '—')}、"
                    f"全年执行 {cells.get('executed', '—')}，执行率 {shown(rate.mid, 2)}%",
                    (match.start(), match.end()),
                    expected=f"执行率 {shown(rate.mid, 2)}%",
                    found=match.group(0),
                    proven=False,
                    quote=line,
                )
            )
    return findings


def _row_rate(budget: Value | None, executed: Value | None, rate: Value | None) -> Interval | None:
    """The row's 执行率 in percent: 执行数 ÷ 预算数 at their written precision, else the written rate."""
    if budget is not None and executed is not None and budget.number and executed.number is not None:
        quotient = written(executed.number, executed.places).divided_by(written(budget.number, budget.places))
        if quotient is not None:
            return quotient.scaled(HUNDRED)
    return written(rate.number, rate.places) if rate is not None and rate.number is not None else None
