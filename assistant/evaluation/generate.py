"""A seeded generator of realistic, valid cases across the whole input space, for the closed-loop property.

Every shipped rule set with weights that add up under it; 万元 and 元; amounts with up to 4 decimals (万元) and
up to 10^10 元; 年初预算数 0, 全年预算数 0, overspend; execution ratios on and around every threshold (90 %,
60 %, 100 %) and indicator completions around 100 % and the over-achievement threshold; ≥ ≤ = and 定性
indicators with every tier at its edges; 40+ 度量单位; tricky project names; optional fields present or absent.

Drawing goes through a ``Chooser`` so the same code serves a seeded ``random.Random`` (``generate_case``,
bench and tests) and hypothesis (``tests/strategies.py`` wraps ``draw``). Words live in ``vocabulary``.
"""

from __future__ import annotations

import math
import random
from collections.abc import Iterator, Sequence
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any, Protocol, TypeVar

from assistant.models import Case, Indicator, Project
from assistant.rules import RuleSet, available_rulesets, load_ruleset
from assistant.scoring import score_indicator, score_project

from . import vocabulary as v

T = TypeVar("T")
HUNDRED = Decimal(100)
MAX_YUAN = Decimal(10) ** 10

# Execution ratios (percent) on and around every threshold a rule set decides on; None = drawn freely.
RATIOS = (
    *("89.99", "89.994", "89.995", "89.996", "90", "90.004", "90.005", "90.01"),
    *("59.99", "59.995", "60", "60.005", "79.995", "80"),
    *("99.99", "99.994", "99.995", "100", "100", "100", "100.005", "100.5", "112.3"),
    *("0", "30", "45.5", "75.25"),
    *(None, None, None, None, None, None),
)
# Indicator completions (percent of target) around 100 % and the over-achievement threshold.
COMPLETIONS = (
    "100",
    "100",
    "100",
    "99.99",
    "99.995",
    "95",
    "62.5",
    "129.99",
    "129.995",
    "130",
    "130.005",
    "150",
)
EXACT_TARGETS = (20, 50, 100, 200, 1000, 4000)


class Chooser(Protocol):
    """Where the generator's choices come from (a seeded Random, or hypothesis's draw)."""

    def integer(self, low: int, high: int) -> int: ...

    def choice(self, options: Sequence[T]) -> T: ...


class RandomChooser:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def choice(self, options: Sequence[T]) -> T:
        return options[self.rng.randrange(len(options))]


def plain(value: Decimal) -> Decimal:
    """Trailing zeros dropped without exponent form (12.50 → 12.5, 200.00 → 200)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value  # type: ignore[operator]


def chance(ch: Chooser, percent: int) -> bool:
    return ch.integer(1, 100) <= percent


def generate_case(seed: int) -> Case:
    """The case for one seed (same seed, same case)."""
    return Case.model_validate(case_data(RandomChooser(random.Random(seed))))


def generate_cases(count: int, seed: int = 0) -> Iterator[tuple[int, Case]]:
    """``count`` cases with their seeds, ``seed``, ``seed + 1`` …"""
    for n in range(seed, seed + count):
        yield n, generate_case(n)


# --- the case ------------------------------------------------------------------------------------------


def case_data(ch: Chooser) -> dict[str, Any]:
    """A case as the officer files it (Chinese keys, amounts in the filed money unit)."""
    rules_id = ch.choice(available_rulesets())
    rules = load_ruleset(rules_id)
    money_unit = ch.choice(("万元", "元"))
    year = ch.integer(2019, 2025)
    count = ch.choice((1, 1, 2, 3, 3, 4, 5, 6, 8))
    data: dict[str, Any] = {
        "单位名称": ch.choice(v.UNIT_NAMES),
        "年度": year,
        "评分规则": rules_id,
        "金额单位": money_unit,
    }
    if chance(ch, 50):
        data["主管部门"] = ch.choice(v.DEPARTMENTS)
    if chance(ch, 50):
        data["单位概况"] = ch.choice(v.BACKGROUNDS) + "。"
    if chance(ch, 20):
        data["报告提纲"] = ch.choice(("unit_multi", "single_project"))
    names = project_names(ch, count, year)
    data["项目"] = [project_data(ch, rules, money_unit, name) for name in names]
    return data


def project_names(ch: Chooser, count: int, year: int) -> list[str]:
    """Distinct names; the pools put names that hold one another side by side."""
    names: list[str] = []
    while len(names) < count:
        pattern = ch.choice(v.PROJECT_NAMES)
        name = pattern.format(year=year, next=year + 1, n=ch.integer(2, 60), cn=ch.choice(v.CN_ORDINALS))
        if name not in names:
            names.append(name)
    return names


def project_data(ch: Chooser, rules: RuleSet, money_unit: str, name: str) -> dict[str, Any]:
    project: dict[str, Any] = {"项目名称": name}
    if chance(ch, 40):
        project["主管部门"] = ch.choice(v.DEPARTMENTS)
    if chance(ch, 40):
        project["实施单位"] = name[:4] + "工作专班"
    project.update(money(ch, money_unit))
    without_indicators = chance(ch, 8)
    if without_indicators:
        project["自评得分"] = self_score(ch, rules, project, money_unit)
    else:
        project["绩效指标"] = indicators(ch, rules)
    # The officer's own words agree with the figures: "均已完成" only where nothing deviates.
    deviates = bool(score_project(Project.model_validate(project), rules).deviations)
    for key, pool in (
        ("背景", v.BACKGROUNDS),
        ("年度总体目标", v.GOALS),
        ("实际完成情况", v.OUTCOMES_DEVIATING if deviates else v.OUTCOMES),
    ):
        if chance(ch, 60):
            project[key] = ch.choice(pool).format(n=ch.integer(2, 30)) + "。"
    project.update(figures_in_words(ch, project, money_unit))
    if chance(ch, 55):
        project["偏差原因"] = ch.choice(v.CAUSES) + "。"
    if chance(ch, 55):
        project["改进措施"] = ch.choice(v.MEASURES_TEXT) + "。"
    return project


def figures_in_words(ch: Chooser, project: dict[str, Any], money_unit: str) -> dict[str, str]:
    """Officer texts that quote true figures: the amount spent, an indicator's target and actual value."""
    out: dict[str, str] = {}
    quantitative = [i for i in project.get("绩效指标", []) if i["指标性质"] != "定性"]
    if quantitative and chance(ch, 35):
        ind = ch.choice(quantitative)
        unit = ind.get("度量单位", "")
        out["年度总体目标"] = f"{ind['三级指标']}达到{plain(ind['年度指标值'])}{unit}，按期完成年度任务。"
        out["实际完成情况"] = f"{ind['三级指标']}实际完成{plain(ind['实际完成值'])}{unit}。"
    if chance(ch, 30):
        spent = f"全年实际支出{plain(project['全年执行数'])}{money_unit}。"
        out["实际完成情况"] = out.get("实际完成情况", "") + spent
    return out


