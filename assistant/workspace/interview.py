"""The guided interview: what the report still lacks, the question for each gap, and where each answer goes.

``find_gaps(unit, markdown)`` lists what is missing in the order it is asked: projects whose deviation needs a
cause and a measure (the scoring core's decision, ``ProjectScore.deviations`` and its EXPLANATION_MISSING flag),
missing goals, a missing 自评得分, the funding sources, the background, the facts only the officer knows
(``assistant.placeholders.OFFICER_FACTS``) and any other 【待补充】 the report still shows. Each ``Gap`` names its
project and field and asks one question, showing the figure that needs explaining. ``answer_edit`` turns the
officer's own words into the edit of that field. The chat, the agent's tools and the report tab share this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Literal

from assistant.audit.names import NameIndex
from assistant.errors import InputError
from assistant.models import Case, format_amount
from assistant.placeholders import field_of, find_markers
from assistant.scoring import ProjectScore, UnitScore, fmt
from assistant.workspace import edits
from assistant.workspace.edits import Edit
from assistant.workspace.fields import PROJECT_FIELDS

GapScope = Literal["project", "unit", "all", "marker"]
ALL_SOURCES = "all.资金来源"

# The officer-only facts, asked in this order, each with its question (ending in ？) and where it goes.
OFFICER_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("评价组织", "这次绩效自评是谁牵头组织的，哪些股室参加了？"),
    ("评价依据", "这次自评是按哪个通知或文件开展的？"),
    ("存在问题", "项目管理中还存在哪些问题（没有可以说“无”）？"),
    ("结果应用", "自评结果打算怎么应用（如作为下年度预算安排的依据）？"),
    ("公开情况", "自评结果是否公开、在哪里公开？"),
)
# Asked only when the report has a place for them (a 【待补充】 of this label).
MARKER_ONLY_FACTS = {
    "主要经验": "有哪些主要经验和做法？",
    "其他说明": "还有其他需要说明的问题吗（没有可以说“无”）？",
    "组织实施": "项目是怎么组织实施的（实施方案、任务分解、进度管控、验收）？",
    "资金管理": "资金拨付、支付审批、会计核算和结余资金是怎么管理的？",
    "制度建设": "有哪些项目管理和资金管理制度，执行得怎么样？",
    "政府采购": "项目涉及政府采购吗？涉及的话，采购方式、合同签订和验收情况如何？",
    "主要成效": "这些项目总体上取得了哪些主要成效？",
    "成文日期": "报告的成文日期是哪天（如“2024年3月15日”）？",
}

# A project's fact only a marker asks for, in the officer's words ({name}: the project).
PROJECT_MARKER_QUESTIONS = {
    "实际完成情况": "{name} 的实际完成情况怎么样（主要产出、效益和满意度，有数字更好）？",
    "实施单位": "{name} 是哪个单位具体实施的？",
}


@dataclass(frozen=True)
class Gap:
    """One missing fact: where its answer goes and the question that asks for it."""

    key: str  # "p2.偏差原因", "unit.评价组织", "all.资金来源", "marker.<label>"
    scope: GapScope
    field: str
    question: str
    project: int | None = None
    project_name: str | None = None

    @property
    def label(self) -> str:
        """A short name for pickers: "干部人事档案数字化建设 · 改进措施"."""
        owner = self.project_name or ("全部项目" if self.scope == "all" else "单位")
        return f"{owner} · {self.field}"


@dataclass
class InterviewState:
    """The question last asked and the ones the officer skipped (saved with the session)."""

    pending: str | None = None
    skipped: list[str] = field(default_factory=list)
    answered: list[str] = field(default_factory=list)  # most recent last, so an undo asks that one again

    def to_json(self) -> dict[str, Any]:
        return {"pending": self.pending, "skipped": list(self.skipped), "answered": list(self.answered)}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> InterviewState:
        data = data or {}
        pending = data.get("pending")
        keys = {name: [str(k) for k in data.get(name) or []] for name in ("skipped", "answered")}
        return cls(str(pending) if pending else None, keys["skipped"], keys["answered"])


# --- finding the gaps ----------------------------------------------------------------------------------


def find_gaps(unit: UnitScore, markdown: str | None) -> list[Gap]:
    """What the report still lacks, in the order the officer is asked."""
    case = unit.case
    gaps: list[Gap] = []
    for ps in unit.projects:
        gaps += _deviation_gaps(unit, ps)
    for ps in unit.projects:
        if not ps.project.goal:
            gaps.append(_project_gap(ps, "年度总体目标", _goal_question(unit, ps)))
    for ps in unit.projects:
        if ps.score is None:
            question = f"{ps.project.name} 没有分项绩效指标，也没有自评得分：自评表上填的得分是多少？"
            gaps.append(_project_gap(ps, "自评得分", question))
    if not any(p.sources and p.sources.rows() for p in case.projects):
        n = len(case.projects)
        question = f"这 {n} 个项目的资金来源是什么，钱从哪里来的（如“全部是当年财政拨款”）？"
        gaps.append(Gap(ALL_SOURCES, "all", "资金来源", question))
    if not case.background and not any(p.background for p in case.projects):
        question = f"请简单介绍一下{case.unit}的职责和安排这些项目的缘由（项目背景）？"
        gaps.append(Gap("unit.单位概况", "unit", "单位概况", question))
    for key, question in OFFICER_QUESTIONS:
        if not unit_value(case, key):
            gaps.append(Gap(f"unit.{key}", "unit", key, question))
    return gaps + _marker_gaps(case, markdown or "", {g.key for g in gaps})


def _project_gap(ps: ProjectScore, key: str, question: str) -> Gap:
    return Gap(f"p{ps.index - 1}.{key}", "project", key, question, ps.index - 1, ps.project.name)


def _deviation_gaps(unit: UnitScore, ps: ProjectScore) -> list[Gap]:
    """A cause and a measure for a project the rules say must explain its deviation, when not given."""
    if not any(flag.code == "EXPLANATION_MISSING" for flag in ps.flags):
        return []
    figure, why = deviation_figure(unit, ps)
    name = ps.project.name
    gaps = []
    if not ps.project.deviation_cause:
        gaps.append(_project_gap(ps, "偏差原因", f"{name} {figure}：{why}的原因是什么？"))
    if not ps.project.improvement:
        gaps.append(_project_gap(ps, "改进措施", f"{name} {figure}：下一步打算怎么改进？"))
    return gaps


def deviation_figure(unit: UnitScore, ps: ProjectScore) -> tuple[str, str]:
    """The figures that need explaining ("执行率 30.00%，低于 90%") and what went wrong, in plain words."""
    rules = unit.ruleset
    parts: list[str] = []
    whys: list[str] = []
    if ps.rate_shown is not None and any(d.startswith("预算执行率") for d in ps.deviations):
        parts.append(f"执行率 {fmt(ps.rate_shown)}%，低于 {fmt(rules.deviation.explain_rate_below)}%")
        whys.append("没花完")
    for s in ps.indicators:
        ind = s.indicator
        named = f"指标「{ind.name}」"
        if not any(d.startswith(named) for d in ps.deviations):
            continue
        unit_word = ind.unit or ""
        if s.over_achieved:
            parts.append(f"{named}完成 {fmt(s.completion_shown or s.completion or 0)}%，超出目标较多")
            whys.append("超出较多")
        elif ind.is_qualitative:
            parts.append(f"{named}评为“{s.tier}”")
            whys.append("没完全达到")
        else:
            parts.append(f"{named}目标 {ind.kind}{ind.target}{unit_word}，实际 {ind.actual}{unit_word}")
            whys.append("没达到")
    if not parts:
        parts = list(ps.deviations) or ["偏离绩效目标"]
    why = whys[0] if len(set(whys)) == 1 else "出现这些偏差"
    return "；".join(parts), why


def _goal_question(unit: UnitScore, ps: ProjectScore) -> str:
    money = unit.case.money_unit
    budget = format_amount(ps.project.budget, money)
    return f"{ps.project.name}（全年预算 {budget}{money}）的年度总体目标是什么，这笔钱计划办成什么事？"


def _marker_gaps(case: Case, markdown: str, known: set[str]) -> list[Gap]:
    """Placeholders the report shows that no gap above covers (a drafter's marker the data can fill)."""
    gaps: list[Gap] = []
    names = NameIndex([p.name for p in case.projects]) if markdown else None
    for marker in find_markers(markdown):
        target = field_of(marker.label)
        if target is None:
            key = f"marker.{marker.label or '未注明'}"
            question = f"报告中还有“{marker.label or '待补充'}”没有写：这一处要写什么？"
            if key not in known:
                known.add(key)
                gaps.append(Gap(key, "marker", marker.label or "待补充", question))
            continue
        scope, data_key = target
        if data_key == "资金来源" and (ALL_SOURCES in known or any(p.sources for p in case.projects)):
            continue
        if scope == "unit":
            key = f"unit.{data_key}"
            if key not in known and not unit_value(case, data_key):
                known.add(key)
                question = (
                    MARKER_ONLY_FACTS.get(data_key)
                    or f"报告中的“{marker.label}”还没有写：请告诉我要写的内容？"
                )
                gaps.append(Gap(key, "unit", data_key, question))
            continue
        assert names is not None
        line_start = markdown.rfind("\n", 0, marker.start) + 1
        line_end = markdown.find("\n", marker.end)
        paragraph = markdown[line_start : line_end if line_end >= 0 else len(markdown)]
        named = list(dict.fromkeys(m.project for m in names.find(paragraph)))
        if not named and len(case.projects) == 1:
            named = [0]
        for p in named:
            key = f"p{p}.{data_key}"
            project = case.projects[p]
            if key in known or _project_value(project, data_key):
                continue
            known.add(key)
            question = PROJECT_MARKER_QUESTIONS.get(
                data_key, "{name} 的“{label}”还没有写：请告诉我要写的内容？"
            )
            question = question.format(name=project.name, label=marker.label)
            gaps.append(Gap(key, "project", data_key, question, p, project.name))
    return gaps


def unit_value(case: Case, key: str) -> Any:
    """The unit-level text fact stored under its data key (单位概况, 评价组织 …)."""
    attr = edits.UNIT_TEXT_FIELDS.get(key)
    return getattr(case, attr) if attr else None


def _project_value(project: Any, key: str) -> Any:
    attr = "sources" if key == "资金来源" else PROJECT_FIELDS.get(key, (None,))[0]
    return getattr(project, attr) if attr else None


def progress_text(gaps: list[Gap], skipped: list[str]) -> str:
    """ "还差 4 项，跳过 1 项", or that nothing is missing."""
    if not gaps:
        return "报告需要您补充的内容都齐了。"
    passed = sum(1 for g in gaps if g.key in skipped)
    return f"还差 {len(gaps)} 项" + (f"，跳过 {passed} 项" if passed else "")


# --- answers --------------------------------------------------------------------------------------------

_FILLER = re.compile(r"^(?:嗯+|哦+|好的|是这样的?|答|回答)[，,：:。 ]*")
_CAUSE_LEAD = re.compile(
    r"^(?:(?:为什么|为啥)[^，,。？?]{0,12}[？?，,]\s*)?"  # "为什么没花完？因为…": the question restated first
    r"(?:这个项目|该项目|这个|这笔钱|这笔资金|项目)?(?:的)?(?:钱|资金|经费|预算)?"
    r"(?:没有?花完|没有?用完|没有?执行完|未执行完|执行率低|执行得?慢|没达到|未达到|未达标|没达标)?(?:的原因)?"
    r"(?:主要|其实|就|都)?(?:是)?(?:因为|由于|原因是)[，,：: ]*"
)
_MEASURE_LEAD = re.compile(
    r"^(?:我们|我单位|我部|我局)?(?:下一步|今后|以后)?(?:打算|准备|将会?|会)[，,：: ]*"
)
_FIELD_LEAD = re.compile(
    r"^(?:偏差原因|原因|改进措施|措施|年度总体目标|总体目标|目标)\s*(?:(?:是|为)\s*[：:]?|[：:])\s*"
    # "帮我把偏差原因写成：…", "就写：…", "填：…": the instruction around the answer, not the answer
    r"|^(?:请|麻烦)?(?:你)?(?:帮我|给我|替我)?(?:把|将)?(?:这[个项]|它)?"
    r"(?:偏差原因|原因|改进措施|措施|年度总体目标|总体目标|目标|实际完成情况|完成情况)?"
    r"(?:就)?(?:写成|改成|改为|填成|填为|记为|记成|写为|写上|填上|写|填)\s*[：:]\s*"
)
# "Nothing", to a question that allows it (存在问题, 其他说明): an answer, not a skip.
NOTHING_ALLOWED = ("存在问题", "其他说明")
_NOTHING = re.compile(
    r"^(?:暂时|目前|暂|基本上?|也)?(?:无|没有|没|暂无|没什么|没有了?)(?:发现)?(?:什么|啥|别的|其他的?)?(?:问题|要说明的)?[了的啊呀]?$"
)


def says_nothing(key: str, text: str) -> bool:
    """True when ``text`` answers the question of field ``key`` with "nothing" ("暂时没有", "无")."""
    return key in NOTHING_ALLOWED and bool(_NOTHING.match((text or "").strip().rstrip("。．.！!")))


SOURCE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "当年财政拨款",
        # 中央/省级补助 and 转移支付 are 财政拨款 too, of another level of government
        re.compile(
            r"财政拨款|财政安排|本级财政|[区县市省]财政|财政资金|一般公共预算|预算安排|财政预算|财政补助|转移支付"
            r"|(?:中央|省级?|市级?|县级?|区级?|上级)(?:财政)?(?:补助|专项|资金)"
        ),
    ),
    ("上年结转资金", re.compile(r"上年结转|结转资金|以前年度结余|上年结余")),
    ("其他资金", re.compile(r"其他资金|自筹|社会资金|单位自有")),
)
_MIXED = re.compile(r"部分|一部分|有的|其中|另外|还有")
# "财政拨款，其中生态护林员补助是中央资金": a 其中 that names a level of government splits nothing
_LEVEL_CLAUSE = re.compile(
    r"其中[^，,。；;]*?(?:中央|省级?|市级?|县级?|区级?|上级)(?:财政)?(?:补助|专项)?资金[^，,。；;]*"
)


