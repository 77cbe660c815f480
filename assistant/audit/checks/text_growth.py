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
"""

from __future__ import annotations

import re
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.change_whole import earlier_figure_gives
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_value, span_of
from ..prose.interval import Interval, written
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)
HUNDRED = Decimal(100)


@check_unit(
    also=("RATE_MISMATCH", "TOTAL_MISMATCH"),
    basis="text",
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    prose = [s for s in ctx.facts.statements if s.origin == "prose" and s.sentence is not None]
    findings += _against_last_year(ctx, prose)
    findings += _respective(ctx)
    findings += _stated_change(ctx, prose)
    findings += _change_on_its_base(ctx, prose)
    for last, change, percent in zip(prose, prose[1:], prose[2:], strict=False):
        word = _triple(ctx, last, change, percent)
        base = None if word is None else _named_base(ctx, last, change)
        if word is None or base is None:
            continue
        down = bool(_CUES.down.search(clause_before(ctx, change)))
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


def _before(base: Statement, change: Statement, down: bool) -> Interval:
    """The amount of the year before (or the budget) a change is measured from."""
    return base.interval() + change.interval() if down else base.interval() - change.interval()


def _on_base(
    ctx: AuditContext, base: Statement, change: Statement, percent: Statement, down: bool
) -> tuple[Decimal, bool] | None:
    """Whether ``percent`` cannot state ``change`` as a share of what ``base`` was before it (see ``_differs``)."""
    return _differs(ctx, change.interval().divided_by(_before(base, change, down)), percent, base, change)


def _readings(ctx: AuditContext, base: Statement, change: Statement) -> tuple[str, ...]:
    """Whose amount the one before a change is: this year's ("now": the change is measured back from it) or the year
    before's ("last": the change is measured on it). A change that names no year of its own ("支出800万元，比上年减少
    200万元") is of the amount before it; one that names its year ("2023年全年支出6,018.55万元，2024年比上年增加
    251.75万元") is of that year, so an amount of the year before that is the base; of no year named, either."""
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
    """Whether ``percent`` cannot state ``change`` read so (see ``_differs``), and the amount it is then said of."""
    if reading == "last":
        return _differs(ctx, change.interval().divided_by(base.interval()), percent, base, change), base
    differs = _on_base(ctx, base, change, percent, down)
    head = _head_of_parts(ctx, prose, base) if differs is not None else None
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
    finding = _finding(ctx, message, differs, percent, base, change)
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


