"""The real-report corpus: published texts with hand-written answer keys, audited as a reviewer receives them.

Each text lives in ``<corpus>/<slug>/`` with ``report.txt``, ``source.yaml`` and ``expected_findings.yaml``
(format: the corpus brief). The text is audited alone (no data); a finding *matches* a contradiction when its
span overlaps one of the contradiction's anchors in the text, or its quote contains one. Recall is over the
key's contradictions; false errors are error findings on texts the key calls clean. Used by the tests
(targets) and by ``bench/real_bench.py`` (figures per kind and per code for BENCHMARKS.md).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from assistant.audit import Finding, audit_text


@dataclass(frozen=True)
class Contradiction:
    id: str
    kind: str
    anchors: tuple[str, ...]
    strength: str


@dataclass(frozen=True)
class RealText:
    slug: str
    text: str
    clean: bool
    contradictions: tuple[Contradiction, ...]
    true_relations: tuple[tuple[str, ...], ...]
    relation_notes: tuple[str, ...] = ()  # each true relation's "relation" text, the key's own arithmetic


@dataclass
class TextResult:
    slug: str
    clean: bool
    findings: list[Finding]
    caught: dict[str, list[str]]  # contradiction id → codes of the findings that match it
    caught_by_error: set[str]  # contradiction ids an error finding matches
    missed: list[Contradiction]
    unmatched_errors: list[Finding]  # errors matching no contradiction
    unmatched: list[Finding]  # errors and warnings matching no contradiction
    silent_broken: list[tuple[str, ...]]  # true relations an error finding lands on
    numbers_read: int = 0
    cross_checked: int = 0


@dataclass
class CorpusReport:
    texts: list[TextResult] = field(default_factory=list)

    @property
    def contradictions(self) -> int:
        return sum(len(t.caught) + len(t.missed) for t in self.texts)

    @property
    def caught(self) -> int:
        return sum(len(t.caught) for t in self.texts)

    @property
    def recall(self) -> float:
        return self.caught / self.contradictions if self.contradictions else 1.0

    @property
    def clean_texts(self) -> list[TextResult]:
        return [t for t in self.texts if t.clean]

    @property
    def false_errors_on_clean(self) -> int:
        return sum(sum(f.severity == "error" for f in t.findings) for t in self.clean_texts)

    @property
    def findings(self) -> int:
        """Errors and warnings over the corpus."""
        return sum(len(t.findings) for t in self.texts)

    @property
    def matching_findings(self) -> int:
        """Errors and warnings that point at one of the key's contradictions."""
        return self.findings - sum(len(t.unmatched) for t in self.texts)

    @property
    def precision(self) -> float:
        """Share of the findings (errors and warnings) that point at a contradiction of the key."""
        return self.matching_findings / self.findings if self.findings else 1.0

    @property
    def errors(self) -> int:
        return sum(sum(f.severity == "error" for f in t.findings) for t in self.texts)

    @property
    def error_precision(self) -> float:
        """Share of the error findings that point at a contradiction of the key."""
        stray = sum(len(t.unmatched_errors) for t in self.texts)
        return (self.errors - stray) / self.errors if self.errors else 1.0

    def by_kind(self) -> dict[str, tuple[int, int]]:
        """Contradiction kind → (caught, total)."""
        totals: Counter[str] = Counter()
        hits: Counter[str] = Counter()
        for text in self.texts:
            kinds = {c.id: c.kind for c in text.missed}
            for cid in text.caught:
                kinds[cid] = self._kind(text, cid)
            for cid, kind in kinds.items():
                totals[kind] += 1
                hits[kind] += cid in text.caught
        return {k: (hits[k], totals[k]) for k in sorted(totals)}

    def by_code(self) -> dict[str, tuple[int, int, int, int]]:
        """Finding code → (contradictions it matches, errors matching none, warnings matching none, all findings)."""
        matched: Counter[str] = Counter()
        stray_errors: Counter[str] = Counter()
        stray_warnings: Counter[str] = Counter()
        every: Counter[str] = Counter()
        for text in self.texts:
            every.update(f.code for f in text.findings)
            matched.update(code for codes in text.caught.values() for code in set(codes))
            stray_errors.update(f.code for f in text.unmatched if f.severity == "error")
            stray_warnings.update(f.code for f in text.unmatched if f.severity != "error")
        return {c: (matched[c], stray_errors[c], stray_warnings[c], every[c]) for c in sorted(every)}

    def by_strength(self) -> dict[str, tuple[int, int, int]]:
        """Key strength (proven/uncertain) → (caught, caught by an error finding, total)."""
        result: dict[str, list[int]] = {}
        for text in self.texts:
            for c in self._contradictions[text.slug]:
                row = result.setdefault(c.strength, [0, 0, 0])
                row[2] += 1
                if c.id in text.caught:
                    row[0] += 1
                    row[1] += c.id in text.caught_by_error
        return {k: (v[0], v[1], v[2]) for k, v in sorted(result.items())}

    def _kind(self, text: TextResult, cid: str) -> str:
        return next(c.kind for c in self._contradictions[text.slug] if c.id == cid)

    _contradictions: dict[str, tuple[Contradiction, ...]] = field(default_factory=dict)


