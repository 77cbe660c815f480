"""The one object every check receives: the parsed report, the reference data, the claims, a finding factory.

A check reports (returns findings); the engine runs checks, removes duplicates and sorts (see ``engine``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, TypedDict, Unpack

from assistant.numbers import amount_factor
from assistant.numbers.precision import shown
from assistant.vocabulary import MONEY_TERMS, SCORE

from .claims import Claim, ClaimExtractor
from .document import Document, Sentence
from .findings import Finding, Severity, Verdict
from .prose.facts import Facts
from .prose.model import Statement
from .prose.standard_pairs import Pairing, pairings
from .prose.subject_values import SubjectValues
from .reference import Reference, RefProject

if TYPE_CHECKING:
    from assistant.forms import Form


class Details(TypedDict, total=False):
    """What a finding says beyond its code, message and place (``Finding``'s fields of the same names)."""

    project: str | None
    expected: str | None
    found: str | None
    verdict: Verdict
    severity: Severity | None
    tied: bool


# How messages name a field: the vocabulary's key, except the computed ones.
FIELD_NAMES = {
    **{term.attr: term.key for term in MONEY_TERMS},
    "unspent": "未执行（结余）金额",
    "rate": "预算执行率",
    "score": SCORE.key,
}


@dataclass
class AuditContext:
    doc: Document
    ref: Reference
    extractor: ClaimExtractor
    facts: Facts  # what the text itself states (subjects, statements, breakdowns), for the text checks
    claims: list[Claim] = field(default_factory=list)
    forms: list[Form] = field(default_factory=list)  # 自评表 read from the text (``assistant.forms``)
    _by_sentence: dict[int, list[Claim]] | None = field(default=None, init=False, repr=False)

    @cached_property
    def values(self) -> SubjectValues:
        """Each subject's budget and executed amount as the text states them (the text checks share one)."""
        return SubjectValues(self.facts)

    @cached_property
    def pairings(self) -> list[Pairing]:
        """The counts paired with their standards, paragraph by paragraph (``prose.standard_pairs``): read once,
        compared by ``text_arithmetic`` and left to it by ``text_standard_products``."""
        return pairings(self)

    def stated_rates(self) -> Iterator[tuple[Statement, str]]:
        """Each percentage the text states exactly as a value, with the words before it in its sentence (where
        its 口径 is named): where every rate check starts."""
        for s in self.facts.statements:
            if s.kind == "percent" and s.role == "value" and s.exact_claim and s.sentence is not None:
                yield s, self.doc.text[s.sentence.start : s.span[0]]

    def claims_of(self, sentence: Sentence) -> list[Claim]:
        """The claims made in ``sentence``, in order (indexed on first use: checks look up many sentences)."""
        if self._by_sentence is None:
            self._by_sentence = {}
            for claim in self.claims:
                self._by_sentence.setdefault(id(claim.sentence), []).append(claim)
        return self._by_sentence.get(id(sentence), [])

    def project(self, index: int | None) -> RefProject | None:
        return self.ref.projects[index] if index is not None and index < len(self.ref.projects) else None

    def claim_project(self, claim: Claim) -> RefProject | None:
        """The project a claim is about, when it speaks of one project (not a total, a part or nothing)."""
        return self.project(claim.project) if claim.scope == "project" else None

    def section_title(self, offset: int) -> str | None:
        section = self.doc.section_at(offset)
        return section.text if section else None

    def claim_finding(
        self, claim: Claim, code: str, message: str, *, subject: str | None = None, **details: Unpack[Details]
    ) -> Finding:
        """A finding on one claim's number: located at the number, quoting its sentence, ``found`` as written.

        ``subject`` names what the claim is about; it becomes the finding's project only when the claim speaks
        of one project (a total or a part of the projects is no project)."""
        if details.get("project") is None and claim.scope == "project":
            details["project"] = subject
        if details.get("found") is None:
            details["found"] = claim.mention.text
        return self.finding(code, message, span=claim_span(claim), quote=claim.sentence.text, **details)

    def phrase_finding(
        self, sentence: Sentence, match: re.Match[str], code: str, message: str, **details: Unpack[Details]
    ) -> Finding:
        """A finding on the words ``match`` found in ``sentence``: located at them, quoting the sentence,
        ``found`` as written."""
        start = sentence.start + match.start()
        span = (start, start + len(match.group(0)))
        return self.finding(
            code, message, span=span, quote=sentence.text, **{**details, "found": match.group(0)}
        )

    def unattributed(
        self, claim: Claim, what: str, candidates: Iterable[Decimal], of: str = "项目"
    ) -> Finding | None:
        """A number no project (or 口径) could be found for: uncertain, unless it states one of ``candidates``
        (true values in the number's own unit), as any project's figure would."""
        if any(claim.fits(value) for value in candidates):
            return None
        return self.claim_finding(
            claim,
            "UNATTRIBUTED_CLAIM",
            f"无法确定{what} {claim.mention.text} 所指的{of}，且与任何项目的{what}都不相符，请核对",
            verdict="uncertain",
        )

    def finding(
        self,
        code: str,
        message: str,
        *,
        sentence: Sentence | None = None,
        span: tuple[int, int] | None = None,
        quote: str | None = None,
        **details: Unpack[Details],
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
            section=self.section_title(offset) if offset is not None else None,
            line=self.doc.line_of(offset) if offset is not None else None,
            span=span,
            **details,
        )

    def relation_finding(
        self,
        code: str,
        message: str,
        span: tuple[int, int],
        *,
        expected: str | None,
        found: str | None,
        proven: bool = True,
        quote: str | None = None,
        project: str | None = None,
        tied: bool = False,
    ) -> Finding:
        """A finding on numbers of the text that do not agree with each other (the text checks).

        ``proven``: the text's own numbers prove it (an error); otherwise it rests on a rule or on reading two
        numbers as one quantity (a warning with verdict "uncertain"). ``tied``: by the text's form (``Finding.tied``).
        """
        return self.finding(
            code,
            message,
            span=span,
            quote=quote,
            project=project,
            expected=expected,
            found=found,
            verdict="false" if proven else "uncertain",
            severity="error" if proven else "warning",
            tied=tied,
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