def clean_answer(key: str, text: str) -> str:
    """The officer's words as the field's content: lead-ins ("主要是因为…") and trailing punctuation removed."""
    value = (text or "").strip().strip("“”\"'「」").strip()
    value = _FILLER.sub("", value)
    for lead in (
        _FIELD_LEAD,
        _CAUSE_LEAD if key == "偏差原因" else None,
        _MEASURE_LEAD if key == "改进措施" else None,
    ):
        if lead is not None:
            stripped = lead.sub("", value, count=1).strip()
            if stripped:
                value = stripped
    value = value.rstrip("。．.；; ").strip()
    if says_nothing(key, value):
        return "无"
    return value


def funding_source(text: str) -> str | None:
    """The one source an answer says all the money came from, or None when it names several or none."""
    named = [source for source, words in SOURCE_WORDS if words.search(text)]
    if len(named) != 1 or _MIXED.search(_LEVEL_CLAUSE.sub("", text)):
        return None
    return named[0]


def answer_edit(case: Case, gap: Gap, text: str) -> Edit:
    """The edit that puts the officer's answer to ``gap`` into its field (Chinese ``InputError`` if it cannot)."""
    value = clean_answer(gap.field, text)
    if not value:
        raise InputError.single("回答是空的：请说一下具体内容，或说“跳过”先跳过这一项")
    if gap.field == "资金来源":
        source = funding_source(value)
        if source is None:
            raise InputError.single(
                "离线时只能记录“全部是当年财政拨款”“全部是上年结转资金”这样的说法；"
                "各项目资金来源不同时，请在自评表（Excel）的“其中”行分别填写后重新上传，或说“跳过”"
            )
        edit = edits.sources_edit(case, source, gap.project)
    elif gap.scope == "project":
        assert gap.project is not None
        edit = edits.field_edit(case, gap.project, gap.field, value)
        edit.description = f"记入「{case.projects[gap.project].name}」的{gap.field}"
    elif gap.scope == "unit":
        edit = edits.unit_edit(case, gap.field, value)
        edit.description = f"记入单位的{gap.field}"
    else:
        raise InputError.single(
            f"报告中的“{gap.field}”没有对应的数据项，离线助手无法写入：请说“跳过”，在报告下载后直接补写"
        )
    edit.kind = "answer"
    return edit
