"""An independent checker of the figures a draft states, for the closed-loop property (not the audit).

While a report is drafted, ``recording_figures`` notes every fact-sheet key a drafter fills (``{{p1.rate}}``,
a table cell ``facts["p1.budget"]``) with the string it wrote. ``figure_problems`` then recomputes each keyed
figure from the case and the scoring core by its own mapping (it does not read ``facts`` back) and compares at
the precision written: "89.99" states the core's 89.994… correctly, "90.00" does not. A template text that
writes a digit outside a slot is a problem too: drafters state numbers only through the fact sheet.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from assistant.facts import SLOT, FactSheet
from assistant.models import YUAN_PER_WAN
from assistant.scoring import HUNDRED, ZERO, ProjectScore, UnitScore

_PROJECT = re.compile(r"^p(\d+)\.(.+)$")
_INDICATOR = re.compile(r"^i(\d+)\.(.+)$")
_SOURCE = re.compile(r"^src\.(appropriation|carry_over|other)\.(budget_initial|budget|executed)$")
_DIGIT = re.compile(r"\d")
_GROUPED = re.compile(r"-?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# Document numbers (财预〔2020〕10号) are names of documents, not figures.
_DOCUMENT_NUMBER = re.compile(r"[〔\[［]\d{4}[〕\]］]\d+号")
Expected = Decimal | str | None


@dataclass
class Recording:
    """Keys filled while drafting (with the strings written) and template texts that hold their own digits."""

    figures: dict[str, set[str]] = field(default_factory=dict)
    literal_digits: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self, key: str, shown: str) -> None:
        with self.lock:
            self.figures.setdefault(key, set()).add(shown)


_active: list[Recording] = []


@contextmanager
def recording_figures() -> Iterator[Recording]:
    """Record what every ``FactSheet`` fills or hands out inside the block (drafting threads included)."""
    recording = Recording()
    originals = {name: getattr(FactSheet, name) for name in ("fill", "__getitem__", "get")}

    def fill(self: FactSheet, text: str, scope=None) -> str:
        outside = _DOCUMENT_NUMBER.sub("", SLOT.sub("", text))
        if _DIGIT.search(outside):
            recording.literal_digits.append(text)
        for key in FactSheet.slots(text):
            full = self.resolve(key, scope)
            if full in self.values:
                recording.note(full, self.values[full])
        return originals["fill"](self, text, scope)

    def getitem(self: FactSheet, key: str) -> str:
        shown = originals["__getitem__"](self, key)
        recording.note(key, shown)
        return shown

    def get(self: FactSheet, key: str, default: str | None = None) -> str | None:
        if key in self.values:
            recording.note(key, self.values[key])
        return originals["get"](self, key, default)

    if _active:
        raise RuntimeError("recording_figures does not nest")
    _active.append(recording)
    FactSheet.fill, FactSheet.__getitem__, FactSheet.get = fill, getitem, get  # type: ignore[method-assign]
    try:
        yield recording
    finally:
        for name, original in originals.items():
            setattr(FactSheet, name, original)
        _active.clear()


def figure_problems(recording: Recording, unit: UnitScore) -> list[str]:
    """Every recorded figure that differs from the core's value at its written precision, in Chinese."""
    problems = [f"模板文字自带数字：{text}" for text in recording.literal_digits]
    for key, shown_values in sorted(recording.figures.items()):
        try:
            expected = expected_figure(key, unit)
        except _NotAFigure:
            continue
        for shown in shown_values:
            if not _states(shown, expected, unit):
                problems.append(f"{key} 写作「{shown}」，应为 {_describe(expected)}")
    return problems


class _NotAFigure(Exception):
    """The key is text (names, goals, labels), not a figure."""


def _states(shown: str, expected: Expected, unit: UnitScore) -> bool:
    if isinstance(expected, str) or expected is None:
        return shown == (expected or "")
    if _GROUPED.fullmatch(shown):  # 元 amounts are written with thousands separators ("1,145,472.00")
        shown = shown.replace(",", "")
    try:
        written = Decimal(shown)
    except InvalidOperation:
        return False
    exponent = written.as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return unit.ruleset.round_at(expected, places) == written


def _describe(expected: Expected) -> str:
    return format(expected, "f") if isinstance(expected, Decimal) else f"「{expected}」"


# --- the expected value of every figure, from the case and the core ------------------------------------


def expected_figure(key: str, unit: UnitScore) -> Expected:
    """The core's value for a fact key; ``_NotAFigure`` for text keys."""
    head, _, rest = key.partition(".")
    if head == "unit":
        if rest == "year":
            return Decimal(unit.case.year)
        raise _NotAFigure
    if head == "rules":
        return _rule_figure(rest, unit)
    if head == "grade_count":
        return Decimal(unit.grade_counts[rest])
    if head == "total":
        return _total_figure(rest, unit)
    match = _PROJECT.match(key)
    if not match:
        raise _NotAFigure
    ps = unit.projects[int(match.group(1)) - 1]
    inner = _INDICATOR.match(match.group(2))
    if inner:
        return _indicator_figure(ps, int(inner.group(1)) - 1, inner.group(2))
    return _project_figure(ps, match.group(2), unit)


