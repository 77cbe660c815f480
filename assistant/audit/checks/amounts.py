"""AMOUNT_MISMATCH, TOTAL_MISMATCH, UNIT_SUSPECT, REMAINDER_MISMATCH (amounts): text amounts vs data.

Bad: 预算金额5.6万元，执行金额48.824万元 (data: 执行 5.6万元).  Good: 预算金额5.6万元，执行金额5.6万元.
An amount is compared with the project's (or the unit's) value for its 口径 at the precision written; one that
fits ×10000 or ÷10000 is a 元/万元 slip. Listed project amounts must add up to the stated total. An amount of no
口径 that the text lists as a part of a total ("全年预算500万元（中央300万元、省级200万元）") is not compared with the
project's figures: it is a share of one; nor is a part named only by its kind of spending (其中基本支出…、项目支出…),
which splits its whole by kind whatever that whole's 口径. Nor is a part that only carries its whole's 口径 over: in "项目全年预算312万元，
其中中央资金180万元、省级72万元" the 180万元 is a share of the project's 全年预算, not the 全年预算 itself (a part of a
total that is another project's own amount, "合计500万元，其中A项目300万元", is still compared). A source named by the
level that pays it ("其中中央资金620万元、省级资金380万元") is compared with 资金来源 rows of levels only: rows by kind
(当年财政拨款, 上年结转资金) split the same money another way, so no row of theirs is its amount (and the other way round).
A part naming no project of its own is a share of the whole it is listed under, whoever's that whole is ("分别安排资金
7,680万元和2,700万元，合计10,380万元": the 7,680 is no 全年预算), and so is generic money listed under a 年初预算 ("年初预算
180万元，其中中央…资金120万元"). An amount joined to others under one 口径 word ("年初预算按第一批资金1,600万元和上年结转
180万元编列") may be one of the sum the 口径 names: silent when such a sum fits, a warning (not an error) when none does.
"""

from __future__ import annotations

import re
from decimal import Decimal

from assistant.models import YUAN_PER_WAN
from assistant.numbers.precision import agrees, hedge_kind

from ..claims import Claim
from ..context import FIELD_NAMES, AuditContext, claim_span, in_written_unit, money
from ..cues import cues
from ..fields import clause_of
from ..findings import Finding
from ..reference import RefProject
from ..registry import Code, check_unit

_CUES = cues(__name__)
_SKIP_FIELDS = ("unit_price", "arrived", "difference", "indicator_value")
_LISTED_FIELDS = ("budget", "budget_initial", "executed", None)
# A part of the unspent money this close to all of it is more likely a slip than a part.
_NEAR_WHOLE = Decimal("0.10")
_CHANGE_LABEL = "全年预算较年初预算的调整额"


def _fits(claim: Claim, truth: Decimal) -> bool:
    """Does the amount as written state ``truth`` (in 万元)?"""
    return claim.fits(in_written_unit(truth, claim.mention.unit))


def _unit_slip(claim: Claim, truth: Decimal) -> bool:
    """Does the number fit if its unit were the other one (元 ↔ 万元)? A bound ("2800元以内") never does."""
    m = claim.mention
    if hedge_kind(m.hedge) in ("at_least", "at_most") or m.high is not None:
        return False
    for factor in (YUAN_PER_WAN, 1 / YUAN_PER_WAN):
        if agrees(m.raw_value, m.places, in_written_unit(truth, m.unit) * factor, m.hedge, None):
            return True
    return False


@check_unit(
    Code("AMOUNT_MISMATCH", "error", "文中金额与该项目该口径的数据不符"),
    Code("TOTAL_MISMATCH", "error", "文中合计与各项目之和不符（或与所列分项、资金来源各行之和不符）"),
    Code("UNIT_SUSPECT", "error", "疑似单位错误（元/万元、%/百分点）"),
    Code("UNATTRIBUTED_CLAIM", "info", "无法确定该数字所指的项目或口径"),
    also=("REMAINDER_MISMATCH",),
)
def check(ctx: AuditContext) -> list[Finding]:
    # A total that the listed amounts contradict is reported once, as the listing's sum: the text's own items
    # show where the total went wrong.
    findings = _check_listed_sum(ctx)
    listed = {f.fingerprint for f in findings}
    for claim in ctx.claims:
        if claim.kind != "amount" or claim.field in _SKIP_FIELDS or claim.indicator is not None:
            continue
        if claim.about_indicator or claim.scope == "subset" or _share_of_own_whole(ctx, claim):
            continue
        if claim.field == "change" or (claim.scope in ("project", "total") and _raised(claim)):
            finding = _check_change(ctx, claim)
        elif claim.scope == "project":
            finding = _check_project_amount(ctx, claim)
        elif claim.scope == "total":
            finding = _check_total_amount(ctx, claim)
        else:
            finding = _check_unattributed(ctx, claim)
        if finding and finding.fingerprint not in listed:
            findings.append(finding)
    return findings


