"""REPEAT_MISMATCH from the text alone: a project's 执行率 written in the prose against the rate its row of a money
table gives (序号 | 项目名称 | 全年预算数 | 全年执行数 | 执行率).

Bad: a row "1 | 乡村道路养护 | 300.00 | 285.00 | 95.00%" and, under "（一）乡村道路养护项目。", "全年预算300.00万元，
执行率98.00%". Good: the prose writes 95.00% (or 95%: each rate is read at its own precision).
The row speaks for the project only when its own rate agrees with its amounts (a row that does not is
``text_table_rates``' finding) and the prose names the project as its subject (a heading, an item head). A prose
sentence that states the project's executed amount, or a budget other than the row's, speaks of another 口径 (its
own check reads it). Pairing a row with a prose subject by name is a reading: a warning ("uncertain").
"""

from __future__ import annotations

from ..context import AuditContext
from ..findings import Finding
from ..names import name_key
from ..prose.evidence import quote_of
from ..prose.model import Statement
from ..registry import check_unit
from .text_table_rates import MoneyRow, money_rows


@check_unit(also=("REPEAT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    rows: dict[str, list[MoneyRow]] = {}
    for row in money_rows(ctx.doc.text):
        rows.setdefault(name_key(row.name.text), []).append(row)
    if not rows:
        return []
    findings = []
    for rate in ctx.facts.statements:
        if rate.kind != "percent" or rate.field != "rate" or rate.role != "value" or not rate.exact_claim:
            continue
        if rate.subject is None or rate.subject.kind != "project" or rate.sentence is None:
            continue
        named = rows.get(name_key(rate.subject.name), [])
        if len(named) != 1 or not _same_money(ctx, rate, named[0]):
            continue
        row = named[0]
        ctx.facts.mark(rate)
        if rate.interval().overlaps(row.rate.interval()):
            continue
        findings.append(
            ctx.relation_finding(
                "REPEAT_MISMATCH",
                f"「{rate.subject.name}」的执行率在表中写作 {row.rate_cell.text}（与该行执行数÷预算数相符），"
                f"此处写作 {rate.text}",
                rate.span,
                expected=row.rate_cell.text,
                found=rate.text,
                proven=False,
                quote=quote_of(ctx.doc.text, rate),
            )
        )
    return findings


def _same_money(ctx: AuditContext, rate: Statement, row: MoneyRow) -> bool:
    """Does the rate's sentence speak of the row's money: no executed amount of its own, and any budget it states
    the row's?"""
    own = [
        s for s in ctx.facts.in_sentence(rate.sentence) if s.kind == "amount" and s.subject == rate.subject
    ]
    if any(s.field == "executed" for s in own):
        return False  # the sentence gives its own rate: ``text_rates`` reads it
    budgets = [s for s in own if s.field in ("budget", "budget_initial")]
    return all(s.interval().overlaps(row.budget.interval()) for s in budgets)
