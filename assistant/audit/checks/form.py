"""Checks a 自评表 read from the report's text against its own arithmetic (``assistant.forms`` reads it).

Bad: 年度资金总额 20 | 20 | 10 | 100.00% | 10 with indicator scores summing to 100 and 总分 100 (they give 110).
Good: 43.2 | 37.24 | 10 | 86% | 9 (37.24 ÷ 43.2 = 86.20%, written as 86%; 10 × 86.20% = 8.62, written as 9).

Each relation is judged at the precision written: 执行率 against 执行数 ÷ 预算数 (and 到位率 against 到位 ÷ 预算),
the 执行率得分 against 执行率 × 分值, a 结余 column against 预算数 − 执行数, the 年度资金总额 row against the sum of its 其中 rows, 总分 against the
indicator scores plus the 执行率得分 (never above what the lost execution points allow), 等级 against 总分, the
一级指标 (N分) headings and the form's own note against the 分值 column, and each quantitative indicator's 得分
against its target, actual and 分值 under the rule set. A relation read from an uncertain reading of a row, or
resting on an assumed 指标性质, is a warning with verdict "uncertain".
From the text alone, what the form's own cells prove is an error; the 执行率得分 and the 等级 rest on a rule, a
warning, unless the form writes it: 得分(20分*执行率) over 10万8万80%20 is an error (20 × 80% = 16, the rate under
its cap), and so is a 等级 against the scale the report states (80（含）～90分为“良”).

The form's parts are checked by ``form_funds`` (the money rows), ``form_scores`` (总分, 等级 and each indicator's
得分) and ``form_weights`` (the 分值 against headings, notes and 总分), over what ``form_checker`` shares.
"""

from __future__ import annotations

from ..context import AuditContext
from ..findings import Finding
from ..registry import check_unit
from .form_funds import FundChecks
from .form_scores import ScoreChecks
from .form_weights import WeightChecks


@check_unit(
    also=(
        "RATE_MISMATCH",
        "SCORE_MISMATCH",
        "TOTAL_MISMATCH",
        "GRADE_MISMATCH",
        "WEIGHT_MISMATCH",
        "REMAINDER_MISMATCH",
        "UNIT_SUSPECT",
    ),
    runs=("reference", "text"),
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for form in ctx.forms:
        scores = ScoreChecks(ctx, form)
        findings += FundChecks(ctx, form).funds() + scores.totals() + WeightChecks(ctx, form).weights()
        findings += scores.indicators()
    return findings
