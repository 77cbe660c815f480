"""Checking a report the officer brings (pasted or uploaded): never against unrelated data.

By default a report is checked against itself: its attached score table when it has one, else its own text
(the text-only audit: its statements against each other, with the coverage said plainly).
Against a case (the session's or an uploaded file) only when the officer chooses, and only after
``mismatch_reasons`` finds nothing that says the report is another unit's, another year's or other projects';
otherwise the officer is asked first. ``AuditMemo`` keeps the audit tab's text and result with the session.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.audit import AuditResult, Finding, audit_text
from assistant.audit.names import NameIndex
from assistant.models import Case
from assistant.scoring import UnitScore

Source = Literal["self", "session", "file"]
_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_TITLE = re.compile(
    r"^\s*#*\s*(?P<unit>[^\s，。：]{2,40}?)(?:19|20)\d{2}\s*年度?.{0,20}?(?:绩效自评|自评报告|绩效评价)"
)
NO_TABLE = "报告没有附评分表"


@dataclass
class CheckOutcome:
    """What the audit tab shows: a result, or a question for the officer (``ask``), and one message."""

    message: str
    result: AuditResult | None = None
    ask: bool = False


def report_year(text: str) -> int | None:
    """The year a report is about: the year it names most often (project names' years are rarer)."""
    years = Counter(int(y) for y in _YEAR.findall(text))
    return years.most_common(1)[0][0] if years else None


def mismatch_reasons(text: str, case: Case) -> list[str]:
    """Why ``text`` looks like a report on something other than ``case`` (empty when nothing says so)."""
    reasons = []
    year = report_year(text)
    if year is not None and year != case.year:
        reasons.append(f"报告写的是 {year} 年度，对照的数据是 {case.year} 年度")
    title = next((m for line in text.splitlines()[:5] if (m := _TITLE.match(line))), None)
    if title and case.unit not in text and title.group("unit") not in case.unit:
        reasons.append(f"报告的单位是「{title.group('unit')}」，对照的数据是「{case.unit}」")
    named = {m.project for m in NameIndex([p.name for p in case.projects]).find(text)}
    if len(named) * 2 < len(case.projects) or not named:
        reasons.append(f"对照数据的 {len(case.projects)} 个项目中，报告只提到 {len(named)} 个")
    return reasons


def check_report(
    text: str, source: Source, unit: UnitScore | None, basis: str, *, confirmed: bool = False
) -> CheckOutcome:
    """Audit ``text`` against itself (``source`` "self") or against ``unit`` (described by ``basis``)."""
    if not text.strip():
        return CheckOutcome("**未完成**　请粘贴报告文字或上传报告文件")
    if source == "self":
        return _self_check(text)
    if unit is None:
        raise ValueError("a case is needed to check against data")
    reasons = mismatch_reasons(text, unit.case)
    if reasons and not confirmed:
        return CheckOutcome(
            f"**请先确认**　这份报告看起来不是{basis}的：{'；'.join(reasons)}。"
            "对照无关的数据会得出大量错误的“不一致”。仍要对照吗？（点“仍然对照”；或改选“只检查报告本身”）",
            ask=True,
        )
    result = audit_text(text, unit)
    note = f"（已确认：{'；'.join(reasons)}）" if reasons else ""
    return CheckOutcome(f"**已完成**　已对照{basis}审核{note}，发现 {len(result.findings)} 项。", result)


def _self_check(text: str) -> CheckOutcome:
    """Against the attached table when there is one, else the text against its own statements; the coverage
    says how much could be checked, so an empty list means something."""
    result = audit_text(text, None)
    coverage = f"{result.coverage.describe()}。" if result.coverage else ""
    if result.reference.source == "table":
        return CheckOutcome(
            f"**已完成**　已按报告所附评分表审核，发现 {len(result.findings)} 项。{coverage}", result
        )
    return CheckOutcome(
        f"**已完成**　{NO_TABLE}，已按报告文字自身前后核对（合计与分项、执行率与金额、得分与总分等），"
        f"发现 {len(result.findings)} 项。{coverage}",
        result,
    )


# --- the audit tab's memory ------------------------------------------------------------------------------


@dataclass
class AuditMemo:
    """The audit tab of a session: the text, the chosen basis, the message and the findings shown."""

    text: str = ""
    source: str = "self"
    message: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    checked: bool = False  # the findings belong to ``text`` (an edit of the text clears them)

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "message": self.message,
            "findings": list(self.findings),
            "checked": self.checked,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> AuditMemo:
        data = data or {}
        return cls(
            text=str(data.get("text") or ""),
            source=str(data.get("source") or "self"),
            message=str(data.get("message") or ""),
            findings=[dict(f) for f in data.get("findings") or []],
            checked=bool(data.get("checked")),
        )

    def finding_objects(self) -> list[Finding]:
        return [finding_from_json(f) for f in self.findings]


def finding_from_json(data: dict[str, Any]) -> Finding:
    """A finding back from its JSON form (its fingerprint is recomputed and equals the saved one)."""
    span = data.get("span")
    return Finding(
        code=str(data["code"]),
        message=str(data.get("message") or ""),
        quote=str(data.get("quote") or ""),
        severity=data.get("severity"),
        verdict=data.get("verdict") or "false",
        section=data.get("section"),
        line=data.get("line"),
        span=(int(span[0]), int(span[1])) if span else None,
        project=data.get("project"),
        expected=data.get("expected"),
        found=data.get("found"),
    )
