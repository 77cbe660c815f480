"""The 自评表's field names and their synonyms, declared once, and the nearest-keyword lookup over word tables.

A ``Term`` is one field: its data key (the Chinese column name a case file uses, ``全年预算数``), its model
attribute (``budget``), the other names printed forms use for it (``form``: 调整后预算数 on 四川 forms) and the
shorter words officers say or summary tables print (``spoken``: 预算, 执行数). Readers take what suits them:

- the case model (``models``) accepts the key, the form names and the attribute as keys of a case file;
- the workbook reader and writer (``office.xlsx_layouts``, ``office.xlsx_export``) match headers against every
  word (``Term.words``) and print the layout's form name;
- the workspace and the chat (``workspace.fields``) resolve what an officer typed against every word;
- the audit reads its 口径 keywords for amounts, rates and scores from the same terms (``audit.fields``), adding
  the verbs and nouns of running prose.

Values have their spellings here too: ``KIND_VALUES`` (指标性质: ≥, ≧, 正向指标…) and the 一级/二级指标 names.
Block labels that only make sense at one place of a form (a trailing row 偏差原因分析 is the project's cause, a
column 偏差原因分析 an indicator's note) stay with the layouts in ``office.xlsx_layouts``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    """One 自评表 field and every name it goes by."""

    key: str  # the data key and canonical column name
    attr: str  # the model attribute (also accepted as an English key)
    form: tuple[str, ...] = ()  # other column names printed on national/四川/云南 forms and summary sheets
    spoken: tuple[str, ...] = ()  # words officers use for it in chat and in summary tables

    @property
    def names(self) -> tuple[str, ...]:
        """The key and the names printed on forms: what a case file may use as its key."""
        return (self.key, *self.form)

    @property
    def words(self) -> tuple[str, ...]:
        """Every Chinese name, most formal first."""
        return (self.key, *self.form, *self.spoken)


# --- project fields -----------------------------------------------------------------------------------
PROJECT_NAME = Term("项目名称", "name", spoken=("名称",))
DEPARTMENT = Term("主管部门", "department", form=("主管单位", "主管部门(单位)"))
IMPLEMENTER = Term("实施单位", "implementer", form=("项目实施单位", "项目单位"))
BUDGET_INITIAL = Term("年初预算数", "budget_initial", form=("年初预算", "年初预算金额"))
BUDGET = Term(
    "全年预算数",
    "budget",
    form=("调整后预算数", "调整后预算", "全年预算"),
    spoken=("预算数", "预算金额", "预算"),
)
EXECUTED = Term(
    "全年执行数",
    "executed",
    form=("预算执行数", "全年实际执行数", "全年执行"),
    spoken=("执行数", "执行金额", "实际支出数", "实际支出", "支出数"),
)
GOAL = Term("年度总体目标", "goal", spoken=("总体目标", "绩效目标", "年度目标", "目标"))
OUTCOME = Term("实际完成情况", "outcome", spoken=("完成情况",))
BACKGROUND = Term("背景", "background", spoken=("项目背景",))
DEVIATION_CAUSE = Term("偏差原因", "deviation_cause", spoken=("偏离原因", "执行差异原因", "原因"))
IMPROVEMENT = Term("改进措施", "improvement", spoken=("整改措施", "下一步措施", "措施"))
SELF_SCORE = Term(
    "自评得分",
    "self_score",
    form=("综合得分", "评价得分", "自评总分", "总得分", "总分"),
    spoken=("自评分", "得分", "分数"),
)
# Not a field of the case: computed from 全年执行数 ÷ 全年预算数, printed on forms and asked about in chat.
RATE = Term("执行率", "rate", form=("预算执行率",))

PROJECT_TERMS = (
    PROJECT_NAME,
    DEPARTMENT,
    IMPLEMENTER,
    BUDGET_INITIAL,
    BUDGET,
    EXECUTED,
    GOAL,
    OUTCOME,
    BACKGROUND,
    DEVIATION_CAUSE,
    IMPROVEMENT,
    SELF_SCORE,
)
MONEY_TERMS = (BUDGET_INITIAL, BUDGET, EXECUTED)

# --- indicator fields ---------------------------------------------------------------------------------
LEVEL1 = Term("一级指标", "level1")
LEVEL2 = Term("二级指标", "level2")
INDICATOR_NAME = Term("三级指标", "name", spoken=("指标名称", "名称"))
KIND = Term("指标性质", "kind", form=("指标方向",), spoken=("性质",))
TARGET = Term("年度指标值", "target", form=("指标值", "年度目标值", "目标值", "预期指标值"), spoken=("目标",))
UNIT = Term("度量单位", "unit", form=("计量单位",), spoken=("单位",))
ACTUAL = Term("实际完成值", "actual", form=("完成值", "全年实际值", "全年完成值", "实际值"), spoken=("实际",))
POINTS = Term("分值", "points", form=("权重",))
SCORE = Term("得分", "score")
TIER = Term("评价档次", "tier", form=("定性档次",), spoken=("档次",))
DEVIATION_NOTE = Term(
    "偏差原因分析及改进措施",
    "deviation_note",
    form=("未完成原因分析及改进措施", "偏差原因及改进措施", "未完成原因分析", "偏差原因分析", "原因分析"),
    spoken=("偏差说明",),
)

# 指标性质 as written on national, 云南 (≧ ═ ≦) and older forms, mapped to one canonical symbol.
KIND_VALUES = {
    "≥": "≥",
    "≧": "≥",
    ">=": "≥",
    "＞＝": "≥",
    ">": "≥",
    "＞": "≥",
    "正向": "≥",
    "正向指标": "≥",
    "≤": "≤",
    "≦": "≤",
    "<=": "≤",
    "＜＝": "≤",
    "<": "≤",
    "＜": "≤",
    "反向": "≤",
    "反向指标": "≤",
    "=": "=",
    "═": "=",
    "＝": "=",
    "==": "=",
    "等于": "=",
    "定性": "定性",
    "定性指标": "定性",
}
LEVEL1_NAMES = ("产出指标", "效益指标", "满意度指标")
# The 一级指标 of each usual 二级指标, so "数量指标" alone says where an indicator belongs.
LEVEL1_OF = {
    "数量指标": "产出指标",
    "质量指标": "产出指标",
    "时效指标": "产出指标",
    "成本指标": "产出指标",
    "经济效益指标": "效益指标",
    "社会效益指标": "效益指标",
    "生态效益指标": "效益指标",
    "可持续影响指标": "效益指标",
    "服务对象满意度指标": "满意度指标",
}

INDICATOR_TERMS = (
    LEVEL1,
    LEVEL2,
    INDICATOR_NAME,
    KIND,
    TARGET,
    UNIT,
    ACTUAL,
    POINTS,
    SCORE,
    TIER,
    DEVIATION_NOTE,
)


def header_table(*terms: Term, spoken: bool = True) -> dict[str, str]:
    """Each name of ``terms`` → its key, for matching column headers (an earlier term keeps a shared name).

    ``spoken=False`` keeps to the names printed on forms (``Term.names``), leaving out the short words.
    """
    table: dict[str, str] = {}
    for term in terms:
        for word in term.words if spoken else term.names:
            table.setdefault(word, term.key)
    return table


# --- nearest keyword ----------------------------------------------------------------------------------

KeywordTable = Sequence[tuple[str, Iterable[str]]]


@dataclass(frozen=True)
class KeywordHit:
    """A keyword found in a text: the field it stands for, the word, and where the word starts."""

    field: str
    word: str
    start: int

    @property
    def end(self) -> int:
        return self.start + len(self.word)


def last_keyword(text: str, table: KeywordTable) -> KeywordHit | None:
    """The keyword of ``table`` ending closest to the end of ``text``; the longer wins when two end together.

    A number's 口径 is the word written right before it ("全年执行数62万元"), and a field an officer names is
    the word right before the verb ("七一项目的执行数改为…"); the longer word is the more specific ("预算执行数"
    over "执行数"). On a full tie the earlier entry of ``table`` wins.
    """
    best: KeywordHit | None = None
    for field_name, words in table:
        for word in words:
            start = text.rfind(word)
            if start < 0:
                continue
            if best is None or (start + len(word), len(word)) > (best.end, len(best.word)):
                best = KeywordHit(field_name, word, start)
    return best
