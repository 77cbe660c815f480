"""Word tables for ``mentions``: units and measure words, hedges, set phrases, nouns after counts.

Everything here is data; word lists are space-separated strings. Numeral parsing lives in ``numerals``; the
scanner that applies the tables lives in ``mentions``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from assistant.numbers.model import Kind

ONE = Decimal(1)


@dataclass(frozen=True)
class Unit:
    """A word written right after a number and what it makes of the number."""

    name: str  # as reported in ``NumberMention.unit`` ("月" for 个月, "百分点" for 个百分点)
    kind: Kind
    factor: Decimal = ONE  # written value × factor = canonical value (元 → 万元: 0.0001)
    discrete: bool = False  # whole items: "4.8人" at a line start is list item 4 + 8人
    block: tuple[str, ...] = ()  # text right after the word that shows it is part of another word
    # text right after the word that shows a blocked start is no word after all: "3,421人均按…标准发放" (均 = all of
    # them, as in 均已, 均获), where "人均" would otherwise swallow the count
    unblock: tuple[str, ...] = ()
    hedge: str | None = None  # a hedge inside the word ("个多月")


def _unit(name: str, kind: Kind, factor: str = "1", block: str = "", hedge: str | None = None) -> Unit:
    return Unit(name, kind, Decimal(factor), block=tuple(block.split()), hedge=hedge)


def _words(spec: str) -> list[str]:
    return spec.split()


# Measure words of counted things → what may follow the word when it is NOT a measure word
# ("人员", "名单", "所有", "三名工作室").
_DISCRETE = {
    "个": "体户",
    "项": "",
    "名": "单 称 额 义 录 誉 片 字 胜 列 牌 校 医 企 品 工作室 家工作室 师工作室",
    "人": "员 民 才 数 口 均 社 事 力 居 身 文 群 们 性 格 选 士 物 类 心 情 际 品 道 权 脉",
    "台": "账 帐 湾 阶 风 词",
    "次": "性 序 要",
    "家": "庭 属 长 具 电 园 居 人 族 务 门 政 风 访 底",
    "所": "有 属 在 得 需 以 示 述 列 占 涉 称 谓 要 用 做 获 报 致 辖 处",
    "户": "籍 口 外 型 主 头 内",
    "篇": "",
    "份": "额",
    "期": "间 限 末 初 满 望 待 中 货 权",
    "场": "所 地 馆 景 面 合 域 站",
    "套": "餐",
    "批": "复 准 示 评 判 发 办 注",
    "件": "",
    "处": "理 置 罚 室 于 长 分 级 事 境",
    "条": "件 例 款 理 线 幅 码 形",
    "辆": "",
    "册": "子",
    "卷": "宗 烟 入 起 帘 尺 轴 子 发 曲 土 心 铺 走",
    "本": "年 级 次 单 部 项 着 地 市 区 县 轮 届 期 人 身 质 科 职 领 土",
    "张": "贴 扬 力",
    "间": "隔 断 接",
    "座": "谈",
    "支": "出 付 持 部 撑 援 配 书 委",
    "位": "于 置 数 列",
    "例": "如 外 会 行",
    "种": "植 子 养 苗",
    "类": "似",
    "块": "",
    "栋": "",
    "幢": "",
    "棵": "",
    "株": "",
    "只": "有 是 要 能 需",
    "头": "脑 部 号 条 等",
    "部": "门 分 署 位 长 队 件 委 属 落 首 际 级 室 局 机 里 内 外",
    "门": "诊 户 槛 类 口 票",
    "节": "约 能 日 点 余 省 假 庆 奏 目",
    "班": "子 长 组",
    "轮": "训 岗 换 流 值 候",
    "笔": "记 试 者 录",
    "艘": "",
    "架": "构 子 设",
    "宗": "教 旨",
    "枚": "",
    "幅": "度",
    "画幅": "",  # "完成数字化加工98万画幅": images scanned, counted in 万 like any count
    "帧": "",
    "盏": "",
    "对": "象 比 接 照 于 应 策 待 口 标 外 话 齐 账 冲 称 抗 立 症 岸 手 面 内 上 下 其 此 该 本 各 全 0 1 2 3 4 5 6 7 8 9 一",
    "字": "号 样 段",
    "页": "面",
    "组": "织 建 成 长 员 合",
    "队": "伍 员 长",
    "箱": "子 式 体 包 号 内 中",  # "采购蜂种600箱": boxes or hives counted (箱子, 箱式, 箱体 are other words)
    **dict.fromkeys(_words("人次 户次 批次 场次 车次 架次 项次 班次 期次"), ""),
}
# Physical quantities are reported as kind "count" with their unit.
_MEASURES = _words(
    "亩 公顷 平方米 平方公里 平米 ㎡ 立方米 公里 千米 米 吨 公斤 千克 斤 千瓦时 千瓦 兆瓦 m2 m² m3 m³ km km2 km² kg ㎏ ㎞ ㎥"
)
# After 分, these make another word (分之, 分钟, 分配, 分别, 分工 …), so the number is no score.
_SCORE_BLOCK = "之 钟 类 配 析 别 布 批 解 管 局 队 会 组 部 散 享 担 摊 拨 段 院 校 支 区 站 离 流 包 列 化 头 红 清 辨 歧 割 裂 号 工 制 贝 母 子 店 值"

# After a count, 均 followed by a verb or 按 means "all of them" ("3,421人均按每人5,000元标准发放", "120名均已结业"), not
# the per-head word 人均 ("人均收入"), which a number never ends right before.
_UNBLOCK = {
    "人": "均按 均已 均获 均享 均得 均足 均通过 均纳入 均符合 均完成 均参加 均达到 均由 均能 均可 均为 均在 均未 均属 均是 均经 均取得 均领取 均接受",
}

UNITS: dict[str, Unit] = {
    "元": _unit("元", "amount", "0.0001", block="旦 宵"),
    "万元": _unit("万元", "amount"),
    "亿元": _unit("亿元", "amount", "10000"),
    "千元": _unit("千元", "amount", "0.1"),
    "%": _unit("%", "percent"),
    "‰": _unit("‰", "percent", "0.1"),
    "个百分点": _unit("百分点", "percentage_point"),
    "百分点": _unit("百分点", "percentage_point"),
    "分": _unit("分", "score", block=_SCORE_BLOCK),
    **{
        w: Unit(w, "count", discrete=True, block=tuple(b.split()), unblock=tuple(_UNBLOCK.get(w, "").split()))
        for w, b in _DISCRETE.items()
    },
    **{w: Unit(w, "count") for w in _MEASURES},
    "个月": _unit("月", "duration"),
    "个多月": _unit("月", "duration", hedge="多"),
    "年": _unit("年", "duration", block="龄 薪 轻 代 鉴 检 报 审 华 货 会 终"),
    "天": _unit("天", "duration", block="然 津 安 地 下 空 气"),
    "周": _unit("周", "duration", block="边 末 转 围 期 密 知 到 全"),
    "个星期": _unit("星期", "duration"),
    "小时": _unit("小时", "duration"),
    "个小时": _unit("小时", "duration"),
    "分钟": _unit("分钟", "duration"),
    "个工作日": _unit("工作日", "duration"),
    "工作日": _unit("工作日", "duration"),
    "个自然日": _unit("自然日", "duration"),
    "自然日": _unit("自然日", "duration"),
    "个季度": _unit("季度", "duration"),
    "学时": _unit("学时", "duration"),
    "课时": _unit("课时", "duration"),
    "个学期": _unit("学期", "duration"),
    "学期": _unit("学期", "duration"),
    "周岁": _unit("周岁", "duration"),
    "岁": _unit("岁", "duration", block="月 末"),
    # Resolved by ``mentions`` from context: 月/日/季度 are dates or durations, 号 a day or a document number.
    "月": _unit("月", "date"),
    "日": _unit("日", "date", block="常 益 期 程 志 报 照 趋"),
    "季度": _unit("季度", "date"),
    "号": _unit("号", "doc_number", block="召 称"),
    "届": _unit("届", "ordinal", block="时 满 中"),
    "周年": _unit("周年", "ordinal"),
    "年级": _unit("年级", "ordinal"),
    "等奖": _unit("等奖", "ordinal"),
    "倍": _unit("倍", "plain"),
}
# Time counted as work done, written with a multiplier like any count ("服务15.4万小时", "培训3万学时").
COUNTED_TIME = frozenset(("小时", "学时", "课时"))
UNIT_RE = re.compile("|".join(re.escape(w) for w in sorted(UNITS, key=len, reverse=True)))
# "15日内": days as a duration, not the 15th.
DAYS = _unit("日", "duration")

# Chinese multipliers written after Arabic digits ("1.2万人次", "3千万元").
MULTIPLIERS: dict[str, Decimal] = {
    "万亿": Decimal(10**12),
    "千万": Decimal(10**7),
    "百万": Decimal(10**6),
    "十万": Decimal(10**5),
    "亿": Decimal(10**8),
    "万": Decimal(10**4),
    "千": Decimal(1000),
    "百": Decimal(100),
}
MULTIPLIER_RE = re.compile("万亿|千万|百万|十万|亿|万|千|百")


def amount_factor(unit: str | None) -> Decimal:
    """Written amount × factor = 万元, for every amount unit ``find_numbers`` reports (元, 千元, 万元, 亿元, 万, 亿).

    An unknown or missing unit counts as 万元, the unit of the 自评表.
    """
    if unit in UNITS and UNITS[unit].kind == "amount":
        return UNITS[unit].factor
    if unit in MULTIPLIERS:  # a bare 万/亿 after digits ("资金5.6万")
        return MULTIPLIERS[unit] * UNITS["元"].factor
    multiplier = MULTIPLIER_RE.match(unit or "")
    rest = (unit or "")[multiplier.end() :] if multiplier else ""
    if multiplier is not None and rest in UNITS and UNITS[rest].kind == "amount":  # "万亿元": 万 × 亿元
        return MULTIPLIERS[multiplier.group()] * UNITS[rest].factor
    return ONE


def is_amount_unit(unit: str | None) -> bool:
    """元, 千元, 万元, 亿元, 百元 and the like: a figure in one of these is money, whatever table it sits in. A bare
    万 is not (万人, 万亩 lost their noun)."""
    if unit in UNITS:
        return UNITS[unit].kind == "amount"
    multiplier = MULTIPLIER_RE.match(unit or "")
    rest = (unit or "")[multiplier.end() :] if multiplier else ""
    return rest in UNITS and UNITS[rest].kind == "amount"


def base_unit(unit: str | None) -> str | None:
    """The measure a count is of, without its written multiplier: "56.328万亩" counts 亩 (a standard written
    "每亩补贴100元" prices it), "1.2万人次" counts 人次."""
    multiplier = MULTIPLIER_RE.match(unit or "")
    if multiplier is None or unit is None or unit in UNITS:
        return unit  # "千米" is a unit of its own (kilometres), not 千 × 米
    rest = unit[multiplier.end() :]
    return rest if rest in UNITS and UNITS[rest].kind not in ("amount", "percent") else unit


def count_factor(unit: str | None) -> Decimal:
    """Written count × factor = the count in its base unit, as ``find_numbers`` reads it: "16.3万亩" is 163000
    亩, so a cell written "16.3万亩" must be read on the same scale as the sentence that writes it."""
    base = base_unit(unit)
    if unit is None or base == unit:
        return ONE
    return MULTIPLIERS[unit[: len(unit) - len(base or "")]]


# Hedges before a number; 近/约/超 only when not the end of another word (最近, 节约, 高超). 达到 is not one.
PREFIX_HEDGE_RE = re.compile(
    r"(大约|(?<![节制签合预履契违条邀公])约|接近|将近|(?<![最附邻靠临亲])近|不超过|超过|(?<![高赶])超|逾|"
    r"不足|不到|不少于|不低于|不高于|不多于|少于|多于|低于|高于|大于|小于|至少|最少|至多|最多|"
    r">=|<=|≥|≤|≧|≦|>|<)[为达占是]? ?$"
)
SUFFIX_HEDGE_RE = re.compile(r"及以上|及以下|以上|以下|以内|之内|左右")
DURATION_SUFFIX_HEDGE_RE = re.compile(r"[多余](?![万元个人项名次])|内(?![容部涵在])")

# Set phrases whose numerals are names, slogans or policies, not quantities.
_MASKED = """
八项规定 四个意识 四个自信 两个维护 两个确立 四个全面 三个代表 五位一体 三会一课 两学一做 三严三实 一岗双责
三重一大 两个一百年 三个务必 一带一路 一网通办 最多跑一次 一站式 一次性 一把手 五险一金 三公经费 三大攻坚战
一票否决 一件事一次办 个五年规划 个五年计划
"""
MASK_RE = re.compile(
    "|".join([*_words(_MASKED), r"一[\u4e00-\u9fff]一[\u4e00-\u9fff]"])
)  # + 一人一档, 一年一度

# A bare "一" right after these is part of a word (每一个, 某一项, 唯一, 同一年).
ONE_BLOCK_PREV = frozenset("每某任哪这那唯统同逐单之其另万上下前后首")

# Nouns commonly counted in these reports, read right after a measure word.
_NOUNS = """
项目 经费 单位 部门 人员 党员 干部 学校 企业 社区 乡镇 街道 村 指标 任务 课程 设备 电脑 学员 学生 教师 群众 家庭
农户 工作室 工作组 会议 活动 培训班 平台 系统 档案 案件 问题 建议 文件 报告 合同 专家 代表 人才 班次 批次 课题 专项
子项目 贫困户 脱贫户 监测户 行政村 自然村 医院 卫生院 幼儿园 中小学
"""
NOUN_RE = re.compile("|".join(sorted(_words(_NOUNS), key=len, reverse=True)))
# Characters that end a noun read after a measure word (particles, prepositions, common verbs).
NOUN_STOP = frozenset(
    "的和与及或等是为在于对从向被把将由以并且已均全共各每赴参进开完达获受接通经用做给让使其这那此该需要了着过也都还就又再才只仅、"
)