def _money(value_wan: Decimal | None, unit: UnitScore) -> Decimal | None:
    if value_wan is None:
        return None
    return value_wan * YUAN_PER_WAN if unit.case.money_unit == "元" else value_wan


def _rule_figure(name: str, unit: UnitScore) -> Expected:
    rules = unit.ruleset
    simple: dict[str, Callable[[], Expected]] = {
        "total_points": lambda: rules.weights.total,
        "exec_points": lambda: rules.execution.points,
        "exec_cap": lambda: rules.execution.cap,
        "indicator_points": lambda: rules.weights.total - rules.execution.points,
        "explain_rate_below": lambda: rules.deviation.explain_rate_below,
        "over_percent": lambda: rules.quantitative.over_achievement_percent,
    }
    if name in simple:
        return simple[name]()
    kind, _, label = name.partition(".")
    bands = {"grade_min": rules.grades, "grade_max": rules.grades}
    if kind in bands:
        band = next(b for b in bands[kind] if b.name == label)
        return band.min if kind == "grade_min" else band.max
    if kind in ("tier_min", "tier_max"):
        band = next(b for b in rules.qualitative_tiers if b.name == label)
        return band.min if kind == "tier_min" else band.max
    if kind == "weight":
        return rules.weights.default[label]
    raise _NotAFigure


def _total_figure(name: str, unit: UnitScore) -> Expected:
    projects = [p.project for p in unit.projects]
    budget = sum((p.budget for p in projects), ZERO)
    executed = sum((p.executed for p in projects), ZERO)
    figures: dict[str, Callable[[], Expected]] = {
        "projects": lambda: Decimal(len(projects)),
        "budget_initial": lambda: _money(sum((p.budget_initial or ZERO for p in projects), ZERO), unit),
        "budget": lambda: _money(budget, unit),
        "executed": lambda: _money(executed, unit),
        "unspent": lambda: _money(budget - executed, unit),
        "rate": lambda: executed / budget * HUNDRED if budget else None,
        "mean_score": lambda: unit.mean_score,
        "needing": lambda: Decimal(sum(bool(p.deviations) for p in unit.projects)),
        "full_rate": lambda: Decimal(sum(p.budget > 0 and p.executed == p.budget for p in projects)),
        "scored": lambda: Decimal(sum(p.score is not None for p in unit.projects)),
        "unscored": lambda: Decimal(sum(p.score is None for p in unit.projects)),
    }
    if name not in figures:
        raise _NotAFigure  # the Chinese-numeral twins (…_cn) are words
    return figures[name]()


def _project_figure(ps: ProjectScore, name: str, unit: UnitScore) -> Expected:
    p = ps.project
    source = _SOURCE.match(name)
    if source:
        row = getattr(p.sources, source.group(1))
        return _money(getattr(row, source.group(2)), unit)
    figures: dict[str, Callable[[], Expected]] = {
        "index": lambda: Decimal(ps.index),
        "budget_initial": lambda: _money(p.budget_initial, unit),
        "budget": lambda: _money(p.budget, unit),
        "executed": lambda: _money(p.executed, unit),
        "unspent": lambda: _money(p.budget - p.executed, unit),
        "unspent_rate": lambda: (p.budget - p.executed) / p.budget * HUNDRED,
        "rate": lambda: p.executed / p.budget * HUNDRED,
        "rate_score": lambda: ps.rate_score,
        "score": lambda: ps.score,
        "grade": lambda: ps.grade,
        "indicators": lambda: Decimal(len(ps.indicators)),
        "indicators_met": lambda: Decimal(sum(not s.missed for s in ps.indicators)),
    }
    if name not in figures:
        raise _NotAFigure
    return figures[name]()


def _indicator_figure(ps: ProjectScore, k: int, name: str) -> Expected:
    s = ps.indicators[k]
    ind = s.indicator
    if ind.is_qualitative and name in ("target", "actual"):
        raise _NotAFigure  # words the officer wrote
    figures: dict[str, Callable[[], Expected]] = {
        "target": lambda: ind.target_value,
        "actual": lambda: ind.actual_value,
        "points": lambda: ind.points,
        "score": lambda: s.score,
        "completion": lambda: max(ind.actual_value / ind.target_value * HUNDRED, ZERO),  # type: ignore[operator]
        "tier": lambda: s.tier,
    }
    if name not in figures:
        raise _NotAFigure
    return figures[name]()
