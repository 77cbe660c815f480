"""A year-on-year percentage written after this year's amount alone, the year before's amount of the same item
stated in another sentence or section.

Why apart: the readings of ``text_growth`` and ``text_growth_pair`` need the two years' figures in one sentence;
here the base is looked for across the text, so it must be proven to be the same item. Bad: "2022年度全市征收污水处理费
38,452,600元" in the project overview, then "本年度征收污水处理费42,682,386元，征收额同比增长11.9%" in the section on
income (the rise is 11.00 %). Good: the same with 11.0%; a base whose words name another item ("2022年度拨付运营服务费
…") or no year before the report's: no reading, so no finding.
"""

from __future__ import annotations

from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..prose.periods import own_year, period_of
from .growth_reading import percent_differs, rate_finding, year_change

_CUES = cues(__name__)
_GROWTH = cues(f"{__package__}.text_growth")  # the words of decline
MIN_NAME = 4  # CJK characters two clauses must end on to name one item ("征收污水处理费")


def growth_apart(ctx: AuditContext, prose: list[Statement]) -> list[Finding]:
    """ "本年度征收污水处理费42,682,386元，征收额同比增长11.9%" with "2022年度全市征收污水处理费38,452,600元" written
    elsewhere in a report of 2023: the percentage is the change over that amount."""
    own = own_year(ctx.doc.text)
    if own is None:
        return []
    findings = []
    for now, percent in pairwise(prose):
        if now.kind != "amount" or percent.kind != "percent" or now.sentence is not percent.sentence:
            continue
        between = ctx.doc.text[now.span[1] : percent.span[0]]
        if not _CUES.after_amount.match(between) or _in_sentence_base(prose, now):
            continue
        if period_of(ctx.doc.text, now) not in ("current", own):
            continue
        last = _base_elsewhere(ctx, prose, now, str(int(own) - 1))
        if last is None:
            continue
        down = bool(_GROWTH.down.search(between))
        differs = percent_differs(
            ctx, year_change(now, last, down).divided_by(last.interval()), percent, now, last
        )
        if differs is not None:
            message = (
                f"本年 {now.text}、上年 {last.text}（第{_line(ctx, last)}行），"
                f"{'下降' if down else '增长'} {differs[0]}%，文中写作 {percent.text}"
            )
            findings.append(rate_finding(ctx, message, differs, percent, now, last))
    return findings


def _in_sentence_base(prose: list[Statement], now: Statement) -> bool:
    """Another amount in the sentence before this year's: the readings of one sentence weigh it."""
    return any(s.kind == "amount" and s.sentence is now.sentence and s.span[1] <= now.span[0] for s in prose)


def _base_elsewhere(
    ctx: AuditContext, prose: list[Statement], now: Statement, prior: str
) -> Statement | None:
    """The one amount of another sentence said of the year before (上年, or the year before the report's) whose
    clause names the same item as this year's ("…征收污水处理费"); None when none or several do."""
    name = _item(clause_before(ctx, now))
    if len(name) < MIN_NAME:
        return None
    found = [
        s
        for s in prose
        if s.kind == "amount"
        and s.sentence is not now.sentence
        and period_of(ctx.doc.text, s) in ("prior", prior)
        and _shared_tail(_item(clause_before(ctx, s)), name) >= MIN_NAME
    ]
    return found[0] if len(found) == 1 else None


def _item(clause: str) -> str:
    """The words naming an amount's item: the clause before it, its year and period words taken off."""
    return _CUES.period_words.sub("", clause).strip()


def _shared_tail(first: str, second: str) -> int:
    """How many characters two item names share at their ends."""
    count = 0
    while count < min(len(first), len(second)) and first[-1 - count] == second[-1 - count]:
        count += 1
    return count


def _line(ctx: AuditContext, statement: Statement) -> int:
    return ctx.doc.text.count("\n", 0, statement.span[0]) + 1
