"""CLAIM_MISMATCH from the text alone: a sweeping or qualitative claim the report's own numbers contradict.

Bad: 资金已全部执行完毕 beside 预算59.2万元、执行57.04万元.  Bad: 项目运行正常，没有发现问题 beside 239万元 of
which 87.06万元 was spent (36.43 %).  Good: the claim names the exception ("除受益人数外，其余绩效目标全部完成"), or the numbers bear it out.
A claim that the money was all spent against a lower execution the text states for the same subject is an
error; a claim of good completion against a low execution rate (below 60 %) or a missed indicator is a
warning ("uncertain": whether that is "a problem" is a reviewer's judgement), unless the claim itself names
every indicator ("各项绩效指标均已全面完成") and the text states one missed: then its own numbers prove it (a
warning still when the miss is a bare row target the form scored short, its direction unwritten). A claim of one
class ("各项产出指标全部完成") reads a 自评表 row's class from its level cells on the row's line, else from the row's own
name ("安装太阳能路灯    ≥300盏    276盏", a table set out in spaces: a 数量指标, so 产出), a warning then.
A claim that the money all arrived ("资金已全部拨付到位") beside less money arrived than the budget in its
paragraph is a warning (the claim may speak of one source or one batch).
Amounts of another year (上年…, or a year other than the title's) are no evidence against a claim of this year.
A sentence that claims completion twice ("年度绩效目标已全部完成，各项绩效指标全部完成") is read by its claim of the
indicators, the one a missed indicator contradicts and where the finding points.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from assistant.forms.model import Form, Value
from assistant.numbers.precision import shown

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..fields import clause_of, first_clause
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_value
from ..prose.interval import Interval, written
from ..prose.model import Statement, Subject, list_places
from ..prose.periods import own_year, period_of
from ..prose.subject_values import SubjectValues
from ..prose.subjects import of_sources
from ..registry import check_unit
from .missed_targets import (
    direction_written,
    heading_class,
    missed_targets,
    names_any,
    own_words,
    row_of_class,
)

HUNDRED = Decimal(100)
LOW_RATE = Decimal(60)
_CELL = 40  # the longest line still read as one cell of a form flattened one cell per line

_CUES = cues(__name__)
_PERIODS = cues("assistant.audit.prose.periods")


@check_unit(
    also=("CLAIM_MISMATCH",),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    values = ctx.values
    missed = missed_targets(ctx)
    claim: tuple[Sentence, re.Match[str]] | None = None  # the first claim of completion no rate contradicts
    findings: list[Finding] = []
    for sentence in ctx.doc.sentences:
        if sentence.role == "method":
            continue
        for pattern, about in ((_CUES.spent, "spent"), (_CUES.good, "good"), (_CUES.close, "close")):
            match = (
                _of_indicators(pattern, sentence.text) if about == "good" else pattern.search(sentence.text)
            )
            if match is None or _CUES.negated.search(sentence.text[: match.start()]):
                continue
            head = sentence.text[max(0, match.start() - 40) : match.start()]
            if _CUES.condition.search(sentence.text[: match.start()]) or _CUES.exception.search(head):
                continue  # "除…外，其余…全部完成": the claim leaves out what it names
            if about != "good" and _CUES.of_sources.search(sentence.text[: match.start()]):
                continue
            if about == "good" and _a_form_cell(ctx, sentence):
                continue  # "全部完成" alone on its line among short lines: one indicator's value, not the report's
            finding = _against_rates(ctx, values, sentence, match, about)
            if (
                finding is None
                and about == "good"
                and claim is None
                and _claim_period(sentence, match) != "prior"
            ):
                claim = (sentence, match)
            if finding is not None:
                findings.append(finding)
                break
    if claim is not None:
        findings.extend(_against_missed(ctx, *claim, missed))
    findings += [f for sentence in ctx.doc.sentences if (f := _arrival(ctx, sentence)) is not None]
    return findings + [f for form in ctx.forms for f in _form_cells(ctx, form)]


def _of_indicators(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """The claim of good completion a sentence makes of its indicators when it makes more than one ("年度绩效目标已
    全部完成，各项绩效指标全部完成"): the one a missed indicator contradicts, where the finding points; else its first."""
    matches = list(pattern.finditer(text))
    return next((m for m in matches if "指标" in clause_of(text[: m.end()])), matches[0] if matches else None)


def _a_form_cell(ctx: AuditContext, sentence: Sentence) -> bool:
    """Whether ``sentence`` is a cell of a form flattened one cell per line: the whole of its line, with no clause
    mark outside brackets, and the lines around it short too. Such a "全部完成" is the 年度指标值 or 实际完成值 of one
    indicator row (the next cell may well read "完成90%"), not a claim about the project."""
    text = ctx.doc.text
    begin = text.rfind("\n", 0, sentence.start) + 1
    end = text.find("\n", sentence.end)
    line = text[begin : len(text) if end < 0 else end].strip()
    if line != sentence.text.strip() or _CUES.clause_mark.search(_CUES.bracketed.sub("", line)):
        return False
    before = text[:begin].rstrip().rpartition("\n")[2].strip()
    after = text[len(text) if end < 0 else end :].lstrip().partition("\n")[0].strip()
    return len(before) <= _CELL and len(after) <= _CELL and bool(before or after)


def _arrival(ctx: AuditContext, sentence: Sentence) -> Finding | None:
    """ "项目资金已全部拨付到位" beside "项目预算200万元，资金到位170万元" in its paragraph: money said to have all
    arrived against less arrived than the budget. A warning: the claim may speak of one source or one batch; none
    when its own clause names the sources it speaks of."""
    match = _CUES.all_arrived.search(sentence.text)
    if match is None or _CUES.negated.search(sentence.text[: match.start()]):
        return None
    if _CUES.condition.search(sentence.text[: match.start()]):
        return None  # "确保配套资金及时足额到位": a goal, not a claim
    if of_sources(sentence.text[: match.start()]):
        return None  # "中央、省级资金全部到位": a claim of the sources it names, not of all the money
    money = [
        s
        for s in ctx.facts.statements
        if s.origin == "prose" and s.kind == "amount" and s.exact_claim and s.sentence is not None
    ]
    own = [s for s in money if s.sentence is not None and s.sentence.para_start == sentence.para_start]
    if not any(s.field in ("budget", "arrived") for s in own) and _one_project(ctx):
        own = money  # "资金已足额拨付到位" in a paragraph of its own: the one project's money, said elsewhere
    budgets = [s for s in own if s.field == "budget"]
    short = [
        (b, a)
        for a in own
        if a.field == "arrived"
        for b in budgets
        if b.subject == a.subject and a.interval().below(b.interval())
    ]
    if len(budgets) != 1 or not short:
        return _arrival_rate(ctx, sentence, match)
    budget, arrived = short[0]
    ctx.facts.mark(budget, arrived)
    return doubt_of_claim(
        ctx,
        sentence,
        match,
        f"预算 {budget.text}、实际到位 {arrived.text}，到位资金少于预算",
        f"到位 {budget.text}",
    )


def _arrival_rate(ctx: AuditContext, sentence: Sentence, match: re.Match[str]) -> Finding | None:
    """ "资金已足额拨付到位" against a 资金到位率 below 100 % the text states of its one project (or in the claim's
    paragraph): a warning, the claim may speak of one source or one batch."""
    if ctx.facts.in_sentence(sentence):
        return None  # "中央资金2,450万元已全部到位": the claim names the money it speaks of, a part perhaps
    rates = [
        s
        for s in ctx.facts.statements
        if s.kind == "percent"
        and s.exact_claim
        and s.sentence is not None
        and s.interval().hi < HUNDRED
        and (_one_project(ctx) or s.sentence.para_start == sentence.para_start)
        and _CUES.arrival_rate.search(clause_before(ctx, s))
    ]
    if not rates:
        return None
    rate = rates[0]
    ctx.facts.mark(rate)
    line = ctx.doc.line_of(rate.span[0])
    return doubt_of_claim(
        ctx, sentence, match, f"第{line}行资金到位率 {rate.text}，未全部到位", f"到位率 {rate.text}"
    )


def doubt_of_claim(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], against: str, expected: str
) -> Finding:
    """A warning at a claim ("足额到位", "按期完成") the text's own figures put in doubt: "文中称“…”，但{against}"."""
    return ctx.relation_finding(
        "CLAIM_MISMATCH",
        f"文中称“{match.group(0)}”，但{against}",
        (sentence.start + match.start(), sentence.start + match.end()),
        expected=expected,
        found=match.group(0),
        proven=False,
        quote=sentence.text,
    )