def _against_last_year(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "本年支出1200万元，上年支出1000万元，较上年增长25%": both years' amounts (or counts), in either order ("上年执行数
    356.80万元，本年执行数402.50万元，增加额45.70万元，增长率12.81%"), a stated change between them and the percentage
    optional; the change is their difference, the percentage the difference over the year before, and its word
    (增长/下降) the side this year's figure is on."""
    findings = []
    for k, (first, second) in enumerate(pairwise(prose)):
        pair = _year_pair(ctx, first, second)
        if pair is None:
            continue
        now, last = pair
        change, percent, down = _change_and_percent(ctx, second, prose[k + 2 : k + 4])
        if change is not None and not _CUES.compared_with.search(clause_before(ctx, second)):
            findings += _pair_change(ctx, now, last, change, down)  # "比上年X增加Y" is _stated_change's
        if percent is None:
            continue
        differs = _differs(ctx, _change(now, last, down).divided_by(last.interval()), percent, now, last)
        head = _head_of_parts(ctx, prose, now)
        if differs is not None and head is not None:
            # "会议费支出6400元，其中…印制费4000元，较上年8000元下降20%": the total is compared; a change
            # that fits neither the total nor the last part is wrong either way, and said of the total
            now = head
            differs = _differs(ctx, _change(now, last, down).divided_by(last.interval()), percent, now, last)
        if differs is None:
            continue
        word = "下降" if down else "增长"
        if _differs(ctx, _change(now, last, not down).divided_by(last.interval()), percent) is None:
            findings.append(_wrong_side(ctx, now, last, percent, down))  # the size fits, the side does not
            continue
        shown, truncated = differs
        message = f"本年 {now.text}、上年 {last.text}，{word} {shown}%，文中写作 {percent.text}"
        findings.append(_finding(ctx, message, (shown, truncated), percent, now, last))
    return findings


def _wrong_side(
    ctx: AuditContext, now: Statement, last: Statement, percent: Statement, down: bool
) -> Finding:
    """ "门诊18.62万人次，比上年的17.35万人次下降7.32%": the size of the change fits, the word says the wrong side."""
    said, meant = ("下降", "增长") if down else ("增长", "下降")
    return ctx.relation_finding(
        "RATE_MISMATCH",
        f"本年 {now.text}{'高于' if down else '低于'}上年 {last.text}，应为{meant}，文中写作{said} {percent.text}",
        span_of(percent, now, last),
        expected=f"{meant}{percent.text}",
        found=f"{said}{percent.text}",
        proven=all(s.exact_claim for s in (percent, now, last)),
        quote=quote_of(ctx.doc.text, percent),
    )


def _year_pair(ctx: AuditContext, first: Statement, second: Statement) -> tuple[Statement, Statement] | None:
    """This year's and the year before's figure of one 口径, written one after the other in one sentence (either
    order: "本年支出…，上年支出…", "上年执行数…，本年执行数…", "比上年的…"), or None."""
    if (
        first.kind != second.kind
        or first.kind not in ("amount", "count")
        or first.sentence is not second.sentence
    ):
        return None
    if first.kind == "count" and first.unit != second.unit:
        return None
    if first.field in ("difference", "change", "unit_price") or second.field in ("difference", "change"):
        return None
    if first.field != second.field and not (
        second.field is None and _CUES.compared.search(clause_before(ctx, second))
    ):
        return None  # "较上年的80万元": the amount compared with is of the same 口径 as the one it follows
    if not _CUES.between_pair.match(ctx.doc.text[first.span[1] : second.span[0]]):
        return None
    if _year_before(clause_before(ctx, first), clause_before(ctx, second)):
        return first, second
    named = _CUES.base_year.search(clause_before(ctx, second))
    if (
        named is not None
        and not named.group("last")
        and not _CUES.compared.search(clause_before(ctx, first))
        and _year_before(clause_before(ctx, second), clause_before(ctx, first))
    ):
        return second, first  # "上年执行数…，本年执行数…": the later figure names its own year
    return None


def _change_and_percent(
    ctx: AuditContext, last: Statement, after: list[Statement]
) -> tuple[Statement | None, Statement | None, bool]:
    """The change stated right after a pair of years' figures (of their kind), the percentage after it or after the
    pair, and whether the words say a decline."""
    text = ctx.doc.text
    change = None
    if after and after[0].kind == last.kind and after[0].sentence is last.sentence:
        words = text[last.span[1] : after[0].span[0]]
        if _CUES.pair_change.match(words):
            change, after = after[0], after[1:]
    before = change or last
    said = text[last.span[1] : before.span[0]]
    percent = (
        after[0] if after and after[0].kind == "percent" and after[0].sentence is last.sentence else None
    )
    if percent is not None:
        between = text[before.span[1] : percent.span[0]]
        fits = _CUES.between_years.match(between) if change is None else _CUES.between.match(between)
        if fits and _CUES.growth_word.search(between):
            said += between
        else:
            percent = None
    return change, percent, bool(_CUES.down.search(said))


def _pair_change(
    ctx: AuditContext, now: Statement, last: Statement, change: Statement, down: bool
) -> list[Finding]:
    """ "上年执行数356.80万元，本年执行数402.50万元，增加额45.70万元": the stated change is the two years' difference."""
    gap = _change(now, last, down)
    ctx.facts.mark(now, last, change)
    if gap.overlaps(change.interval()):
        return []
    return [_change_finding(ctx, f"本年 {now.text}、上年 {last.text}，", gap, down, now, last, change)]


def _change_finding(
    ctx: AuditContext,
    lead: str,
    gap: Interval,
    down: bool,
    now: Statement,
    base: Statement,
    change: Statement,
) -> Finding:
    """A stated change that is not the difference ``gap`` of the two figures it is the change of."""
    shown = show_value(gap.mid, change, max(now.places, base.places))
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"{lead}{'减少' if down else '增加'}应为 {shown}，文中写作 {change.text}",
        span_of(now, base, change),
        expected=shown,
        found=change.text,
        proven=all(s.exact_claim for s in (now, base, change)),
        quote=quote_of(ctx.doc.text, change),
    )


def _change(now: Statement, last: Statement, down: bool) -> Interval:
    """This year's amount less the year before's, or the other way round for a decline."""
    return last.interval() - now.interval() if down else now.interval() - last.interval()


def _head_of_parts(ctx: AuditContext, prose: list[Statement], part: Statement) -> Statement | None:
    """The total a part is listed under in its sentence ("会议费支出6400元，其中场地租赁费2400元，…资料印制费4000元"):
    the last amount of the same 口径 before the sentence's 其中, when ``part`` stands after it; else None."""
    sentence = part.sentence
    assert sentence is not None
    openers = list(_CUES.parts_opener.finditer(ctx.doc.text, sentence.start, part.span[0]))
    if not openers:
        return None
    heads = [
        s
        for s in prose
        if s.sentence is sentence
        and s.kind == "amount"
        and s.field == part.field
        and s.span[1] <= openers[-1].start()
    ]
    return heads[-1] if heads else None


