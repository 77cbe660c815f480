"""The fact sheet: every number (and every quoted officer text) a report may state, keyed and display-formatted.

Drafters never write a number themselves: they write ``{{key}}`` slots and ``FactSheet.fill`` puts in the
display string, so every figure in a draft is true by construction. The audit reads the same sheet to know
what a correct figure looks like. Scoring lives in ``assistant.scoring``; prose lives in ``assistant.drafting``.

Display policy (one formatter, ``Formatter``, driven by the rule set and the case):

- amounts: in the case's money unit, at one precision for the whole report (``amount_places``: the most
  decimals any amount of the case has, at least 2), so 356 and 498.638 print as 356.0000 and 498.6380 beside
  62.3205; 元 amounts with thousands separators (36,625,950.00); sums are exact. 元 amounts of five or more
  digits inside officer texts get the same separators and two decimals (the value is unchanged);
- rates (percent, no ``%`` sign in the value): at ``rules.rounding.rate_places`` (``"84.21"``, ``"30.00"``);
- computed scores: at ``rules.rounding.score_places`` (``"97.35"``); scores the officer filed: as written
  (``"100"``, ``"90"``); rule-set numbers and indicator 分值: as written (``"10"``, ``"90"``);
- counts: digits (``"14"``), and for counts ≤ 99 a Chinese-numeral twin under ``…_cn`` (``"十四"``).

Keys (``N`` = the project's 1-based position in the case, ``K`` = the indicator's within its project;
keys marked ? are absent when the data does not give them, and asking for an absent key is an error):

- unit: ``unit.name`` ``unit.year`` ``unit.money_unit`` ``unit.self`` (我部/我局/我单位…)
  ``unit.department``? ``unit.background``? and the officer's own facts (``assistant.placeholders``):
  ``unit.review_organiser``? ``unit.review_basis``? ``unit.problems``? ``unit.result_use``?
  ``unit.disclosure``? ``unit.experience``? ``unit.other_notes``?
- rules: ``rules.id`` ``rules.name`` ``rules.exec_definition`` ``rules.total_points`` ``rules.exec_points``
  ``rules.exec_cap`` ``rules.indicator_points`` ``rules.explain_rate_below`` ``rules.over_percent``
  ``rules.weight.<一级指标>`` (``rules.weight.产出指标``) ``rules.grade_min.<等级>`` ``rules.grade_max.<等级>``
  ``rules.tier_min.<档次>`` ``rules.tier_max.<档次>``
- totals: ``total.projects`` ``total.projects_cn`` ``total.budget_initial``? (only when every project gives
  one) ``total.budget`` ``total.executed`` ``total.unspent`` ``total.rate``? ``total.mean_score``?
  ``total.needing`` ``total.needing_cn`` (projects needing a cause and a measure) ``total.full_rate``
  (projects whose 全年执行数 equals a non-zero 全年预算数) ``total.scored`` ``total.unscored``
  ``total.indicators`` (third-level indicators of all projects) ``total.self_scored`` (projects scored
  from a filed 自评得分, without indicator rows) ``total.no_goal`` (projects without 年度总体目标)
- grades: ``grade_count.<等级>`` for every grade of the rule set (``grade_count.优`` …)
- project: ``pN.index`` ``pN.name`` ``pN.label`` (the name + 项目 unless it ends so; the sentence subject)
  ``pN.budget_initial``? ``pN.budget`` ``pN.executed`` ``pN.unspent`` ``pN.unspent_rate``? ``pN.rate``?
  ``pN.rate_score`` ``pN.score``? ``pN.grade``? ``pN.indicators`` (count) ``pN.indicators_met``
  ``pN.indicators_full`` (scored at full points)
  ``pN.goal``? ``pN.outcome``? ``pN.background``? ``pN.cause``? ``pN.measure``? ``pN.department``?
  ``pN.implementer``? ``pN.src.<appropriation|carry_over|other>.<label|budget_initial|budget|executed>``?
- indicator: ``pN.iK.name`` ``pN.iK.level1`` ``pN.iK.level2`` ``pN.iK.kind`` ``pN.iK.target``?
  ``pN.iK.actual``? ``pN.iK.unit``? ``pN.iK.points`` ``pN.iK.score``? ``pN.iK.completion``? ``pN.iK.tier``?
  ``pN.iK.note``?

``FactSheet.kinds`` names each key's kind (text, amount, rate, score, count, grade, rule, value) and
``FactSheet.raw`` holds the exact ``Decimal`` behind each numeric key (amounts in the case's money unit,
rates and scores before display rounding). ``FactSheet.to_json`` is the shape a prompt receives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from assistant.errors import JixiaoError
from assistant.models import YUAN_PER_WAN, format_amount
from assistant.rules import RuleSet
from assistant.scoring import HUNDRED, ZERO, IndicatorScore, ProjectScore, UnitScore

_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u201c\u201d\u2018\u2019"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+|\\s+(?=[{_CJK}])")
SLOT = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
_CN_DIGITS = "零一二三四五六七八九"
# "35221200.00元", "1145472元" in officer text (not "345.3480万元", not "2400元" standards).
_YUAN_IN_TEXT = re.compile(r"(?<![\d.,])(\d{5,})(\.\d+)?(?=\s*元)")
_SOURCES = {"appropriation": "当年财政拨款", "carry_over": "上年结转资金", "other": "其他资金"}
_SELF_NAMES = (
    ("部", "我部"),
    ("局", "我局"),
    ("委", "我委"),
    ("委员会", "我委"),
    ("办", "我办"),
    ("院", "我院"),
    ("校", "我校"),
)


class UnknownSlotError(JixiaoError):
    """A text asked for ``{{slots}}`` the fact sheet does not have; ``unknown`` lists them."""

    def __init__(self, unknown: list[str]) -> None:
        self.unknown = unknown
        shown = "、".join("{{" + key + "}}" for key in unknown)
        super().__init__(f"文本中有事实表里没有的占位符：{shown}（只能使用事实表中的键，缺失的数据不能引用）")


def count_cn(n: int) -> str:
    """Chinese numeral for 0–99 (14 → 十四, 20 → 二十); larger counts stay in digits."""
    if not 0 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _CN_DIGITS[ones]
    head = "" if tens == 1 else _CN_DIGITS[tens]
    return head + "十" + (_CN_DIGITS[ones] if ones else "")


def self_name(unit_name: str) -> str:
    """How the unit refers to itself in its own report: 组织部 → 我部, 教育局 → 我局, otherwise 我单位."""
    for suffix, name in _SELF_NAMES:
        if unit_name.endswith(suffix):
            return name
    return "我单位"


def project_label(name: str) -> str:
    """A project's name as the subject of a sentence: 党代表活动经费 → 党代表活动经费项目."""
    return name if name.endswith("项目") else f"{name}项目"