def _one_project(ctx: AuditContext) -> bool:
    return len(ctx.facts.projects) <= 1 and len(ctx.ref.projects) <= 1


def _form_cells(ctx: AuditContext, form: Form) -> list[Finding]:
    """A 自评表's own cells claiming the money was all spent ("资金已全部支出") or kept to the budget
    ("执行数与预算数没有较大偏离", 执行准确性) against the form's 年度资金总额 row: a warning, "uncertain" (the
    cell may speak of another stage or source, and how large a deviation is "较大" is a rule)."""
    row = form.fund()
    if row is None:
        return []
    rate = _row_rate(row.cells.get("budget"), row.cells.get("executed"), row.cells.get("rate"))
    if rate is None:
        return []
    findings = []
    text = ctx.doc.text
    for about, pattern in (("spent", _CUES.spent), ("close", _CUES.close)):
        limit = HUNDRED if about == "spent" else ctx.ref.rules.deviation.explain_rate_below
        for match in pattern.finditer(text, *form.span):
            head = text[text.rfind("|", form.span[0], match.start()) + 1 : match.start()]
            if rate.hi >= limit or _CUES.negated.search(head) or _CUES.condition.search(head):
                continue
            line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end())]
            cells = {key: cell.text for key, cell in row.cells.items()}
            findings.append(
                ctx.relation_finding(
                    "CLAIM_MISMATCH",
                    f"表中称“{match.group(0)}”，但{row.label}全年预算 {cells.get('budget', '—')}、"
                    f"全年执行 {cells.get('executed', '—')}，执行率 {shown(rate.mid, 2)}%",
                    (match.start(), match.end()),
                    expected=f"执行率 {shown(rate.mid, 2)}%",
                    found=match.group(0),
                    proven=False,
                    quote=line,
                )
            )
    return findings


