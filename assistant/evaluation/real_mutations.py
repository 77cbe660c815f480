"""Break the true relations of the real corpus, one number at a time, and see whether the text audit notices.

The answer keys list relations that hold in each published text (sums, counts, rates, scores). Changing one of
their numbers makes a contradiction the program has never seen, in a real text's own wording and layout: a
stand-in for the held-out reports the targets also speak of. Only anchors that occur once and hold a single
number are changed (otherwise which number the relation means is a guess); the number's leading digit moves by
one, so the value moves by at least a tenth and the text keeps its length. A change is *noticed* when an error
or warning that the unchanged text does not have covers the changed number or another anchor of the relation.
Some relations survive the change (an inequality with room, a relation the key says nothing contradicts):
those changes, judged from the key's own arithmetic (``survival.py``), are reported apart and left out of the
share; other survivors the key's wording does not show stay in it, so the share is still a lower bound.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.audit import Finding, audit_text
from assistant.evaluation.real_corpus import RealText, anchor_spans
from assistant.evaluation.survival import survives

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Mutation:
    slug: str
    anchor: str
    original: str
    changed: str
    noticed: bool
    as_error: bool
    codes: tuple[str, ...] = ()  # codes of the new findings that noticed it
    survives: bool = False  # every relation naming the anchor still holds after the change (no contradiction)


@dataclass
class MutationReport:
    mutations: list[Mutation] = field(default_factory=list)

    @property
    def broken(self) -> list[Mutation]:
        """The changes that do contradict the text: the bench's denominator."""
        return [m for m in self.mutations if not m.survives]

    @property
    def surviving(self) -> list[Mutation]:
        return [m for m in self.mutations if m.survives]

    @property
    def noticed(self) -> int:
        return sum(m.noticed for m in self.broken)

    @property
    def as_error(self) -> int:
        return sum(m.as_error for m in self.broken)

    @property
    def rate(self) -> float:
        return self.noticed / len(self.broken) if self.broken else 1.0

    def by_code(self) -> dict[str, int]:
        """Finding code → how many broken relations a finding of that code noticed."""
        counts: dict[str, int] = {}
        for m in self.broken:
            for code in m.codes:
                counts[code] = counts.get(code, 0) + 1
        return dict(sorted(counts.items()))


def _bump(number: str) -> str:
    """The same number with its leading digit moved by one (9 → 8, otherwise up), same length."""
    head = int(number[0])
    return str(head + 1 if head < 9 else 8) + number[1:]


def _key(finding: Finding) -> tuple:
    return (finding.code, finding.span, finding.message)


def _covers(finding: Finding, spans: list[tuple[int, int]]) -> bool:
    if finding.span is None:
        return False
    start, end = finding.span
    return any(a < end and start < b for a, b in spans)


def mutate_text(item: RealText) -> list[Mutation]:
    """One mutation per single-number anchor of each true relation."""
    baseline = {_key(f) for f in audit_text(item.text).findings if f.severity != "info"}
    done: set[str] = set()
    mutations = []
    notes = item.relation_notes or ("",) * len(item.true_relations)
    for relation in item.true_relations:
        for anchor in relation:
            numbers = list(_NUMBER.finditer(anchor))
            if anchor in done or len(numbers) != 1 or item.text.count(anchor) != 1:
                continue
            done.add(anchor)
            number = numbers[0]
            if number.group().startswith("0"):
                continue  # a zero or 0.x: a leading-digit change is not a tenth of the value
            changed_anchor = anchor[: number.start()] + _bump(number.group()) + anchor[number.end() :]
            at = item.text.index(anchor)
            text = item.text[:at] + changed_anchor + item.text[at + len(anchor) :]
            spans = [(at, at + len(anchor))] + [
                s for a in relation if a != anchor for s in anchor_spans(text, a)
            ]
            new = [
                f
                for f in audit_text(text).findings
                if f.severity != "info" and _key(f) not in baseline and _covers(f, spans)
            ]
            naming = [note for rel, note in zip(item.true_relations, notes, strict=True) if anchor in rel]
            mutations.append(
                Mutation(
                    item.slug,
                    anchor,
                    number.group(),
                    _bump(number.group()),
                    bool(new),
                    any(f.severity == "error" for f in new),
                    tuple(sorted({f.code for f in new})),
                    all(survives(note, number.group(), _bump(number.group())) for note in naming),
                )
            )
    return mutations


def mutate_corpus(texts: list[RealText]) -> MutationReport:
    report = MutationReport()
    for item in texts:
        report.mutations.extend(mutate_text(item))
    return report
