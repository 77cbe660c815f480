"""The 自评表 layouts as data: which header or row label means which case field, on national, 四川 and 云南 forms.

Labels are compared after ``label_of`` (half-width, no spaces, bracketed units dropped), so '全年预算数（万元）'
and '全年预算数' are one key. Parsing lives in ``xlsx_project`` / ``xlsx_summary``; this module only names things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.office.xlsx_cells import Cell, Grid, label_of, normalise

Layout = str  # "national" | "sichuan" | "yunnan" — the rule set's ``layout`` values

PROJECT_NAME = ("项目名称",)
HEADER_FIELDS = {
    "主管部门": "主管部门",
    "主管单位": "主管部门",
    "主管部门(单位)": "主管部门",
    "实施单位": "实施单位",
    "项目实施单位": "实施单位",
    "项目单位": "实施单位",
}

# Funds block columns (national / 四川 names) → field.
FUND_COLUMNS = {
    "年初预算数": "年初预算数",
    "年初预算": "年初预算数",
    "年初预算金额": "年初预算数",
    "全年预算数": "全年预算数",
    "全年预算": "全年预算数",
    "调整后预算数": "全年预算数",
    "调整后预算": "全年预算数",
    "全年执行数": "全年执行数",
    "全年执行": "全年执行数",
    "预算执行数": "全年执行数",
    "全年实际执行数": "全年执行数",
    "分值": "分值",
    "权重": "分值",
    "执行率": "执行率",
    "预算执行率": "执行率",
    "得分": "得分",
    "原因": "原因",
    "偏差原因": "原因",
    "未完成原因": "原因",
}
MONEY_FIELDS = ("年初预算数", "全年预算数", "全年执行数")
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

INDICATOR_COLUMNS = {
    "一级指标": "一级指标",
    "二级指标": "二级指标",
    "三级指标": "三级指标",
    "指标性质": "指标性质",
    "指标方向": "指标性质",
    "年度指标值": "年度指标值",
    "指标值": "年度指标值",
    "年度目标值": "年度指标值",
    "目标值": "年度指标值",
    "预期指标值": "年度指标值",
    "度量单位": "度量单位",
    "计量单位": "度量单位",
    "实际完成值": "实际完成值",
    "完成值": "实际完成值",
    "全年实际值": "实际完成值",
    "全年完成值": "实际完成值",
    "实际值": "实际完成值",
    "分值": "分值",
    "权重": "分值",
    "得分": "得分",
    "偏差原因分析及改进措施": "偏差原因分析及改进措施",
    "未完成原因分析": "偏差原因分析及改进措施",
    "未完成原因分析及改进措施": "偏差原因分析及改进措施",
    "偏差原因分析": "偏差原因分析及改进措施",
    "偏差原因及改进措施": "偏差原因分析及改进措施",
    "原因分析": "偏差原因分析及改进措施",
    "评价档次": "评价档次",
    "定性档次": "评价档次",
}
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

SUMMARY_COLUMNS = {
    "项目名称": "项目名称",
    "序号": "序号",
    "主管部门": "主管部门",
    "实施单位": "实施单位",
    "年初预算数": "年初预算数",
    "年初预算": "年初预算数",
    "全年预算数": "全年预算数",
    "全年预算": "全年预算数",
    "调整后预算数": "全年预算数",
    "预算数": "全年预算数",
    "预算金额": "全年预算数",
    "全年执行数": "全年执行数",
    "全年执行": "全年执行数",
    "预算执行数": "全年执行数",
    "执行数": "全年执行数",
    "执行金额": "全年执行数",
    "实际支出": "全年执行数",
    "执行率": "执行率",
    "预算执行率": "执行率",
    "得分": "自评得分",
    "自评得分": "自评得分",
    "综合得分": "自评得分",
    "评价得分": "自评得分",
    "总分": "自评得分",
    "自评分": "自评得分",
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
SICHUAN_MARKERS = frozenset(["调整后预算数", "调整后预算", "权重", "完成值", "未完成原因分析"])
YUNNAN_KIND_MARKS = frozenset("≧═≦")


def key_of(cell: Cell) -> str:
    return label_of(cell.text) if isinstance(cell.value, str) else ""


def inline_value(
    cell: Cell, labels: tuple[str, ...] | dict[str, str] | frozenset[str]
) -> tuple[str, str] | None:
    """'项目名称：某某项目' in one cell → ('项目名称', '某某项目')."""
    if not isinstance(cell.value, str):
        return None
    match = re.match(r"^\s*([^:：]{1,20}?)\s*[:：]\s*(.*)$", cell.text, re.S)
    if match and label_of(match.group(1)) in labels:
        return label_of(match.group(1)), match.group(2).strip()
    return None


def value_right_of(grid: Grid, cell: Cell, stop: int | None = None) -> Cell | None:
    """The first non-blank cell right of a label that is not itself a label (merged value cells included)."""
    for other in grid.filled(cell.row, cell.col + 1, stop):
        if key_of(other) in ALL_LABELS:
            return None
        return other
    return None


def first_filled(grid: Grid, row: int) -> Cell | None:
    cells = grid.filled(row)
    return cells[0] if cells else None


def is_note_row(grid: Grid, row: int) -> bool:
    """'注：…', '填表人：…' and similar lines under a table."""
    first = first_filled(grid, row)
    return bool(first and isinstance(first.value, str) and NOTE_ROW.match(normalise(first.text)))


@dataclass(frozen=True)
class ColumnMap:
    """Header row of a table: field → column, plus the cells for error messages."""

    row: int
    columns: dict[str, int]
    headers: dict[str, Cell]

    def get(self, field: str) -> int | None:
        return self.columns.get(field)


def map_columns(grid: Grid, row: int, names: dict[str, str], start: int = 1) -> ColumnMap:
    columns: dict[str, int] = {}
    headers: dict[str, Cell] = {}
    for cell in grid.filled(row, start):
        field = names.get(key_of(cell))
        if field and field not in columns:
            columns[field] = cell.col
            headers[field] = cell
    return ColumnMap(row, columns, headers)


def detect_layout(fund_headers: set[str], indicator_headers: set[str], kinds: list[str]) -> Layout:
    """四川 by its column names, 云南 by ≧/═/≦ in 指标性质, national otherwise."""
    if (fund_headers | indicator_headers) & SICHUAN_MARKERS:
        return "sichuan"
    if any(mark in kind for kind in kinds for mark in YUNNAN_KIND_MARKS):
        return "yunnan"
    return "national"
