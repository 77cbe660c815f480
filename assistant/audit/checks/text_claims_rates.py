"""A claim of the prose weighed against the execution rate of what it speaks of: "全部执行完毕" (all spent)
against a rate below 100 %, "完成良好" against one below 60 %, "执行数与预算数没有较大偏离" against one below
the rule set's threshold for explaining a deviation, "各项目均已全面完成" against each project below 60 %.

Why apart: this reading finds the claim's subject and its budget and spending, and decides whether the pair
speaks of what the claim does (another amount, another year, another stage of the money). Bad: 资金已全部执行完毕
beside 预算59.2万元、执行57.04万元 (an error when the amounts prove it). Good: "2022年结转资金30万元已全部支出完毕"
beside this year's 预算120万元、支出108万元 (the claim names another amount). A claim of good completion against
a low rate is a warning: how low is "not good" is a rule the text does not state.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.numbers.precision import shown

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_value
from ..prose.interval import Interval
from ..prose.model import Statement, Subject, list_places
from ..prose.periods import own_year, period_of
from ..prose.subject_values import SubjectValues
from .claim_reading import clause_head

HUNDRED = Decimal(100)
LOW_RATE = Decimal(60)

_CUES = cues(__name__)
_CLAIMS = cues(f"{__package__}.text_claims")  # the claims' wording, to mark the whole of a repeated claim
_ARRIVAL = cues(f"{__package__}.text_claims_arrival")  # money said to have arrived is no money spent


def _subject_at(ctx: AuditContext, sentence: Sentence, offset: int) -> Subject | None:
    """The subject a claim speaks of: the subject of the sentence's last number before it, else the sentence's."""
    own = [s for s in ctx.facts.in_sentence(sentence) if s.subject is not None]
    before = [s for s in own if s.span[1] <= offset]
    if before:
        return before[-1].subject
    if own:
        return own[0].subject
    scope, index, _ = ctx.extractor.attribute_at(sentence, offset)
    if scope == "project" and index is not None and index < len(ctx.facts.projects):
        return ctx.facts.projects[index]
    if len(ctx.facts.projects) == 1:
        return ctx.facts.projects[0]
    return None if ctx.facts.projects else _report(ctx)


def _report(ctx: AuditContext) -> Subject | None:
    return next((s.subject for s in ctx.facts.statements if s.subject and s.subject.kind == "report"), None)


def _rate_of(values: SubjectValues, subject: Subject) -> tuple[Interval, list[Statement]] | None:
    pair = values.of_subject(subject)
    if pair is None:
        return None
    budget, executed = pair
    places = list_places([budget, executed])
    quotient = executed.interval(places).divided_by(budget.interval(places))
    return (quotient.scaled(HUNDRED), [budget, executed]) if quotient is not None else None


def against_rates(
    ctx: AuditContext, values: SubjectValues, sentence: Sentence, match: re.Match[str], about: str
) -> Finding | None:
    """ "全部执行完毕" (spent) against a rate below 100 %, "完成良好" (good) against one below 60 %, and
    "执行数与预算数没有较大偏离" (close) against one below the rule set's threshold for explaining a deviation."""
    offset = sentence.start + match.start()
    if about == "good" and _CUES.outcome_indicators.search(clause_head(sentence, match)):
        return None  # "效益指标均达到要求": the claim is not about the money
    if about == "good" and _CUES.indicator_values_after.match(sentence.text[match.end() :]):
        return None  # "…均达到年度指标值": what it says is met are indicator targets, not the spending
    if about == "good" and _CUES.every_project.search(sentence.text[: match.start()]):
        return _every_project(ctx, values, sentence, match)
    if (
        about == "spent"
        and _CUES.passed_on.search(match.group())
        and _ARRIVAL.arrival_rate.search(sentence.text)
    ):
        return None  # "已全部拨付到各县区，资金到位率100%": the money passed on is said to have arrived, not spent
    subject = _subject_at(ctx, sentence, offset)
    if subject is None or subject.kind == "source":
        return None
    found = _rate_of(values, subject)
    if found is None and len(ctx.facts.projects) <= 1:
        found = _rate_of(values, Subject("unit", ""))  # one project: the unit's money is the project's
    if found is None:
        return None
    rate, evidence = found
    if _another_amount(ctx, sentence, match, evidence) or _of_another_year(ctx, sentence, evidence):
        return None
    ctx.facts.mark(*evidence)
    if about == "spent":
        if rate.hi > HUNDRED:
            return None  # the amounts allow 100 %: the claim may hold
        other_stage = _other_stage(ctx, match, evidence[1])
        if other_stage and _CUES.to_intermediary.match(sentence.text[match.end() :]):
            return None  # "已全部拨付至县区": passed on to who spends it, whose spending may fall short
        proven = (all(s.strong for s in evidence) or _same_quantity(ctx, sentence, match, evidence)) and not (
            other_stage
        )
    elif rate.hi < (LOW_RATE if about == "good" else ctx.ref.rules.deviation.explain_rate_below):
        proven = False  # how low is "not good" or "a large deviation" is a rule the text does not state
    else:
        return None
    budget, executed = evidence
    pattern = {"spent": _CLAIMS.spent, "good": _CLAIMS.good}.get(about, _CLAIMS.close)
    last = max((m.end() for m in pattern.finditer(sentence.text)), default=match.end())
    claimed = sentence.text[match.start() : last]
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称“{claimed}”，但{subject.label if subject.kind != 'report' else ''}预算 {budget.text}、"
        f"执行 {executed.text}，执行率仅 {show_value(rate.mid, _percent(budget))}",
        (offset, sentence.start + last),
        expected=f"执行率 {show_value(rate.mid, _percent(budget))}",
        found=claimed,
        proven=proven,
        quote=sentence.text,
    )


