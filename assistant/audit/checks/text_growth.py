"""RATE_MISMATCH from the text alone: a year-on-year change stated as an amount and as a percentage.

Bad: 收入792.22万元，比上年度多189.25万元，增幅35.9% (the year before was 602.97, so the rise is 31.39 %).
Bad: 全年实际支出95万元，较上年的80万元增长25% (or 2023年支出95万元，2022年支出80万元，同比增长25%): both years'
amounts, then the change, 18.75 %. The two years may come in either order, of amounts or counts, with the change
stated between ("上年执行数356.80万元，本年执行数402.50万元，增加额45.70万元，增长率12.18%": 12.81 %; a wrong 增加额 is a
TOTAL_MISMATCH), and the word must say the side this year is on ("门诊18.62万人次，比上年的17.35万人次下降7.32%": the
size fits a rise). A year may name the base: 比2022年的45,200.00元减少6,560.00元，下降16.98% (14.51 %). A change written after a 其中 list is the total's ("会议费支出6400元，其中场地
租赁费2400元，资料印制费4000元，较上年8000元下降20%" holds: 1600 ÷ 8000), not the last part's.
Good: the same with 增幅31.39% (189.25 ÷ 602.97 = 31.386 % → "31.39%" at the written precision).
The change may be measured from the budget too: 实际支出12.5万元，比预算减少2.5万元，下降20% (2.5 ÷ 15 = 16.67 %).
A difference named with no side is read so too: 决算支出2,318.72万元，决算数较预算数减少137.28万元，预决算差异率为5.95%
(137.28 ÷ 2,456.00 = 5.59 %); over the other end of the change (137.28 ÷ 2,318.72 = 5.92 %) it is a reading: silent.
A change that names its own subject before 比/较 after a list ("实际支出30万元，其中…购置费0万元。实际支出较预算减少
10万元，下降25%") is of the list's total its subject names (10 ÷ 40 = 25 %), not of the last item; of neither when
the total's clause does not name it: no finding.
The base may be named first with its change right after it: 项目支出较上年10,952.70万元增加1,533.60万元，增长16.0%
(1,533.60 ÷ 10,952.70 = 14.00 %); or stated as the year before's in its own clause, the change said of this year
right after it: 上年“三公”经费支出15.82万元，本年减少3.18万元，下降25.16% (3.18 ÷ 15.82 = 20.10 %; 25.16 % is the
change over this year's 12.64, the wrong base).
TOTAL_MISMATCH: an amount, the amount it is compared with and the change in one sentence ("支出850万元，比上年决算数
780万元增加60万元"): the change is their difference (70).
The three numbers must follow one another in one paragraph: the amount, the change (比上年多/增加/少/减少…),
then the percentage after a word of growth or decline. Each stands for its written interval; only intervals that
cannot meet are a contradiction, and only exact numbers of the text prove it (an error).
Error conditions: the percent is neither the change rounded nor cut off at its decimals (23.5078 written 23.50 is a
writing habit: a warning), the three are exact values and the first is this year's (an amount its own clause says is of the
year before, "上年同期支出400万元，本年比上年同期增加100万元，增长25%", is the base already: no finding).
Where each reading lives: the change read with its percentage after an amount (whose year it is, the list it
closes) here; the two years' figures read as a pair in ``text_growth_pair``; the stated change against its two
figures in ``text_growth_stated``; lists read respectively in ``text_growth_respective``; what they share (the
percentage's interval test, the findings) in ``growth_reading``.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import span_of
from ..prose.interval import Interval
from ..prose.model import Statement
from ..registry import check_unit
from .growth_reading import head_of_parts, percent_differs, rate_finding
from .text_growth_apart import growth_apart
from .text_growth_pair import against_last_year
from .text_growth_respective import respective
from .text_growth_stated import change_on_its_base, stated_change

_CUES = cues(__name__)


@check_unit(
    also=("RATE_MISMATCH", "TOTAL_MISMATCH"),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    findings += against_last_year(ctx, prose)
    findings += respective(ctx)
    findings += stated_change(ctx, prose)
    findings += change_on_its_base(ctx, prose)
    findings += growth_apart(ctx, prose)
    for last, change, percent in zip(prose, prose[1:], prose[2:], strict=False):
        word = _triple(ctx, last, change, percent)
        base = None if word is None else _named_base(ctx, last, change)
        if word is None or base is None:
            continue
        down = bool(_CUES.down.search(clause_before(ctx, change)))
        if _over_the_other_end(ctx, base, change, percent):
            continue
        failed = []
        for reading in _readings(ctx, base, change):
            differs, of = _reading_differs(ctx, prose, reading, base, change, percent, down)
            if differs is None:
                failed = []
                break  # one reading of whose amount it is holds: no contradiction
            failed.append((reading, differs, of))
        if len(failed) == 1:
            findings.append(_growth_finding(ctx, word, down, *failed[0], change, percent, proven=True))
        elif failed:
            # "2024年比上年增加…" after an amount of no named year: it may be this year's or the year before's,
            # and neither fits; which is meant is not written (a doubt)
            findings.append(_growth_finding(ctx, word, down, *failed[0], change, percent, proven=False))
    return findings


def _over_the_other_end(ctx: AuditContext, base: Statement, change: Statement, percent: Statement) -> bool:
    """ "决算支出2,318.72万元，较预算数减少137.28万元，差异率为5.92%": a difference named with no side (差异率, 偏差率)
    is read over the budget it is measured from (137.28 ÷ 2,456.00), but a writer may divide by the other end, the
    amount written (137.28 ÷ 2,318.72 = 5.92 %): a rate that fits that reading is no contradiction."""
    between = ctx.doc.text[change.span[1] : percent.span[0]]
    if not _CUES.sideless.search(between):
        return False
    return percent_differs(ctx, change.interval().divided_by(base.interval()), percent, base, change) is None


def _before(base: Statement, change: Statement, down: bool) -> Interval:
    """The amount of the year before (or the budget) a change is measured from."""
    return base.interval() + change.interval() if down else base.interval() - change.interval()


def _on_base(
    ctx: AuditContext, base: Statement, change: Statement, percent: Statement, down: bool
) -> tuple[Decimal, bool] | None:
    """Whether ``percent`` cannot state ``change`` as a share of what ``base`` was before it (see ``percent_differs``)."""
    return percent_differs(
        ctx, change.interval().divided_by(_before(base, change, down)), percent, base, change
    )


def _readings(ctx: AuditContext, base: Statement, change: Statement) -> tuple[str, ...]:
    """Whose amount the one before a change is: this year's ("now": the change is measured back from it) or the year
    before's ("last": the change is measured on it). A change that names no year of its own ("支出800万元，比上年减少
    200万元") is of the amount before it; one that names its year ("2023年全年支出6,018.55万元，2024年比上年增加
    251.75万元") is of that year, so an amount of the year before that is the base; of no year named, either."""
    if _compared_with(ctx, base, change):
        return ("last",)
    own = _year_of(ctx, _CUES.change_year.search(clause_before(ctx, change)))
    if own is None:
        return ("now",)
    named = _CUES.base_year.search(clause_before(ctx, base))
    if named is not None and named.group("last"):
        return ("last",)
    year = _year_of(ctx, named)
    if year is None or own == "report" != year or year == "report" != own:
        return ("now", "last")
    if year == own:
        return ("now",)
    return ("last",) if isinstance(year, int) and isinstance(own, int) and year == own - 1 else ()