def clean_note(text: str | None) -> str | None:
    """Officer text ready to embed in a sentence: no line-folding gaps, no closing full stop, 元 amounts of
    five or more digits written with thousands separators and two decimals (the value is unchanged)."""
    if text is None:
        return None
    text = _CJK_GAP.sub("", text.strip()).rstrip("。；;.，, ")
    return _YUAN_IN_TEXT.sub(_group_yuan, text) or None


def _group_yuan(match: re.Match[str]) -> str:
    value = Decimal(match.group(1) + (match.group(2) or ""))
    return format(value.quantize(Decimal("0.01")) if -value.as_tuple().exponent < 2 else value, ",f")


def group_thousands(text: str) -> str:
    """A plain decimal string with thousands separators: 36625950.00 → 36,625,950.00."""
    return format(Decimal(text), ",f")


def decimals(value: Decimal) -> int:
    """How many decimals a value needs (62.3205 → 4, 20 → 0, 1.50 → 1)."""
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def amount_places(unit: UnitScore) -> int:
    """The one precision every amount of the report is shown at: the most decimals any amount has, at least 2."""
    to_shown = YUAN_PER_WAN if unit.case.money_unit == "元" else Decimal(1)
    values: list[Decimal] = []
    for ps in unit.projects:
        p = ps.project
        values += [v for v in (p.budget_initial, p.budget, p.executed) if v is not None]
        if p.sources:
            for row in p.sources.rows().values():
                values += [v for v in (row.budget_initial, row.budget, row.executed) if v is not None]
    return max([2, *(decimals(v * to_shown) for v in values)])


