"""INDICATOR_MISMATCH from the text alone: a deadline ("2021年11月30日前完成资金支付") that falls before the
implementation period the same text states for the project ("专项实施期2022年3月-2022年11月").

Why: a 时效指标 cannot require the work done before the project begins; such a date is most often a year carried
over from an earlier form. Which year is meant the text does not say, so it is a warning ("uncertain"), never an
error. Only a deadline (a date followed by 前/以前/之前) before the period's first month is read; a date after the
period's end may be a payment or acceptance that runs on, and is left alone.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("INDICATOR_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    periods = list(_CUES.period.finditer(text))
    if len(periods) != 1:
        return []  # none, or several projects' periods: no one period every date belongs to
    period = periods[0]
    start = (int(period.group("y1")), int(period.group("m1")))
    findings = []
    for deadline in _CUES.deadline.finditer(text):
        when = (int(deadline.group("y")), int(deadline.group("m")))
        if when >= start:
            continue
        findings.append(
            ctx.relation_finding(
                "INDICATOR_MISMATCH",
                f"时限“{deadline.group(0)}”早于文中所述实施期“{period.group('span')}”的开始"
                "（可能沿用了往年的日期，请核对）",
                (deadline.start(), deadline.end()),
                expected=f"{start[0]}年{start[1]}月以后",
                found=deadline.group(0),
                proven=False,
                quote=text[max(0, deadline.start() - 20) : deadline.end() + 10],
            )
        )
    return findings