def _raised(claim: Claim) -> bool:
    """ "年中追加预算4.00万元" beside a 自评表: the rise of the budget its verb names right before it, though the 预算
    word reads it as 全年预算; compared with 全年 minus 年初 预算数. A rise said of no project stays unattributed."""
    if claim.field != "budget":
        return False
    return _CUES.raise_before.search(clause_of(claim.sentence.text[: claim.mention.start])) is not None


def _share_of_own_whole(ctx: AuditContext, claim: Claim) -> bool:
    """Is the amount a listed part of a whole of the same 口径 said of the same project (or of all of them)?"""
    span = claim_span(claim)
    for breakdown in ctx.facts.breakdowns:
        if all(p.span != span for p in breakdown.parts):
            continue
        whole = next((c for c in ctx.claims if claim_span(c) == breakdown.total.span), None)
        if whole is None or not (_shares_field(whole.field, claim.field) or _kind_of_spending(claim)):
            continue
        if (whole.scope, whole.project) == (claim.scope, claim.project) or (
            # "分别安排资金A和B，合计C" (C read as the unit's): a part that names no project of its own is a share
            # of the whole it is listed under, whoever's that whole is
            whole.scope == "total" and claim.attribution != "sentence"
        ):
            return True
    return False


def _kind_of_spending(claim: Claim) -> bool:
    """ "全年预算4,826.53万元，其中基本支出2,143.27万元、项目支出2,683.26万元": a part named only by its kind of
    spending (基本支出, 项目支出, 人员经费, 公用经费) splits the whole it is listed under by kind, whatever that whole's
    口径; its 支出 word does not make it the money spent."""
    item = clause_of(claim.sentence.text[: claim.mention.start]).rsplit("、", 1)[-1]
    return _CUES.spending_kind_part.search(item) is not None


def _shares_field(whole: str | None, part: str | None) -> bool:
    """Can a part of this 口径 be a share of a whole of that one? The same 口径; a whole of no 口径 of its own
    ("…，合计C万元"); or money read as 全年预算 (a generic 资金) listed under a 年初预算 ("年初预算180万元，其中中央
    …资金120万元"). A 年初预算 listed under a 全年预算 ("全年预算312万元，其中年初预算200万元") is the 年初预算 itself."""
    return whole == part or whole is None or (whole == "budget_initial" and part == "budget")


def _joined(ctx: AuditContext, claim: Claim) -> list[Claim]:
    """The run of amounts of the claim's clause joined with it by 和, 与, 、… ("年初预算按第一批资金1,600.00万元和上年
    结转180.00万元编列"), the claim among them; just the claim when none is."""
    text = ctx.doc.text
    same = sorted(
        (c for c in ctx.claims_of(claim.sentence) if c.kind == "amount"), key=lambda c: claim_span(c)[0]
    )
    at = next(k for k, c in enumerate(same) if c is claim)
    lo = hi = at

    def joined(a: Claim, b: Claim) -> bool:
        return _CUES.joined.search(text[claim_span(a)[1] : claim_span(b)[0]]) is not None

    while lo > 0 and joined(same[lo - 1], same[lo]):
        lo -= 1
    while hi + 1 < len(same) and joined(same[hi], same[hi + 1]):
        hi += 1
    return same[lo : hi + 1]