def _year_of(ctx: AuditContext, match: re.Match[str] | None) -> int | str | None:
    """The year a cue names: its digits, or the report's year for 本年/今年 ("report" when the report names none)."""
    if match is None:
        return None
    if match.group("year"):
        return int(match.group("year"))
    return ctx.ref.year if ctx.ref.year is not None else "report"


def _reading_differs(
    ctx: AuditContext,
    prose: list[Statement],
    reading: str,
    base: Statement,
    change: Statement,
    percent: Statement,
    down: bool,
) -> tuple[tuple[Decimal, bool] | None, Statement]:
    """Whether ``percent`` cannot state ``change`` read so (see ``percent_differs``), and the amount it is then said of."""
    if reading == "last":
        return percent_differs(
            ctx, change.interval().divided_by(base.interval()), percent, base, change
        ), base
    differs = _on_base(ctx, base, change, percent, down)
    head = head_of_parts(ctx, prose, base) if differs is not None else None
    if head is not None:
        # "会议费支出6400元，其中…印制费4000元，比上年减少1600元，下降20%": the change after a 其中 list may be
        # the total's; one that fits neither the total nor the last part is wrong either way, said of the total
        return _on_base(ctx, head, change, percent, down), head
    return differs, base


def _growth_finding(
    ctx: AuditContext,
    word: str,
    down: bool,
    reading: str,
    differs: tuple[Decimal, bool],
    base: Statement,
    change: Statement,
    percent: Statement,
    *,
    proven: bool,
) -> Finding:
    """The finding of a change whose percentage does not fit it, read as ``reading`` (see ``_readings``)."""
    shown, _ = differs
    verb = "减少" if down else "增加"
    if reading == "last":
        message = f"{word}为 {base.text}，{verb}{change.text}，变动幅度为 {shown}%，文中写作 {percent.text}"
    else:
        before = round(_before(base, change, down).mid, max(base.places, change.places))
        message = f"{base.text}比{word}{verb}{change.text}，{word}应为 {before}，变动幅度为 {shown}%，文中写作 {percent.text}"
    finding = rate_finding(ctx, message, differs, percent, base, change)
    if proven:
        return finding
    return ctx.relation_finding(
        "RATE_MISMATCH",
        message + "（未写明该金额所属年度，按本年、上年两种读法均不符）",
        span_of(percent, base, change),
        expected=finding.expected,
        found=finding.found,
        proven=False,
        quote=finding.quote,
    )


