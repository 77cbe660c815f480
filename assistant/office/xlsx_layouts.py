"""The 自评表 layouts as data: which header or row label means which case field, and each form variant.

Column names of fields come from ``assistant.vocabulary`` (one table of synonyms for the whole program); what
only makes sense at one place of a form (block labels, the rows of the funds block, a trailing 偏差原因分析 row)
is declared here. ``LAYOUTS`` holds one entry per form variant (national, 四川, 云南): how the reader recognises
it and how the writer prints it, so a new variant is one entry. Labels are compared after ``label_of``
(half-width, no spaces, bracketed units dropped), so '全年预算数（万元）' and '全年预算数' are one key.
Matching labels on a grid lives in ``xlsx_labels``; parsing in ``xlsx_project`` / ``xlsx_summary``; writing in
``xlsx_export``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from assistant.vocabulary import (
    DEPARTMENT,
    IMPLEMENTER,
    INDICATOR_TERMS,
    MONEY_TERMS,
    POINTS,
    RATE,
    SCORE,
    SELF_SCORE,
    header_table,
)
from assistant.vocabulary import PROJECT_NAME as PROJECT_NAME_TERM

Layout = str  # a key of LAYOUTS: the rule set's ``layout``

PROJECT_NAME = (PROJECT_NAME_TERM.key,)
HEADER_FIELDS = header_table(DEPARTMENT, IMPLEMENTER, spoken=False)

# Funds block columns (national / 四川 names) → field.
FUND_COLUMNS = {
    **header_table(*MONEY_TERMS, POINTS, RATE, SCORE, spoken=False),
    "原因": "原因",
    "偏差原因": "原因",
    "未完成原因": "原因",
}
MONEY_FIELDS = tuple(term.key for term in MONEY_TERMS)
# Funds block rows → FundSources key (None = the 年度资金总额 total row).
FUND_ROWS: tuple[tuple[str | None, tuple[str, ...]], ...] = (
    (None, ("年度资金总额", "资金总额", "项目资金总额", "项目资金", "合计", "总计", "年度资金")),
    ("当年财政拨款", ("当年财政拨款", "本年财政拨款", "财政拨款", "财政资金", "当年财政资金")),
    ("上年结转资金", ("上年结转资金", "上年结转", "结转资金", "上年结余资金", "结转结余资金")),
    ("其他资金", ("其他资金", "其他", "自筹资金")),
)

GOAL_LABELS = ("年度总体目标", "年度总体目标完成情况", "总体目标", "总体目标完成情况", "年度目标")
GOAL_EXPECTED = ("预期目标", "年度预期目标", "年初设定目标")
GOAL_ACTUAL = ("实际完成情况", "实际完成目标", "全年实际完成情况", "目标实际完成情况", "实际完成")

INDICATOR_COLUMNS = header_table(*INDICATOR_TERMS, spoken=False)
INDICATOR_REQUIRED = ("一级指标", "三级指标", "年度指标值", "实际完成值", "分值")
EXECUTION_ROW_NAMES = ("预算执行率", "预算执行情况")
TOTAL_LABELS = ("总分", "合计", "总计", "综合得分", "自评总分", "总得分", "自评得分")
TRAILING_FIELDS = {
    "偏差原因": "偏差原因",
    "偏差原因分析": "偏差原因",
    "主要偏差原因": "偏差原因",
    "偏差大或目标未完成原因分析": "偏差原因",
    "存在问题及原因": "偏差原因",
    "改进措施": "改进措施",
    "下一步改进措施": "改进措施",
    "改进措施及结果应用方案": "改进措施",
    "项目背景": "背景",
    "项目概况": "背景",
    "项目基本情况": "背景",
}
# '注：…', '说明1.…', '填表人：…' under a table; not '注册企业数' (an indicator name).
NOTE_ROW = re.compile(
    r"^(?:(?:注|说明|备注|附注)(?:[:：\d一二三四五六七八九、.]|$)|(?:填表人|制表人|审核人|联系人|联系电话|"
    r"单位负责人|财务负责人|项目负责人|填报人|填报日期|制表日期|单位\(盖章\)|单位盖章))"
)

# Summary sheets print the shorter names too (预算数, 执行数, 实际支出, 得分).
SUMMARY_COLUMNS = {
    **header_table(PROJECT_NAME_TERM, DEPARTMENT, IMPLEMENTER, *MONEY_TERMS, RATE, SELF_SCORE),
    "序号": "序号",
    "等级": "等级",
    "评价等级": "等级",
    "考评等级": "等级",
    "自评等级": "等级",
}
SUMMARY_STOP = ("合计", "总计", "平均", "平均得分")

META_KEYS = {
    "单位名称": "单位名称",
    "填报单位": "单位名称",
    "年度": "年度",
    "评分规则": "评分规则",
    "金额单位": "金额单位",
    "主管部门": "主管部门",
    "单位概况": "单位概况",
    "报告提纲": "报告提纲",
}

# Anything that is a label somewhere: a value cell never looks like one of these.
ALL_LABELS = frozenset(
    [
        *PROJECT_NAME,
        *HEADER_FIELDS,
        *FUND_COLUMNS,
        *GOAL_LABELS,
        *GOAL_EXPECTED,
        *GOAL_ACTUAL,
        *INDICATOR_COLUMNS,
        *TOTAL_LABELS,
        *TRAILING_FIELDS,
        "绩效指标",
    ]
)


@dataclass(frozen=True)
class FormLayout:
    """One 自评表 variant: how the reader recognises it and how the writer prints it."""

    rules: str  # the shipped rule set a form of this variant is scored by
    markers: frozenset[str]  # column headers only this variant prints (四川: 调整后预算数, 权重…)
    kind_marks: str  # 指标性质 symbols only this variant uses (云南: ≧ ═ ≦)
    fund_label: str
    fund_columns: tuple[
        str, ...
    ]  # 年初/全年预算/执行 in this variant's words, then its 分值/执行率/得分/原因
    goal_label: str
    indicator_label: str
    indicator_columns: tuple[tuple[str, str, float], ...]  # (header, field, column width)
    kind_symbols: dict[str, str] | None  # None: 指标性质 folded into 年度指标值 ('≥95%')


DEFAULT_LAYOUT = "national"


def _with_kind_and_unit(actual: str, points: str, note: str) -> tuple[tuple[str, str, float], ...]:
    """Indicator columns of the forms that give 指标性质 and 度量单位 their own columns (四川, 云南)."""
    return (
        ("一级指标", "level1", 10),
        ("二级指标", "level2", 12),
        ("三级指标", "name", 24),
        ("指标性质", "kind", 8),
        ("指标值", "target", 12),
        ("度量单位", "unit", 9),
        (actual, "actual", 12),
        (points, "points", 8),
        ("得分", "score", 9),
        (note, "note", 30),
    )


_NATIONAL_FUNDS = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
# Recognised in this order (the first whose markers a form shows); the default has none.
LAYOUTS: dict[Layout, FormLayout] = {
    "sichuan": FormLayout(
        rules="sichuan",
        markers=frozenset(["调整后预算数", "调整后预算", "权重", "完成值", "未完成原因分析"]),
        kind_marks="",
        fund_label="项目预算执行情况",
        fund_columns=("年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"),
        goal_label="年度总体目标完成情况",
        indicator_label="绩效指标完成情况",
        indicator_columns=_with_kind_and_unit("完成值", "权重", "未完成原因分析"),
        kind_symbols={"≥": "≥", "≤": "≤", "=": "=", "定性": "定性"},
    ),
    "yunnan": FormLayout(
        rules="yunnan",
        markers=frozenset(),
        kind_marks="≧═≦",
        fund_label="项目资金",
        fund_columns=_NATIONAL_FUNDS,
        goal_label="年度总体目标",
        indicator_label="绩效指标",
        indicator_columns=_with_kind_and_unit("实际完成值", "分值", "偏差原因分析及改进措施"),
        kind_symbols={"≥": "≧", "≤": "≦", "=": "═", "定性": "定性"},
    ),
    DEFAULT_LAYOUT: FormLayout(
        rules="national_2020",
        markers=frozenset(),
        kind_marks="",
        fund_label="项目资金",
        fund_columns=_NATIONAL_FUNDS,
        goal_label="年度总体目标",
        indicator_label="绩效指标",
        indicator_columns=(
            ("一级指标", "level1", 10),
            ("二级指标", "level2", 12),
            ("三级指标", "name", 24),
            ("年度指标值", "target", 14),
            ("实际完成值", "actual", 14),
            ("分值", "points", 8),
            ("得分", "score", 9),
            ("偏差原因分析及改进措施", "note", 32),
        ),
        kind_symbols=None,
    ),
}


def layout_of(name: Layout) -> FormLayout:
    """A rule set's layout, the default one for a layout no form variant declares."""
    return LAYOUTS.get(name, LAYOUTS[DEFAULT_LAYOUT])


def detect_layout(headers: set[str], kinds: Iterable[str] = ()) -> Layout:
    """The first variant whose own column names are among ``headers`` or whose 指标性质 marks are in ``kinds``."""
    kinds = list(kinds)
    for name, layout in LAYOUTS.items():
        if headers & layout.markers or any(mark in kind for kind in kinds for mark in layout.kind_marks):
            return name
    return DEFAULT_LAYOUT


def first_layout(names: Iterable[Layout]) -> Layout:
    """Of the layouts a workbook's forms showed, the one a whole case is scored by (in ``LAYOUTS`` order)."""
    shown = set(names)
    return next((name for name in LAYOUTS if name in shown), DEFAULT_LAYOUT)


def rules_for(layout: Layout, execution_points: Decimal | None) -> str:
    """The shipped rule set for a form: same layout, same 执行率 分值 (20 → exec20), else the layout's default."""
    from assistant.rules import rules_for_layout

    return rules_for_layout(layout, execution_points, layout_of(layout).rules)
