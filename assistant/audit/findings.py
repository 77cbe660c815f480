"""Findings: what the audit reports, with evidence, and their stable fingerprints and JSON form."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning", "info"]
Verdict = Literal["false", "missing", "uncertain"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# Every check code with its default severity and a one-line Chinese description (the docs' table).
CODES: dict[str, tuple[Severity, str]] = {
    "AMOUNT_MISMATCH": ("error", "文中金额与该项目该口径的数据不符"),
    "RATE_MISMATCH": ("error", "文中执行率与执行数÷预算数不符（按所写精度）"),
    "TOTAL_MISMATCH": ("error", "文中合计与各项目之和不符"),
    "SCORE_MISMATCH": ("error", "文中得分与评分结果不符"),
    "INDICATOR_MISMATCH": ("error", "文中指标的年度指标值、实际完成值或完成率与数据不符"),
    "GRADE_MISMATCH": ("error", "文中等级与得分所在等级区间不符"),
    "WEIGHT_MISMATCH": ("error", "自评表的分值与一级指标标注、填表说明或总分分值不符"),
    "COUNT_MISMATCH": ("error", "文中项目个数或等级个数与实际不符"),
    "ARITHMETIC_MISMATCH": ("warning", "数量×单价与金额不符"),
    "UNIT_SUSPECT": ("error", "疑似单位错误（元/万元、%/百分点）"),
    "CLAIM_MISMATCH": ("error", "全称判断或定性表述与数据不符（如“全部为优”“均达100%”“全面完成”）"),
    "REMAINDER_MISMATCH": ("error", "“剩余X%”与未执行比例不符"),
    "UNEXPLAINED_DEVIATION": ("error", "需说明的偏差未写原因或改进措施"),
    "MISSING_PROJECT_ANALYSIS": ("warning", "项目未在目标完成情况分析中分析"),
    "NAME_MISMATCH": ("warning", "项目名称与数据中的名称不一致"),
    "UNATTRIBUTED_CLAIM": ("info", "无法确定该数字所指的项目或口径"),
    "PLACEHOLDER_LEFT": ("warning", "报告中还有【待补充】，尚未完成"),
}


@dataclass
class Finding:
    """One contradiction or omission, located in the text, with what was expected and what was found."""

    code: str
    message: str
    quote: str
    severity: Severity | None = None
    verdict: Verdict = "false"
    section: str | None = None
    line: int | None = None
    span: tuple[int, int] | None = None
    project: str | None = None
    expected: str | None = None
    found: str | None = None
    fingerprint: str = field(default="", init=False)

    def __post_init__(self) -> None:
        if self.severity is None:
            self.severity = CODES[self.code][0]
        basis = "|".join(
            (self.code, self.project or "", _squash(self.quote), self.found or "", self.expected or "")
        )
        self.fingerprint = hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]

    def to_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "severity": self.severity,
            "verdict": self.verdict,
            "message": self.message,
            "section": self.section,
            "line": self.line,
            "span": list(self.span) if self.span else None,
            "quote": self.quote,
            "project": self.project,
            "expected": self.expected,
            "found": self.found,
            "fingerprint": self.fingerprint,
        }


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def summary(findings: list[Finding]) -> dict[str, int]:
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in findings:
        counts[f.severity or "info"] += 1
    return counts
