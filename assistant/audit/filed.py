"""The officer's own words in the case data: what a report may quote verbatim, and what supports a statement.

With data (``--data``) the audit knows every text the officer filed: 单位概况, and per project 背景, 年度总体目标,
实际完成情况, 偏差原因, 改进措施, 主管部门, 实施单位 and each indicator's name, text values and 偏差说明.
``FiledTexts.quoted`` says whether a stretch of report text around a number is a verbatim quote of one of them
(the number is then the officer's, not a claim to check against the figures); ``FiledTexts.evidence`` gives
the texts that may support a statement of one kind (a cause, a measure, an outcome, a goal, a source) about a
project, and ``novelty`` how much of a statement they do not contain. The check that uses them is
``checks/unsupported``. No data (a self-audit against the report's table): no filed texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from assistant.facts import OFFICER_ATTRS, clean_note
from assistant.scoring import ProjectScore, UnitScore

from .cues import cues

# The filed texts a statement of each kind needs in the first place (their absence is what a marker stands
# for); an indicator's 偏差原因分析及改进措施 may give a cause and a measure.
OWN_TEXT = {
    "cause": ("cause", "notes"),
    "measure": ("measure", "notes"),
    "outcome": ("outcome",),
    "goal": ("goal",),
}
# Report boilerplate and connectives: their character pairs say nothing about what happened.
_BOILERPLATE = (
    "项目 资金 经费 工作 进行 开展 部分 相关 有关 情况 问题 进一步 下一步 我部 我局 我委 我办 我院 我校 我单位 本单位 "
    "年度 全年 主要原因是 主要原因 原因是 原因为 原因 由于 导致 造成 措施 改进措施 整改措施 偏差原因 偏离 偏差 分析 "
    "年度总体目标 总体目标 绩效目标 目标为 目标是 实际完成情况 完成情况 实际完成值 年度指标值 指标值 完成率 分值 得分 "
    "自评得分 等级 预算执行率 执行率 全年预算数 全年执行数 未执行资金 预算数 执行数 绩效指标 指标 设置 其中 分别 "
    "产出指标 效益指标 满意度指标 数量指标 质量指标 时效指标 成本指标 社会效益 经济效益 生态效益 可持续影响 服务对象 "
    "同时 以及 此外 另外 该项目 这一项目 上述 需要 及时 按照 根据 通过 确保 保障 推动 提高 提升 有效 积极 认真 "
    "切实 做好 落实 严格 管理 实施 执行 预算 绩效 期间 方面 方式 时间 要求 规定 相应 目前 今后 将 已 均 为 是 的 "
    "和 与 及 在 对 了 并 等 年 月"
).split()
_COMMON = frozenset(w[i : i + 2] for w in _BOILERPLATE for i in range(len(w) - 1))
_CUES = cues(__name__)
MIN_PAIRS = 3
_AIMS = ("background", "goal")  # what a project was meant to do


@dataclass
class FiledTexts:
    """Every filed text of a case, per project (1-based numbers) and for the unit."""

    unit: str = ""
    projects: dict[int, dict[str, str]] = field(default_factory=dict)
    _all: str | None = field(default=None, init=False, repr=False)

    @classmethod
    def from_score(cls, unit: UnitScore) -> FiledTexts:
        case = unit.case
        return cls(
            unit="\n".join(clean_note(t) or "" for t in _unit_texts(case) if t),
            projects={ps.index: _project_texts(ps) for ps in unit.projects},
        )

    def has(self, project: int, kind: str) -> bool:
        """Did the officer file the text a statement of ``kind`` rests on (a 偏差原因 for a cause…)?"""
        texts = self.projects.get(project, {})
        return kind not in OWN_TEXT or any(texts.get(name) for name in OWN_TEXT[kind])

    def evidence(self, projects: list[int], kind: str | None = None) -> str:
        """Everything filed about ``projects`` (all of them when empty) and the unit: what a statement about
        them may draw on. (Which kind of text a statement needs in the first place is ``has``.) An outcome
        never rests on the project's background or goal: they say what was meant ("实现…双赢"), not done."""
        chosen = projects or list(self.projects)
        left_out = _AIMS if kind == "outcome" else ()
        parts = [
            text for n in chosen for name, text in self.projects.get(n, {}).items() if name not in left_out
        ]
        parts.append(self.unit)
        return "\n".join(p for p in parts if p)

    def quoted(self, text: str, start: int, end: int, reach: int = 6) -> bool:
        """Is ``text[start:end]`` (a number) inside a verbatim quote of a filed text, with ``reach`` characters
        of context on at least one side matching too?"""
        corpus = self.all_text()
        number = text[start:end]
        if not number or number not in corpus:
            return False
        left, right = text[max(0, start - reach) : start], text[end : end + reach]
        return any(
            len(piece) > len(number) + 2 and piece in corpus
            for piece in (left + number + right, left + number, number + right)
        )

    def all_text(self) -> str:
        if self._all is None:
            self._all = "\n".join(
                [self.unit, *(t for texts in self.projects.values() for t in texts.values())]
            )
        return self._all


def _unit_texts(case: Any) -> list[str | None]:
    """The unit's own texts: name, department, 单位概况 and what else the officer filed (评价依据, 存在问题…)."""
    return [case.unit, case.department, case.background, *(getattr(case, a, None) for a in OFFICER_ATTRS)]


def _project_texts(ps: ProjectScore) -> dict[str, str]:
    p = ps.project
    indicators = [
        " ".join(str(v) for v in (s.indicator.name, s.indicator.target, s.indicator.actual) if v is not None)
        for s in ps.indicators
    ]
    notes = [
        clean_note(s.indicator.deviation_note) or "" for s in ps.indicators if s.indicator.deviation_note
    ]
    texts = {
        "goal": p.goal,
        "outcome": p.outcome,
        "cause": p.deviation_cause,
        "measure": p.improvement,
        "background": p.background,
        "names": "\n".join(t for t in (p.name, p.department, p.implementer) if t),
        "notes": "\n".join(notes),
        "indicators": "\n".join(indicators),
        "levels": " ".join(f"{s.indicator.level1} {s.indicator.level2}" for s in ps.indicators),
    }
    return {k: clean_note(v) for k, v in texts.items() if v and clean_note(v)}


def bigrams(text: str) -> set[str]:
    """The Chinese character pairs of ``text`` that carry content (particles and boilerplate left out)."""
    runs = re.findall(r"[\u4e00-\u9fff]+", _CUES.particles.sub(" ", text))
    pairs = {run[i : i + 2] for run in runs for i in range(len(run) - 1)}
    return pairs - _COMMON


def novelty(statement: str, evidence: str) -> float:
    """The share of the statement's content pairs that the evidence does not contain (0: all found)."""
    pairs = bigrams(statement)
    if not pairs:
        return 0.0
    return len(pairs - bigrams(evidence)) / len(pairs)


def novel_clauses(statement: str, evidence: str, limit: float) -> list[str]:
    """The clauses of a statement (with at least ``MIN_PAIRS`` content pairs) that the evidence mostly lacks:
    an invention appended to a quoted text stands out even when the quote is long."""
    found = bigrams(evidence)
    novel = []
    for clause in _CUES.clause.split(statement):
        pairs = bigrams(clause)
        if len(pairs) >= MIN_PAIRS and len(pairs - found) / len(pairs) > limit:
            novel.append(clause.strip())
    return novel
