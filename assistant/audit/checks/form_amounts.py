"""The 年度资金总额 row of the one 自评表 a text writes, as amounts a prose check may read beside the prose's own.

Why apart: the prose's statements (``facts``) leave the form's cells out, yet the form is the text stating its
subject's 全年预算数 and 全年执行数 as plainly as a sentence does. A check that reads a rate's budget or amount spent
from elsewhere (``rate_readings.other_pair``) must see the form's row too: "全年预算数1,326.50 | 全年执行数1,188.27"
gives 89.58 %, whatever sum the prose last wrote as paid ("向成员单位拨付…资金3,265,000元").
Only when the text holds one form (several are several projects' and say nothing of which the rate's subject is),
and only for a rate of the report's, the unit's, or the project the form names.
"""

from __future__ import annotations

from assistant.forms.model import Form
from assistant.numbers import amount_factor

from ..context import AuditContext
from ..prose.interval import Interval, written
from ..prose.model import Statement

_BUDGETS = ("budget", "budget_initial")


def _form_of(ctx: AuditContext, rate: Statement) -> Form | None:
    """The one form, when its 年度资金总额 row may be the rate's subject's."""
    if len(ctx.forms) != 1:
        return None
    form, subject, name = ctx.forms[0], rate.subject, ctx.forms[0].name or ""
    if subject is None or subject.kind in ("report", "unit"):
        return form
    if subject.kind == "project" and name and (subject.name in name or name in subject.name):
        return form
    return None


def form_amounts(
    ctx: AuditContext, rate: Statement, field: str, beside: Statement | None = None
) -> list[Interval]:
    """The row's 全年执行数 (``field`` "executed") or its 预算数 (``field`` "budget", 全年 and 年初), in 万元.

    The same digits as ``beside`` in another unit (a cell 87.35 beside "实际支出资金87.35元") are the figure a unit slip
    is in, no other reading of it."""
    form = _form_of(ctx, rate)
    row = form.fund() if form is not None else None
    if form is None or row is None:
        return []
    factor = amount_factor(form.money_unit)
    keys = _BUDGETS if field == "budget" else (field,)
    amounts = []
    for key in keys:
        cell = row.cells.get(key)
        if cell is None or cell.number is None or cell.percent:
            continue
        if beside is not None and cell.number == beside.raw and beside.unit != form.money_unit:
            continue
        amounts.append(written(cell.number, cell.places).scaled(factor))  # at its written precision, in 万元
    return amounts