# --- money ---------------------------------------------------------------------------------------------


def money(ch: Chooser, money_unit: str) -> dict[str, Any]:
    """年初预算数 / 全年预算数 / 全年执行数 (and sometimes 资金来源) with the execution ratio on a threshold."""
    places = ch.integer(0, 4) if money_unit == "万元" else ch.integer(0, 2)
    quantum = Decimal(1).scaleb(-places)
    if chance(ch, 5):
        budget = executed = Decimal(0)
    else:
        budget, executed = _budget_and_executed(ch, money_unit, places)
    out: dict[str, Any] = {}
    initial_kind = ch.choice(("absent", "zero", "same", "same", "other"))
    if initial_kind == "zero":
        out["年初预算数"] = Decimal(0)
    elif initial_kind == "same":
        out["年初预算数"] = budget
    elif initial_kind == "other":
        factor = Decimal(ch.integer(70, 130)) / HUNDRED
        out["年初预算数"] = (budget * factor).quantize(quantum) if budget else Decimal(ch.integer(1, 90))
    out["全年预算数"] = budget
    out["全年执行数"] = executed
    if chance(ch, 35):
        out["资金来源"] = sources(ch, out, quantum)
    return out


def _budget_and_executed(ch: Chooser, money_unit: str, places: int) -> tuple[Decimal, Decimal]:
    """A budget at the written precision and the executed amount at an exact chosen ratio (or a free one)."""
    scale = 10**places  # quanta per written unit
    per_wan = 1 if money_unit == "万元" else 10000
    largest = int(MAX_YUAN / (1 if money_unit == "元" else 10000)) * scale
    magnitude = 10 ** ch.integer(0, 6) * per_wan * scale  # about 1 … 10^6 万元, in quanta
    ratio = ch.choice(RATIOS)
    if ratio is None:
        budget_q = ch.integer(max(1, magnitude // 10), min(magnitude * 10, largest))
        executed_q = budget_q * ch.integer(0, 1050) // 1000
    else:
        r = Decimal(ratio) / HUNDRED
        numerator, denominator = r.as_integer_ratio()
        step = denominator // math.gcd(numerator, denominator) if numerator else 1
        budget_q = step * ch.integer(1, max(1, min(magnitude * 10, largest) // step))
        executed_q = budget_q * numerator // denominator
    return Decimal(budget_q).scaleb(-places), Decimal(executed_q).scaleb(-places)


def _split(ch: Chooser, total: Decimal, parts: int, quantum: Decimal) -> list[Decimal]:
    """``total`` cut into ``parts`` non-negative pieces at ``quantum`` that add up exactly."""
    units = int(total / quantum)
    cuts = sorted(ch.integer(0, units) for _ in range(parts - 1))
    bounds = [0, *cuts, units]
    return [Decimal(bounds[i + 1] - bounds[i]) * quantum for i in range(parts)]


def sources(ch: Chooser, totals: dict[str, Any], quantum: Decimal) -> dict[str, Any]:
    rows = ch.choice(
        (("当年财政拨款", "上年结转资金"), ("当年财政拨款", "上年结转资金", "其他资金"), ("当年财政拨款",))
    )
    columns = [key for key in ("年初预算数", "全年预算数", "全年执行数") if key in totals]
    split = {key: _split(ch, totals[key], len(rows), quantum) for key in columns}
    return {row: {key: split[key][i] for key in columns} for i, row in enumerate(rows)}


def self_score(ch: Chooser, rules: RuleSet, project: dict[str, Any], money_unit: str) -> Decimal:
    """A filed 自评得分 no higher than the execution rate allows."""
    budget, executed = project["全年预算数"], project["全年执行数"]
    points = rules.execution.points
    if budget:
        rate = min(executed / budget * HUNDRED, rules.execution.cap)
        rate_score = rules.round_score(points * rate / HUNDRED)
    else:
        rate_score = points if rules.execution.zero_budget == "full" else Decimal(0)
    highest = rules.weights.total - (points - rate_score)
    places = ch.choice((0, 1, 2))
    step = Decimal(1).scaleb(-places)
    wanted = highest * Decimal(ch.integer(50, 100)) / HUNDRED
    return min(wanted.quantize(step, rounding=ROUND_FLOOR), highest.quantize(step, rounding=ROUND_FLOOR))


# --- indicators ----------------------------------------------------------------------------------------


def level_points(ch: Chooser, rules: RuleSet) -> dict[str, Decimal]:
    """Points per 一级指标 that add up to the rule set's indicator points (default, adjusted or free)."""
    total = rules.indicator_points
    defaults = dict(rules.weights.default)
    if not defaults:  # free split (四川)
        satisfaction = ch.choice((Decimal(0), Decimal(10), Decimal(5)))
        output = Decimal(ch.integer(45, 65))
        return {"产出指标": output, "效益指标": total - output - satisfaction, "满意度指标": satisfaction}
    if chance(ch, 25):
        for missing, target in rules.weights.reassign_missing.items():
            defaults[target] = defaults.get(target, Decimal(0)) + defaults.pop(missing, Decimal(0))
    if chance(ch, 15) and defaults.get("产出指标", 0) > 10:
        defaults["产出指标"] -= 5
        defaults["效益指标"] = defaults.get("效益指标", Decimal(0)) + 5
    return defaults


def _split_points(ch: Chooser, total: Decimal) -> list[Decimal]:
    count = ch.choice((1, 2, 2, 3, 3, 4))
    if total < count:
        count = 1
    quantum = ch.choice((Decimal(1), Decimal("0.5"), Decimal("0.01")))
    units = int(total / quantum)
    cuts = sorted({ch.integer(1, units - 1) for _ in range(count - 1)}) if units > 1 else []
    bounds = [0, *cuts, units]
    return [Decimal(bounds[i + 1] - bounds[i]) * quantum for i in range(len(bounds) - 1)]


def indicators(ch: Chooser, rules: RuleSet) -> list[dict[str, Any]]:
    out = []
    for level1, points in level_points(ch, rules).items():
        if points <= 0:
            continue
        for share in _split_points(ch, points):
            out.append(indicator(ch, rules, level1, share))
    return out


def _kind_symbol(ch: Chooser, rules: RuleSet, kind: str) -> str:
    written = {
        "national": {"≥": ("≥", "≥", "正向"), "≤": ("≤", "≤", "反向"), "=": ("=", "等于"), "定性": ("定性",)},
        "yunnan": {"≥": ("≧", "≥"), "≤": ("≦", "≤"), "=": ("═", "="), "定性": ("定性",)},
        "sichuan": {"≥": ("≥",), "≤": ("≤",), "=": ("=",), "定性": ("定性",)},
    }
    return ch.choice(written[rules.layout][kind])


def indicator(ch: Chooser, rules: RuleSet, level1: str, points: Decimal) -> dict[str, Any]:
    kind = ch.choice(("≥", "≥", "≥", "≥", "≤", "=", "定性", "定性"))
    if kind == "定性":
        return qualitative(ch, rules, level1, points)
    level2 = ch.choice([key[1] for key in v.QUANTITATIVE_NAMES if key[0] == level1])
    name = ch.choice(v.QUANTITATIVE_NAMES[(level1, level2)])
    measure = _measure_for(ch, name)
    target, actual = _target_and_actual(ch, kind, measure)
    data: dict[str, Any] = {
        "一级指标": level1,
        "二级指标": level2,
        "三级指标": name,
        "指标性质": _kind_symbol(ch, rules, kind),
        "年度指标值": target,
        "实际完成值": actual,
        "分值": points,
    }
    if measure is not None:
        data["度量单位"] = measure.unit
    scored = score_indicator(Indicator.model_validate(data), rules)
    if chance(ch, 25):
        data["得分"] = scored.score
    if (scored.missed or scored.over_achieved) and chance(ch, 50):
        data["偏差原因分析及改进措施"] = ch.choice(v.CAUSES) + "；" + ch.choice(v.MEASURES_TEXT) + "。"
    return data


def _measure_for(ch: Chooser, name: str) -> v.Measure | None:
    if "满意度" in name or name.endswith("率"):
        return ch.choice([m for m in v.MEASURES if m.unit == "%"])
    if "得分" in name:
        return next(m for m in v.MEASURES if m.unit == "分")
    if "万亩" in name:
        return next(m for m in v.MEASURES if m.unit == "万亩")
    if chance(ch, 8):
        return None
    return ch.choice([m for m in v.MEASURES if not m.percent_like])


def _target_and_actual(ch: Chooser, kind: str, measure: v.Measure | None) -> tuple[Decimal, Decimal]:
    low, high, places = (measure.low, measure.high, measure.places) if measure else (1, 500, 0)
    bounded = measure is not None and measure.percent_like
    step = Decimal(1).scaleb(-places)
    if kind == "≤" and chance(ch, 15):
        return Decimal(0), Decimal(0)  # 安全事故 ≤ 0, none happened
    completion = ch.choice(COMPLETIONS)
    if completion not in ("100", "95") and not bounded and chance(ch, 60):
        target = Decimal(ch.choice(EXACT_TARGETS))  # the ratio lands exactly on the threshold
    else:
        target = (Decimal(ch.integer(low * 10**places, high * 10**places)) * step).quantize(step)
    if kind == "≤":
        if chance(ch, 65):
            return target, (target * Decimal(ch.integer(60, 100)) / HUNDRED).quantize(step)
        return target, (target * Decimal(ch.integer(101, 160)) / HUNDRED).quantize(step) + step
    if kind == "=" and chance(ch, 75):
        return target, target
    actual = plain(target * Decimal(completion) / HUNDRED)
    if actual.as_tuple().exponent < -4:  # type: ignore[operator]
        actual = plain(actual.quantize(Decimal("0.0001")))
    if bounded and actual > 100:
        actual = Decimal(100)
    if chance(ch, 5):
        actual = Decimal(0)
    return target, actual


def qualitative(ch: Chooser, rules: RuleSet, level1: str, points: Decimal) -> dict[str, Any]:
    """A 定性 indicator scored at an edge or inside the band of a chosen tier."""
    tier = ch.choice(rules.qualitative_tiers)
    top = tier == rules.qualitative_tiers[0]
    edge = ch.choice(("min", "max", "mid"))
    cent = Decimal("0.01")
    if edge == "min":
        score = (points * tier.min / HUNDRED).quantize(cent, rounding=ROUND_CEILING)
    elif edge == "max":
        high = points * tier.max / HUNDRED
        score = (
            high.quantize(cent, rounding=ROUND_FLOOR) if top else (high - cent).quantize(cent, ROUND_FLOOR)
        )
    else:
        score = (points * (tier.min + tier.max) / 2 / HUNDRED).quantize(cent, rounding=ROUND_FLOOR)
    score = min(max(score, Decimal(0)), points)
    if rules.tier_for(score / points * HUNDRED) != tier:  # a band too narrow for cents at these points
        tier = rules.tier_for(score / points * HUNDRED)
    data: dict[str, Any] = {
        "一级指标": level1,
        "二级指标": v.SECOND_LEVEL_QUALITATIVE[level1],
        "三级指标": ch.choice(v.QUALITATIVE_NAMES[level1]),
        "指标性质": "定性",
        "分值": points,
        "得分": plain(score),
    }
    if chance(ch, 70):
        data["评价档次"] = tier.name if chance(ch, 80) else tier.name[:4]
    if chance(ch, 60):
        data["年度指标值"] = "建立长效机制，工作规范有序"
        data["实际完成值"] = "已建立" if top else "部分建立，仍需完善"
    if not top and chance(ch, 50):
        data["偏差原因分析及改进措施"] = ch.choice(v.CAUSES) + "；" + ch.choice(v.MEASURES_TEXT) + "。"
    return data