def _sum_fits(run: list[Claim], claim: Claim, truth: Decimal) -> bool:
    """Does a stretch of the run that holds the claim add up to ``truth`` (in 万元), at the finest written precision?"""
    at = run.index(claim)
    for lo in range(at + 1):
        for hi in range(max(at, lo + 1), len(run)):
            stretch = run[lo : hi + 1]
            if any(c.mention.unit != claim.mention.unit for c in stretch):
                continue
            summed = sum((c.mention.raw_value for c in stretch), Decimal(0))
            places = max(c.mention.places for c in stretch)
            if agrees(summed, places, in_written_unit(truth, claim.mention.unit), None, None):
                return True
    return False


def _check_project_amount(ctx: AuditContext, claim: Claim) -> Finding | None:
    project = ctx.project(claim.project)
    if project is None:
        return None
    amounts = project.amounts()
    field = claim.field
    m = claim.mention
    if field == "source":
        return _check_source(ctx, claim, project)
    if field == "unspent_part":
        return _check_unspent_part(ctx, claim, project)
    if field in amounts:
        if _fits(claim, amounts[field]):
            return None
        if field == "budget" and "budget_initial" in amounts and _fits(claim, amounts["budget_initial"]):
            return None
        truth = amounts[field]
        # a part of a list read as such ("全年预算…，其中年初预算A、追加B") has its attribution settled by the list
        run = [claim] if claim_span(claim) in ctx.facts.parts else _joined(ctx, claim)
        if len(run) > 1 and _sum_fits(run, claim, truth):
            return None  # "年初预算按第一批资金1,600万元和上年结转180万元编列": the 口径 names the pair's sum
        code = "REMAINDER_MISMATCH" if field == "unspent" else "AMOUNT_MISMATCH"
        finding = _mismatch(
            ctx, claim, project.name, FIELD_NAMES[field], truth, code, _copied_from(ctx, claim, field)
        )
        if len(run) > 1 and finding.code == code and finding.severity == "error":
            # whether the 口径 names this amount or the pair's sum is a reading: a doubt
            finding.severity, finding.verdict = "warning", "uncertain"
        return finding
    if field is None and amounts:
        if any(_fits(claim, v) for v in amounts.values()):
            return None
        if claim_span(claim) in ctx.facts.parts:
            return None  # "预算500万元（中央300万元、省级200万元）": a listed part of a total, no 口径 of its own
        if any(_unit_slip(claim, v) for v in amounts.values()):
            return _unit_finding(ctx, claim, project.name)
        return ctx.claim_finding(
            claim,
            "AMOUNT_MISMATCH",
            f"「{project.name}」：文中金额 {m.text} 与该项目的预算数、执行数均不符，且无法判断口径",
            project=project.name,
            expected="、".join(money(v, m.unit) for k, v in amounts.items() if k != "unspent"),
            verdict="uncertain",
            severity="warning",
        )
    return None


def _check_change(ctx: AuditContext, claim: Claim) -> Finding | None:
    """ "较年初预算增加76.7130万元": the difference between 全年 and 年初 预算数."""
    if claim.scope == "project":
        project = ctx.project(claim.project)
        if project is None:
            return None
        initial, budget, who = project.budget_initial, project.budget, project.name
    elif claim.scope == "total":
        initial, budget = ctx.ref.total("budget_initial"), ctx.ref.total("budget")
        who = f"{len(ctx.ref.projects)}个项目"
    else:
        return None
    if initial is None or budget is None:
        return None
    truth = abs(budget - initial)
    if _fits(claim, truth):
        return None
    code = "AMOUNT_MISMATCH" if claim.scope == "project" else "TOTAL_MISMATCH"
    return _mismatch(ctx, claim, who, _CHANGE_LABEL, truth, code)


def _check_source(ctx: AuditContext, claim: Claim, project: RefProject) -> Finding | None:
    """A 资金来源 amount (当年财政拨款/上年结转…) must be one of the project's sub-row amounts."""
    if not project.sources or any(_fits(claim, v) for v in project.sources.values()):
        return None
    if _other_split(claim, project):
        return None
    if not any(k.endswith("结余") for k in project.sources) and re.search(
        r"结余|剩余|未执行|结转下年", claim.sentence.text
    ):
        return _check_unspent_part(ctx, claim, project)  # "结余7.338万元（其中上年结转资金1.7005万元）"
    m = claim.mention
    listed = "、".join(f"{k} {money(v, m.unit)}" for k, v in project.sources.items())
    return ctx.claim_finding(
        claim,
        "AMOUNT_MISMATCH",
        f"「{project.name}」资金来源金额 {m.text} 与数据不符（{listed}）",
        project=project.name,
        expected=listed,
    )


