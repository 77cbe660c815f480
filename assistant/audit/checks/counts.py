"""COUNT_MISMATCH ("14个项目" vs the projects) and ARITHMETIC_MISMATCH (count × unit price ≠ amount).

Bad: 我单位共实施13个项目 (14 in the data).  Good: 共实施14个项目.
"其中3个项目执行率低于90%" is a count of a part: checked when its condition (in the count's own clause) can be
evaluated, else skipped. "上述两个项目" refers back to projects just named: not a count of the unit's projects.
From the text alone (no case data), the projects found in the text, or the one project of its own 自评表, are not
all the unit has (a project may fund "111个项目"): a count against their number is a warning ("uncertain");
against the clause's own list it is still an error. A count of projects the clause says are funded ("111个项目予以
支持", "12个项目获得资助") counts the recipients, not the projects evaluated: not checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from assistant.numbers.precision import agrees

from ..claims import Claim
from ..context import AuditContext, money
from ..cues import cues
from ..findings import Finding
from ..registry import Code, check_unit

_PROJECT_NOUNS = ("项目", "经费", "专项", "个项目")
_CUES = cues(__name__)


def _is_project_count(claim: Claim) -> bool:
    m = claim.mention
    if m.kind != "count":
        return False
    if m.noun and any(m.noun.startswith(n) for n in _PROJECT_NOUNS):
        return True
    after = claim.sentence.text[m.end : m.end + 2]
    if m.noun or (
        after and "\u4e00" <= after[0] <= "\u9fff" and not after.startswith(("项目", "经费", "专项"))
    ):
        return False  # "该项目7个绩效指标": the noun after the count says what is counted
    before = claim.sentence.text[max(0, m.start - 3) : m.start]
    return m.unit == "个" and before.endswith("项目")


@check_unit(
    Code("COUNT_MISMATCH", "error", "文中项目个数或等级个数与实际不符"),
    Code("ARITHMETIC_MISMATCH", "warning", "数量×单价与金额不符"),
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    total = len(ctx.ref.projects)
    for claim in ctx.claims:
        if not _is_project_count(claim):
            continue
        m = claim.mention
        before = claim.sentence.text[: m.start]
        if _CUES.back_reference.search(before) or _CUES.funded_after.match(claim.sentence.text[m.end :]):
            continue
        expected: int | None = total
        what = "项目总数"
        listed = _enumerated(before) if m.noun and m.noun.startswith("项目") else None
        if listed is not None:
            expected, what = listed, "文中列举的项目数"
        elif _is_subset(before):
            expected, what = _subset_count(ctx, claim)
        if expected is None or agrees(m.raw_value, 0, Decimal(expected), m.hedge, m.high):
            continue
        # the projects a text names are not all it has (funded ones, a list elsewhere): a count against them only
        # doubts the text, where case data or the clause's own list would prove it
        read_from_text = what == "项目总数" and (
            ctx.ref.source == "text" or (ctx.ref.source == "table" and total == 1)
        )  # one project's own 自评表: its "111个项目予以支持" counts what the project funds
        yield ctx.claim_finding(
            claim,
            "COUNT_MISMATCH",
            f"{what}应为 {expected} 个，文中写作“{m.text}”"
            + ("（按文中可辨认的项目计）" if read_from_text else ""),
            expected=f"{expected}个",
            **({"severity": "warning", "verdict": "uncertain"} if read_from_text else {}),
        )
    yield from _check_arithmetic(ctx)


def _enumerated(before: str) -> int | None:
    """ "学生资助和学前教育两个项目": how many projects the clause lists right before its count.

    Items are split on 、 and on the last 和/与/及 (names may contain 及); "…等3个项目" gives examples, not a
    list, and "其中3个项目" is a part.
    """
    lead = before.rstrip()
    if not lead or lead.endswith(("等", "的", "共", "共有")) or _CUES.subset_before.search(lead):
        return None
    clause = re.split(r"[，,；;：:。]", lead)[-1]
    items = clause.split("、")
    last = items[-1]
    for joiner in ("和", "与", "及"):
        if joiner in last:
            head, _, tail = last.rpartition(joiner)
            items[-1:] = [head, tail]
            break
    if len(items) < 2 or any(not item.strip() for item in items):
        return None
    return len(items)


def _is_subset(before: str) -> bool:
    """ "其中3个项目", "其余12个项目", "…一致的项目0个": a count of some projects, not of all."""
    if before.rstrip().endswith(("共有", "共")):
        return False
    return bool(_CUES.subset_before.search(before) or re.search(r"其中|其余|其他|的项目\s*$", before))


def _subset_count(ctx: AuditContext, claim: Claim) -> tuple[int | None, str]:
    """Evaluate the condition a part-count states, where it is one we know; else give up (None)."""
    text = claim.sentence.text
    start = max((m.end() for m in _CUES.clause_end.finditer(text, 0, claim.mention.start)), default=0)
    end = _CUES.clause_end.search(text, claim.mention.end)
    clause_end = end.start() if end else len(text)
    after = text[claim.mention.end : clause_end]
    around = text[max(start, claim.mention.start - 24) : min(clause_end, claim.mention.end + 24)]
    below = _CUES.below_rate.search(after) or _CUES.below_rate.search(around)
    if below:
        limit = Decimal(below.group(1))
        n = sum(
            1 for p in ctx.ref.projects if p.rate is not None and ctx.ref.rules.round_rate(p.rate) < limit
        )
        return n, f"执行率低于{below.group(1)}%的项目数"
    bound = _CUES.rate_bound.match(after)
    if bound and (bound.group(1) or bound.group(3)):
        hedge = bound.group(1) or bound.group(3)
        limit = Decimal(bound.group(2))
        places = len(bound.group(2).partition(".")[2])
        n = sum(1 for p in ctx.ref.projects if p.rate is not None and agrees(limit, places, p.rate, hedge))
        return n, f"执行率{hedge if bound.group(1) else ''}{bound.group(2)}%{bound.group(3) or ''}的项目数"
    if _CUES.fully_executed.search(around):
        n = sum(1 for p in ctx.ref.projects if p.budget and p.executed == p.budget)
        return n, "全额执行的项目数"
    if _CUES.deviating.search(around):
        n = sum(1 for p in ctx.ref.projects if p.deviations)
        if ctx.ref.source == "table" and claim.mention.value >= n:
            return None, ""  # the table shows only rate deviations; missed indicators may add more
        return n, "存在偏差需说明的项目数"
    return None, ""


def _check_arithmetic(ctx: AuditContext) -> list[Finding]:
    """One count and one per-unit price in a sentence about a project: their product should be its amount."""
    findings = []
    by_sentence: dict[int, list[Claim]] = {}
    for claim in ctx.claims:
        by_sentence.setdefault(id(claim.sentence), []).append(claim)
    for claims in by_sentence.values():
        counts = [
            c
            for c in claims
            if c.kind == "count"
            and c.mention.hedge is None
            and c.mention.unit in ("名", "人", "户", "个", "所", "家")
        ]
        prices = [c for c in claims if c.kind == "amount" and c.field == "unit_price"]
        if len(counts) != 1 or len(prices) != 1:
            continue
        count, price = counts[0], prices[0]
        project = ctx.project(price.project) if price.scope == "project" else None
        if project is None:
            continue
        product = count.mention.value * price.mention.value
        amounts = {
            k: v for k, v in project.amounts().items() if k in ("budget", "executed", "budget_initial")
        }
        if not amounts or any(agrees(v, 6, product) for v in amounts.values()):
            continue
        stated = [c for c in claims if c.kind == "amount" and c.field != "unit_price"]
        if stated and all(not agrees(c.mention.value, 6, product) for c in stated):
            target = stated[0].mention.value
        elif not stated:
            target = amounts.get("budget") or next(iter(amounts.values()))
        else:
            continue
        unit = price.mention.unit
        findings.append(
            ctx.claim_finding(
                count,
                "ARITHMETIC_MISMATCH",
                f"「{project.name}」{count.mention.text}×{price.mention.text}={money(product, unit)}，"
                f"与金额 {money(target, '万元')} 不符",
                project=project.name,
                expected=money(target, "万元"),
                found=money(product, "万元"),
                verdict="uncertain" if not stated else "false",
            )
        )
    return findings
