"""Run the checks over a report: parse, pick the reference, extract claims, collect and order findings."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.errors import InputError
from assistant.rules import RuleSet
from assistant.scoring import UnitScore

from .checks import Check, builtin_checks
from .claims import ClaimExtractor
from .context import AuditContext
from .document import Document, parse_document
from .findings import SEVERITY_ORDER, Finding, summary
from .infer import infer_rules
from .names import NameIndex
from .reference import Reference, reference_from_score, reference_from_table


@dataclass
class AuditResult:
    findings: list[Finding]
    reference: Reference
    document: Document
    dismissed: list[Finding] = field(default_factory=list)

    @property
    def summary(self) -> dict[str, int]:
        return summary(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.severity == "error" for f in self.findings)

    def to_json(self) -> dict:
        return {
            "findings": [f.to_json() for f in self.findings],
            "summary": self.summary,
            "reference": self.reference.source,
            "projects": len(self.reference.projects),
        }


def audit_text(
    text: str,
    unit: UnitScore | None = None,
    rules: RuleSet | None = None,
    checks: list[Check] | None = None,
    dismissed: set[str] | None = None,
) -> AuditResult:
    """Audit a report against scored case data, or against its own attached table when ``unit`` is None."""
    doc = parse_document(text)
    if unit is not None:
        reference = reference_from_score(unit)
    else:
        if not doc.tables:
            raise InputError.single(
                "报告中没有找到附件评分表（含“项目名称”表头），无法自审；请用 --data 指定案例数据文件"
            )
        reference = reference_from_table(doc.tables[0], rules or infer_rules(doc))
        if not reference.projects:
            raise InputError.single("附件评分表中没有可识别的项目行，无法自审；请用 --data 指定案例数据文件")
    indicator_names = [[i.name for i in p.indicators] for p in reference.projects]
    extractor = ClaimExtractor(doc, NameIndex([p.name for p in reference.projects]), indicator_names)
    ctx = AuditContext(doc, reference, extractor, extractor.claims())
    findings: list[Finding] = []
    for check in checks or builtin_checks():
        findings.extend(check(ctx))
    unique = {f.fingerprint: f for f in findings}
    ordered = sorted(
        unique.values(),
        key=lambda f: (f.span[0] if f.span else 0, SEVERITY_ORDER[f.severity or "info"], f.code),
    )
    kept = [f for f in ordered if f.fingerprint not in (dismissed or set())]
    gone = [f for f in ordered if f.fingerprint in (dismissed or set())]
    return AuditResult(kept, reference, doc, gone)
