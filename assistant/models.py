"""The case file: one unit's year of budget projects, as the officer fills the 自评表.

Keys are the Chinese 自评表 column names (``项目名称``, ``全年预算数`` …); English field names work too.
Money is ``Decimal`` and stored canonically in 万元; ``money_unit`` remembers what the officer wrote so that
reports and exports show amounts the way they were filed. Scoring lives in ``assistant.scoring``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AliasChoices,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from assistant.numbers.numerals import ascii_number
from assistant.placeholders import placeholder
from assistant.vocabulary import (
    ACTUAL,
    BACKGROUND,
    BUDGET,
    BUDGET_INITIAL,
    DEPARTMENT,
    DEVIATION_CAUSE,
    DEVIATION_NOTE,
    EXECUTED,
    GOAL,
    IMPLEMENTER,
    IMPROVEMENT,
    INDICATOR_NAME,
    KIND,
    KIND_VALUES,
    LEVEL1,
    LEVEL2,
    MONEY_TERMS,
    OUTCOME,
    POINTS,
    PROJECT_NAME,
    SCORE,
    SELF_SCORE,
    TARGET,
    TIER,
    UNIT,
    Term,
)

YUAN_PER_WAN = Decimal(10000)
# What a draft shows for what the case file did not state (scoring needs neither).
UNIT_PENDING = placeholder("单位名称")
YEAR_PENDING = placeholder("年度")
MONEY_KEYS = tuple(t.key for t in MONEY_TERMS)

IndicatorKind = Literal["≥", "≤", "=", "定性"]

_PLAIN_NUMBER = re.compile(r"^[≥≧>＞≤≦<＜=═＝]?\s*([-+]?\d+(?:\.\d+)?)\s*(%|％)?$")


def parse_plain_number(value: Any) -> Decimal | None:
    """Read a form cell as a number: ints, Decimals, '95%', '１２', '1,200', '≥95'. None if it is not one."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return None  # floats never reach here from our loaders; refuse rather than guess
    text = ascii_number(str(value).strip()).replace(",", "")
    match = _PLAIN_NUMBER.match(text)
    if not match:
        return None
    try:
        return Decimal(match.group(1))
    except InvalidOperation:
        return None


def is_percent(text: str) -> bool:
    """Whether a typed number is a percentage (95%, ９５％, 95﹪): never an amount or a score."""
    return "%" in ascii_number(text)


def _normalise_kind(value: Any) -> Any:
    if isinstance(value, str):
        return KIND_VALUES.get(value.strip().replace(" ", ""), value)
    return value


def _strip_text(value: Any) -> Any:
    return value.strip() if isinstance(value, str) else value


def _to_decimal(value: Any) -> Any:
    """Accept '62.3205', '１２', '1,200.5' and ints as money; reject floats (binary) and other junk."""
    if isinstance(value, float):
        return Decimal(repr(value))
    if isinstance(value, str):
        parsed = parse_plain_number(value)
        if parsed is None or is_percent(value):
            raise ValueError("不是有效的金额数字")
        return parsed
    return value


Money = Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0, allow_inf_nan=False)]
Text = Annotated[str, BeforeValidator(_strip_text)]


def zh(chinese: str, *english: str, **kwargs: Any) -> Any:
    """A field read from its Chinese 自评表 column name or an English alias, written back in Chinese."""
    return Field(
        validation_alias=AliasChoices(chinese, *english),
        serialization_alias=chinese,
        **kwargs,
    )


def term(field: Term, **kwargs: Any) -> Any:
    """A 自评表 field read from its key, any name forms print for it (``vocabulary``) or its English attribute."""
    return zh(field.key, *field.form, field.attr, **kwargs)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, str_strip_whitespace=True)


class FundRow(_Strict):
    """One row of the funds block: 年初预算数 / 全年预算数 / 全年执行数."""

    budget_initial: Money | None = term(BUDGET_INITIAL, default=None)
    budget: Money = term(BUDGET)
    executed: Money = term(EXECUTED)


