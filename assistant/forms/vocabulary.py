"""The labels of the national and local 自评表 forms, as data: which written label means which part of a form.

Patterns match the *compact* text (NFKC, no whitespace: "产 出 指 标（50分）" is "产出指标(50分)"), so labels that
a converter split over spaces or lines are still found. A label marked ``whole`` is too short or too common to
be found inside running text (分值, 得分, 部门): it must be a whole cell or word. Labels are tried longest
first. Reading the labels' values lives in ``reader``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "(A)", "(B/A)", "(20分*执行率)", "(万元)", "(%)", and an unclosed "(B/A1" as OCR leaves it.
_DECOR = r"(?:\([^()]{0,14}\)|\([A-Z/\d]{1,4}(?![)\dA-Z/]))?"
_POINTS = r"(?:\(\d{1,3}分\))?"


@dataclass(frozen=True)
class Label:
    """A label kind: its canonical name, the compact pattern and whether it must be a whole cell/word."""

    name: str
    pattern: str
    whole: bool = False


# Measure words written after a number in a target or actual cell ('≥266米', '87人次', '≥100百分比').
MEASURE_UNITS = (
    "万元 元 亿元 万 人次 户次 人 户 个 项 次 名 所 家 篇 份 场 套 批 件 辆 台 册 本 张 间 座 支 位 例 种 类 块 栋 只 头 门 节 班 轮 "
    "笔 艘 架 宗 枚 幅 盏 页 组 队 羽 株 棵 亩 公顷 平方米 平方公里 平米 立方米 公里 千米 厘米 米 吨 公斤 千克 斤 年 月 日 天 小时 起 处 条 期 "
    "百分比 % ％ ‰"
).split()

# Header fields (the value follows the label).
FIELDS = (
    Label("项目名称", r"(?:项目名称|专项资金名称|转移(?:支付)?(?:\(项目\))?名称|资金名称)[:]?"),
    Label("主管部门", r"(?:县级|地方)?主管部门(?:\(单位\))?[:]?|项目主管单\s*位|主管单位[:]?"),
    Label("中央主管部门", r"中央主管部门[:]?"),
    Label("实施单位", r"(?:项目)?实施(?:\(主管\))?单位[:]?|资金使用单位[:]?"),
    Label("填报单位", r"填报单位(?:\(盖章\))?[:]?|单位名称[:]?|部门名称[:]?"),
    Label("部门", r"部门[:]?", whole=True),
    Label(
        "其他信息",
        r"(?:项目负责人及电话|负责人及电话|项目负责人|部门联系人|联系人|联系电话|填报日期|项目类别|项目属性|"
        r"项目类型|是否为专项资金|金额单位|自评总分\(分\)|单位领导审签)[:]?",
    ),
)
TITLES = (
    Label(
        "自评表",
        r"(?:项目支出|部门整体支出|部门整体|部门预算项目支出|预算项目|财政项目|项目)?(?:绩效目标)?"
        r"(?:绩效)?(?:自评表|评价表)",
    ),
)
FUND_BLOCK = (
    Label(
        "资金块",
        # '预算执行（单位：万元）' alone over the header row: the block's heading with its unit, not 执行率
        r"(?:项目资金|资金情况|预算资金|部门预算执行情况|预算执行情况|资金投入情况|预算执行(?=\(单位:))"
        r"(?:\((?:单位:)?(?:万元|元|万)\))?(?:\(\d{1,3}分\))?",
    ),
)
FUND_COLUMNS = (
    Label("年初预算数", r"年初预算(?:数|金额)?" + _DECOR),
    Label("全年预算数", r"(?:全年(?:\(调整\))?预算数|调整后预算数?|全年预算)" + _DECOR),
    Label("预算组", r"年度预算数" + _DECOR),  # 四川: a group header over 年初预算 / 调整后预算数 / 预算执行数
    Label("全年执行数", r"(?:全年执行数|预算执行数|全年执行资金|全年执行)" + _DECOR),
    # a header cell of its own only: "实际支出" in a sentence is prose
    Label("全年执行数", r"(?:实际支出|全年支出|实际执行)(?:数|金额|资金)?" + _DECOR, whole=True),
    Label("扣除后预算", r"扣除统筹整合资金后预算金额" + _DECOR),
    Label("统筹整合资金", r"统筹整合资金数" + _DECOR),
    Label("到位资金", r"(?:全年到位资金|到位数)" + _DECOR),
    Label("到位率", r"预算到位" + _DECOR),
    Label("执行率", r"(?:预算执行率|执行率|预算执行(?=\((?!单位:)))" + _DECOR),
    Label("执行率分值", r"执行率权重" + _DECOR),
    Label("执行率得分", r"执行率得分\(分\)"),  # 重庆: 执行率权重 | 执行率得分(分); bare it is two labels
    Label("预算数", r"预算数" + _DECOR, whole=True),
    Label("执行数", r"执行数" + _DECOR, whole=True),
    Label("原因", r"原因", whole=True),
    Label("行次", r"行次", whole=True),
    Label("列次", r"列次", whole=True),
)
# Titles of extra funds columns that real 自评表 variants carry, written as plain cells of the header row (never
# searched for in running text: "结余" is a common word of prose). Each maps to the key of ``funds.COLUMN_KEYS``'s
# kind; a title cell of the header that none of these (nor a label) names is carried as an unknown column.
EXTRA_FUND_TITLES = (
    (
        "balance",
        r"(?:年末|年终)?(?:结余|结转结余|结余结转|结转和结余|未执行|未支出|剩余)(?:资金|数|金额)?" + _DECOR,
    ),
    ("adjustment", r"(?:预算)?(?:调整|调增调减|追加)(?:数|金额)?" + _DECOR),
    ("carried", r"上年结转(?:资金|数)?" + _DECOR),
    ("note", r"(?:偏差|差异|未执行|执行偏差)?原因(?:说明|分析)?|说明|备注"),
)
# A grouping word opening a funds row's label cell ("按收入性质分：财政拨款", "按资金来源分：其他资金", "其中：财政拨款"):
# a department form's breakdown heading, written in the first row of each group; the label after it is the row's.
ROW_GROUP = r"(?:按[^:|]{1,8}分类?|其中)[:]"
FUND_ROWS = (
    Label(
        "年度资金总额", r"(?:年度财政资金总额|年度资金总额|项目资金总额|资金总额|年度总金额)(?:\(万元\))?[:]?"
    ),
    Label("年度资金总额", r"总额[:]?", whole=True),
    Label(
        "当年财政拨款",
        r"(?:其中[:]?)?(?:当年财政拨款|本年财政拨款|当年财政资金|中央、省、市补助县级资金)(?:\(万元\))?",
    ),
    Label("当年财政拨款", r"其中[:]?财政拨款(?:\(万元\))?"),
    Label("当年财政拨款", r"财政拨款", whole=True),
    Label(
        "中央资金",
        r"(?:其中[:]?)?(?:中央财政补助(?:资金)?|中央补助(?:资金)?|中央财政资金|中央资金)(?:\(万元\))?",
    ),
    Label(
        "省级资金",
        r"(?:其中[:]?)?(?:省级财政补助(?:资金)?|省级财政资金|省级补助资金|省级资金|省级补助)(?:\(万元\))?",
    ),
    Label(
        "市县资金",
        r"(?:其中[:]?)?(?:市级财政资金|市级资金|县级财政资金|县级资金|市县资金|(?:市|县|区|市县)级(?:财政)?配套(?:资金)?)"
        r"(?:\(万元\))?",
    ),
    Label("财政资金", r"(?:其中[:]?)?财政资金(?:\(万元\))?"),
    Label("地方资金", r"(?:其中[:]?)?(?:地方财政资金|地方资金)(?:\(万元\))?"),
    Label("上年结转资金", r"(?:其中[:]?)?上年结转(?:资金)?"),
    Label("财政专户管理资金", r"财政专户管理资金"),
    Label("单位资金", r"单位资金"),
    Label("其他资金", r"其他资金(?:\([^()]{0,40}\))?"),
    Label("其他资金", r"其他", whole=True),
)
GOALS = (
    Label("年度总体目标", r"年度总体目标|当年绩效目标|总体目标(?!完成)|年度目标"),
    Label("预期目标", r"预期目标|年初设定目标|年初绩效目标|年度预期目标"),
    Label(
        "实际完成情况",
        r"年度总体目标完成情况综述|全年目标实际完成情况|全年实际完成情况|总体目标完成情况|实际完成情况"
        r"|全年\(调整\)绩效目标|具体完成情况",
    ),
)
INDICATOR_COLUMNS = (
    Label("绩效指标", r"(?:年度)?绩效指标(?:完成情况)?" + _POINTS),
    Label("一级指标", r"一级指标"),
    Label("二级指标", r"二级指标"),
    Label("三级指标", r"三级指标|指标名称(?:\(三级指标\))?"),
    Label("指标性质", r"指标性质|指标方向"),
    Label("年度指标值", r"(?:年度指标值|预期指标值|年初目标值|年初指标值)" + _DECOR),
    Label("指标值", r"指标值" + _DECOR, whole=True),
    Label("度量单位", r"度量单位|计量单位"),
    Label("度量单位", r"单位", whole=True),  # a column titled "单位" alone, between 指标值 and 实际完成值
    Label(
        "实际完成值",
        r"(?:单项指标实际完成值|全年实际完成值|实际完成值|全年实际值|全年完成值|年终完成值)" + _DECOR,
    ),
    Label("完成值", r"完成值" + _DECOR, whole=True),
    Label("分值", r"(?:指标分值|指标权重)" + _DECOR),
    Label("分值", r"分值" + _DECOR, whole=True),
    Label("分值", r"权重" + _DECOR, whole=True),
    Label("得分", r"(?:指标得分|自评得分)" + _DECOR),
    Label("得分", r"得分" + _DECOR, whole=True),
    Label(
        "偏差原因",
        r"偏差原因分析及改进措施|未完成原因及拟采取的改进措施|未完成原因和改进措施|未完成原因分析及改进措施"
        r"|未完成原因分析|偏差原因分析(?:和改进措施)?",
    ),
    # a header cell titled "偏差原因" alone ("| 得分 | 偏差原因 |"): the same column, its rows' reasons
    Label("偏差原因", r"偏差原因(?:说明|(?:及|和)改进措施)?", whole=True),
)
LEVEL1 = (Label("一级", r"(?:产出指标|效益指标|满意度指标|项目决策|项目管理|项目产出|项目效益)" + _POINTS),)
LEVEL2 = (
    Label(
        "二级",
        r"(?:数量指标|质量指标|时效指标|成本指标|经济效益指标|社会效益指标|生态效益指标|可持续影响指标"
        r"|服务对象满意度指标|经济成本指标|社会成本指标|生态环境成本指标)(?:等)?" + _POINTS,
    ),
)
TOTALS = (
    Label("总分", r"总分|自评总分"),
    Label("总分", r"合计", whole=True),
    Label("等级", r"自评等级|评价等级|等级", whole=True),
)
ENDS = (
    Label("说明", r"注[:]|说明[:]?|备注[:]|其他需要说明事项|填表人|偏差大或目标未完成原因分析", whole=False),
)

ALL_LABELS: tuple[Label, ...] = (
    *FIELDS,
    *TITLES,
    *FUND_BLOCK,
    *FUND_COLUMNS,
    *FUND_ROWS,
    *GOALS,
    *INDICATOR_COLUMNS,
    *LEVEL1,
    *LEVEL2,
    *TOTALS,
    *ENDS,
)
FUND_COLUMN_NAMES = frozenset(label.name for label in FUND_COLUMNS)
FUND_ROW_NAMES = frozenset(label.name for label in FUND_ROWS)
INDICATOR_COLUMN_NAMES = frozenset(label.name for label in INDICATOR_COLUMNS)


# One pattern finds where some label starts; each label's own pattern then gives the longest match there.
ANY_LABEL = re.compile("|".join(f"(?:{label.pattern})" for label in ALL_LABELS))
_COMPILED = tuple(re.compile(label.pattern) for label in ALL_LABELS)


def labels_at(compact: str, pos: int) -> list[tuple[Label, int]]:
    """Every label that matches ``compact`` at ``pos``, with its end, longest first."""
    found = []
    for label, pattern in zip(ALL_LABELS, _COMPILED, strict=True):
        match = pattern.match(compact, pos)
        if match and match.end() > pos:
            found.append((label, match.end()))
    return sorted(found, key=lambda item: -item[1])
