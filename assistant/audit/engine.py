"""Run the checks over a report: parse, pick the reference, read the text's own statements, collect findings.

The reference is the case data (``--data``), else the report's attached 评分表, else the text itself. The
reference checks compare the text with data or table; the text checks (``checks.text_checks``) compare the
text's statements with each other and run in every mode. A text finding that lands where a reference finding
already is adds nothing and is dropped: the reference says which number is wrong, the text only that two
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.rules import RuleSet
from assistant.scoring import UnitScore

from .claims import ClaimExtractor
from .context import AuditContext
from .document import Document, parse_document
from .findings import SEVERITY_ORDER, Finding, summary
from .infer import infer_rules
from .names import NameIndex
from .prose.coverage import Coverage, measure
from .prose.facts import read_facts
from .prose.reference import reference_from_facts
from .reference import Reference, reference_from_score, reference_from_table
from .registry import Check, CheckUnit, Mode, resolve, units


@dataclass
class AuditResult:
    findings: list[Finding]
    reference: Reference
    document: Document
    dismissed: list[Finding] = field(default_factory=list)
    coverage: Coverage | None = None

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
            "coverage": self.coverage.to_json() if self.coverage else None,
        }


def _given_reference(doc: Document, unit: UnitScore | None, rules: RuleSet | None) -> Reference | None:
    """Case data when given, else the attached 评分表 when it has project rows, else None (the text alone)."""
    if unit is not None:
        return reference_from_score(unit)
    if doc.tables:
        reference = reference_from_table(doc.tables[0], rules or infer_rules(doc))
        if reference.projects:
            return reference
    return None


def audit_text(
    text: str,
    unit: UnitScore | None = None,
    rules: RuleSet | None = None,
    checks: list[Check] | None = None,
    dismissed: set[str] | None = None,
) -> AuditResult:
    """Audit a report against scored case data, its own attached table, or (having neither) its own text."""
    doc = parse_document(text)
    reference = _given_reference(doc, unit, rules)
    if reference is not None:
        indicator_names = [[i.name for i in p.indicators] for p in reference.projects]
        extractor = ClaimExtractor(doc, NameIndex([p.name for p in reference.projects]), indicator_names)
        claims = extractor.claims()
        facts = read_facts(doc, extractor, claims)
    else:
        facts = read_facts(doc)
        extractor, claims = facts.extractor, facts.claims
        reference = reference_from_facts(facts, rules or infer_rules(doc))
    ctx = AuditContext(doc, reference, extractor, facts, claims)
    mode: Mode = "text" if reference.source == "text" else "reference"
    run = units(mode) if checks is None else [_unit(check) for check in checks]
    found: list[tuple[CheckUnit, Finding]] = []
    for unit_check in run:
        for finding in unit_check.run(ctx):
            if finding.code not in unit_check.reports:
                raise ValueError(f"check {unit_check.name} reports {finding.code}, which it does not declare")
            found.append((unit_check, finding))
    ordered = sorted(resolve(found), key=_reading_order)
    kept = [f for f in ordered if f.fingerprint not in (dismissed or set())]
    gone = [f for f in ordered if f.fingerprint in (dismissed or set())]
    return AuditResult(kept, reference, doc, gone, measure(doc, facts, reference))


def _reading_order(f: Finding) -> tuple[int, int, str]:
    """Where the finding is, then the most severe first (ties keep ``resolve``'s order: by check, as found)."""
    return (f.span[0] if f.span else 0, SEVERITY_ORDER[f.severity or "info"], f.code)


def _unit(check: Check) -> CheckUnit:
    """A check passed in by the caller (tests): registered ones as registered, others may report any code."""
    for registered in units():
        if registered.run is check:
            return registered
    from .findings import CODES

    return CheckUnit(
        getattr(check, "__name__", "check"), check, (), tuple(CODES), "reference", ("reference",)
    )