@dataclass(frozen=True)
class Formatter:
    """The one display policy for numbers: money unit from the case, precision from the rule set."""

    rules: RuleSet
    money_unit: str = "万元"
    amount_places: int = 2

    def amount(self, value_wan: Decimal) -> str:
        """An amount at the report's one precision; 元 with thousands separators."""
        shown = Decimal(format_amount(value_wan, self.money_unit)).quantize(
            Decimal(1).scaleb(-self.amount_places)
        )
        return format(shown, ",f" if self.money_unit == "元" else "f")

    def amount_raw(self, value_wan: Decimal) -> Decimal:
        return value_wan * YUAN_PER_WAN if self.money_unit == "元" else value_wan

    def rate(self, value: Decimal) -> str:
        return format(self.rules.round_rate(value), "f")

    def score(self, value: Decimal) -> str:
        """A computed score, at the rule set's score precision."""
        return format(self.rules.round_score(value), "f")

    @staticmethod
    def written(value: Decimal) -> str:
        """A number the officer or the rule set wrote, shown as written (no exponent, no float noise)."""
        return format(value, "f")


@dataclass
class FactSheet:
    """Display strings by key (``values``), their kinds and exact values; fills ``{{key}}`` slots."""

    unit: UnitScore = field(repr=False)
    values: dict[str, str] = field(default_factory=dict)
    kinds: dict[str, str] = field(default_factory=dict)
    raw: dict[str, Decimal] = field(default_factory=dict)
    amount_places: int = 2  # the one precision of every amount in the report

    def __getitem__(self, key: str) -> str:
        return self.values[key]

    def __contains__(self, key: object) -> bool:
        return key in self.values

    def get(self, key: str, default: str | None = None) -> str | None:
        return self.values.get(key, default)

    @staticmethod
    def key_of(project: ProjectScore | int) -> str:
        """The key prefix of a project: ``p3`` for the third project of the case."""
        return f"p{project if isinstance(project, int) else project.index}"

    @staticmethod
    def slots(text: str) -> list[str]:
        """The slot keys a text asks for, in order."""
        return [match.group(1) for match in SLOT.finditer(text)]

    def resolve(self, key: str, scope: Mapping[str, str] | None = None) -> str:
        """The full key for ``key``, where a leading alias from ``scope`` ({"p": "p3"}) is replaced."""
        if scope:
            head, dot, rest = key.partition(".")
            if head in scope:
                return scope[head] + dot + rest
        return key

    def fill(self, text: str, scope: Mapping[str, str] | None = None) -> str:
        """Replace every ``{{key}}`` with its display string; unknown keys raise ``UnknownSlotError``."""
        unknown = [
            key for key in dict.fromkeys(self.slots(text)) if self.resolve(key, scope) not in self.values
        ]
        if unknown:
            raise UnknownSlotError(unknown)
        return SLOT.sub(lambda m: self.values[self.resolve(m.group(1), scope)], text)

    def section_facts(self, projects: Iterable[ProjectScore | int] | None = None) -> dict[str, Any]:
        """The JSON a prompt for one section receives: unit, rules, totals and the chosen projects.

        Field names inside each object are the key suffixes, so ``projects[i].budget`` is the slot
        ``{{<key>.budget}}`` with ``<key>`` given in the object.
        """
        tree = _nest(self.values)
        chosen = (
            [p.index for p in self.unit.projects]
            if projects is None
            else [p if isinstance(p, int) else p.index for p in projects]
        )
        by_index = {p.index: p for p in self.unit.projects}
        return {
            "unit": tree.get("unit", {}),
            "rules": tree.get("rules", {}),
            "total": tree.get("total", {}),
            "grade_count": tree.get("grade_count", {}),
            "projects": [self._project_json(by_index[i], tree) for i in chosen],
        }

    def to_json(self) -> dict[str, Any]:
        """Every fact, grouped for a prompt: ``section_facts`` over all projects."""
        return self.section_facts()

    def _project_json(self, ps: ProjectScore, tree: dict[str, Any]) -> dict[str, Any]:
        key = self.key_of(ps)
        node = dict(tree.get(key, {}))
        indicators = []
        for k, s in enumerate(ps.indicators, 1):
            data = dict(node.pop(f"i{k}", {}))
            indicators.append(
                {"key": f"{key}.i{k}", **data, "missed": s.missed, "over_achieved": s.over_achieved}
            )
        return {
            "key": key,
            **node,
            "score_source": ps.score_source,
            "needs_explanation": ps.needs_explanation,
            "deviations": list(ps.deviations),
            "indicators": indicators,
        }


