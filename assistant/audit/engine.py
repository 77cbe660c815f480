"""Run the checks over a report: parse, pick the reference, extract claims, collect and order findings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.errors import InputError
from assistant.rules import DEFAULT_RULESET, RuleSet
from assistant.scoring import UnitScore

from .checks import Check, builtin_checks
from .claims import ClaimExtractor
from .context import AuditContext
from .document import Document, Table, parse_document
from .findings import SEVERITY_ORDER, Finding, summary
from .infer import infer_rules, stated_execution_points
from .names import NameIndex
from .reference import Reference, reference_from_score, reference_from_table

if TYPE_CHECKING:
    from assistant.forms import Form

# A sentence of prose, not a title or a page header line: it has a clause mark or some length.
_PROSE = re.compile(r"[，,。；;]|\S{30,}")
_FIGURE_CHARS = frozenset("0123456789.%％０１２３４５６７８９．")


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
    from assistant.forms import read_forms

    forms = read_forms(text)
    doc = _prose_document(text, forms)
    if unit is not None:
        reference = reference_from_score(unit)
    else:
        reference = _self_reference(doc, forms, rules)
    indicator_names = [[i.name for i in p.indicators] for p in reference.projects]
    extractor = ClaimExtractor(doc, NameIndex([p.name for p in reference.projects]), indicator_names)
    ctx = AuditContext(doc, reference, extractor, extractor.claims(), forms)
    findings: list[Finding] = []
    if checks is None and forms and not _prose_outside(doc, forms):
        from .checks import coverage

        # A bare 自评表: its 偏差原因 cells are its analysis; there is no report outline to look for.
        checks = [c for c in builtin_checks() if c is not coverage.check]
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


def _self_reference(doc: Document, forms: list[Form], rules: RuleSet | None) -> Reference:
    """The report's own figures: its summary 评分表, else its 自评表 (one project per form)."""
    from assistant.forms.case import rules_for_forms
    from assistant.rules import load_ruleset

    from .form_reference import reference_from_forms

    if rules is None:
        rules = infer_rules(doc)
        if forms and rules.id == DEFAULT_RULESET and not stated_execution_points(doc.text[: doc.body_end]):
            rules = load_ruleset(rules_for_forms(forms))
    from_forms = reference_from_forms(forms, rules) if forms else None
    if doc.tables:
        table = reference_from_table(doc.tables[0], rules)
        if table.projects and (from_forms is None or len(table.projects) >= max(2, len(from_forms.projects))):
            return table
    if from_forms is not None and from_forms.projects:
        return from_forms
    if not doc.tables and not forms:
        raise InputError.single(
            "报告中没有找到附件评分表（含“项目名称”表头）或项目支出绩效自评表，无法自审；请用 --data 指定案例数据文件"
        )
    raise InputError.single("附件评分表中没有可识别的项目行，无法自审；请用 --data 指定案例数据文件")


def _prose_document(text: str, forms: list[Form]) -> Document:
    """The report parsed for its prose: the numbers of the forms' cells blanked out (offsets and lines kept), so
    that a 自评表's figures are checked by ``checks.form`` and not read as claims of sentences, while its words
    (project and indicator names, 偏差原因 cells) still count where the report explains a deviation; quotes
    still come from the whole text."""
    if not forms:
        return parse_document(text)
    chars = list(text)
    for form in forms:
        for start, end in form.table_spans():
            for index in range(start, min(end, len(chars))):
                if chars[index] in _FIGURE_CHARS:
                    chars[index] = " "
    doc = parse_document("".join(chars))
    doc.text = text.replace("\r\n", "\n").replace("\r", "\n")
    # a Markdown table that is a 自评表 (a Word form's rows) is the form, not a summary 评分表
    doc.tables = [table for table in doc.tables if not _in_a_form(table, forms)]
    return doc


def _in_a_form(table: Table, forms: list[Form]) -> bool:
    starts = [cell[1] for row in table.rows for cell in row[:1]]
    return bool(starts) and any(f.span[0] <= starts[0] < f.span[1] for f in forms)


def _prose_outside(doc: Document, forms: list[Form]) -> bool:
    """Whether the report says anything in prose outside its forms (a report, not a bare form)."""
    spans = [form.span for form in forms]
    return any(not any(a <= s.start < b for a, b in spans) and _PROSE.search(s.text) for s in doc.sentences)
