"""CLAIM_MISMATCH: qualitative or sweeping statements the data contradicts.

Bad: 各项目均已全面完成 while one project executed 30% of its budget.  Good: name the exception.
Also: "资金全部由区本级财政安排" while projects are 市级/省级/中央 funds by their very names, and "其他资金
6.0000万元全部支出" (said of one 资金来源 amount) while that source's 执行 is below its 全年预算.
"""

from __future__ import annotations

import re

from assistant.numbers.precision import agrees, shown

from ..claims import Claim
from ..context import AuditContext, in_written_unit, money
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..registry import Code, check_unit

_CUES = cues(__name__)
_CLAIMS = cues(f"{__package__}.text_claims")  # the claims' own reading: a goal or a condition claims nothing


def _amount_before(ctx: AuditContext, sentence: Sentence, position: int) -> Claim | None:
    """ "其他资金6.0000万元全部支出": the amount the phrase right after it speaks of."""
    for claim in ctx.claims:
        if claim.sentence is sentence and claim.kind == "amount":
            between = sentence.text[claim.mention.end : position]
            if not between.strip(" 已均都"):
                return claim
    return None


def _check_amount_spent(ctx: AuditContext, claim: Claim, match: re.Match[str]) -> list[Finding]:
    """A 资金来源 amount said to be all spent: that source's 执行 must equal its 全年 in the data."""
    project = ctx.claim_project(claim)
    if project is None or not project.sources:
        return []
    m = claim.mention
    labels = {
        key[:-2]
        for key, value in project.sources.items()
        if agrees(m.raw_value, m.places, in_written_unit(value, m.unit), m.hedge, m.high)
    }
    short = [
        label
        for label in labels
        if f"{label}全年" in project.sources
        and f"{label}执行" in project.sources
        and project.sources[f"{label}执行"] < project.sources[f"{label}全年"]
    ]
    if not short or len(short) < len(labels):
        return []
    label = short[0]
    return [
        ctx.phrase_finding(
            claim.sentence,
            match,
            "CLAIM_MISMATCH",
            f"文中称{label} {m.text}“{match.group(0)}”，但「{project.name}」{label}全年预算 "
            f"{money(project.sources[label + '全年'], m.unit)}，执行 {money(project.sources[label + '执行'], m.unit)}",
            project=project.name,
            expected=money(project.sources[label + "执行"], m.unit),
            severity="warning",
        )
    ]


@check_unit(
    Code("CLAIM_MISMATCH", "error", "全称判断或定性表述与数据不符（如“全部为优”“均达100%”“全面完成”）"),
    runs=("reference", "text"),  # needs only the projects' names
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    threshold = ctx.ref.rules.deviation.explain_rate_below
    for sentence in ctx.doc.sentences:
        match = _CUES.complete.search(sentence.text)
        subject = _amount_before(ctx, sentence, match.start()) if match else None
        if match and subject is not None and subject.field == "source":
            findings += _check_amount_spent(ctx, subject, match)
        elif (
            match
            and not _CUES.negated.search(sentence.text[: match.start()])
            # "保障受助学生顺利完成学业", "确保年底前全部完成": a goal, not a claim of what was done
            and not _CLAIMS.condition.search(sentence.text[: match.start()])
        ):
            offset = sentence.start + match.start()
            scope, index, _ = ctx.extractor.attribute_at(sentence, offset)
            if re.search(r"各项目|所有项目|各项|全部项目|各个项目", sentence.text[: match.start()]):
                projects = ctx.ref.projects
            elif scope == "project" and index is not None:
                projects = [ctx.ref.projects[index]]
            elif scope == "total":
                projects = ctx.ref.projects
            else:
                projects = []
            low = [p for p in projects if ctx.ref.rules.rate_needs_explanation(p.rate)]
            if low:
                worst = min(low, key=lambda p: p.rate or 0)
                listed = "、".join(f"{p.name}（执行率 {shown(p.rate, 2)}%）" for p in low[:5])
                findings.append(
                    ctx.phrase_finding(
                        sentence,
                        match,
                        "CLAIM_MISMATCH",
                        f"文中称“{match.group(0)}”，但{listed}执行率低于 {threshold}%",
                        project=worst.name if len(projects) == 1 else None,
                        expected=f"执行率 {shown(worst.rate, 2)}%",
                        severity="error" if (worst.rate or 0) < 60 else "warning",
                    )
                )
        local = _CUES.local_only.search(sentence.text)
        if local:
            higher = [p.name for p in ctx.ref.projects if _CUES.higher_level.search(p.name)]
            if higher:
                findings.append(
                    ctx.phrase_finding(
                        sentence,
                        local,
                        "CLAIM_MISMATCH",
                        f"文中称资金“{local.group(0)}”安排，但{'、'.join(higher[:3])}等项目从名称看属于上级资金，请核对资金来源表述",
                        expected="区分本级与上级资金",
                        severity="warning",
                        verdict="uncertain",
                    )
                )
    return findings
