"""Rule sets as data: weights, formulas, tiers, grades and rounding, loaded from ``rulesets/*.yaml``.

The national default (财预〔2020〕10号) and local variants ship with the package; a deployment can pass a path
to its own YAML file. Every key is validated; an unknown key fails with a message naming it.
"""

from __future__ import annotations

import functools
from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.errors import InputError, Problem
from assistant.validation import problems_from
from assistant.yamlfile import load_yaml, yaml_input_error

RULESET_DIR = Path(__file__).with_name("rulesets")
DEFAULT_RULESET = "national_2020"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Execution(_Strict):
    points: Decimal = Field(ge=0, le=100)
    cap: Decimal = Decimal(100)
    definition: str = "全年执行数 ÷ 全年预算数"
    zero_budget: Literal["full", "zero"] = "full"


class Weights(_Strict):
    default: dict[str, Decimal] = Field(default_factory=dict)
    reassign_missing: dict[str, str] = Field(default_factory=dict)
    total: Decimal = Decimal(100)


class Quantitative(_Strict):
    negative_formula: Literal["ratio", "linear"] = "ratio"
    equal_formula: Literal["forward", "symmetric"] = "forward"
    over_achievement_percent: Decimal = Decimal(130)


class Band(_Strict):
    name: str
    min: Decimal = Field(ge=0, le=100)
    max: Decimal = Field(default=Decimal(100), ge=0, le=100)


class Deviation(_Strict):
    explain_rate_below: Decimal = Decimal(90)
    explain_over_achievement: bool = True
    explain_missed_indicator: bool = True


class Rounding(_Strict):
    rate_places: int = Field(default=2, ge=0, le=6)
    score_places: int = Field(default=2, ge=0, le=6)
    mode: Literal["ROUND_HALF_UP", "ROUND_HALF_EVEN"] = "ROUND_HALF_UP"


class RuleSet(_Strict):
    """A complete scoring policy; see ``rulesets/national_2020.yaml`` for every key, commented."""

    id: str
    name: str
    layout: Literal["national", "sichuan", "yunnan"] = "national"
    execution: Execution
    weights: Weights = Weights()
    quantitative: Quantitative = Quantitative()
    qualitative_tiers: tuple[Band, ...]
    grades: tuple[Band, ...]
    deviation: Deviation = Deviation()
    rounding: Rounding = Rounding()

    @model_validator(mode="after")
    def _bands_are_ordered(self) -> RuleSet:
        for label, bands in (("grades", self.grades), ("qualitative_tiers", self.qualitative_tiers)):
            mins = [band.min for band in bands]
            if not bands or mins != sorted(mins, reverse=True) or mins[-1] != 0:
                raise ValueError(f"{label} 须按下限从高到低排列，且最低一档下限为 0")
        return self

    @property
    def indicator_points(self) -> Decimal:
        """Points left for indicators once 预算执行率 takes its share."""
        return self.weights.total - self.execution.points

    # --- the rule decisions: every layer (scoring, drafting, audit, mutations) asks these ------------------

    def round_rate(self, value: Decimal) -> Decimal:
        """A rate (percent) at display precision."""
        return _quantize(value, self.rounding.rate_places, self.rounding.mode)

    def round_score(self, value: Decimal) -> Decimal:
        """A score at display precision."""
        return _quantize(value, self.rounding.score_places, self.rounding.mode)

    def round_at(self, value: Decimal, places: int) -> Decimal:
        """``value`` at ``places`` decimals under the rule set's rounding mode (a figure as written)."""
        return _quantize(value, places, self.rounding.mode)

    def rate_needs_explanation(self, rate: Decimal | None) -> bool:
        """Must a project explain its execution? Judged on the rate as shown, so "90.00%" never reads as low."""
        return rate is not None and self.round_rate(rate) < self.deviation.explain_rate_below

    def is_over_achieved(self, completion: Decimal | None) -> bool:
        """Is an indicator's completion (percent of target, as shown) at or above the over-achievement mark?"""
        return (
            completion is not None
            and self.round_rate(completion) >= self.quantitative.over_achievement_percent
        )

    def execution_score(self, rate: Decimal) -> Decimal:
        """The 预算执行率 score for a rate (percent): min(rate, cap) × points, at display precision."""
        return self.round_score(self.execution.points * min(rate, self.execution.cap) / 100)

    def grade_for(self, total: Decimal) -> str:
        """The grade band holding ``total`` (lower bound inclusive), judged at display precision."""
        shown = self.round_score(total)
        for band in self.grades:
            if shown >= band.min:
                return band.name
        return self.grades[-1].name

    def tier_for(self, percent_of_points: Decimal) -> Band:
        """The qualitative tier whose band holds this share of the points (top tier includes its max)."""
        for index, band in enumerate(self.qualitative_tiers):
            if percent_of_points >= band.min and (index == 0 or percent_of_points < band.max):
                return band
        return self.qualitative_tiers[-1]

    def tier_named(self, name: str) -> Band | None:
        for band in self.qualitative_tiers:
            if band.name == name:
                return band
        for band in self.qualitative_tiers:
            if band.name.startswith(name):
                return band
        return None


def _quantize(value: Decimal, places: int, mode: str) -> Decimal:
    rounding = ROUND_HALF_UP if mode == "ROUND_HALF_UP" else ROUND_HALF_EVEN
    return value.quantize(Decimal(1).scaleb(-places), rounding=rounding)


def available_rulesets() -> list[str]:
    """Ids of the rule sets shipped with the package."""
    return sorted(path.stem for path in RULESET_DIR.glob("*.yaml"))


@functools.cache
def load_ruleset(ref: str = DEFAULT_RULESET) -> RuleSet:
    """Load a shipped rule set by id, or a deployment's own by path to its YAML file."""
    path = Path(ref)
    if path.suffix not in (".yaml", ".yml"):
        path = RULESET_DIR / f"{ref}.yaml"
        if not path.is_file():
            known = "、".join(available_rulesets())
            raise InputError.single(f"未知的评分规则「{ref}」，可选：{known}（或给出规则 YAML 文件路径）")
    data = None
    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
        return RuleSet.model_validate(data)
    except OSError as exc:
        raise InputError.single(f"无法读取评分规则文件：{exc.strerror}", file=str(path)) from exc
    except ValidationError as exc:
        problems = problems_from(exc, data, str(path), model=RuleSet)
        raise InputError(
            [Problem(f"评分规则文件有误：{p.message}", p.file, p.location) for p in problems]
        ) from exc
    except Exception as exc:  # yaml.YAMLError and decimal errors
        raise yaml_input_error(exc, str(path), "评分规则文件不是有效的 YAML") from exc


# The default rule set of each form layout (as office.xlsx_layouts.LAYOUTS declares for workbooks).
_PREFERRED_FOR_LAYOUT = {"national": "national_2020", "sichuan": "sichuan", "yunnan": "yunnan"}


def rules_for_layout(layout: str, execution_points: Decimal | None, preferred: str | None = None) -> str:
    """The shipped rule set for a filed form: same layout, same 执行率 分值 (20 → exec20), else ``preferred``
    (the layout's default)."""
    preferred = preferred or _PREFERRED_FOR_LAYOUT.get(layout, DEFAULT_RULESET)
    if execution_points is None:
        return preferred
    matching = [
        rid
        for rid in available_rulesets()
        if load_ruleset(rid).layout == layout and load_ruleset(rid).execution.points == execution_points
    ]
    if preferred in matching or not matching:
        return preferred
    return matching[0]
