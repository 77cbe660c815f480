"""Run the checks over a report: parse, pick the reference, read the text's own statements, collect findings.

The reference is the case data (``--data``), else the report's attached 评分表, else the 自评表 a report with
prose of its own attaches (read by ``assistant.forms``), else the text itself. The reference checks compare the
text with data, table or forms; the text checks compare the text's statements with each other and run in every
mode; the forms ``assistant.forms`` reads are checked by their own arithmetic in every mode (``checks.form``). A text finding that lands where a reference finding
already is adds nothing and is dropped: the reference says which number is wrong, the text only that two
disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from assistant.rules import DEFAULT_RULESET, RuleSet
from assistant.scoring import UnitScore

from .attached_tables import Table
from .claims import ClaimExtractor
from .context import AuditContext
from .cues import cues
from .document import Document, parse_document
from .findings import SEVERITY_ORDER, Finding, summary
from .infer import infer_rules, stated_execution_points
from .names import NameIndex
from .prose.coverage import Coverage, measure
from .prose.facts import Facts, read_facts
from .prose.reference import reference_from_facts
from .reading import reading_of
from .reference import Reference, reference_from_score, reference_from_table
from .registry import Check, CheckUnit, Mode, resolve, units
from .repost import doubled_copy
from .unexplained import doubt_unexplained

if TYPE_CHECKING:
    from assistant.forms import Form

_CUES = cues(__name__)
_FIGURE_CHARS = frozenset("0123456789.%％０１２３４５６７８９．")


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


def _given_reference(
    doc: Document, forms: list[Form], unit: UnitScore | None, rules: RuleSet
) -> Reference | None:
    """Case data when given, else the attached 评分表, else the 自评表 (``assistant.forms``) a report attaches,
    when they have project rows; else None: the text alone (a bare or copied form is checked by its own
    arithmetic, ``checks.form``, and its rows read as statements)."""
    if unit is not None:
        return reference_from_score(unit)
    from .form_reference import reference_from_forms

    from_forms = reference_from_forms(forms, rules) if forms and _prose_outside(doc, forms) else None
    if doc.tables:
        table = reference_from_table(doc.tables[0], rules)
        if table.projects and (from_forms is None or len(table.projects) >= max(2, len(from_forms.projects))):
            return _with_form_indicators(table, from_forms)
    if from_forms is not None and from_forms.projects:
        return from_forms
    return None


def _with_form_indicators(table: Reference, from_forms: Reference | None) -> Reference:
    """A summary table of the projects' money names no indicator; the 自评表 the report attaches for each project
    does: a table project with none takes the indicators of the form project of the same name, so a figure the
    prose writes after an indicator's name ("污水处理量实际完成12百元") is read as that indicator's, not as money
    of the project."""
    if from_forms is None:
        return table
    by_name = {p.name: p.indicators for p in from_forms.projects if p.indicators}
    for project in table.projects:
        if not project.indicators and project.name in by_name:
            project.indicators = list(by_name[project.name])
    return table


def _self_rules(doc: Document, forms: list[Form]) -> RuleSet:
    """The rule set the report states; a report of forms that states none is scored by its forms' layout."""
    from assistant.forms.case import rules_for_forms
    from assistant.rules import load_ruleset

    rules = infer_rules(doc)
    if forms and rules.id == DEFAULT_RULESET and not stated_execution_points(doc.text[: doc.body_end]):
        rules = load_ruleset(rules_for_forms(forms))
    return rules


def audit_text(
    text: str,
    unit: UnitScore | None = None,
    rules: RuleSet | None = None,
    checks: list[Check] | None = None,
    dismissed: set[str] | None = None,
) -> AuditResult:
    """Audit a report against scored case data, its own attached table or 自评表, or (having none) its own text."""
    reading = reading_of(text)
    if reading is None:
        result = _audit_read(text, unit, rules, checks, dismissed)
    else:
        # full-width figures, a PDF's line ends or a converted traditional copy: read in plain form, findings
        # pointed back at the text
        result = _audit_read(reading.text, unit, rules, checks, dismissed)
        for finding in (*result.findings, *result.dismissed):
            if finding.span is not None:
                finding.span = reading.span(*finding.span)
                finding.line = text.count("\n", 0, finding.span[0]) + 1
            if len(reading.text) == len(text):  # figures read in ASCII: quote them as the text writes them
                finding.quote = reading.published(finding.quote, text)
                finding.found = reading.published(finding.found, text)
            finding.message = reading.lines_as_given(finding.message, text)
    if doubled_copy(text):
        _doubt_every_error(result)
    return result