def _row_rate(budget: Value | None, executed: Value | None, rate: Value | None) -> Interval | None:
    """The row's 执行率 in percent: 执行数 ÷ 预算数 at their written precision, else the written rate."""
    if budget is not None and executed is not None and budget.number and executed.number is not None:
        quotient = written(executed.number, executed.places).divided_by(written(budget.number, budget.places))
        if quotient is not None:
            return quotient.scaled(HUNDRED)
    return written(rate.number, rate.places) if rate is not None and rate.number is not None else None


def _clause_head(sentence: Sentence, match: re.Match[str]) -> str:
    """The words of the claim's clause before it."""
    return re.split(r"[，,；;：:]", sentence.text[: match.start()])[-1]


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


def _against_rates(
    ctx: AuditContext, values: SubjectValues, sentence: Sentence, match: re.Match[str], about: str
) -> Finding | None:
    """ "全部执行完毕" (spent) against a rate below 100 %, "完成良好" (good) against one below 60 %, and
    "执行数与预算数没有较大偏离" (close) against one below the rule set's threshold for explaining a deviation."""
    offset = sentence.start + match.start()
    if about == "good" and _CUES.outcome_indicators.search(_clause_head(sentence, match)):
        return None  # "效益指标均达到要求": the claim is not about the money
    if about == "good" and _CUES.indicator_values_after.match(sentence.text[match.end() :]):
        return None  # "…均达到年度指标值": what it says is met are indicator targets, not the spending
    if about == "good" and _CUES.every_project.search(sentence.text[: match.start()]):
        return _every_project(ctx, values, sentence, match)
    if (
        about == "spent"
        and _CUES.passed_on.search(match.group())
        and _CUES.arrival_rate.search(sentence.text)
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
        proven = (all(s.strong for s in evidence) or _same_quantity(ctx, sentence, match, evidence)) and not (
            _other_stage(ctx, match, evidence[1])
        )
    elif rate.hi < (LOW_RATE if about == "good" else ctx.ref.rules.deviation.explain_rate_below):
        proven = False  # how low is "not good" or "a large deviation" is a rule the text does not state
    else:
        return None
    budget, executed = evidence
    pattern = {"spent": _CUES.spent, "good": _CUES.good}.get(about, _CUES.close)
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


def _against_missed(
    ctx: AuditContext, sentence: Sentence, match: re.Match[str], missed: list[tuple[Statement, Statement]]
) -> list[Finding]:
    """A claim of good or full completion against the indicators the text itself says were missed: one warning
    at the claim (the sentence a writer must mend), naming each missed indicator and its line (whether the claim
    meant the indicators is the reader's call)."""
    if len(ctx.facts.projects) > 1 or len(ctx.ref.projects) > 1:
        # several projects: a claim speaks of its own paragraph's project, not of a miss written of another
        at = sentence.start + match.start()
        missed = [
            (t, a) for t, a in missed if "\n" not in ctx.doc.text[min(at, a.span[0]) : max(at, a.span[1])]
        ]
    said_of = _claim_period(sentence, match)
    missed = [(t, a) for t, a in missed if not _other_period(said_of, _period_of_miss(ctx, a))]
    kind = _CUES.indicator_class.search(_clause_head(sentence, match))
    # rows put in the class by their own name only: whether the claim meant them is a doubt
    by_name: set[int] = set()
    if kind is not None:  # "满意度指标均达到年度指标值": of that class of indicators only
        by_name = {
            id(a)
            for t, a in missed
            if not names_any(ctx, a, [kind.group(1)]) and row_of_class(ctx, t, a, kind.group(1))
        }
        missed = [
            (t, a)
            for t, a in missed
            if a.sentence is sentence
            or names_any(ctx, a, [kind.group(1)])
            or heading_class(ctx, a) == kind.group(1)
            or id(a) in by_name
        ]
    clause = clause_of(sentence.text[: match.end()])
    # "各项绩效指标均已全面完成": the claim names them all
    every = _CUES.every_indicator.search(clause) is not None
    named = _CUES.quoted_name.findall(sentence.text[: match.start()])
    if named and not every:  # "“A”实际为15台、“B”实际为50台，均达到年度指标值": of the indicators it names
        # (a claim of "各项绩效指标" is of them all, whatever tasks a clause before it quotes)
        missed = [(t, a) for t, a in missed if a.sentence is sentence or names_any(ctx, a, named)]
    listed = _CUES.listed_names.search(_clause_head(sentence, match))
    if listed and not every:  # "培训合格率、课程按期完成率等指标均达到目标": of the indicators it lists
        names = re.split(r"[、和及与]", listed.group("names"))
        missed = [(t, a) for t, a in missed if any(name in own_words(ctx, a) for name in names)]
    if not missed:
        return []
    claimed = match.group()
    tail = first_clause(sentence.text[match.start() :])
    said, expected, proven = [], [], False
    for target, actual in missed:
        ctx.facts.mark(target, actual)
        line = ctx.doc.line_of(actual.span[0])
        if target is actual:  # a completion rate below 100 %: of what, the text may not say (a doubt)
            said.append(f"第{line}行完成率 {actual.text}，未全部完成")
            expected.append(f"说明未完成部分（{actual.text}）")
        else:
            said.append(f"第{line}行指标目标 {target.text}、实际完成 {actual.text}，未达到目标")
            expected.append(f"说明未完成的指标（{actual.text}，目标{target.text}）")
            proven = (
                proven
                or (every and id(actual) not in by_name and direction_written(target))
                or (actual.sentence is sentence and bool(_CUES.task.search(clause + tail)))
            )
    shown_said = "；".join(dict.fromkeys(said[:4])) + ("等" if len(said) > 4 else "")
    return [
        ctx.relation_finding(
            "CLAIM_MISMATCH",
            f"文中称“{claimed}”，但{shown_said}",
            (sentence.start + match.start(), sentence.start + match.end()),
            expected="；".join(dict.fromkeys(expected[:4])),
            found=claimed,
            proven=proven,
            quote=sentence.text,
        )
    ]


def _claim_period(sentence: Sentence, match: re.Match[str]) -> str | None:
    """The period a claim names before it in its sentence ("2022年度项目绩效目标已全部完成": "2022"; "上年度…":
    "prior"), as ``period_of`` reads a number's; None when it names none (the report's own year)."""
    found = next(reversed(list(_PERIODS.marker.finditer(sentence.text[: match.start()]))), None)
    if found is None or found.lastgroup not in ("year", "prior"):
        return None
    return found.group("year") if found.lastgroup == "year" else "prior"


def _period_of_miss(ctx: AuditContext, actual: Statement) -> str | None:
    """The period a missed indicator is said of: its sentence's own marker, else a year its heading names
    ("二、2023年度绩效目标完成情况")."""
    own = period_of(ctx.doc.text, actual)
    if own in ("prior",) or (own or "").isdigit():
        return own
    for heading in (actual.sentence.subsection, actual.sentence.section) if actual.sentence else ():
        year = _PERIODS.marker.search(heading.text) if heading is not None else None
        if year is not None and year.lastgroup == "year":
            return year.group("year")
    return None


def _other_period(claimed: str | None, missed: str | None) -> bool:
    """A claim of last year ("上年度绩效目标全部完成") says nothing of this year's misses, nor a claim of one year
    of another year's."""
    if claimed == "prior":
        return missed != "prior"
    return claimed is not None and missed is not None and claimed != missed


def _percent(like: Statement) -> Statement:
    return replace(like, kind="percent", places=2)
