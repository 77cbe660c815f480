"""The two years' figures read as a pair: this year's and the year before's amount (or count) of one 口径 in one
sentence, a stated change between them and the percentage optional.

Why apart: here both figures are written, so the change and the percentage are computed from them, and the word
must say the side this year is on. Bad: 全年实际支出95万元，较上年的80万元增长25% (or 2023年支出95万元，2022年支出80万元，
同比增长25%): 18.75 %. Bad: "上年执行数356.80万元，本年执行数402.50万元，增加额45.70万元，增长率12.18%": 12.81 % (a
wrong 增加额 is a TOTAL_MISMATCH). Bad: "门诊18.62万人次，比上年的17.35万人次下降7.32%": the size fits a rise.
Good: "会议费支出6400元，其中场地租赁费2400元，资料印制费4000元，较上年8000元下降20%": the change after a 其中 list is
the total's (1600 ÷ 8000).
"""

from __future__ import annotations

from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from .growth_reading import change_finding, head_of_parts, percent_differs, rate_finding, year_change

_CUES = cues(__name__)
_GROWTH = cues(f"{__package__}.text_growth")  # the words of growth and decline, and of the year before
_STATED = cues(f"{__package__}.text_growth_stated")  # "比上年X": a base compared with is the stated change's


def against_last_year(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
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
        if change is not None and not _STATED.compared_with.search(clause_before(ctx, second)):
            findings += _pair_change(ctx, now, last, change, down)  # "比上年X增加Y" is stated_change's
        if percent is None:
            continue
        differs = percent_differs(
            ctx, year_change(now, last, down).divided_by(last.interval()), percent, now, last
        )
        head = head_of_parts(ctx, prose, now)
        if differs is not None and head is not None:
            # "会议费支出6400元，其中…印制费4000元，较上年8000元下降20%": the total is compared; a change
            # that fits neither the total nor the last part is wrong either way, and said of the total
            now = head
            differs = percent_differs(
                ctx, year_change(now, last, down).divided_by(last.interval()), percent, now, last
            )
        if differs is None:
            continue
        word = "下降" if down else "增长"
        if (
            percent_differs(ctx, year_change(now, last, not down).divided_by(last.interval()), percent)
            is None
        ):
            findings.append(_wrong_side(ctx, now, last, percent, down))  # the size fits, the side does not
            continue
        shown, truncated = differs
        message = f"本年 {now.text}、上年 {last.text}，{word} {shown}%，文中写作 {percent.text}"
        findings.append(rate_finding(ctx, message, (shown, truncated), percent, now, last))
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
    if _CUES.change_word.search(clause_before(ctx, second)):
        return None  # "6,120人，较上年增加400人": the second figure is the change, not the year before's
    if _year_before(clause_before(ctx, first), clause_before(ctx, second)):
        return first, second
    named = _GROWTH.base_year.search(clause_before(ctx, second))
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
        fits = _CUES.between_years.match(between) if change is None else _GROWTH.between.match(between)
        if fits and _GROWTH.growth_word.search(between):
            said += between
        else:
            percent = None
    return change, percent, bool(_GROWTH.down.search(said))


def _pair_change(
    ctx: AuditContext, now: Statement, last: Statement, change: Statement, down: bool
) -> list[Finding]:
    """ "上年执行数356.80万元，本年执行数402.50万元，增加额45.70万元": the stated change is the two years' difference."""
    gap = year_change(now, last, down)
    ctx.facts.mark(now, last, change)
    if gap.overlaps(change.interval()):
        return []
    return [change_finding(ctx, f"本年 {now.text}、上年 {last.text}，", gap, down, now, last, change)]


def _year_before(now: str, last: str) -> bool:
    """Whether the words before two amounts make the second the year before the first: "上年支出" after "本年支出",
    or "2022年支出" after "2023年支出"."""
    if _GROWTH.last_year.search(last) and not _GROWTH.last_year.search(now):
        return True
    years_now = {int(y) for y in _CUES.year.findall(now)}
    years_last = {int(y) for y in _CUES.year.findall(last)}
    return len(years_now) == 1 and years_last == {next(iter(years_now)) - 1}