def load_corpus(root: Path) -> list[RealText]:
    texts = []
    for folder in sorted(p for p in root.iterdir() if (p / "expected_findings.yaml").is_file()):
        key = yaml.safe_load((folder / "expected_findings.yaml").read_text(encoding="utf-8")) or {}
        contradictions = tuple(
            Contradiction(
                str(c.get("id")), str(c.get("kind")), tuple(c.get("anchors") or ()), str(c.get("strength"))
            )
            for c in key.get("contradictions") or ()
        )
        relations = tuple(tuple(r.get("anchors") or ()) for r in key.get("true_relations") or ())
        notes = tuple(str(r.get("relation") or "") for r in key.get("true_relations") or ())
        text = (folder / "report.txt").read_text(encoding="utf-8")
        texts.append(RealText(folder.name, text, bool(key.get("clean")), contradictions, relations, notes))
    return texts


def anchor_spans(text: str, anchor: str) -> list[tuple[int, int]]:
    spans, start = [], text.find(anchor)
    while start >= 0:
        spans.append((start, start + len(anchor)))
        start = text.find(anchor, start + 1)
    return spans


def matches(finding: Finding, text: str, anchors: tuple[str, ...]) -> bool:
    """Does the finding point at one of the anchors? Its span overlaps one (or, without a span, its quote
    contains one): a quote alone is too wide, a sentence of a flattened table may hold the whole table."""
    for anchor in anchors:
        if finding.span is None:
            if finding.quote and anchor in finding.quote:
                return True
        else:
            start, end = finding.span
            if any(a < end and start < b for a, b in anchor_spans(text, anchor)):
                return True
    return False


def evaluate(texts: list[RealText]) -> CorpusReport:
    report = CorpusReport()
    for item in texts:
        result = audit_text(item.text)
        findings = [f for f in result.findings if f.severity != "info"]
        caught: dict[str, list[str]] = {}
        by_error: set[str] = set()
        missed = []
        for c in item.contradictions:
            hits = [f for f in findings if matches(f, item.text, c.anchors)]
            if hits:
                caught[c.id] = [f.code for f in hits]
                if any(f.severity == "error" for f in hits):
                    by_error.add(c.id)
            else:
                missed.append(c)
        unmatched = [
            f for f in findings if not any(matches(f, item.text, c.anchors) for c in item.contradictions)
        ]
        unmatched_errors = [f for f in unmatched if f.severity == "error"]
        broken = [r for r in item.true_relations if any(matches(f, item.text, r) for f in unmatched_errors)]
        coverage = result.coverage
        report.texts.append(
            TextResult(
                item.slug,
                item.clean,
                findings,
                caught,
                by_error,
                missed,
                unmatched_errors,
                unmatched,
                broken,
                coverage.numbers_read if coverage else 0,
                coverage.cross_checked if coverage else 0,
            )
        )
        report._contradictions[item.slug] = item.contradictions
    return report
