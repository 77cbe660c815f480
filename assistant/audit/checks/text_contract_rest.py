"""REMAINDER_MISMATCH from the text alone: the money of a contract still unpaid against 合同金额 − 已支付.

Why apart: a 合同金额/合同价款 is money of another basis than the budget (``fields``: "other_basis"), so the budget
remainder checks never read it; yet reports state a contract, what was paid of it and what is still owed in one
breath, and the three agree by the text's own arithmetic.
Bad: 合同总金额520.00万元。…已支付合同价款468.00万元，支付率90.00%，尚未支付62.00万元 (520.00 − 468.00 = 52.00).
Bad too: 审定结算金额800.00万元 … (another section) 累计支付工程款776.00万元（其中上年…），尚未支付14.00万元 (an
audited settlement fixes the price: 800.00 − 776.00 = 24.00, the contract amount no longer counts).
Good: the same with 尚未支付52.00万元; 尚未支付的质保金26.00万元 (a part of the money owed, named so: less than the
rest is silence); a contract amount the paragraph states twice with two values (which contract is unsure: silent).
More owed than the contract leaves is always a contradiction (an error); less, with no part named, may be the rest of
one of several contracts the text does not list: a warning.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import quote_of, show_interval, show_value, span_of
from ..prose.model import Statement, list_places
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("REMAINDER_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for rest in ctx.facts.statements:
        if not _owed(ctx, rest):
            continue
        paid = _paid_before(ctx, rest)
        contract = (_settled_of(ctx, paid) or _contract_of(ctx, paid)) if paid is not None else None
        if paid is None or contract is None:
            continue
        finding = _compare(ctx, contract, paid, rest)
        if finding is not None:
            yield finding


def _exact(s: Statement) -> bool:
    """An exact amount of a sentence; a bracketed aside too ("（合同价款…，已付…，余款…）"): a contract's terms are
    often written as an aside to the project they serve, and its three figures agree there as anywhere."""
    plain = s.hedge is None and s.high is None  # exact_claim, with the aside let in
    return s.kind == "amount" and s.role in ("value", "aside") and plain and s.sentence is not None


def _owed(ctx: AuditContext, s: Statement) -> bool:
    """An amount its clause names as still unpaid ("尚未支付74.85万元", "未付合同款")."""
    return (
        _exact(s)
        and s.field
        in ("unspent", "unspent_part", None)  # an aside's "余款" is given no 口径: its clause names it
        and bool(_CUES.unpaid.search(clause_before(ctx, s)))
    )


def _paid_before(ctx: AuditContext, rest: Statement) -> Statement | None:
    """The amount paid, the last amount before the rest in its sentence, its clause naming a payment."""
    before = [
        s
        for s in ctx.facts.in_sentence(rest.sentence)
        if s.kind == "amount" and s.span[1] <= rest.span[0] and (s.role != "aside" or rest.role == "aside")
    ]  # "累计支付2,761.32万元（其中2019年支付…），剩余未支付…": the bracketed years are parts of the payment
    if not before or not _exact(before[-1]) or before[-1].unit != rest.unit:
        return None
    paid = before[-1]
    words = clause_before(ctx, paid)
    if paid.field not in ("executed", "other_basis", None) or not _CUES.paid.search(words):
        return None
    return None if _CUES.part.search(words) else paid  # "其中当年支付150万元": a part of the payments


def _contract_of(ctx: AuditContext, paid: Statement) -> Statement | None:
    """The one contract amount stated before the payment in its paragraph: in its sentence, or in an earlier one
    when the payment's own clause names the contract ("已支付合同价款"), with no budget written between them."""
    sentence = paid.sentence
    assert sentence is not None
    found = [
        s
        for s in ctx.facts.statements
        if _exact(s)
        and s.field in ("other_basis", None)  # "合同总金额" is no field keyword: its clause names it
        and s.unit == paid.unit
        and s.span[1] <= paid.span[0]
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and _CUES.contract.search(clause_before(ctx, s))
    ]
    if len({s.value for s in found}) != 1 or found[-1].value <= paid.value:
        return None
    contract = found[-1]
    if contract.sentence is not sentence and not _CUES.contract.search(clause_before(ctx, paid)):
        return None  # "合同金额…。全年支出…": a payment that names no contract, away from it, may be of the budget
    between = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.field in ("budget", "budget_initial", "arrived")
        and contract.span[1] <= s.span[0]
        and s.span[1] <= paid.span[0]
    ]
    return (
        None if between else contract
    )  # "合同金额500万元。预算600万元，已支付…": paid of the budget named last


def _settled_of(ctx: AuditContext, paid: Statement) -> Statement | None:
    """The one audited settlement (审定结算金额) stated before a cumulative payment ("累计支付工程款…") anywhere in the
    text: once settled, what is owed is the settled price less all paid, whatever the contract or a year's budget."""
    if not _CUES.cumulative.search(clause_before(ctx, paid)):
        return None
    found = [
        s
        for s in ctx.facts.statements
        if _exact(s)
        and s.unit == paid.unit
        and s.span[1] <= paid.span[0]
        and _CUES.settled.search(clause_before(ctx, s))
    ]
    if len({s.value for s in found}) != 1 or found[-1].value <= paid.value:
        return None
    return found[-1]


def _compare(ctx: AuditContext, contract: Statement, paid: Statement, rest: Statement) -> Finding | None:
    places = list_places([contract, paid, rest])
    computed = contract.interval(places) - paid.interval(places)
    ctx.facts.mark(contract, paid, rest)
    stated = rest.interval(places)
    if computed.overlaps(stated) or _budget_rest(ctx, paid, rest):
        return None
    above = stated.lo > computed.hi
    if not above and (rest.field == "unspent_part" or _CUES.part.search(clause_before(ctx, rest))):
        return None  # "尚未支付的质保金26.00万元": one part of what is owed
    label = "审定结算金额" if _CUES.settled.search(clause_before(ctx, contract)) else "合同金额"
    message = (
        f"{label} {contract.text}、已支付 {paid.text}，尚未支付应为 {contract.text}－{paid.text}＝"
        f"{show_interval(computed, rest)}，文中写作 {rest.text}"
    )
    return ctx.relation_finding(
        "REMAINDER_MISMATCH",
        message,
        span_of(rest, paid, contract),
        expected=show_value(computed.mid, rest),
        found=rest.text,
        proven=above,
        quote=quote_of(ctx.doc.text, rest),
    )


def _budget_rest(ctx: AuditContext, paid: Statement, rest: Statement) -> bool:
    """ "预算330.00万元，合同金额300.00万元，已支付280.00万元，剩余50.00万元": a rest that a budget or the money
    arrived of its paragraph, less the payment, gives is that money's rest, not the contract's: silence."""
    sentence = rest.sentence
    assert sentence is not None
    places = list_places([paid, rest])
    return any(
        (s.interval(places) - paid.interval(places)).overlaps(rest.interval(places))
        for s in ctx.facts.statements
        if _exact(s)
        and s.field in ("budget", "budget_initial", "arrived")
        and s.unit == paid.unit
        and s.span[1] <= rest.span[0]
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
    )
