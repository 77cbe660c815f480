"""RATE_MISMATCH, REMAINDER_MISMATCH, UNIT_SUSPECT (百分点), CLAIM_MISMATCH (均达100%): stated percentages.

Bad: 执行金额是289.9965万元，预算执行率：100% (data: 84.21%).  Good: 预算执行率84.21%.
A rate is checked against executed ÷ budget from the data at the precision written, and against the amounts
stated in the same sentence; "剩余3%" is checked against the unspent share.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.numbers.precision import agrees, hedge_kind, shown

from ..claims import Claim
from ..context import AuditContext
from ..cues import cues
from ..fields import EXCEPT_CLAUSE, clause_of
from ..findings import Finding
from ..registry import Code, check_unit

_CHANGE_WORDS = ("提高", "提升", "增长", "增加", "下降", "降低", "减少", "上升", "高出", "低于上年", "同比")
_RULE_ROLES = ("method",)
_CUES = cues(__name__)


def _truth(ctx: AuditContext, claim: Claim) -> tuple[str, Decimal | None]:
    if claim.scope == "project":
        project = ctx.project(claim.project)
        return (project.name, project.rate) if project else ("", None)
    if claim.scope == "total":
        return "全部项目", ctx.ref.total_rate
    return "", None


@check_unit(
    Code(
        "RATE_MISMATCH",
        "error",
        "文中执行率与执行数÷预算数不符（按所写精度）",
        bad="全年执行数170万元，预算执行率87.5%（170÷200=85.00%）",
        good="全年执行数170万元，预算执行率85%",
    ),
    Code(
        "REMAINDER_MISMATCH",
        "error",
        "“剩余X%”与未执行比例不符",
        bad="预算执行率85%，剩余20%的资金为工程尾款",
        good="预算执行率85%，剩余15%的资金为工程尾款",
    ),
    also=("UNIT_SUSPECT", "CLAIM_MISMATCH", "UNATTRIBUTED_CLAIM"),
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for claim in ctx.claims:
        if claim.kind not in ("percent", "percentage_point") or claim.indicator is not None:
            continue
        if claim.scope == "subset":
            finding = _check_subset_rate(ctx, claim) if claim.field == "rate" else None
        elif claim.field == "rate":
            finding = _check_rate(ctx, claim)
        elif claim.field == "remainder":
            finding = _check_remainder(ctx, claim)
        else:
            finding = None
        if finding:
            findings.append(finding)
    return findings


def _check_rate(ctx: AuditContext, claim: Claim) -> Finding | None:
    m = claim.mention
    sentence = claim.sentence.text
    if claim.kind == "percentage_point":
        if any(word in clause_of(sentence[: m.start]) for word in _CHANGE_WORDS):
            return None
        return ctx.claim_finding(
            claim,
            "UNIT_SUSPECT",
            f"预算执行率应以“%”表示，文中写作“{m.text}”（百分点只用于两个百分数之差）",
            expected=f"{shown(m.raw_value, m.places)}%",
        )
    if claim.scope != "project" and claim.sentence.role in _RULE_ROLES:
        return None  # the method section describes the scoring rule, it states no project's rate
    clause = clause_of(sentence[: m.start])
    every = re.search(r"各项目|所有项目|全部项目|各个项目", clause)
    if every or (_CUES.universal.search(clause) and claim.scope != "project"):
        return _check_universal_rate(ctx, claim)
    who, truth = _truth(ctx, claim)
    if truth is None:
        stated = _sentence_rate(ctx, claim)
        if stated is not None:
            return _rate_finding(ctx, claim, who or "本句", stated, "（按同句所写执行数÷预算数）")
        return None if claim.scope != "none" else _check_unattributed(ctx, claim)
    return _rate_finding(ctx, claim, who, truth, "（执行数÷预算数）")


def _check_subset_rate(ctx: AuditContext, claim: Claim) -> Finding | None:
    """ "两个项目执行率均在98%以上": at least that many projects must meet the bound."""
    m = claim.mention
    size = claim.subset_size
    if size is None or hedge_kind(m.hedge) not in ("at_least", "at_most"):
        return None
    meeting = [
        p for p in ctx.ref.projects if p.rate is not None and agrees(m.raw_value, m.places, p.rate, m.hedge)
    ]
    if len(meeting) >= size:
        return None
    return ctx.claim_finding(
        claim,
        "CLAIM_MISMATCH",
        f"文中称{size}个项目执行率{m.text}，但只有{len(meeting)}个项目符合",
        expected=f"{len(meeting)}个项目",
        found=f"{size}个项目{m.text}",
    )


def _rate_finding(ctx: AuditContext, claim: Claim, who: str, truth: Decimal, basis: str) -> Finding | None:
    m = claim.mention
    if claim.fits(truth):
        return None
    expected = f"{shown(truth, max(m.places, 2))}%"
    return ctx.claim_finding(
        claim,
        "RATE_MISMATCH",
        f"「{who}」预算执行率应为 {expected}{basis}，文中写作 {m.text}",
        subject=who,
        expected=expected,
    )


def _sentence_rate(ctx: AuditContext, claim: Claim) -> Decimal | None:
    """Executed ÷ budget from the amounts written in the same sentence, when the data has no rate.

    Where the data has a rate, a sentence whose amounts disagree with its rate has a wrong amount, and the
    amount check reports that one.
    """
    same = [c for c in ctx.claims_of(claim.sentence) if c.kind == "amount"]
    budget = next((c.mention.value for c in same if c.field == "budget"), None)
    executed = next((c.mention.value for c in same if c.field == "executed"), None)
    if not budget or executed is None:
        return None
    return executed / budget * 100


def _excepted(ctx: AuditContext, claim: Claim) -> set[int]:
    """Projects a "除X外，其余项目……" before the claim leaves out of its "均"."""
    sentence = claim.sentence
    match = EXCEPT_CLAUSE.search(sentence.text, 0, claim.mention.start)
    if not match:
        return set()
    start, end = sentence.start + match.start(), sentence.start + match.end()
    return {m.project for m in ctx.extractor.mentions_between(start, end)}


def _check_universal_rate(ctx: AuditContext, claim: Claim) -> Finding | None:
    m = claim.mention
    left_out = _excepted(ctx, claim)
    below = [
        f"{p.name}（{shown(p.rate, 2)}%）"
        for k, p in enumerate(ctx.ref.projects)
        if k not in left_out
        and p.rate is not None
        and not agrees(m.raw_value, m.places, p.rate, m.hedge or "以上", None)
    ]
    if not below:
        return None
    return ctx.claim_finding(
        claim,
        "CLAIM_MISMATCH",
        f"文中称执行率均达 {m.text}，但以下项目未达到：{'、'.join(below[:5])}"
        + ("等" if len(below) > 5 else ""),
        expected=f"{len(below)}个项目未达到",
    )


def _check_remainder(ctx: AuditContext, claim: Claim) -> Finding | None:
    """ "剩余3%", "未执行资金…占全年预算数的18.66%": the unspent share of the budget.

    A share said of a stated part ("对应预算10.6520万元未支出，占…的2.99%") may be that part's share instead.
    """
    who, rate = _truth(ctx, claim)
    if rate is None:
        return None
    m = claim.mention
    unspent = 100 - rate
    if claim.fits(unspent):
        return None
    part = _part_share(ctx, claim)
    if part is not None and claim.fits(part):
        return None
    return ctx.claim_finding(
        claim,
        "REMAINDER_MISMATCH",
        f"「{who}」未执行资金占全年预算的 {shown(unspent, 2)}%（执行率 {shown(rate, 2)}%），文中写作剩余 {m.text}",
        subject=who,
        expected=f"{shown(unspent, 2)}%",
    )


def _part_share(ctx: AuditContext, claim: Claim) -> Decimal | None:
    project = ctx.claim_project(claim)
    if project is None or not project.budget:
        return None
    parts = [
        c
        for c in ctx.claims_of(claim.sentence)
        if c.kind == "amount" and c.field == "unspent_part" and c.mention.end <= claim.mention.start
    ]
    return parts[-1].mention.value / project.budget * 100 if parts else None


def _check_unattributed(ctx: AuditContext, claim: Claim) -> Finding | None:
    rates = [p.rate for p in ctx.ref.projects if p.rate is not None]
    if ctx.ref.total_rate is not None:
        rates.append(ctx.ref.total_rate)
    return ctx.unattributed(claim, "执行率", rates)