class FundSources(_Strict):
    """The 其中 sub-rows under 年度资金总额; when given they must add up to the total row."""

    appropriation: FundRow | None = zh("当年财政拨款", "appropriation", default=None)
    carry_over: FundRow | None = zh("上年结转资金", "carry_over", default=None)
    other: FundRow | None = zh("其他资金", "other", default=None)

    def rows(self) -> dict[str, FundRow]:
        named = {"当年财政拨款": self.appropriation, "上年结转资金": self.carry_over, "其他资金": self.other}
        return {name: row for name, row in named.items() if row is not None}


class Indicator(_Strict):
    """A third-level performance indicator (三级指标) with its target, actual value and points."""

    level1: Text = term(LEVEL1)
    level2: Text = term(LEVEL2, default="")
    name: Text = term(INDICATOR_NAME, min_length=1)
    kind: Annotated[IndicatorKind, BeforeValidator(_normalise_kind)] = term(KIND, default="≥")
    target: Decimal | str | None = term(TARGET, default=None)
    unit: Text | None = term(UNIT, default=None)
    actual: Decimal | str | None = term(ACTUAL, default=None)
    points: Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0, le=100)] = term(POINTS)
    score: Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0, le=100)] | None = term(
        SCORE, default=None
    )
    tier: Text | None = term(TIER, default=None)
    deviation_note: Text | None = term(DEVIATION_NOTE, default=None)
    # The officer chose the 得分 filed on the form over the rule's score (set in the workspace, not on forms).
    score_kept: bool | None = zh("采用填报得分", "score_kept", default=None)

    @property
    def is_qualitative(self) -> bool:
        return self.kind == "定性"

    @property
    def target_value(self) -> Decimal | None:
        return parse_plain_number(self.target)

    @property
    def actual_value(self) -> Decimal | None:
        return parse_plain_number(self.actual)

    @field_validator("target", "actual", mode="before")
    @classmethod
    def _no_float(cls, value: Any) -> Any:
        if isinstance(value, float):
            return Decimal(repr(value))
        return value

    @model_validator(mode="after")
    def _quantitative_values_are_numbers(self) -> Indicator:
        if self.score is not None and self.score > self.points:
            raise ValueError(f"指标「{self.name}」的得分 {self.score} 超过分值 {self.points}")
        if self.is_qualitative:
            return self
        for label, raw, parsed in (
            ("年度指标值", self.target, self.target_value),
            ("实际完成值", self.actual, self.actual_value),
        ):
            if raw is None or raw == "":
                raise ValueError(f"定量指标「{self.name}」缺少{label}")
            if parsed is None:
                raise ValueError(f"定量指标「{self.name}」的{label}「{raw}」不是数字")
            if not parsed.is_finite():
                raise ValueError(f"定量指标「{self.name}」的{label}不是有限数字")
        return self


class Project(_Strict):
    """One budget project (项目) as filed in its 自评表."""

    name: Text = term(PROJECT_NAME, min_length=1)
    department: Text | None = term(DEPARTMENT, default=None)
    implementer: Text | None = term(IMPLEMENTER, default=None)
    budget_initial: Money | None = term(BUDGET_INITIAL, default=None)
    budget: Money = term(BUDGET)
    executed: Money = term(EXECUTED)
    sources: FundSources | None = zh("资金来源", "sources", default=None)
    goal: Text | None = term(GOAL, default=None)
    outcome: Text | None = term(OUTCOME, default=None)
    indicators: list[Indicator] = zh("绩效指标", "indicators", default_factory=list)
    background: Text | None = term(BACKGROUND, default=None)
    deviation_cause: Text | None = term(DEVIATION_CAUSE, default=None)
    improvement: Text | None = term(IMPROVEMENT, default=None)
    self_score: Annotated[Decimal, BeforeValidator(_to_decimal), Field(ge=0, le=100)] | None = term(
        SELF_SCORE, default=None
    )

    def money_fields(self) -> list[tuple[Any, str]]:
        """Every (holder, attribute) pair holding money, for unit conversion."""
        pairs: list[tuple[Any, str]] = [(self, "budget_initial"), (self, "budget"), (self, "executed")]
        if self.sources:
            for row in self.sources.rows().values():
                pairs += [(row, "budget_initial"), (row, "budget"), (row, "executed")]
        return pairs