def _year_before(now: str, last: str) -> bool:
    """Whether the words before two amounts make the second the year before the first: "上年支出" after "本年支出",
    or "2022年支出" after "2023年支出"."""
    if _CUES.last_year.search(last) and not _CUES.last_year.search(now):
        return True
    years_now = {int(y) for y in _CUES.year.findall(now)}
    years_last = {int(y) for y in _CUES.year.findall(last)}
    return len(years_now) == 1 and years_last == {next(iter(years_now)) - 1}


def _differs(
    ctx: AuditContext, ratio: Interval | None, percent: Statement, *amounts: Statement
) -> tuple[Decimal, bool] | None:
    """The change as a percentage (``ratio`` a share of the year before, None when it cannot be computed),
    rounded for the message, when the written ``percent`` cannot state it, with whether the percent is the change
    cut off at its decimals (38.2877 written 38.28); None when it states it."""
    if ratio is None:
        return None
    ratio = ratio.scaled(HUNDRED)
    ctx.facts.mark(*amounts, percent)
    if ratio.overlaps(percent.interval()):
        return None
    step = Decimal(1).scaleb(-percent.places)
    cut = Interval(abs(percent.value), abs(percent.value) + step)
    return round(ratio.mid, max(percent.places, 2)), ratio.overlaps(cut)


def _finding(
    ctx: AuditContext, message: str, differs: tuple[Decimal, bool], percent: Statement, *amounts: Statement
) -> Finding:
    """Only exact numbers of the text prove a wrong change (an error); a hedged one leaves a doubt, and so does a
    percent the change cut off at its decimals gives (a writing habit, not a wrong figure)."""
    shown, truncated = differs
    return ctx.relation_finding(
        "RATE_MISMATCH",
        message,
        span_of(percent, *amounts),
        expected=f"{shown}%",
        found=percent.text,
        proven=all(s.exact_claim for s in (percent, *amounts)) and not truncated,
        quote=quote_of(ctx.doc.text, percent),
    )


def _triple(ctx: AuditContext, base: Statement, change: Statement, percent: Statement) -> str | None:
    """Amount, then its change on the year before or on the budget, then the change as a percentage, close
    together: the word the change is measured from (上年, 预算…), or None."""
    if base.kind != "amount" or change.kind != "amount" or percent.kind != "percent":
        return None
    if change.field != "difference" or base.field in ("difference", "change", "unit_price"):
        return None
    if base.sentence.para_start != percent.sentence.para_start:  # type: ignore[union-attr]
        return None
    measured_from = _CUES.change_base.search(clause_before(ctx, change))
    if measured_from is None:
        return None
    if _CUES.last_year.search(clause_before(ctx, base)) and not _CUES.change_year.search(
        clause_before(ctx, change)
    ):
        return None  # "上年同期支出400万元，比上年同期增加100万元": whose change it is, is not written
    gap = ctx.doc.text[base.span[1] : change.span[0]]
    if len(gap) > 16 or re.search(r"[；;]", gap):
        return None
    between = ctx.doc.text[change.span[1] : percent.span[0]]
    if not (_CUES.between.match(between) and _CUES.growth_word.search(between)):
        return None
    return measured_from.group()


def _whole_before(
    earlier: list[Statement], now: Statement, base: Statement, change: Statement, down: bool
) -> bool:
    """Is the change that of an amount further back in the sentence ("“三公”经费支出22.84万元，其中…公务接待费3.78万元，
    较上年的25.30万元减少2.46万元": the whole's, not its last item's)? Any that fits is the writer's reading."""
    candidates = [
        s
        for s in earlier
        if s.sentence is now.sentence
        and s.kind == "amount"
        and s.field not in ("difference", "change", "unit_price")
    ]
    return earlier_figure_gives(
        candidates,
        now.unit,
        change,
        lambda other: base.interval() - other.interval() if down else other.interval() - base.interval(),
    )