def _nest(values: Mapping[str, str]) -> dict[str, Any]:
    """{"p3.i2.name": x} → {"p3": {"i2": {"name": x}}}; a key that is both leaf and branch keeps the leaf."""
    tree: dict[str, Any] = {}
    for key, value in values.items():
        *parents, leaf = key.split(".")
        node = tree
        for part in parents:
            child = node.setdefault(part, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            node.setdefault(leaf, value)
    return tree


class _Builder:
    def __init__(self, unit: UnitScore) -> None:
        self.fmt = Formatter(unit.ruleset, unit.case.money_unit, amount_places(unit))
        self.sheet = FactSheet(unit=unit, amount_places=self.fmt.amount_places)

    def put(self, key: str, kind: str, shown: str | None, raw: Decimal | None = None) -> None:
        if shown is None:
            return
        self.sheet.values[key] = shown
        self.sheet.kinds[key] = kind
        if raw is not None:
            self.sheet.raw[key] = raw

    def text(self, key: str, value: str | None) -> None:
        self.put(key, "text", clean_note(value))

    def amount(self, key: str, value_wan: Decimal | None) -> None:
        if value_wan is not None:
            self.put(key, "amount", self.fmt.amount(value_wan), self.fmt.amount_raw(value_wan))

    def rate(self, key: str, value: Decimal | None) -> None:
        if value is not None:
            self.put(key, "rate", self.fmt.rate(value), value)

    def computed_score(self, key: str, value: Decimal | None) -> None:
        if value is not None:
            self.put(key, "score", self.fmt.score(value), value)

    def written(self, key: str, kind: str, value: Decimal | None) -> None:
        if value is not None:
            self.put(key, kind, self.fmt.written(value), value)

    def count(self, key: str, n: int, with_cn: bool = False) -> None:
        self.put(key, "count", str(n), Decimal(n))
        if with_cn:
            self.put(f"{key}_cn", "count", count_cn(n), Decimal(n))


OFFICER_ATTRS = (
    "review_organiser",
    "review_basis",
    "problems",
    "result_use",
    "disclosure",
    "experience",
    "other_notes",
    "implementation",
    "fund_management",
    "rules_in_place",
    "procurement",
    "achievements",
    "signed_on",
)


def build_facts(unit: UnitScore) -> FactSheet:
    """Key and format every fact of a scored unit under its rule set's display policy."""
    b = _Builder(unit)
    case, rules = unit.case, unit.ruleset

    b.text("unit.name", case.unit)
    if case.year is not None:
        b.put("unit.year", "year", str(case.year), Decimal(case.year))
    else:
        b.text("unit.year", case.year_text)
    b.put("unit.money_unit", "text", case.money_unit)
    b.put("unit.self", "text", self_name(case.unit))
    b.text("unit.department", case.department)
    b.text("unit.background", case.background)
    for attr in OFFICER_ATTRS:
        b.text(f"unit.{attr}", getattr(case, attr))

    _rule_facts(b, rules)

    projects = unit.projects
    b.count("total.projects", len(projects), with_cn=True)
    if all(p.project.budget_initial is not None for p in projects):
        b.amount("total.budget_initial", unit.budget_initial)
    b.amount("total.budget", unit.budget)
    b.amount("total.executed", unit.executed)
    b.amount("total.unspent", unit.budget - unit.executed)
    b.rate("total.rate", unit.rate)
    b.computed_score("total.mean_score", unit.mean_score)
    b.count("total.needing", len(unit.needing_explanation), with_cn=True)
    b.count("total.full_rate", sum(p.project.budget > 0 and p.rate == HUNDRED for p in projects))
    b.count("total.scored", sum(p.score is not None for p in projects))
    b.count("total.unscored", sum(p.score is None for p in projects))
    b.count("total.indicators", sum(len(p.indicators) for p in projects))
    b.count("total.self_scored", sum(p.score_source == "self" for p in projects))
    b.count("total.no_goal", sum(not clean_note(p.project.goal) for p in projects))
    for grade, n in unit.grade_counts.items():
        b.count(f"grade_count.{grade}", n)

    for ps in projects:
        _project_facts(b, ps)
    return b.sheet


def _rule_facts(b: _Builder, rules: RuleSet) -> None:
    b.text("rules.id", rules.id)
    b.text("rules.name", rules.name)
    b.text("rules.exec_definition", rules.execution.definition)
    b.written("rules.total_points", "rule", rules.weights.total)
    b.written("rules.exec_points", "rule", rules.execution.points)
    b.written("rules.exec_cap", "rule", rules.execution.cap)
    b.written("rules.indicator_points", "rule", rules.indicator_points)
    b.written("rules.explain_rate_below", "rule", rules.deviation.explain_rate_below)
    b.written("rules.over_percent", "rule", rules.quantitative.over_achievement_percent)
    for level1, points in rules.weights.default.items():
        b.written(f"rules.weight.{level1}", "rule", points)
    for band in rules.grades:
        b.written(f"rules.grade_min.{band.name}", "rule", band.min)
        b.written(f"rules.grade_max.{band.name}", "rule", band.max)
    for band in rules.qualitative_tiers:
        b.written(f"rules.tier_min.{band.name}", "rule", band.min)
        b.written(f"rules.tier_max.{band.name}", "rule", band.max)


def _project_facts(b: _Builder, ps: ProjectScore) -> None:
    p, key = ps.project, FactSheet.key_of(ps)
    b.put(f"{key}.index", "count", str(ps.index), Decimal(ps.index))
    b.text(f"{key}.name", p.name)
    b.put(f"{key}.label", "text", project_label(p.name))
    b.text(f"{key}.department", p.department)
    b.text(f"{key}.implementer", p.implementer)
    b.amount(f"{key}.budget_initial", p.budget_initial)
    b.amount(f"{key}.budget", p.budget)
    b.amount(f"{key}.executed", p.executed)
    unspent = p.budget - p.executed
    b.amount(f"{key}.unspent", unspent)
    if p.budget > 0:
        b.rate(f"{key}.unspent_rate", unspent / p.budget * HUNDRED)
    b.rate(f"{key}.rate", ps.rate)
    b.computed_score(f"{key}.rate_score", ps.rate_score)
    if ps.score is not None:
        if ps.score_source == "self":
            b.written(f"{key}.score", "score", ps.score)
        else:
            b.computed_score(f"{key}.score", ps.score)
    if ps.grade:
        b.put(f"{key}.grade", "grade", ps.grade)
    b.count(f"{key}.indicators", len(ps.indicators))
    b.count(f"{key}.indicators_met", sum(not s.missed for s in ps.indicators))
    b.count(f"{key}.indicators_full", sum(s.score == s.indicator.points for s in ps.indicators))
    b.text(f"{key}.goal", p.goal)
    b.text(f"{key}.outcome", p.outcome)
    b.text(f"{key}.background", p.background)
    b.text(f"{key}.cause", p.deviation_cause)
    b.text(f"{key}.measure", p.improvement)
    if p.sources:
        for attr, label in _SOURCES.items():
            row = getattr(p.sources, attr)
            if row is None:
                continue
            for money in ("budget_initial", "budget", "executed"):
                b.amount(f"{key}.src.{attr}.{money}", getattr(row, money))
            b.put(f"{key}.src.{attr}.label", "text", label)
    for k, s in enumerate(ps.indicators, 1):
        _indicator_facts(b, f"{key}.i{k}", s)


def _indicator_facts(b: _Builder, key: str, s: IndicatorScore) -> None:
    ind = s.indicator
    b.text(f"{key}.name", ind.name)
    b.put(f"{key}.level1", "text", ind.level1)
    b.put(f"{key}.level2", "text", ind.level2)
    b.put(f"{key}.kind", "text", ind.kind)
    unit = ind.unit
    if ind.is_qualitative:
        b.text(f"{key}.target", None if ind.target is None else str(ind.target))
        b.text(f"{key}.actual", None if ind.actual is None else str(ind.actual))
        if ind.score is not None:
            b.written(f"{key}.score", "score", ind.score)
        b.put(f"{key}.tier", "text", s.tier)
    else:
        if not unit and any("%" in str(v) or "％" in str(v) for v in (ind.target, ind.actual)):
            unit = "%"
        b.written(f"{key}.target", "value", ind.target_value)
        b.written(f"{key}.actual", "value", ind.actual_value)
        b.computed_score(f"{key}.score", s.score)
    b.text(f"{key}.unit", unit)
    b.written(f"{key}.points", "rule", ind.points)
    if s.completion is not None:
        b.rate(f"{key}.completion", max(s.completion, ZERO))
    b.text(f"{key}.note", ind.deviation_note)
