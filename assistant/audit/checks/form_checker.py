"""Part of ``checks.form``: what its parts share over one 自评表 — the form's name, whether the scoring rule is
assumed (no case data), how a finding is written, and the 预算执行率 item's points and score.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.forms.model import Form, FundRow

from ..context import AuditContext
from ..findings import Finding

HUNDRED = Decimal(100)


class FormChecker:
    """One form's checks: the parts (``form_funds``, ``form_scores``, ``form_weights``) subclass it."""

    def __init__(self, ctx: AuditContext, form: Form) -> None:
        self.ctx, self.form = ctx, form
        self.name = form.name or form.unit_name or "自评表"
        # audited without case data, the scoring rule is assumed (national, or the form's layout), not stated:
        # a score that rests on it may follow a province's or department's own rule (a warning)
        self.rule_assumed = ctx.ref.source != "data"
        self.rule_note = "（评分规则可能不同，请核对）" if self.rule_assumed else ""

    def _finding(
        self,
        code: str,
        message: str,
        where: tuple[int, int],
        expected: str,
        found: str,
        *,
        uncertain: bool = False,
        quoted: tuple[int, int] | None = None,
    ) -> Finding:
        """A finding at ``where``, quoting the text around ``quoted`` (the cell the message names) or ``where``."""
        at = quoted or where
        line_start = self.ctx.doc.text.rfind("\n", 0, at[0]) + 1
        quote = self.ctx.doc.text[max(line_start, at[0] - 30) : at[1] + 30].strip()
        return self.ctx.finding(
            code,
            message,
            span=where,
            quote=" ".join(quote.split()),
            project=self.name,
            expected=expected,
            found=found,
            verdict="uncertain" if uncertain else "false",
            severity="warning" if uncertain else None,
        )

    def _execution_points_and_score(self) -> tuple[Decimal, Decimal] | None:
        total = self.form.fund()
        if total is None:
            return None
        points = total.number("points") or self.form.execution_points
        score = total.number("score")
        if points is None:
            return None
        if score is None:
            rate = execution_rate(total)
            if rate is None:
                return None
            score = self.ctx.ref.rules.round_score(points * min(rate, HUNDRED) / HUNDRED)
        return points, score


def execution_rate(row: FundRow) -> Decimal | None:
    """The row's execution rate in percent: from its amounts, else as written."""
    budget = row.number("budget_net") if "budget_net" in row.cells else row.number("budget")
    executed = row.number("executed")
    if budget and executed is not None:
        return executed / budget * HUNDRED
    stated = row.cells.get("rate")
    if stated is None or stated.number is None:
        return None
    return stated.number if stated.percent or stated.number > 2 else stated.number * HUNDRED


def plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text
