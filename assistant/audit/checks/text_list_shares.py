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
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, show_interval, span_of
from ..prose.model import Statement, list_places
from ..registry import check_unit

HUNDRED = Decimal(100)
_CUES = cues(__name__)


@check_unit(also=("RATE_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    statements = ctx.facts.statements
    for index, share in enumerate(statements):
        if share.kind != "percent" or share.hedge is not None or share.high is not None:
            continue
        if share.role not in ("value", "part", "rule"):
            continue  # a method section's "rule" role is its reader's guess; a share after a listed amount is one
        pair = _part_and_whole(ctx, statements[:index], share)
        if pair is not None and (finding := _compare(ctx, share, *pair)) is not None:
            yield finding


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