def _other_split(claim: Claim, project: RefProject) -> bool:
    """Does the text name the source by the government level that pays it ("其中中央资金620.00万元、省级资金
    380.00万元") while the data's rows split the money by kind (当年财政拨款, 上年结转资金), or the other way round?
    The two splits cut the same money differently: no row of the one is an amount of the other."""
    head = claim.sentence.text[: claim.mention.start]
    named = _CUES.source_clause.split(head)[-1].strip()
    if not named:
        return False
    by_level = _CUES.level_source.search(named) is not None
    rows = {
        label[:-2] for label in project.sources
    }  # "当年财政拨款年初": the row, then its column (年初/全年/执行/结余)
    return all((_CUES.level_source.search(row) is not None) != by_level for row in rows)


def _check_unspent_part(ctx: AuditContext, claim: Claim, project: RefProject) -> Finding | None:
    """尾款/质保金/"…万元未支出" name part of the unspent money: never more than all of it.

    When the same sentence gives the part's share of the budget as the whole unspent share ("…未拨付，占全年
    预算数的23.57%"), the part is all of it and must equal it; a part just short of all of it is a likely slip.
    """
    unspent = project.unspent
    m = claim.mention
    if unspent is None:
        return None
    whole = in_written_unit(unspent, m.unit)
    if _fits(claim, unspent):
        return None
    if _unit_slip(claim, unspent):
        return _unit_finding(ctx, claim, project.name, "未执行资金", unspent)
    severity, verdict, expected = None, "false", f"≤{money(unspent, m.unit)}"
    if m.raw_value <= whole:
        if _share_is_whole(ctx, claim, project):
            expected = money(unspent, m.unit)
        elif whole and (whole - m.raw_value) / whole < _NEAR_WHOLE:
            severity, verdict, expected = "warning", "uncertain", money(unspent, m.unit)
        else:
            return None
    return ctx.claim_finding(
        claim,
        "REMAINDER_MISMATCH",
        f"「{project.name}」未执行资金共 {money(unspent, m.unit)}，文中所述未支付部分 {m.text} 与之不符",
        project=project.name,
        expected=expected,
        severity=severity,
        verdict=verdict,
    )


def _share_is_whole(ctx: AuditContext, claim: Claim, project: RefProject) -> bool:
    rate = project.rate
    if rate is None:
        return False
    for other in ctx.claims_of(claim.sentence):
        if other.field == "remainder" and other.mention.start > claim.mention.start:
            return other.fits(100 - rate)
    return False


def _mismatch(
    ctx: AuditContext, claim: Claim, who: str, label: str, truth: Decimal, code: str, hint: str = ""
) -> Finding:
    m = claim.mention
    if _unit_slip(claim, truth):
        return _unit_finding(ctx, claim, who, label, truth)
    subject = f"「{who}」{label}" if claim.scope == "project" else label
    return ctx.claim_finding(
        claim,
        code,
        f"{subject}应为 {money(truth, m.unit)}，文中写作 {m.text}{hint}",
        subject=who,
        expected=money(truth, m.unit),
    )


def _unit_finding(
    ctx: AuditContext, claim: Claim, who: str, label: str = "金额", truth: Decimal | None = None
) -> Finding:
    m = claim.mention
    other = "万元" if m.unit == "元" else "元"
    expected = money(truth, m.unit) if truth is not None else None
    return ctx.claim_finding(
        claim,
        "UNIT_SUSPECT",
        f"「{who}」{label}写作 {m.text}，数值与数据相符但单位疑为“{other}”",
        subject=who,
        expected=expected,
    )


def _copied_from(ctx: AuditContext, claim: Claim, field: str) -> str:
    """Name another project whose amount the written one equals: a likely copy-paste slip."""
    others = [p for p in ctx.ref.projects if p.index != claim.project]
    for wanted in (field, "budget", "executed"):
        for other in others:
            value = other.amounts().get(wanted)
            if value is not None and _fits(claim, value):
                return f"（与「{other.name}」的{FIELD_NAMES[wanted]}相同，疑为误抄）"
    return ""


