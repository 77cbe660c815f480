"""RATE_MISMATCH and REMAINDER_MISMATCH from the text alone, for money left unspent written apart from the budget
and the spending it is the rest of (a 偏差分析 after the 预算执行 section).

Bad: 调整后预算800.00万元… (偏差分析) 预算执行率96.50%，未支出资金52.00万元 ((800 − 52) ÷ 800 = 93.50 %).
Bad: 共下达资金600.00万元…共支出540.00万元，支付率90.00%… (偏差分析) 尚未支出资金70.00万元 (600 − 540 = 60).
Good: the rate 93.50 %, or 60.00万元 left; a rest named as one part of it (尾款, 质保金, 部分); a rest of what
arrived (到位未支出).

Why: a report states its budget and spending in one section and explains the shortfall in another; the rate and
the rest written there are of the same money. Which budget they are of is not written beside them, so:
- a rate whose sentence states the money left and no budget or spending: some budget (年初 or 调整后, or money
  arrived) the text states for its subject, less the rest, over it, must give the rate — none doing so is a doubt;
- a rest whose sentence states no budget or spending: the text pairs a base and an amount spent by writing their
  quotient as a rate beside the spending ("共支出540万元，支付率90%": 540 ÷ 600); the rest must be that base less
  the spending, when exactly one such pair is written.
Both are warnings ("uncertain"): the rest may be counted of another stage of the money. Silent when the text
states more than one rest (each line's rest, or rests of two stages: 未拨付… beside 尚未兑付…), when another amount
spent in the text leaves the rest (拨付 beside 兑付), when the rate names a part (甲县执行率), when the rest's digits
fit in another unit (a unit slip: UNIT_SUSPECT), or when ``text_rates`` reads the rest against its own basis.
A 年末结余 may hold earlier years' balances, so it is read only when the rated base names last year's balance in it
("加上年结转资金30万元，全年可用资金480万元"). The amount spent may be a total its parts follow before the rate
("支出432万元，其中甲300万元、乙132万元，执行率90%").
The rest (剩余) of a larger whole once the base is taken out ("计划总投资1,500万元…全年预算1,000万元…剩余500万元列入
2025年预算") is money not yet arranged, not unspent (``remainders.rest_of_a_whole``).
Words that list the unspent money's make-up make the rest one item of it only when written before it ("其中未支出…",
"结余主要为…"); after it ("项目结余资金35.65万元，主要为工程结算审减资金") they say what all of it is made of.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_interval, show_value
from ..prose.interval import Interval
from ..prose.model import Statement, list_places, rate_fits
from ..registry import check_unit
from .count_rates import rate_finding
from .rate_slips import stated_finding
from .remainders import rest_of_a_whole

HUNDRED = Decimal(100)
_WAN = Decimal(10000)
_CUES = cues(__name__)
_BASES = ("budget", "budget_initial", "arrived")
_ANY = object()  # any subject


@check_unit(also=("RATE_MISMATCH", "REMAINDER_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    for left in ctx.facts.statements:
        if not _lone_rest(ctx, left):
            continue
        rates = [
            s
            for s in ctx.facts.in_sentence(left.sentence)
            if s.kind == "percent" and s.field == "rate" and s.role == "value" and s.exact_claim
        ]
        finding = _rate_of_rest(ctx, rates[0], left) if len(rates) == 1 else None
        finding = finding or (_rest_of_pair(ctx, left) if not rates else None)
        if finding is not None:
            yield finding


def _lone_rest(ctx: AuditContext, left: Statement) -> bool:
    """An exact amount left unspent, the one the text states ("检查经费结余…" beside "救助资金结余…" are each
    line's rest; "尚未兑付的…" beside "未拨付的…" rests of two stages), whose sentence states no other money and
    names it as all that is left; no budget and spending ``text_rates`` reads it against."""
    if left.kind != "amount" or left.field != "unspent" or left.role != "value" or not left.exact_claim:
        return False
    if left.sentence is None or left.origin != "prose":
        return False
    rests = {
        s.value for s in ctx.facts.statements if s.kind == "amount" and (s.field or "").startswith("unspent")
    }
    near = ctx.facts.in_sentence(left.sentence)
    if len(rests) != 1 or any(s.kind == "amount" and s is not left for s in near):
        return False
    before = ctx.doc.text[left.sentence.start : left.span[0]]
    if _CUES.one_part.search(left.sentence.text) or _CUES.one_item.search(before):
        return (
            False  # "其中未支出…20万元": one item; "结余35.65万元，主要为审减资金": what all of it is made of
        )
    if _CUES.of_arrived.search(clause_before(ctx, left)):
        return False
    if _CUES.opening_balance.search(clause_before(ctx, left)):
        return False  # "年初结转和结余25.40万元": last year's rest brought in, no rest of this year's money
    if _CUES.year_end_balance.search(clause_before(ctx, left)) and not _carried_in_base(ctx):
        return False  # "年末结转结余…": last years' balances are in it too
    return ctx.values.budget_and_executed(left) is None


def _carried_in_base(ctx: AuditContext) -> bool:
    """Does the one base the text ties to its spending by a rate count last year's balance in ("上年结转资金20万元，
    全年可用资金220万元", or its 其中 list after it: "预算300万元，其中：…上年结转资金20万元")? Then a 年末结余 is that base less the spending: no earlier balance is left outside it."""
    pairs = {(b.value, e.value): b for b, e in _rated_pairs(ctx)}
    if len(pairs) != 1:
        return False
    base = next(iter(pairs.values()))
    if base.sentence is None:
        return False
    head = base.sentence.text[: max(0, base.span[0] - base.sentence.start)]
    tail = base.sentence.text[max(0, base.span[1] - base.sentence.start) :]
    # "预算总额1,183.48万元，其中：…上年结转资金63.48万元": the base's own parts name the balance
    return bool(_CUES.carried_in.search(head) or _CUES.carried_in_parts.search(tail))


def _stated(ctx: AuditContext, subject: object, fields: tuple[str, ...]) -> list[Statement]:
    """The exact money amounts of the subject (any, for ``_ANY``) the text states with one of ``fields``, in prose."""
    return [
        s
        for s in ctx.facts.statements
        if s.kind == "amount"
        and s.role == "value"
        and s.field in fields
        and (subject is _ANY or s.subject == subject)
        and s.exact_claim
        and s.origin == "prose"
    ]


def _rate_of_rest(ctx: AuditContext, rate: Statement, left: Statement) -> Finding | None:
    """The rate beside the rest against each base the text states: (base − rest) ÷ base."""
    if not _CUES.whole_rate.search(clause_before(ctx, rate)):
        return None  # "清徐县执行率为86.18%": the rate of one part named before it, not of the whole budget
    bases = _stated(ctx, rate.subject, _BASES)
    spent = _stated(ctx, rate.subject, ("executed",))
    if not bases or len({b.value for b in bases}) > 3:
        return None
    computed = []
    for base in bases:
        places = list_places([base, left])
        quotient = (base.interval(places) - left.interval(places)).divided_by(base.interval(places))
        if quotient is None or quotient.scaled(HUNDRED).overlaps(rate.interval()):
            return None
        computed.append((base, quotient.scaled(HUNDRED)))
    for base in bases:
        for done in spent:
            quotient = done.interval().divided_by(base.interval())
            if quotient is not None and quotient.scaled(HUNDRED).overlaps(rate.interval()):
                return None  # the rate is the spending's share: the rest may be of another stage
    base, share = next((c for c in computed if c[0].field == "budget"), computed[-1])
    ctx.facts.mark(rate, left, base)
    message = (
        f"预算 {base.text}、未支出 {left.text}，执行率为 ({base.text}－{left.text})÷{base.text}＝"
        f"{show_interval(share, rate)}，文中写作 {rate.text}（预算见文中他处）"
    )
    return rate_finding(ctx, rate, message, (base, left), show_value(share.mid, rate), proven=False)


def _rest_of_pair(ctx: AuditContext, left: Statement) -> Finding | None:
    """The rest against the one base and amount spent the text ties by writing their quotient as a rate."""
    pairs = {(b.value, e.value): (b, e) for b, e in _rated_pairs(ctx)}
    if len(pairs) != 1:
        return None
    base, done = next(iter(pairs.values()))
    places = list_places([base, done])
    computed = base.interval(places) - done.interval(places)
    if computed.overlaps(left.interval()) or _other_unit(computed, left):
        return None  # a rest with the digits of base − spent in another unit is a unit slip (UNIT_SUSPECT)
    if any(
        (a.interval() - done.interval()).overlaps(left.interval()) for a in _stated(ctx, _ANY, ("arrived",))
    ):
        return None  # the rest of what arrived
    if any(
        (base.interval() - e.interval()).overlaps(left.interval()) for e in _stated(ctx, _ANY, ("executed",))
    ):
        return None  # "拨付…1742.50万元" beside "兑付…1698.36万元": the rest of another stage of the spending
    if rest_of_a_whole(ctx, left, base, places):
        return None  # "计划总投资1,500万元…全年预算1,000万元…剩余500万元列入2025年预算": not yet arranged
    ctx.facts.mark(left, base, done)
    message = (
        f"资金 {base.text}、已支出 {done.text}，未支出部分为 {show_interval(computed, left)}，文中写作 {left.text}"
        "（资金与支出见文中他处）"
    )
    return stated_finding(ctx, "REMAINDER_MISMATCH", message, left, (base, done), computed, proven=False)


def _rated_pairs(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """(base, spent): an exact amount spent with a 支付率/执行率 right after it in its sentence, and the one amount
    written before it in the text that the rate says it is the share of."""
    found = []
    amounts = [s for s in ctx.facts.statements if s.kind == "amount" and s.role == "value" and s.exact_claim]
    for rate, _head in ctx.stated_rates():
        if rate.field not in ("rate", "pay_rate"):
            continue
        own = [s for s in ctx.facts.in_sentence(rate.sentence) if s.span[1] <= rate.span[0]]
        spent = [s for s in own if s.kind == "amount" and s.field == "executed" and s.exact_claim]
        # "共支出540万元，其中甲480万元、乙60万元，执行率90%": the total before its parts is the one rated
        for done in reversed(spent if own and own[-1] in spent else []):
            fits = _bases_of(amounts, done, rate)
            if len({b.value for b in fits}) == 1:
                found.append((fits[-1], done))
                break
    return found


def _bases_of(amounts: list[Statement], done: Statement, rate: Statement) -> list[Statement]:
    """The amounts written before ``done`` whose share it is, by the rate."""
    fits = []
    for base in amounts:
        if base.span[1] > done.span[0] or base.field not in (None, *_BASES) or base.unit != done.unit:
            continue
        if rate_fits(done, base, rate):
            fits.append(base)
    return fits


def _other_unit(computed: Interval, left: Statement) -> bool:
    """Do the rest's digits give ``computed`` in a unit 10000 times larger or smaller (元 for 万元)?"""
    return any(computed.overlaps(left.interval().scaled(f)) for f in (_WAN, 1 / _WAN))
