"""The words around a figure that say what it is: 口径 words before it, the unit after it, totals cues.

Used by ``assistant.drafting.slots`` to check that a ``{{slot}}`` (or a literal number) fits its sentence:
"全年执行数{{p3.budget}}" shows a budget where the words promise the executed amount. Each 口径 word maps
to a *field*: the key suffix the figure must have (``executed``), so the fact it should be is the same key
prefix with that suffix (``p3.executed``). Kept apart from the audit's tables (``assistant.audit.fields``)
because these read slot text, where the key itself tells project and indicator.
"""

from __future__ import annotations

import re

from assistant.vocabulary import ACTUAL, BUDGET, BUDGET_INITIAL, EXECUTED, POINTS, RATE, TARGET

# 口径 words: the field names of the one vocabulary (``assistant.vocabulary``), then the prose words of drafts; a
# word must stand right before the figure (fillers allowed). Scores keep their own words: a draft's "总分90分（含）
# 以上为优" states a grade band of the rules, so the form names 总分/自评总分 are no score word here.
FIELD_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rate_score", ("预算执行率得分", "执行率得分")),
    ("budget_initial", BUDGET_INITIAL.names),
    ("unspent", ("未执行资金", "未执行金额", "结余资金", "剩余资金", "未支付资金", "未执行", "结余")),
    ("executed", (*EXECUTED.words, "实际执行", "已执行", "已支出", "支出")),
    ("budget", (*BUDGET.names, "预算总额", "预算金额", "预算资金", "预算数")),
    ("rate", RATE.words),
    ("completion", ("完成率", "达成率")),
    ("target", TARGET.names),
    ("actual", ACTUAL.names),
    ("points", (*POINTS.words, "满分")),
    ("score", ("自评得分", "综合得分", "评价得分", "平均得分", "得分")),
    ("grade", ("自评等级", "评价等级", "等级")),
    ("indicators_met", ("达成", "已达成", "完成")),
    ("indicators", ("绩效指标", "设置指标", "指标")),
)
# Suffixes a figure after each field word may have (its own suffix first).
FIELD_SUFFIXES: dict[str, tuple[str, ...]] = {
    "rate_score": ("rate_score",),
    "budget_initial": ("budget_initial",),
    "unspent": ("unspent", "unspent_rate"),
    "executed": ("executed",),
    "budget": ("budget", "budget_initial"),
    "rate": ("rate",),
    "completion": ("completion",),
    "target": ("target",),
    "actual": ("actual",),
    "points": ("points", "exec_points", "total_points", "indicator_points"),
    "score": ("score", "mean_score", "rate_score"),
    "grade": ("grade", "tier"),
    "indicators_met": ("indicators_met",),
    "indicators": ("indicators",),
}
# The kinds of fact (``FactSheet.kinds``) each field's figure has: a word applies only to figures of its kind
# ("项目支出{{total.projects}}个" is a count, not an executed amount).
FIELD_KINDS: dict[str, tuple[str, ...]] = {
    "rate_score": ("score",),
    "budget_initial": ("amount",),
    "unspent": ("amount", "rate"),
    "executed": ("amount",),
    "budget": ("amount",),
    "rate": ("rate",),
    "completion": ("rate",),
    "target": ("value",),
    "actual": ("value",),
    "points": ("rule", "score"),
    "score": ("score", "rule"),
    "grade": ("grade",),
    "indicators_met": ("count",),
    "indicators": ("count",),
}
# Fields whose figure is a count followed by 个/项 (达成6个): they apply only then.
COUNT_FIELDS = ("indicators_met", "indicators")
# Words allowed between a field word and its figure: 全年执行数为, 得分均为, 等级为“, 合计.
_FILLER = r"(?:均|都|分别|合计|总计|共计|共|累计|为|是|达到|达|约|计|了|的|：|:|\s|“|\")*"
_FIELD_RE = [
    (
        name,
        re.compile(
            "(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + ")" + _FILLER + "$"
        ),
    )
    for name, words in FIELD_WORDS
]
COMPARISON = re.compile(
    r"(?:低于|高于|超过|超出|不足|不到|少于|多于|小于|大于|不低于|不少于|不高于|不超过|至少|以上|以下)\s*$"
)
SHARED = re.compile(r"(?:均|都|同为|皆)(?:为|是|达到|达)?\s*[“\"]?$")
REST_CUE = re.compile(r"(?:其余|其他|其它|另外)(?:的)?(?:[0-9]+|[一二两三四五六七八九十]+)?个?项目")
BACK_REFERENCE = re.compile(r"(?:该|这一|此|上述|以上|前述)(?:项目|指标|两个项目|几个项目)")
TOTAL_CUE = re.compile(
    r"合计|总计|共计|总额|累计|全部项目|各项目|所有项目|整体|总体|平均|共(?:实施|安排|有|计|设置)?"
    r"|\{\{unit\.self\}\}|\{\{total\.|我部|我局|我委|我办|我院|我校|我单位|本单位|本部门"
)

