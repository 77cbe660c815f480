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
A second kind of change writes the anchor's money unit in the other one (万元 ↔ 元): the slip reports make most.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from assistant.audit import Finding, audit_text
from assistant.evaluation.real_corpus import RealText, anchor_spans
from assistant.evaluation.survival import survives

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_MONEY_UNIT = re.compile(r"\s*(?:万元|元)")


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


def mutate_text(item: RealText, slip: str = "digit") -> list[Mutation]:
    """One mutation per single-number anchor of each true relation: its leading digit moved (``slip="digit"``),
    or its money unit written in the other one, 万元 for 元 or 元 for 万元 (``slip="unit"``, the slip of PITFALLS:
    the figure right, the unit wrong; every relation of the amount breaks, so none survives)."""
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
            change = (
                _digit_change(anchor, numbers[0]) if slip == "digit" else _unit_change(anchor, numbers[0])
            )
            if change is None:
                continue
            changed_anchor, original, changed = change
            at = item.text.index(anchor)
            text = item.text[:at] + changed_anchor + item.text[at + len(anchor) :]
            spans = [(at, at + len(changed_anchor))] + [
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
                    original,
                    changed,
                    bool(new),
                    any(f.severity == "error" for f in new),
                    tuple(sorted({f.code for f in new})),
                    slip == "digit" and all(survives(note, original, changed) for note in naming),
                )
            )
    return mutations


def _digit_change(anchor: str, number: re.Match[str]) -> tuple[str, str, str] | None:
    """The anchor with its number's leading digit moved; None for a zero or 0.x (not a tenth of the value)."""
    if number.group().startswith("0"):
        return None
    bumped = _bump(number.group())
    return anchor[: number.start()] + bumped + anchor[number.end() :], number.group(), bumped


def _unit_change(anchor: str, number: re.Match[str]) -> tuple[str, str, str] | None:
    """The anchor with the money unit right after its number written in the other unit ("124万元" → "124元")."""
    unit = _MONEY_UNIT.match(anchor, number.end())
    if unit is None or number.group().strip("0.") == "":
        return None
    written, other = unit.group(), "元" if unit.group() == "万元" else "万元"
    changed = anchor[: unit.start()] + other + anchor[unit.end() :]
    return changed, number.group() + written, number.group() + other


def mutate_corpus(texts: list[RealText], slip: str = "digit") -> MutationReport:
    report = MutationReport()
    for item in texts:
        report.mutations.extend(mutate_text(item, slip))
    return report
