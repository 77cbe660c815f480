"""The one object every check receives: the parsed report, the reference data, the claims, a finding factory.

A check reports (returns findings); the engine runs checks, removes duplicates and sorts (see ``engine``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from assistant.numbers import amount_factor
from assistant.numbers.precision import shown

from .claims import Claim, ClaimExtractor
from .document import Document, Sentence
from .findings import Finding, Severity, Verdict
from .reference import Reference, RefProject

if TYPE_CHECKING:
    from assistant.forms import Form

FIELD_NAMES = {
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "executed": "全年执行数",
    "unspent": "未执行（结余）金额",
    "rate": "预算执行率",
    "score": "得分",
}


@dataclass
class AuditContext:
    doc: Document
    ref: Reference
    extractor: ClaimExtractor
    claims: list[Claim] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)  # 自评表 read from the text (``assistant.forms``)
    _by_sentence: dict[int, list[Claim]] | None = field(default=None, init=False, repr=False)

    def claims_of(self, sentence: Sentence) -> list[Claim]:
        """The claims made in ``sentence``, in order (indexed on first use: checks look up many sentences)."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for claim in self.claims:
                self._by_sentence.setdefault(id(claim.sentence), []).append(claim)
        return self._by_sentence.get(id(sentence), [])

    def project(self, index: int | None) -> RefProject | None:
        return self.ref.projects[index] if index is not None and index < len(self.ref.projects) else None

    def section_title(self, offset: int) -> str | None:
        title = None
        for heading in self.doc.headings:
            if heading.start > offset:
                break
            if heading.level == 1:
                title = heading.text
        return title

    def finding(
        self,
        code: str,
        message: str,
        *,
        sentence: Sentence | None = None,
        span: tuple[int, int] | None = None,
        quote: str | None = None,
        project: str | None = None,
        expected: str | None = None,
        found: str | None = None,
        verdict: Verdict = "false",
        severity: Severity | None = None,
    ) -> Finding:
        """Build a finding located at ``span`` (or the sentence), quoting the sentence."""
        if span is None and sentence is not None:
            span = (sentence.start, sentence.end)
        offset = span[0] if span else None
        if quote is None:
            quote = (
                sentence.text if sentence is not None else (self.doc.text[span[0] : span[1]] if span else "")
            )
        return Finding(
            code=code,
            message=message,
            quote=quote[:160],
            severity=severity,
            verdict=verdict,
            section=self.section_title(offset) if offset is not None else None,
            line=self.doc.line_of(offset) if offset is not None else None,
            span=span,
            project=project,
            expected=expected,
            found=found,
        )


def claim_span(claim: Claim) -> tuple[int, int]:
    start = claim.sentence.start + claim.mention.start
    return start, claim.sentence.start + claim.mention.end


def in_written_unit(value_wan: Decimal, unit: str | None) -> Decimal:
    """An amount in 万元 expressed in the unit the writer used (元, 千元, 万元, 亿元, bare 万/亿)."""
    return value_wan / amount_factor(unit)


def money(value_wan: Decimal, written_unit: str | None, places: int | None = None) -> str:
    """An amount in the unit the writer used, for messages (a bare 万/亿 is shown as 万元/亿元)."""
    unit = {"万": "万元", "亿": "亿元", None: "万元"}.get(written_unit, written_unit)
    value = in_written_unit(value_wan, unit)
    text = shown(value, places) if places is not None else format(value.normalize(), "f")
    return f"{text}{unit}"
