"""REPEAT_MISMATCH from the text alone: a figure a project has only one of — its contract's price, its approved
estimate (批复概算), its audited settled price (结算价 = 结算金额 = 结算审定金额 = 审定结算价) — written in two places
with two values, whatever words qualify its name.

Bad: 经公开招标，施工合同价1,286.45万元 … 累计支付981.00万元。按合同价1,268.45万元计，累计支付比例为76.26%
(981.00 ÷ 1,286.45 = 76.26%: the rate beside the second price proves the first right, the second is the slip).
Good: 施工合同价1,200.00万元 … 审定结算价1,163.52万元 (settled, another figure than the contract's); 送审结算金额 …
审定结算金额 (submitted, then audited); 已结算金额 (a part so far); 原合同价485.00万元 … 经设计变更，合同价
调整为512.60万元 (before and after a change the text states); 施工合同价 … 监理合同价 (two contracts).

Why apart from ``text_repeats``: its key needs a subject and a 口径 read alike, and a price is read as neither (its
name's qualifiers, 施工/按/占, differ from place to place); a contract has one price, so its sentences' years do not
make two. When a rate beside one of them (981.00 ÷ price = 76.26%) fits one value and not the other, the text's own
numbers decide which is wrong (an error, pointed at the wrong one); otherwise a warning on the later one.
Which contract a price is of: the words its name carries (施工, 软件平台; 按, 占 say nothing), else the last kind word of
its paragraph before it (（二）监理及检测。…合同金额); prices of two contracts are two, and a bare one beside several
kinds is paired only where a rate beside it fits one contract's price. A rate decides only when written to its
decimals ("5%" fits too many quotients by chance). Silent in a text of several contracts or lots (一标段, 两份合同), of
several projects, or that says the price or the estimate changed (调整为, 变更, 补充协议); a payment (支付合同价款
1,091.22万元) is no price.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.items import in_table_row
from ..prose.model import Statement
from ..registry import check_unit
from .own_money import several_projects
from .repeat_keys import last_clause
from .text_repeats import repeat_finding

_CUES = cues(__name__)
_REACH = 14  # characters before an amount its price name is looked for in
_NAMES = {"contract": "合同价", "estimate": "批复概算", "settled": "结算价"}


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    if _CUES.changed.search(text) or _CUES.several.search(text) or several_projects(ctx):
        return
    groups: dict[tuple[str, str | None], list[Statement]] = {}
    for s in ctx.facts.statements:
        name = _price_name(ctx, s)
        if name is not None:
            groups.setdefault(name, []).append(s)
    for family in _NAMES:
        kinds = [k for f, k in groups if f == family and k is not None]
        if len(kinds) > 1:
            # 施工合同价 beside 监理合同价: two contracts, and which one a bare 合同价 names is a reading
            for kind in kinds:
                yield from _pairs(ctx, family, groups[(family, kind)])
            yield from _bare_decided(
                ctx, family, groups.get((family, None), []), [groups[(family, k)] for k in kinds]
            )
            continue
        prices = [s for (f, _), found in groups.items() if f == family for s in found]
        if prices:
            yield from _pairs(ctx, family, sorted(prices, key=lambda s: s.span))


def _pairs(ctx: AuditContext, family: str, prices: list[Statement]) -> Iterator[Finding]:
    """The first price against the first later one of another value, in another sentence."""
    first = prices[0]
    for later in prices[1:]:
        if later.sentence is first.sentence or first.interval().overlaps(later.interval()):
            continue
        yield _finding(ctx, family, *_decided(ctx, first, later))
        return  # one finding per price: the rest would repeat it


def _finding(ctx: AuditContext, family: str, right: Statement, wrong: Statement, why: str) -> Finding:
    """REPEAT_MISMATCH on the wrong value (proven when a rate decided it, ``why`` saying how)."""
    ctx.facts.mark(right, wrong)
    return repeat_finding(ctx, right, wrong, f"同一{_NAMES[family]}", bool(why), why)


def _bare_decided(
    ctx: AuditContext, family: str, bare: list[Statement], kinds: list[list[Statement]]
) -> Iterator[Finding]:
    """A bare 合同金额 in a text of two contracts (施工, 监理) is paired with one only when a rate beside it fits that
    contract's price and not its own value ("占合同金额2,350.00万元的80.00%" after 累计已支付1,720.00万元, with 施工合同价
    2,150.00万元): the rate says which contract it meant."""
    for price in bare:
        for prices in kinds:
            right, wrong, why = _decided(ctx, prices[0], price)
            if why and wrong is price and right.sentence is not price.sentence:
                yield _finding(ctx, family, right, wrong, why)
                break


def _price_name(ctx: AuditContext, s: Statement) -> tuple[str, str | None] | None:
    """(family, contract kind) of an amount written right after the name of a one-off price ("施工合同价1,286.45万元",
    "按合同价1,268.45万元计"); None for other amounts and for a settled, changed or partial price (审定, 原, 剩余)."""
    if (
        s.kind != "amount"
        or s.origin != "prose"
        or s.hedge is not None
        or s.high is not None
        or s.sentence is None
        or in_table_row(ctx.doc.text, s)
    ):
        return None
    clause = last_clause(ctx.doc.text[max(s.sentence.start, s.span[0] - _REACH) : s.span[0]])
    found = _CUES.price.search(clause)
    if found is None:
        return None
    family = next(f for f in ("contract", "estimate", "settled") if found.group(f))
    # a settled price is named by settling words (结算, 审定) that make a contract's price another figure
    if (_CUES.settled_other if family == "settled" else _CUES.other_figure).search(clause):
        return None
    return family, _kind(ctx, s, found.group("head"))


def _kind(ctx: AuditContext, s: Statement, head: str) -> str | None:
    """Which contract a price is of: the words of its head that are no preposition ("施工合同价" → 施工, "软件平台合同
    金额" → 软件平台), else the last kind word of its paragraph before it ("（二）监理及检测。…合同金额" → 服务/监理);
    None for a bare one ("按合同价")."""
    own = _CUES.neutral.sub("", head.strip())
    if own:
        return own
    assert s.sentence is not None
    kinds = _CUES.kind.findall(ctx.doc.text[s.sentence.para_start : s.span[0]])
    return kinds[-1] if kinds else None


def _decided(ctx: AuditContext, a: Statement, b: Statement) -> tuple[Statement, Statement, str]:
    """(right, wrong, why): a rate written in the sentence of either price, over an amount of its paragraph before it
    ("累计支付981.00万元。按合同价1,268.45万元计，累计支付比例为76.26%"), that fits one price and not the other
    decides; with none, the earlier stands and nothing is proven (why empty)."""
    for near in (a, b):
        for rate in _rates_beside(ctx, near):
            for amount in _amounts_before(ctx, rate, (a, b)):
                fits = [p for p in (a, b) if _fits(amount.value, p.value, rate)]
                if len(fits) == 1:
                    right = fits[0]
                    wrong = b if right is a else a
                    return right, wrong, f"{amount.text}÷{right.text}＝{rate.text}，与{wrong.text}不符"
    return a, b, ""


def _rates_beside(ctx: AuditContext, s: Statement) -> list[Statement]:
    assert s.sentence is not None
    # a whole-percent rate ("5%") fits too many quotients by chance: only one written to its decimals decides
    return [
        r
        for r in ctx.facts.in_sentence(s.sentence)
        if r.kind == "percent" and r.hedge is None and r.places >= 1
    ]


def _amounts_before(
    ctx: AuditContext, rate: Statement, prices: tuple[Statement, Statement]
) -> list[Statement]:
    """The amounts of the rate's paragraph before it (the prices left out), the nearest first."""
    assert rate.sentence is not None
    start = rate.sentence.para_start
    return [
        s
        for s in reversed(ctx.facts.statements)
        if s.kind == "amount"
        and s.hedge is None
        and start <= s.span[0] < rate.span[0]
        and s.span not in {p.span for p in prices}
    ]


def _fits(part: Decimal, whole: Decimal, rate: Statement) -> bool:
    """Does part ÷ whole, rounded as the rate is written, give the rate?"""
    if whole == 0:
        return False
    step = Decimal(1).scaleb(-rate.places)
    return (part / whole * 100).quantize(step) == rate.value.quantize(step)