def _check_total_amount(ctx: AuditContext, claim: Claim) -> Finding | None:
    totals = {f: ctx.ref.total(f) for f in ("budget_initial", "budget", "executed")}
    budget, executed = totals["budget"], totals["executed"]
    totals["unspent"] = budget - executed if budget is not None and executed is not None else None
    known = {k: v for k, v in totals.items() if v is not None}
    field = claim.field
    if field in known:
        if _fits(claim, known[field]):
            return None
        if field == "budget" and "budget_initial" in known and _fits(claim, known["budget_initial"]):
            return None
        # A sentence with total cues may still state one project's amount (e.g. a listing line).
        if any(_fits(claim, v) for p in ctx.ref.projects for v in p.amounts().values()):
            return None
        if _first_of_parts(ctx, claim, known[field]):
            return None
        label = f"{len(ctx.ref.projects)}个项目{FIELD_NAMES[field]}合计"
        return _mismatch(ctx, claim, label, label, known[field], "TOTAL_MISMATCH")
    return None


def _first_of_parts(ctx: AuditContext, claim: Claim, truth: Decimal) -> bool:
    """ "全年累计发放生活补贴1,714,880.00元、护理补贴1,501,150.00元": the total cue opens a list whose amounts
    together make the total; the first amount is its first part, not the total."""
    after = [
        c
        for c in ctx.claims
        if c.sentence is claim.sentence and c.kind == "amount" and c.mention.start > claim.mention.start
    ]
    unit, summed, places = claim.mention.unit, claim.mention.raw_value, claim.mention.places
    for other in sorted(after, key=lambda c: c.mention.start):
        if other.mention.unit != unit:
            return False
        summed += other.mention.raw_value
        places = max(places, other.mention.places)
        if agrees(summed, places, in_written_unit(truth, unit), None, None):
            return True
    return False


def _check_unattributed(ctx: AuditContext, claim: Claim) -> Finding | None:
    # "全年执行数36.72元" beside a 自评表 whose one project spent 36.72万元: the figure names the 口径 and fits it
    # in the other unit (several projects with that figure in that unit: no telling whose)
    slipped = [
        (p, truth)
        for p in ctx.ref.projects
        if (truth := p.amounts().get(claim.field or "")) is not None and _unit_slip(claim, truth)
    ]
    if len(slipped) == 1:
        project, truth = slipped[0]
        return _unit_finding(ctx, claim, project.name, FIELD_NAMES[claim.field or ""], truth)
    truths = [v for p in ctx.ref.projects for v in p.amounts().values()]
    truths += [v for v in (ctx.ref.total("budget"), ctx.ref.total("executed")) if v is not None]
    return ctx.unattributed(
        claim, "金额", (in_written_unit(v, claim.mention.unit) for v in truths), "项目或口径"
    )


def _check_listed_sum(ctx: AuditContext) -> list[Finding]:
    """A subsection that lists every project's budget and states a total: the items must add up."""
    findings: list[Finding] = []
    groups: dict[tuple[int, str], list[Claim]] = {}
    for claim in ctx.claims:
        if claim.kind == "amount" and claim.field in _LISTED_FIELDS and not claim.about_indicator:
            heading = claim.sentence.subsection or claim.sentence.section
            field = claim.field or "budget"
            groups.setdefault((heading.line if heading else 0, field), []).append(claim)
    for claims in groups.values():
        items: dict[int, Claim] = {}
        for c in claims:
            if (
                c.scope == "project"
                and c.attribution == "sentence"
                and c.project is not None
                and c.indicator is None
            ):
                items.setdefault(c.project, c)
        totals = [c for c in claims if c.scope == "total"]
        if len(items) < 2 or len(items) != len(ctx.ref.projects) or not totals:
            continue
        listed = sum((c.mention.value for c in items.values()), Decimal(0))
        for total in totals:
            m = total.mention
            if not _fits(total, listed):
                findings.append(
                    ctx.claim_finding(
                        total,
                        "TOTAL_MISMATCH",
                        f"所列 {len(items)} 个项目金额之和为 {money(listed, m.unit)}，与文中合计 {m.text} 不符",
                        expected=money(listed, m.unit),
                    )
                )
    return findings
