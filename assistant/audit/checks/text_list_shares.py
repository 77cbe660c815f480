"""RATE_MISMATCH from the text alone: the share a listed part is said to hold of the whole its list opens with,
"W，其中：A a，占x%；B b，占y%" (x against a ÷ W).

Bad: 本年收入合计500.00万元，其中：财政拨款收入450.00万元，占80.00%；其他收入50.00万元，占10.00% (90 %, not 80 %).
Good: the same with 占90.00% and 占10.00%; 占比, 占总数的, 占部门预算数的 name the same whole.
The whole is the amount right before the 其中 the part stands after (one line, no other number between the whole
and its 其中, no full stop unless 其中 opens the sentence right after the whole: "全年总支出221.17万元。其中：…"; a
其中 in brackets closes with them: "预算数333062万元（其中…），…；…未执行资金207501万元，占全年预算数的70%" is no part of it). Silent where the share's words name another whole (占全省的, 占总投资的
— not the list's), where the part exceeds the whole (a unit slip or a part beyond its whole: the sum checks'
business), and for amounts not stated as values. Always a warning ("uncertain"): reading the share as one of
the list's whole rests on the writer meaning that whole.

A list without a 其中 on the whole's line (the whole lines before, after the list, or only as the parts' sum) is
read as a run of parts each followed by its share: a share is reported when one whole (an amount the text states,
or the parts' own sum) gives every other share of the run and this one alone misses it.
Bad: 全年实际支出800.00万元。⏎1.设备购置320.00万元，占全年支出的40.00%；⏎2.人员培训200.00万元，占28.00%；⏎
3.运行维护280.00万元，占35.00% (25 %); 人员经费150万元，占30%；公用经费100万元，占20%；设备购置250万元，占55% (50 % of
the parts' 500). Good: 主要支出中，设备购置320万元，占全年支出的32%；人员培训200万元，占20%；运行维护180万元，占18%
(a whole of 1,000 not stated: no whole gives two of them); shares naming two wholes (占全年预算的, 占全年支出的).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, show_value, span_of
from ..prose.interval import Interval, total
from ..prose.model import Statement, list_places
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    statements = ctx.facts.statements
    paired: set[tuple[int, int]] = set()
    for index, share in enumerate(statements):
        if not _plain_share(share):
            continue
        pair = _part_and_whole(ctx, statements[:index], share)
        if pair is not None:
            paired.add(share.span)
            if (finding := _compare(ctx, share, *pair)) is not None:
                yield finding
    for run in _runs(ctx, statements):
        if not any(share.span in paired for _, share in run):
            yield from _run_shares(ctx, run)


def _plain_share(share: Statement) -> bool:
    """A percentage stated as a value; a method section's "rule" role is its reader's guess, and a share after a
    listed amount is one."""
    return (
        share.kind == "percent"
        and share.hedge is None
        and share.high is None
        and share.role in ("value", "part", "rule")
    )


def _part_and_whole(
    ctx: AuditContext, before: list[Statement], share: Statement
) -> tuple[Statement, Statement] | None:
    """The listed part right before the share (an aside in brackets between them allowed) and the whole its
    list's 其中 follows, all on the share's line."""
    text = ctx.doc.text
    line_start = text.rfind("\n", 0, share.span[0]) + 1
    own = [s for s in before if s.span[0] >= line_start and s.kind == "amount"]
    parts = [s for s in own if _CUES.share_words.match(_without_aside(text[s.span[1] : share.span[0]]))]
    if not parts:
        return None
    part = parts[-1]
    opening = text.rfind("其中", line_start, part.span[0])
    if opening < 0 or "。" in text[opening : part.span[0]]:
        return None
    if text[opening - 1 : opening] in ("（", "(") and any(c in text[opening : part.span[0]] for c in "）)"):
        return (
            None  # "预算数333062万元（其中当年财政拨款…），…；…未执行资金207501万元，占…70%": the list closed
        )

    wholes = [s for s in own if s.span[1] <= opening]
    if not wholes:
        return None
    whole = wholes[-1]
    between = text[whole.span[1] : opening]
    # "全年总支出221.17万元。其中：基本支出…": a 其中 opening the next sentence right after the whole still splits it
    if ("。" in between and between.strip() != "。") or any(char.isdigit() for char in between):
        return None
    if not (part.exact_claim and whole.exact_claim):
        return None
    if not _names_the_whole(text, line_start, whole, text[part.span[1] : share.span[0]]):
        return None
    return part, whole


def _names_the_whole(text: str, line_start: int, whole: Statement, share_words: str) -> bool:
    """ "占全年预算数的70%" after "未执行资金合计45.79万元。其中…": a share naming its kind of whole (预算, 支出,
    收入) is of a whole of that kind; the list's whole, labelled otherwise, is not the one meant."""
    named = _CUES.named_whole.search(share_words)
    if named is None:
        return True
    clause = max(text.rfind(mark, line_start, whole.span[0]) for mark in "。；;，,") + 1
    label = text[max(clause, line_start) : whole.span[0]]
    return named.group(0) in label


