"""The records a 自评表 read from text is made of: ``Value`` (a cell as written, with its span), ``FundRow``,
``FormIndicator`` and ``Form``.

Reading lives in ``reader`` (with ``tokens``, ``funds``, ``indicators``); turning a form into case data for
``jixiao score`` lives in ``case``, into the audit's reference in ``reference``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

FormKind = Literal["project", "department", "transfer"]

# Canonical fund columns. Money columns are amounts; "rate"/"available_rate" are percents as written.
MONEY_COLUMNS = ("budget_initial", "budget", "executed", "available", "pooled", "budget_net")
FUND_ROW_TOTAL = "年度资金总额"
# Cells that say nothing: dashes, slashes, 无, and the ellipses of a template's unused rows.
_BLANK_TEXTS = frozenset(("", "—", "——", "-", "--", "/", "／", "－", "无", "…", "……", "...", "......"))


@dataclass(frozen=True)
class Value:
    """One cell as the form wrote it: its text, where it stands in the report, and its number if it has one.

    ``number`` is the written number (a percent stays 86 for "86%"); ``op`` the comparison written before it
    (≥ ≤ =), ``unit`` what follows it (万元, 人, %), ``places`` its written decimals.
    """

    text: str
    start: int
    end: int
    number: Decimal | None = None
    op: str | None = None
    unit: str | None = None
    places: int = 0
    percent: bool = False

    @property
    def blank(self) -> bool:
        return self.number is None and self.text.strip() in _BLANK_TEXTS


@dataclass
class FundRow:
    """A row of the funds block (年度资金总额 or a 其中 row), by canonical column."""

    label: str
    cells: dict[str, Value] = field(default_factory=dict)
    uncertain: bool = False  # more than one reading of the row fits the form's constraints
    span: tuple[int, int] = (0, 0)

    def number(self, column: str) -> Decimal | None:
        value = self.cells.get(column)
        return value.number if value is not None else None


@dataclass
class FormIndicator:
    """A 三级指标 row: names, target and actual as written, 分值/得分 and the deviation note."""

    level1: str
    level2: str
    name: str
    target: Value | None = None
    actual: Value | None = None
    points: Value | None = None
    score: Value | None = None
    kind: str | None = None  # 指标性质 column (≥ ≤ = 定性) when the form has one
    unit: str | None = None  # 度量单位 column when the form has one
    note: str | None = None
    span: tuple[int, int] = (0, 0)


@dataclass
class Form:
    """One 自评表 (a project's, a department's, or a 转移支付 area's) as read from a report's text."""

    kind: FormKind = "project"
    title: str | None = None
    year: int | None = None
    name: str | None = None
    department: str | None = None
    implementer: str | None = None
    filler: str | None = None
    money_unit: str = "万元"
    layout: str = "national"  # national | sichuan | yunnan, by the form's column names and 指标性质 marks
    execution_points: Decimal | None = None  # from a funds heading such as 预算执行情况（20分）
    score_formula: bool = False  # the 得分 column's header writes its rule: 得分(20分*执行率)
    funds: list[FundRow] = field(default_factory=list)
    goal: str | None = None
    outcome: str | None = None
    level1_points: dict[str, Value] = field(default_factory=dict)  # 产出指标（50分）
    indicators: list[FormIndicator] = field(default_factory=list)
    total_points: Value | None = None
    total: Value | None = None
    grade: Value | None = None
    note_weights: dict[str, Decimal] = field(default_factory=dict)  # 注：产出指标50分、效益指标30分…
    notes: list[str] = field(default_factory=list)  # what could not be read safely, in Chinese
    # funds rows with figures under a label no vocabulary names ("按支出性质分：基本支出 | 742.30 | …")
    unread_rows: list[str] = field(default_factory=list)
    columns_inferred: bool = False  # no header row: the indicator columns were read from the rows' own shape
    span: tuple[int, int] = (0, 0)
    prose: list[tuple[int, int]] = field(
        default_factory=list
    )  # narrative cells (目标, 完成情况) inside the form

    def table_spans(self) -> list[tuple[int, int]]:
        """The form's extent without its narrative cells: what prose checks must not read as sentences."""
        spans, cursor = [], self.span[0]
        for start, end in sorted(self.prose):
            if start > cursor:
                spans.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < self.span[1]:
            spans.append((cursor, self.span[1]))
        return spans

    def fund(self, label: str = FUND_ROW_TOTAL) -> FundRow | None:
        return next((row for row in self.funds if row.label == label), None)

    @property
    def sources(self) -> list[FundRow]:
        return [row for row in self.funds if row.label != FUND_ROW_TOTAL]

    @property
    def unit_name(self) -> str | None:
        """The unit that files the form: 填报单位, else 实施单位, else 主管部门."""
        return self.filler or self.implementer or self.department