def _named_base(ctx: AuditContext, last: Statement, change: Statement) -> Statement | None:
    """The amount a change is of: the one right before it, unless that one is an item of a list and the change names
    its own subject ("实际支出30万元，其中…购置费0万元。实际支出较预算减少10万元"): then the list's total when its
    clause names that subject, else None (which amount the change is of is not written)."""
    own = _CUES.own_subject.match(clause_before(ctx, change))
    if own is None or own.group("subject") in clause_before(ctx, last):
        return last
    heads = [b.total for b in ctx.facts.breakdowns if any(p is last for p in b.parts)]
    if not heads:
        return last  # "支出总计…万元。收支比上年决算数减少…": no list between, the amount before is the one
    named = [t for t in heads if t.sentence is not None and own.group("subject") in clause_before(ctx, t)]
    return named[0] if named else None


def _triple(ctx: AuditContext, base: Statement, change: Statement, percent: Statement) -> str | None:
    """Amount, then its change on the year before or on the budget, then the change as a percentage, close
    together: the word the change is measured from (上年, 预算…), or None."""
    if base.kind != "amount" or change.kind != "amount" or percent.kind != "percent":
        return None
    if base.field in ("difference", "change", "unit_price"):
        return None
    if change.field != "difference" and not (change.field is None and _compared_with(ctx, base, change)):
        return None  # a bare "增加2.14万元" is a change only after a 与…相比 frame
    if base.sentence.para_start != percent.sentence.para_start:  # type: ignore[union-attr]
        return None
    measured_from = _CUES.change_base.search(clause_before(ctx, change))
    compared = _compared_with(ctx, base, change)
    word = measured_from.group() if measured_from is not None else None
    if word is None and compared:
        # "与上年运行维护费10.50万元相比，增加2.14万元": the frame names what the change is measured from
        framed = _CUES.change_base.search(clause_before(ctx, base))
        named = _CUES.base_year.search(clause_before(ctx, base)) is not None
        word = framed.group() if framed is not None else ("上年" if named else None)
    if word is None:
        return None
    if (
        _CUES.last_year.search(clause_before(ctx, base))
        and not _CUES.change_year.search(clause_before(ctx, change))
        and not compared
    ):
        return None  # "上年同期支出400万元，比上年同期增加100万元": whose change it is, is not written
    gap = ctx.doc.text[base.span[1] : change.span[0]]
    if len(gap) > 16 or re.search(r"[；;]", gap):
        return None
    between = ctx.doc.text[change.span[1] : percent.span[0]]
    if not (_CUES.between.match(between) and _CUES.growth_word.search(between)):
        return None
    return word


def _compared_with(ctx: AuditContext, base: Statement, change: Statement) -> bool:
    """ "与2022年度支出14.60万元相比，较上年减少2.54万元": an amount framed by 与…相比 is what the change is measured
    on, the year before's, whatever year the change names (or none)."""
    return bool(
        _CUES.compared_with_lead.search(clause_before(ctx, base))
        and _CUES.compared_with_close.search(ctx.doc.text[base.span[1] : change.span[0]])
    )