def _without_aside(words: str) -> str:
    """ "39.98万元(其中:办公费2.25万元,…)，占总支出的": the words after the part with its bracketed aside left out."""
    return _CUES.aside.sub("", words, count=1)


def _compare(ctx: AuditContext, share: Statement, part: Statement, whole: Statement) -> Finding | None:
    places = list_places([part, whole])
    quotient = part.interval(places).divided_by(whole.interval(places))
    if quotient is None:
        return None
    computed = quotient.scaled(HUNDRED)
    if computed.lo > HUNDRED:
        return None  # the part beyond its whole: a unit slip or a sum the sum checks read
    ctx.facts.mark(share, part, whole)
    if computed.overlaps(share.interval()):
        return None
    shown = show_interval(computed, share)
    message = f"{part.text}÷{whole.text}＝{shown}，文中所写占比为 {share.text}（{whole.text} 为“其中”所列各项的总数）"
    return ctx.relation_finding(
        "RATE_MISMATCH",
        message,
        span_of(share, part, whole),
        expected=shown,
        found=share.text,
        proven=False,
        quote=quote_of(ctx.doc.text, share),
    )


def _runs(ctx: AuditContext, statements: list[Statement]) -> list[list[tuple[Statement, Statement]]]:
    """The lists of parts each followed by its share ("1.重点研发计划项目1,086.00万元，占全年支出的46.88%；⏎2.科技成果
    转化项目542.50万元，占24.32%；…"): a listed amount, the share words, the percentage, and the next item right after
    (no other number, no blank line or heading between). Two items at least."""
    text = ctx.doc.text
    runs: list[list[tuple[Statement, Statement]]] = []
    current: list[tuple[Statement, Statement]] = []
    for part, share in pairwise(statements):
        item = (
            part.kind == "amount"
            and part.exact_claim
            and _plain_share(share)
            and _CUES.share_words.match(_without_aside(text[part.span[1] : share.span[0]])) is not None
        )
        if not item:
            if current and part.span != current[-1][1].span:
                runs.append(current)
                current = []
            continue
        if current and not _CUES.run_gap.match(text[current[-1][1].span[1] : part.span[0]]):
            runs.append(current)
            current = []
        current.append((part, share))
    runs.append(current)
    return [run for run in runs if len(run) > 1]


def _run_shares(ctx: AuditContext, run: list[tuple[Statement, Statement]]) -> Iterator[Finding]:
    """Each share of a run against the whole every other share of it is of: the sum of the listed parts, or an
    amount the text states (before or after the list). A share is reported when one whole gives every other share
    of the run (two at least, or one when the whole is the parts' own sum: their shares then add to 100 %) and
    that share alone misses it, while no whole gives them all; silent when the wholes that give the others leave
    different shares out (which one slipped is then a guess). Always a warning: the whole is read, not written."""
    text = ctx.doc.text
    named = {
        m.group(0) for _, share in run if (m := _CUES.named_whole.search(_share_words(text, run, share)))
    }
    if len(named) > 1:
        return  # shares of two wholes (占全年预算的, 占全年支出的): no one whole for the list
    parts = [part for part, _ in run]
    largest = max(part.value for part in parts)
    wholes: list[Statement | None] = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.exact_claim and s.value > largest and all(s.span != p.span for p in parts)
    ]
    wholes.append(None)  # the sum of the listed parts; a stated whole that gives the same is named instead
    misses: dict[tuple[int, int], tuple[Statement, Statement, Statement | None, Interval]] = {}
    for whole in wholes:
        places = list_places([*parts, whole] if whole is not None else parts)
        base = total([p.interval(places) for p in parts]) if whole is None else whole.interval(places)
        missed = []
        for part, share in run:
            quotient = part.interval(places).divided_by(base)
            if quotient is None:
                break
            computed = quotient.scaled(HUNDRED)
            if not (
                computed.overlaps(share.interval()) or computed.cut_to(share.value, share.canonical_places)
            ):
                missed.append((part, share, computed))
        else:
            fits = len(run) - len(missed)
            if not missed:
                ctx.facts.mark(*(s for item in run for s in item), whole)
                return  # one whole gives every share
            if len(missed) == 1 and (fits >= 2 or (whole is None and fits >= 1)):
                part, share, computed = missed[0]
                misses.setdefault(share.span, (part, share, whole, computed))
    if len(misses) != 1:
        return
    part, share, whole, computed = next(iter(misses.values()))
    ctx.facts.mark(*(s for item in run for s in item), whole)
    shown = show_interval(computed, share)
    of = show_value(sum(p.value for p in parts), parts[0]) if whole is None else whole.text
    basis = "所列各项之和" if whole is None else "文中所写总数"
    yield ctx.relation_finding(
        "RATE_MISMATCH",
        f"{part.text}÷{of}＝{shown}，文中所写占比为 {share.text}（{of} 为{basis}，其余各项的占比均按此算得）",
        span_of(share, part),
        expected=shown,
        found=share.text,
        proven=False,
        quote=quote_of(text, share),
    )


def _share_words(text: str, run: list[tuple[Statement, Statement]], share: Statement) -> str:
    part = next(p for p, s in run if s is share)
    return _without_aside(text[part.span[1] : share.span[0]])
