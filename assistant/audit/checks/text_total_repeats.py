"""REPEAT_MISMATCH for the unit's own labelled totals: "全年支出2,162.35万元，其中基本支出1,348.89万元，项目支出
813.46万元" in one section and "（二）项目支出。全年项目支出831.46万元，主要用于…" in another.

Why: a 部门整体 report states its 收入合计, 支出合计, 基本支出, 项目支出 and its budget in the overview and again in the
sections that analyse them, often in another sentence shape (其中…项目支出 / 全年项目支出 / 项目支出合计为). Those figures
belong to no project or fund source, so the other repeat checks (which tie a figure by its subject) read none of them;
a reviewer ties them by the label. The label is the whole clause before the amount once words that change nothing are
taken off (全年, 本年度, 2020年度, 部门, 其中, 实际, 为, 共计…): "其中项目支出" and "全年项目支出为" are one label; a clause
naming more ("法律援助项目支出", "上年项目支出", "项目支出预算") is another quantity or no label. 年初预算 and the adjusted
budget (调整后预算, 全年预算数) are two labels; a bare 预算 is none (it may be either). Two periods, days or versions,
cells of a table, two figures of one sentence: no pairing. The tie rests on the label alone (a list's item may be
named like the whole), so a difference is a warning ("uncertain").
The items of its “三公”经费 (公务接待费, 公务用车运行维护费, 公务用车购置费) are such totals too: written in the “三公”
paragraph ("其中：…公务接待费3.62万元") and again where the report speaks of 预算管理 ("全年公务接待费支出3.26万元"); a
figure no 口径 word marks and one spent are one figure there; one its sentence calls 上年 is last year's.
Bad: 其中基本支出1,348.89万元，项目支出813.46万元 … 全年项目支出831.46万元; 其中公务接待费3.62万元 … 全年公务接待费支出3.26万元.
Good: 项目支出813.46万元 … 全年项目支出813.46万元; 上年项目支出790万元 … 项目支出813.46万元 (two years);
年初预算2,000万元 … 调整后预算2,183.80万元 (two budgets); 项目支出813.46万元 … 法律援助项目支出126.80万元 (one project).
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.budgets import other_budgets
from ..prose.items import in_table_row
from ..prose.model import Statement
from ..prose.periods import (
    conflicting,
    last_year_and_this,
    other_days,
    other_terms,
    other_versions,
    other_years,
)
from ..registry import check_unit
from .text_repeats import repeat_finding

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    labelled = [(s, label) for s in ctx.facts.statements if (label := _label(text, s)) is not None]
    findings: list[Finding] = []
    for k, (later, label) in enumerate(labelled):
        earlier = next(
            (
                e
                for e, other in labelled[:k]
                if other == label
                and _same_field(e, later)  # a 项目支出 budgeted and one spent are two figures
                and e.unit == later.unit
                and e.sentence is not later.sentence
                and not e.interval().overlaps(later.interval())
                and not conflicting(text, e, later)
                and not other_versions(text, e, later)
                and not other_years(text, e, later)
                and not last_year_and_this(text, e, later)
                and not other_days(text, e, later)
                and not other_terms(text, e, later)
                and not other_budgets(text, e, later)  # 一般公共预算… and 政府性基金…收入合计
                and _budgeted(text, e) == _budgeted(text, later)
            ),
            None,
        )
        if earlier is None:
            continue
        ctx.facts.mark(earlier, later)
        findings.append(repeat_finding(ctx, earlier, later, f"“{label}”的同一数字", proven=False))
    return findings


def _same_field(a: Statement, b: Statement) -> bool:
    """One 口径, or a spent figure and one no 口径 word marks ("其中：公务接待费3.62万元" in the “三公” paragraph and
    "全年公务接待费支出3.26万元"): a plain figure of the unit's spending is what it spent."""
    return a.field == b.field or {a.field, b.field} == {None, "executed"}


def _budgeted(text: str, s: Statement) -> bool:
    """Does the sentence name a budget before the amount ("全年预算3267.84万元,其中…项目支出2222.58万元")? Its items
    are budgeted, not spent ("全年实际支出…,预算执行率95.03%。其中…项目支出2060.21万元")."""
    if s.sentence is None:
        return False
    start = max(
        s.sentence.para_start, text.rfind("。", 0, s.span[0]) + 1
    )  # a ；-ended item goes on its sentence
    return bool(_CUES.budget_head.search(text, start, s.span[0]))


def _label(text: str, s: Statement) -> str | None:
    """The unit total the clause before a plain amount names (项目支出, 基本支出, 支出合计, 收入合计, 年初预算,
    调整后预算, an item of its “三公”经费: 公务接待费…), or None."""
    if (
        s.kind != "amount"
        or s.origin != "prose"
        or s.role != "value"
        or s.hedge is not None
        or s.high is not None
        or s.sentence is None
        or in_table_row(text, s)
    ):
        return None
    clause = _CUES.clause_mark.split(text[s.sentence.start : s.span[0]])[-1]
    clause = _CUES.neutral_tail.sub("", _CUES.neutral_head.sub("", clause.strip()))
    item = _CUES.official_item.fullmatch(clause)
    if item is not None:
        return item.group("item")
    return next((name for name, cue in _LABELS if cue.fullmatch(clause)), None)


_LABELS = (
    ("项目支出", _CUES.project_spending),
    ("基本支出", _CUES.basic_spending),
    ("支出合计", _CUES.spending_total),
    ("收入合计", _CUES.income_total),
)