class Case(_Strict):
    """One unit's year: the input to scoring, drafting and auditing."""

    unit: Text = zh("单位名称", "unit", min_length=1)
    # Scoring needs no year; a draft without one marks it 【待补充：年度】 (``year_text``).
    year: int | None = zh("年度", "year", default=None, ge=1990, le=2100)
    rules: Text = zh("评分规则", "rules", default="national_2020")
    money_unit: Literal["万元", "元"] = zh("金额单位", "money_unit", default="万元")
    department: Text | None = zh("主管部门", "department", default=None)
    background: Text | None = zh("单位概况", "background", default=None)
    outline: Text | None = zh("报告提纲", "outline", default=None)
    # Facts only the officer knows (see assistant.placeholders.OFFICER_FACTS); a draft marks them 【待补充】.
    review_organiser: Text | None = zh("评价组织", "review_organiser", default=None)
    review_basis: Text | None = zh("评价依据", "review_basis", default=None)
    problems: Text | None = zh("存在问题", "problems", default=None)
    result_use: Text | None = zh("结果应用", "result_use", default=None)
    disclosure: Text | None = zh("公开情况", "disclosure", default=None)
    experience: Text | None = zh("主要经验", "experience", default=None)
    other_notes: Text | None = zh("其他说明", "other_notes", default=None)
    # 四（二）项目管理情况, the achievements summed up in 三, and the date under the 落款.
    implementation: Text | None = zh("组织实施", "implementation", default=None)
    fund_management: Text | None = zh("资金管理", "fund_management", default=None)
    rules_in_place: Text | None = zh("制度建设", "rules_in_place", default=None)
    procurement: Text | None = zh("政府采购", "procurement", default=None)
    achievements: Text | None = zh("主要成效", "achievements", default=None)
    signed_on: Text | None = zh("成文日期", "signed_on", default=None)
    projects: list[Project] = zh("项目", "projects", min_length=1)

    @model_validator(mode="after")
    def _canonicalise(self) -> Case:
        seen: dict[str, int] = {}
        for index, project in enumerate(self.projects, 1):
            if project.name in seen:
                raise ValueError(
                    f"项目名称「{project.name}」重复（第 {seen[project.name]} 个和第 {index} 个项目）"
                )
            seen[project.name] = index
        if self.money_unit == "元":
            for project in self.projects:
                for holder, attr in project.money_fields():
                    value = getattr(holder, attr)
                    if value is not None:
                        setattr(holder, attr, value / YUAN_PER_WAN)
        return self

    @property
    def year_text(self) -> str:
        """The year for titles and reports, or the 【待补充】 mark when the file stated none."""
        return str(self.year) if self.year is not None else YEAR_PENDING

    def to_data(self) -> dict[str, Any]:
        """The case as a plain dict with Chinese keys and amounts in the unit the officer filed in."""
        data = self.model_dump(by_alias=True, exclude_none=True, mode="python")
        if self.money_unit == "元":
            for project in data["项目"]:
                _scale_money(project, YUAN_PER_WAN)
        return data


def _scale_money(node: dict[str, Any], factor: Decimal) -> None:
    for key in MONEY_KEYS:
        if node.get(key) is not None:
            node[key] = _plain(node[key] * factor)
    for row in (node.get("资金来源") or {}).values():
        _scale_money(row, factor)


def _plain(value: Decimal) -> Decimal:
    """Drop trailing zeros without going to exponent form (1000000, never 1E+6)."""
    value = value.normalize()
    return value.quantize(Decimal(1)) if value.as_tuple().exponent > 0 else value  # type: ignore[operator]


def format_amount(value_wan: Decimal, money_unit: str = "万元") -> str:
    """Show a canonical 万元 amount in the case's unit, with the digits the officer wrote (no float noise)."""
    if money_unit == "元":
        return format(_plain(value_wan * YUAN_PER_WAN), "f")
    return format(value_wan, "f")