def _stated_change(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "支出850万元，比上年决算数780万元增加60万元": an amount, the amount it is compared with, and the change, in one
    sentence: the change must be their difference at the written precision (850 − 780 = 70)."""
    findings = []
    for k, (now, base, change) in enumerate(zip(prose, prose[1:], prose[2:], strict=False)):
        if {now.kind, base.kind, change.kind} != {
            "amount"
        } or not now.sentence is base.sentence is change.sentence:
            continue
        if now.field in ("difference", "change", "unit_price") or base.field in ("difference", "change"):
            continue
        if not _CUES.compared_with.search(clause_before(ctx, base)):
            continue
        between = ctx.doc.text[base.span[1] : change.span[0]]
        if not _CUES.change_after_base.match(between):
            continue
        down = bool(_CUES.down.search(between))
        gap = base.interval() - now.interval() if down else now.interval() - base.interval()
        ctx.facts.mark(now, base, change)
        if gap.overlaps(change.interval()) or _whole_before(prose[:k], now, base, change, down):
            continue
        findings.append(_change_finding(ctx, f"{now.text}比{base.text}", gap, down, now, base, change))
    return findings


def _change_on_its_base(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "项目支出较上年10,952.70万元增加1,533.60万元，增长16.0%": the base named as the year before's, the change
    right after it, then the change as a percentage, in one sentence: the percentage is the change over the base."""
    findings = []
    for base, change, percent in zip(prose, prose[1:], prose[2:], strict=False):
        if (base.kind, change.kind, percent.kind) != ("amount", "amount", "percent"):
            continue
        if not base.sentence is change.sentence is percent.sentence:
            continue
        if not _base_then_change(ctx, base, change):
            continue
        between = ctx.doc.text[change.span[1] : percent.span[0]]
        if not (_CUES.between.match(between) and _CUES.growth_word.search(between)):
            continue
        differs = _differs(ctx, change.interval().divided_by(base.interval()), percent, base, change)
        if differs is None:
            continue
        shown, truncated = differs
        word = "减少" if _CUES.down.search(ctx.doc.text[base.span[1] : change.span[0]]) else "增加"
        message = f"较 {base.text}{word}{change.text}，变动幅度为 {shown}%，文中写作 {percent.text}"
        findings.append(_finding(ctx, message, (shown, truncated), percent, base, change))
    return findings


def _base_then_change(ctx: AuditContext, base: Statement, change: Statement) -> bool:
    """Is ``change`` a change on ``base``, named as what is compared with ("较上年10,952.70万元增加1,533.60万元") or
    in its own clause as the year before's, the change said of this year right after it ("上年“三公”经费支出15.82万元，
    本年减少3.18万元")?"""
    between = ctx.doc.text[base.span[1] : change.span[0]]
    if _CUES.compared_with.search(clause_before(ctx, base)):
        return _CUES.change_after_base.match(between) is not None
    return (
        base.field not in ("difference", "change", "unit_price")
        and _CUES.last_year_amount.search(clause_before(ctx, base)) is not None
        and _CUES.change_after_last_year.match(between) is not None
    )


def _respective(ctx: AuditContext) -> list[Finding]:
    """ "收、支总计各是4125.49,4143.91万元。与上年相比…各减少1267.86,2570.97万元,各下降23.51%、38.28%": lists
    read respectively (各, 分别), on one line; the k-th amount, change and percentage go together."""
    text = ctx.doc.text
    findings = []
    for changes in _CUES.respective_changes.finditer(text):
        line_start = text.rfind("\n", 0, changes.start()) + 1
        values = list(_CUES.respective_values.finditer(text, line_start, changes.start()))
        stop = text.find("。", changes.end())
        rates = _CUES.respective_rates.search(text, changes.end(), len(text) if stop < 0 else stop + 1)
        if not values or rates is None or values[-1].group("unit") != changes.group("unit"):
            continue
        lists = [_numbers(m) for m in (values[-1], changes, rates)]
        if len({len(k) for k in lists}) != 1:
            continue
        down = bool(_CUES.down.search(changes.group("dir")))
        for (base, _), (change, _), (_, at) in zip(*lists, strict=True):
            before = base + change if down else base - change
            ratio = change.divided_by(before)
            percent = next((s for s in ctx.facts.statements if s.span[0] == at), None)
            if percent is None or percent.kind != "percent":
                continue
            differs = _differs(ctx, ratio, percent)
            if differs is None:
                continue
            shown, truncated = differs
            message = (
                f"按文中“各”字所列数字，上年应为 {round(before.mid, 2)}，{'减少' if down else '增加'}"
                f"{round(change.mid, 2)}即变动 {shown}%，文中写作 {percent.text}"
            )
            findings.append(_finding(ctx, message, (shown, truncated), percent))
    return findings


def _numbers(match: re.Match[str]) -> list[tuple[Interval, int]]:
    """The numbers of a respective list, each as its written interval, with where it starts in the text."""
    out = []
    for number in re.finditer(r"\d+(?:\.(\d+))?", match.group("list")):
        places = len(number.group(1) or "")
        out.append((written(Decimal(number.group(0)), places), match.start("list") + number.start()))
    return out
