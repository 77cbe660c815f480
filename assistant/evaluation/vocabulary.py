"""Words the case generator draws from: units, project and indicator names, 度量单位 with their value ranges.

Kept apart from ``generate`` so the vocabulary can grow without touching the drawing logic. The lists imitate
real 自评表: names with years, counts, 第N届/批, brackets and quotes (straight and mismatched), names that
contain one another, and indicator names that recur across projects (满意度, 数量（万亩）, 质量成效 …).
"""

from __future__ import annotations

from dataclasses import dataclass

UNIT_NAMES = (
    "清江县农业农村局",
    "渝水区委组织部",
    "安澜市卫生健康委员会",
    "桂花街道办事处",
    "城南区第一中学",
    "平川县人民医院",
    "临河县交通运输局",
    "北湖区文化广电旅游体育局",
    "丰泽县自然资源和规划局",
    "思源镇人民政府",
    "云岭县林业和草原局",
    "东港市民政局",
)

# Project names: {year} is the case year, {n} a small count. Pairs where one name holds another are kept.
PROJECT_NAMES = (
    "{year}年度{n}个村人居环境整治",
    "人居环境整治",
    "农村公路养护",
    "农村公路养护（第二期）",
    "第{cn}届全县运动会筹备",
    "第{n}批高标准农田建设",
    "高标准农田建设",
    "“三农”服务（乡村振兴）专项",
    '"互联网+政务服务"平台运维',
    '“平安校园"建设',
    "【智慧党建】平台建设",
    "《县志（{year}版）》编纂",
    "12345热线运维",
    "5G基站配套设施建设",
    "G318沿线绿化提升",
    "党员教育培训",
    "{year}年党员教育培训示范班",
    "义务教育阶段家庭经济困难学生生活补助",
    "校舍维修改造",
    "中小学校舍维修改造（{n}所）",
    "基层党组织书记轮训",
    "退役军人服务站标准化建设",
    "城乡居民医保参保补助",
    "病媒生物防制",
    "森林防火（{year}—{next}年度）",
    "“一老一小”服务体系建设",
    "老旧小区改造（{n}个小区）",
    "雨污分流改造",
    "档案数字化（第{cn}期）",
    "七一慰问",
)

CN_ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二")


@dataclass(frozen=True)
class Measure:
    """A 度量单位 with the range and decimals of the targets written in it."""

    unit: str
    low: int
    high: int
    places: int = 0
    percent_like: bool = False  # bounded by 100: a share, or a score out of 100


# At least 40 units that real 自评表 use, from counts to money per head to shares.
MEASURES = (
    Measure("%", 60, 100, 1, percent_like=True),
    Measure("%", 85, 100, 0, percent_like=True),
    Measure("分", 80, 100, percent_like=True),
    Measure("百元", 3, 80),
    Measure("千元", 5, 500),
    Measure("万元", 10, 900, 2),
    Measure("元", 200, 5000),
    Measure("元/人", 300, 3000),
    Measure("元/亩", 100, 1500),
    Measure("元/生·年", 500, 2500),
    Measure("万元/公里", 20, 300, 1),
    Measure("万人次", 1, 60, 1),
    Measure("个百分点", 1, 5, 1),
    Measure("‰", 1, 30, 1),
    Measure("㎡", 500, 20000),
    Measure("平方米", 1000, 50000),
    Measure("m³", 100, 9000),
    Measure("立方米", 500, 20000),
    Measure("公里", 3, 120, 1),
    Measure("千米", 2, 60),
    Measure("亩", 200, 8000),
    Measure("万亩", 1, 20, 2),
    Measure("公顷", 10, 900),
    Measure("户", 50, 3000),
    Measure("户次", 500, 6000),
    Measure("人", 30, 5000),
    Measure("人次", 100, 20000),
    Measure("名", 10, 400),
    Measure("天", 5, 365),
    Measure("工作日", 3, 30),
    Measure("个月", 1, 12),
    Measure("年", 1, 5),
    Measure("次", 2, 60),
    Measure("场", 2, 40),
    Measure("期", 1, 12),
    Measure("家", 5, 200),
    Measure("项", 1, 30),
    Measure("所", 2, 60),
    Measure("个", 3, 120),
    Measure("台套", 2, 80),
    Measure("台", 5, 300),
    Measure("件", 10, 2000),
    Measure("册", 100, 5000),
    Measure("套", 5, 400),
    Measure("条", 3, 60),
    Measure("座", 1, 20),
    Measure("吨", 50, 8000, 1),
    Measure("小时", 12, 480),
    Measure("分钟", 10, 60),
    Measure("株", 1000, 50000),
    Measure("头", 50, 3000),
    Measure("辆", 2, 60),
)

# Indicator names by 一级/二级指标; several recur in every project on purpose.
QUANTITATIVE_NAMES = {
    ("产出指标", "数量指标"): (
        "数量（万亩）",
        "完成数量",
        "培训人次",
        "建设里程",
        "受益户数",
        "整治条数",
        "服务场次",
    ),
    ("产出指标", "质量指标"): ("验收合格率", "质量成效", "考核得分", "资料归档完整率", "质量达标率"),
    ("产出指标", "时效指标"): ("完成及时率", "资金拨付及时率", "工期", "办结时限"),
    ("产出指标", "成本指标"): ("单位成本", "人均补助标准", "成本控制", "每亩补助标准", "单位面积造价"),
    ("效益指标", "社会效益指标"): ("受益人口", "群众知晓率", "投诉件数", "覆盖率", "质量成效"),
    ("效益指标", "经济效益指标"): ("带动增收", "节约资金", "产值增长"),
    ("效益指标", "生态效益指标"): ("绿化覆盖率", "污水处理量", "森林火灾受害率"),
    ("效益指标", "可持续影响指标"): ("长效机制运行年限", "设施使用年限", "质量成效"),
    ("满意度指标", "服务对象满意度指标"): ("满意度", "服务对象满意度", "受益群众满意度"),
}

QUALITATIVE_NAMES = {
    "产出指标": ("工作规范性", "质量成效", "档案管理规范"),
    "效益指标": ("长效管护机制", "社会影响", "质量成效", "制度建设"),
    "满意度指标": ("满意度", "群众评价"),
}
SECOND_LEVEL_QUALITATIVE = {
    "产出指标": "质量指标",
    "效益指标": "可持续影响指标",
    "满意度指标": "服务对象满意度指标",
}

GOALS = (
    "按计划完成年度建设任务，提升服务保障水平",
    "完成{n}项重点工作，群众满意度达到90%以上",
    "规范资金管理，确保项目按期完工并通过验收",
)
OUTCOMES = (
    "项目按计划实施，主要工作均已完成",
    "全年完成{n}项任务，工程已通过竣工验收",
)
OUTCOMES_DEVIATING = (
    "已完成大部分建设内容，个别子项目顺延至下一年度实施",
    "全年完成{n}项任务，部分工作进度滞后",
)
CAUSES = (
    "部分工程受汛期影响延期实施，结算尾款未能在年内支付",
    "政府采购流程较长，合同签订时间晚于预期",
    "年初目标值设定偏低，实际需求高于预期",
)
MEASURES_TEXT = (
    "加快工程结算审计进度，审计完成后及时支付",
    "提前谋划采购计划，倒排工期，按进度合理编制预算",
    "今后结合历年完成情况科学设定绩效目标",
)
BACKGROUNDS = (
    "根据上级部门工作部署，结合本地实际安排本项目",
    "为落实年度重点工作任务，经研究设立本项目",
)
DEPARTMENTS = ("县人民政府", "区委", "市财政局", "县委办公室")
