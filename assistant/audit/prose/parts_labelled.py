"""Parallel labelled lists: "共扶持1967户，种植蔬菜5000亩，核心区1000亩。其中：A村570户，种植蔬菜1515亩，核心区400亩；
B村571户，种植蔬菜1204亩；…" — the total's sentence states two or more totals of one unit under different labels
(种植蔬菜, 核心区) and the items repeat those labels: each label's items are the parts of that label's total, and a
unit stated once (户) has one item per ；-item. The nearest total is not the whole of every number of its unit.

The rule: a list whose numbers of a doubled unit each repeat exactly one of the totals' labels (ending with more
of it than all labels share: "甲县中央资金" is 中央资金's beside 省级资金; "种蔬菜" is 种植蔬菜's) is read label by
label. When some of them repeat a label and others name none, which total they belong to is not written: no
breakdown is read for the list (summing every number of the unit against the nearest total would set two totals'
parts against one). A list that repeats no label is left to the ordinary reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..cues import cues
from .model import Breakdown, Statement
from .parts_rules import PART_ROLES

_CUES = cues(__name__)
_KINDS = ("amount", "count")
_NOT_WHOLES = ("change", "difference", "unit_price")  # a change or a price is no whole of listed parts


def _unit_of(statement: Statement) -> str:
    """The group a number adds up in: every amount is money (read in one unit); counts by their unit, 人 and 名
    both counting people."""
    if statement.kind == "amount":
        return "amount"
    return "人" if statement.unit == "名" else str(statement.unit)


def _clause(text: str, statement: Statement) -> str:
    """The words right before the number, back to the last separator of its sentence, without spaces."""
    start = statement.sentence.start if statement.sentence is not None else max(0, statement.span[0] - 40)
    words = _CUES.clause_split.split(text[start : statement.span[0]])[-1]
    return re.sub(r"\s+", "", words)


def _label(text: str, total: Statement) -> str | None:
    """A total's label: its clause's words, without a leading 共/合计 word; None when too short to name a thing."""
    words = _CUES.summary_lead.sub("", _clause(text, total))
    return words if len(words) >= 2 else None


def _tail(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` share at their ends."""
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _matched(words: str, labels: dict[str, Statement]) -> Statement | None:
    """The one total whose label the item's words end with, beyond the ending all labels share ("甲县中央资金" is
    中央资金's, not 省级资金's, though both end in 资金); "种蔬菜" is 种植蔬菜's (蔬菜), a label shortened."""
    names = list(labels)
    shared = min(_tail(a, b) for a in names for b in names if a is not b)
    hits = [labels[k] for k in names if _tail(words, k) >= max(2, shared + 1)]
    return hits[0] if len(hits) == 1 else None


def labelled_lists(
    text: str,
    totals: list[Statement],
    listed: list[Statement],
    region: tuple[int, int],
    make: Callable[[Statement, list[Statement]], Breakdown | None],
) -> list[Breakdown] | None:
    """The breakdowns of a list whose items repeat the labels of its totals; [] when the list mixes labelled and
    unlabelled numbers of a doubled unit (no safe reading); None when the rule does not apply.
    ``totals`` are the numbers before the cue, ``listed`` the statements of the list's stretch, ``region`` the
    list's span (after the cue, to its end); ``make`` builds one breakdown from a total and its parts."""
    groups: dict[str, list[Statement]] = {}
    for total in totals:
        if total.kind in _KINDS and total.role in ("value", "timed") and total.field not in _NOT_WHOLES:
            groups.setdefault(_unit_of(total), []).append(total)
    labelled: dict[str, dict[str, Statement]] = {}
    for unit, members in groups.items():
        labels = {_label(text, t): t for t in members}
        if len(members) >= 2 and None not in labels and len(labels) == len(members):
            labelled[unit] = {k: v for k, v in labels.items() if k is not None}
    if not labelled:
        return None
    start, end = region
    items = [s for s in listed if start <= s.span[0] < end and s.kind in _KINDS and s.role in PART_ROLES]
    parts: dict[tuple[int, int], list[Statement]] = {}
    lone = {
        unit: members[-1] for unit, members in groups.items() if unit not in labelled and len(members) == 1
    }
    hit: set[tuple[int, int]] = set()
    missed = False
    for item in items:
        unit = _unit_of(item)
        if unit in labelled:
            owner = _matched(_clause(text, item), labelled[unit])
            missed = missed or owner is None
        else:
            owner = lone.get(unit)
        if owner is not None:
            parts.setdefault(owner.span, []).append(item)
            hit |= {owner.span} if unit in labelled else set()
    if len(hit) < 2:
        return None  # one label repeated may be a chance word ("共投入…，其中省级投入…"): not a parallel list
    if missed:
        return []
    for span in [span for span, members in parts.items() if not _one_per_item(text, members, start)]:
        if span in hit:
            return []  # two numbers of one label in one item: which is the part is a reading
        del parts[span]  # "A村410户，其中贫困户120户": the once-stated unit has no list here
    by_span = {t.span: t for t in totals}
    found = []
    for span, members in parts.items():
        if len(members) >= 2 and (breakdown := make(by_span[span], members)) is not None:
            found.append(breakdown)
    return found


def _one_per_item(text: str, members: list[Statement], start: int) -> bool:
    """Each ；-item holds at most one part of the total: two would make the item's split a reading."""
    items = [len(_CUES.item_break.findall(text, start, m.span[0])) for m in members]
    return len(set(items)) == len(items)
