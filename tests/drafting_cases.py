"""Generated cases for the template drafter's properties: hypothesis strategies over whole units.

Units of one to six projects, filed in 万元 or 元, with every shape the drafter branches on: adjusted and
year-added budgets, zero and over-spent budgets, 资金来源 rows or none, scores filed or computed from
indicators of every kind (missed, over-achieved, 定性 with deductions), officer texts present or missing,
names with 、, quotes or a leading year. Officer texts say nothing a reviewer could check against the data
(no amounts or rates), so any audit error in a draft is the drafter's.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

from hypothesis import strategies as st

from assistant.io import case_from_data
from assistant.scoring import UnitScore, score_case

_STEMS = (
    "农村道路养护",
    "校舍安全改造",
    "基层党建阵地建设",
    "困难群众临时救助",
    "“七一”表彰及走访慰问",
    "中央、省、市财政补助资金",
    "公共卫生服务补助",
    "人才引进津补贴",
    "档案数字化加工",
    "防汛物资储备",
)
_TAILS = ("", "经费", "项目", "专项资金")
_UNITS = ("某县教育局", "某市卫生健康委员会", "某区委组织部", "某镇人民政府", "某县档案馆")
_TEXTS = (
    "按计划组织实施，各项工作有序推进",
    "完成年度工作任务，服务对象反映良好",
    "部分工作受天气影响有所推迟",
    "已建立工作台账，定期开展督导",
)
_QUALITATIVE = (
    "工作机制基本建立",
    "工作机制已建立，个别环节落实不够到位",
    "取得一定成效，但覆盖面仍有不足",
    "成效明显",
)
_LEVELS = (
    ("产出指标", "数量指标"),
    ("产出指标", "质量指标"),
    ("效益指标", "社会效益指标"),
    ("满意度指标", "服务对象满意度指标"),
)


def _money(draw: st.DrawFn, yuan: bool, low: int = 1) -> D:
    cents = draw(st.integers(low, 5 * 10**9))
    return D(cents).scaleb(-2) if yuan else D(cents).scaleb(-6).quantize(D("0.0001"))


@st.composite
def indicators(draw: st.DrawFn) -> dict[str, Any]:
    level1, level2 = draw(st.sampled_from(_LEVELS))
    points = D(draw(st.sampled_from([5, 10, 15, 20])))
    name = draw(st.sampled_from(["覆盖人数", "按期完成率", "服务对象满意度", "问题整改率", "人均成本"]))
    if draw(st.integers(0, 4)) == 0:
        tier = draw(st.sampled_from(["达成年度指标", "部分达成并具有一定效果", "未达成且效果较差"]))
        low, high = {
            "达成年度指标": (80, 100),
            "部分达成并具有一定效果": (60, 79),
            "未达成且效果较差": (0, 59),
        }[tier]
        share = draw(st.integers(low, high))
        return {
            "一级指标": level1,
            "二级指标": level2,
            "三级指标": draw(st.sampled_from(["工作机制建设", "长效管理机制", "服务能力提升"])),
            "指标性质": "定性",
            "年度指标值": "工作机制健全",
            "实际完成值": draw(st.sampled_from(_QUALITATIVE)),
            "分值": points,
            "得分": (points * share / 100).quantize(D("0.5")) if share < 100 else points,
            "评价档次": tier,
        }
    kind = draw(st.sampled_from(["≥", "≤", "="]))
    target = D(draw(st.integers(1, 500)))
    actual = D(draw(st.integers(0, 800)))
    unit = draw(st.sampled_from(["人", "%", "个", "元/人"]))
    data = {
        "一级指标": level1,
        "二级指标": level2,
        "三级指标": name,
        "指标性质": kind,
        "年度指标值": target,
        "度量单位": unit,
        "实际完成值": actual,
        "分值": points,
    }
    if draw(st.booleans()):
        data["偏差原因分析及改进措施"] = draw(st.sampled_from(_TEXTS))
    return data


@st.composite
def projects(draw: st.DrawFn, yuan: bool, name: str) -> dict[str, Any]:
    budget = _money(draw, yuan)
    shape = draw(st.sampled_from(["full", "part", "zero", "over", "little"]))
    executed = {
        "full": budget,
        "part": (budget * D(draw(st.integers(80, 99))) / 100).quantize(budget),
        "little": (budget * D(draw(st.integers(10, 60))) / 100).quantize(budget),
        "over": budget + _money(draw, yuan),
        "zero": D(0),
    }[shape]
    if shape == "zero":
        budget = D(0)
    data: dict[str, Any] = {"项目名称": name, "全年预算数": budget, "全年执行数": executed}
    adjust = draw(st.sampled_from(["same", "none", "added", "changed"]))
    if adjust == "same":
        data["年初预算数"] = budget
    elif adjust == "added":
        data["年初预算数"] = D(0)
    elif adjust == "changed" and budget > 0:
        data["年初预算数"] = (budget * D(draw(st.integers(50, 150))) / 100).quantize(budget)
    if draw(st.booleans()) and budget > 0:
        carried = (budget * D(draw(st.integers(0, 40))) / 100).quantize(budget)
        spent_carried = min(carried, executed)
        data["资金来源"] = {
            "当年财政拨款": {"全年预算数": budget - carried, "全年执行数": executed - spent_carried},
            "上年结转资金": {"全年预算数": carried, "全年执行数": spent_carried},
        }
    for key, chance in (("年度总体目标", 2), ("实际完成情况", 2), ("背景", 3), ("实施单位", 2)):
        if draw(st.integers(0, chance)) == 0:
            data[key] = {"实施单位": "某某中心"}.get(key, draw(st.sampled_from(_TEXTS)))
    if draw(st.integers(0, 2)) == 0:
        data["偏差原因"] = draw(st.sampled_from(_TEXTS))
    if draw(st.integers(0, 2)) == 0:
        data["改进措施"] = "加强项目管理，加快实施进度"
    if draw(st.integers(0, 2)) == 0:
        ceiling = 100 if shape == "full" else 90  # never above what the 执行率 leaves possible
        data["自评得分"] = D(draw(st.integers(60, ceiling)))
    else:
        data["绩效指标"] = draw(
            st.lists(indicators(), min_size=1, max_size=5, unique_by=lambda i: i["三级指标"])
        )
    return data


@st.composite
def units(draw: st.DrawFn) -> UnitScore:
    yuan = draw(st.booleans())
    count = draw(st.integers(1, 6))
    stems = draw(st.lists(st.sampled_from(_STEMS), min_size=count, max_size=count, unique=True))
    names = []
    for stem in stems:
        year = draw(st.sampled_from(["", "2023年度"]))
        names.append(year + stem + draw(st.sampled_from(_TAILS)))
    data = {
        "单位名称": draw(st.sampled_from(_UNITS)),
        "年度": 2023,
        "金额单位": "元" if yuan else "万元",
        "项目": [draw(projects(yuan, name)) for name in names],
    }
    if draw(st.booleans()):
        data["单位概况"] = "负责本行业发展规划和公共服务工作。"
    return score_case(case_from_data(data, "生成的案例"))