def _another_amount(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], evidence: list[Statement]
) -> bool:
    """ "2022年结转资金30万元已…全部支出完毕；2023年当年预算120万元，支出108万元": the claim's own clause names the
    amount it speaks of; when that is neither the budget nor the spending compared, the claim is about another
    quantity (another year, source or item) and the pair says nothing of it."""
    head = sentence.text[: match.start()]
    start = sentence.start + max(head.rfind(mark) for mark in "；;。") + 1
    stop = sentence.start + match.start()
    named = [
        s
        for s in ctx.facts.in_sentence(sentence)
        if s.kind == "amount" and start <= s.span[0] and s.span[1] <= stop and s.exact_claim
    ]
    return bool(named) and not any(s.interval().overlaps(e.interval()) for s in named for e in evidence)


def _of_another_year(ctx: AuditContext, sentence: Sentence, evidence: list[Statement]) -> bool:
    """ "上年（2021年）全省下达同类资金12,600.00万元，支出11,862.54万元" in a report of 2022, and later "丁市资金已全部
    支出": amounts said of the year before (上年, or a year other than the one the title evaluates) are not what a
    claim of this year's report speaks of, unless the claim's sentence names that year."""
    text = ctx.doc.text
    own = own_year(text)
    for stated in evidence:
        period = period_of(text, stated)
        if period == "prior" or (period and period.isdigit() and own and period != own):
            if period.isdigit() and period in sentence.text:
                continue
            return True
    return False


def _other_stage(ctx: AuditContext, match: re.Match[str], executed: Statement) -> bool:
    """ "已全部拨付至项目单位" beside "项目单位实际支出85万元": money passed on (拨付, 下达) is one stage, money
    spent by whoever received it another; the claim may hold while the spending falls short."""
    verb = _CUES.passed_on.search(match.group())
    if verb is None or executed.sentence is None:
        return False
    clause = clause_before(ctx, executed)
    return verb.group() not in clause


def _every_project(
    ctx: AuditContext, values: SubjectValues, sentence: Sentence, match: re.Match[str]
) -> Finding | None:
    """ "各项目均已全面完成年度目标" against each project the text shows executed below 60 %: a warning ("uncertain":
    spending short of the budget does not by itself prove a target missed)."""
    low = []
    for project in ctx.facts.projects:
        found = _rate_of(values, project)
        if found is not None and found[0].hi < LOW_RATE:
            low.append((project, found))
    if not low:
        return None
    for _, (_, evidence) in low:
        ctx.facts.mark(*evidence)
    listed = "、".join(f"{p.label}（预算 {e[0].text}、执行 {e[1].text}）" for p, (_, e) in low[:4])
    worst = min(low, key=lambda item: item[1][0].mid)[1][0]
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称“{match.group(0)}”，但{listed}，执行率低于 {LOW_RATE}%",
        (sentence.start + match.start(), sentence.start + match.end()),
        expected=f"执行率 {shown(worst.mid, 2)}%",
        found=match.group(0),
        proven=False,
        quote=sentence.text,
    )


def _same_quantity(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], evidence: list[Statement]
) -> bool:
    """ "2179万元…已全部拨付" beside "资金共2179万元，已拨付2113.63万元": the claim names the budget's own amount
    and the verb of the amount executed, so both speak of one quantity."""
    budget, executed = evidence
    verb = _CUES.money_verb.search(match.group())
    if verb is None or executed.sentence is None:
        return False
    clause = clause_before(ctx, executed)
    named = [
        s
        for s in ctx.facts.in_sentence(sentence)
        if s.kind == "amount" and s.span[1] <= sentence.start + match.start() and s.exact_claim
    ]
    return verb.group() in clause and any(s.interval().overlaps(budget.interval()) for s in named)


def _percent(like: Statement) -> Statement:
    return replace(like, kind="percent", places=2)