def _doubt_every_error(result: AuditResult) -> None:
    """A copy that writes its numbers twice ("106.5106.5 萬元") proves nothing by them: errors become doubts."""
    for finding in result.findings:
        if finding.severity == "error":
            finding.severity = "warning"
            finding.verdict = "uncertain"
            finding.message += "（原文数字有重复书写，疑为转载错误，请核对原文）"


def _audit_read(
    text: str,
    unit: UnitScore | None,
    rules: RuleSet | None,
    checks: list[Check] | None,
    dismissed: set[str] | None,
) -> AuditResult:
    from assistant.forms import read_forms

    forms = read_forms(text)
    doc = _prose_document(text, forms)
    rules = rules or _self_rules(doc, forms)
    reference = _given_reference(doc, forms, unit, rules)
    if reference is not None:
        indicator_names = [[i.name for i in p.indicators] for p in reference.projects]
        extractor = ClaimExtractor(doc, NameIndex([p.name for p in reference.projects]), indicator_names)
        claims = extractor.claims()
        facts = read_facts(doc, extractor, claims)
    else:
        # the text alone: its forms' rows are read as statements by ``prose`` too (the figures kept)
        doc = parse_document(text)
        facts = read_facts(doc)
        extractor, claims = facts.extractor, facts.claims
        reference = reference_from_facts(facts, rules)
    ctx = AuditContext(doc, reference, extractor, facts, claims, forms)
    mode: Mode = "text" if reference.source == "text" else "reference"
    run = units(mode) if checks is None else [_unit(check) for check in checks]
    if checks is None and forms and not _outline(doc, forms):
        # A bare or copied 自评表: its 偏差原因 cells are its analysis; there is no report outline to look for.
        run = [u for u in run if u.name != "coverage"]
    found: list[tuple[CheckUnit, Finding]] = []
    for unit_check in run:
        for finding in unit_check.run(ctx):
            if finding.code not in unit_check.reports:
                raise ValueError(f"check {unit_check.name} reports {finding.code}, which it does not declare")
            if unit_check.basis == "text" or reference.source == "text":
                doubt_unexplained(finding, doc.spaced)
            found.append((unit_check, finding))
    ordered = sorted(resolve(found), key=_reading_order)
    kept = [f for f in ordered if f.fingerprint not in (dismissed or set())]
    gone = [f for f in ordered if f.fingerprint in (dismissed or set())]
    _mark_found(facts, kept)
    coverage = measure(doc, facts, reference, forms if mode == "reference" else ())  # figures blanked there
    return AuditResult(kept, reference, doc, gone, coverage)


def _mark_found(facts: Facts, findings: list[Finding]) -> None:
    """A finding compared the figures it points at, though its check may not have said so (``Facts.mark``): its span
    counts as cross-checked when no mark already falls in it, so a report with a finding never reads "nothing
    cross-checked"."""
    for f in findings:
        if f.severity == "info" or f.span is None:
            continue
        low, high = f.span
        if not any(a < high and low < b for a, b in facts.checked):
            facts.checked.add(f.span)


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


def _outline(doc: Document, forms: list[Form]) -> bool:
    """A report's outline outside its forms: a numbered section heading of a known part."""
    spans = [form.span for form in forms]
    outside = [h for h in doc.headings if not any(a <= h.start < b for a, b in spans)]
    return any(h.level == 1 and h.role != "body" for h in outside)


def _prose_outside(doc: Document, forms: list[Form]) -> bool:
    """Whether the report says anything in prose outside its forms (a report, not a bare form)."""
    spans = [form.span for form in forms]
    return any(
        not any(a <= s.start < b for a, b in spans) and _CUES.prose.search(s.text) for s in doc.sentences
    )