# What a figure is, by the unit written right after it.
UNIT_AFTER = re.compile(
    r"^(\{\{unit\.money_unit\}\}|万元|亿元|元|%|％|百分点|个|项|分|名|人次|人|所|次|家|户|件|台|套|条|公里|千米"
    r"|米|吨|亩|倍|平方米|册|场|期|月|日|天|岁|年)"
)
UNIT_KINDS: dict[str, tuple[str, ...]] = {
    "{{unit.money_unit}}": ("amount",),
    "万元": ("amount",),
    "亿元": ("amount",),
    "元": ("amount",),
    "%": ("rate", "value", "rule"),
    "％": ("rate", "value", "rule"),
    "分": ("score", "rule", "value"),
    "个": ("count", "value"),
    "项": ("count", "value"),
    **{
        word: ("count", "value")
        for word in ("名", "人次", "人", "所", "次", "家", "户", "件", "台", "套", "条", "册", "场", "期")
    },
}
MONEY_FACTORS = {"元": 1, "万元": 10_000, "亿元": 100_000_000}


def field_before(text: str, kinds: tuple[str, ...] | None = None) -> str | None:
    """The field named by the 口径 word that ends ``text`` (fillers allowed), or None; with ``kinds``, only a
    field whose figures may be of one of those kinds."""
    for name, pattern in _FIELD_RE:
        if pattern.search(text):
            if kinds is not None and not set(kinds) & set(FIELD_KINDS[name]):
                return None
            return name
    return None


def unit_after(text: str) -> str:
    """The unit written at the start of ``text`` ("" when none); "300余人次" has the unit 人次."""
    match = UNIT_AFTER.match(re.sub(r"^(?:余|多|左右)", "", text))
    return match.group(1) if match else ""


def suffix_of(key: str) -> str:
    """The field a key holds: ``p3.budget`` → budget, ``p2.i1.score`` → score, ``rules.exec_points`` → exec_points."""
    return key.rsplit(".", 1)[-1]


def prefix_of(key: str) -> str:
    """The key without its field: ``p2.i1.score`` → ``p2.i1``."""
    return key.rsplit(".", 1)[0] if "." in key else ""


def project_of(key: str) -> int | None:
    """The project number of a key: ``p12.i3.name`` → 12; None for unit, total, rules keys."""
    match = re.match(r"p(\d+)\.", key)
    return int(match.group(1)) if match else None


def word_before(before: str) -> str:
    """The 口径 words right before a figure, for messages ("全年执行数")."""
    bare = re.sub(r"\{\{[^{}]*\}\}", "", before)
    match = re.search(r"[\u4e00-\u9fff]{1,8}$", bare.rstrip('“”"「」 ：:'))
    return match.group(0) if match else ""


def unit_word(unit: str) -> str:
    """What a unit says a figure is: % a 比率, 分 a 分数…"""
    return {"%": "比率", "％": "比率", "分": "分数", "个": "个数", "项": "个数"}.get(unit, "金额")


def clip(text: str, limit: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit] + "……"
