"""What a standard per unit is paid to, for ``text_standard_products``: the count of its unit and the money it paid
(in its sentence, by a shared name, or every plausible pairing when nothing names them). What a standard is (its unit
and period, its periods) is ``prose.standards``'.

Why apart: reading which count and which money a standard goes with is its own concern, shared by the check and by its
reading of sibling standards (``siblings paid in full``); the comparison and its silences stay in the check.
Bad (no pairing): 原标准每人每月620元，新标准…680元 in one sentence share its
count, so neither is paired with it alone; 人次 with a yearly standard would count the year twice: no count.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..prose.clauses import clause_before
from ..prose.model import Statement
from ..prose.standards import holds_more, of_unit, paid_per
from .standard_names import best_named

_CUES = cues(__name__)


def counts_for(
    ctx: AuditContext, prose: list[Statement], price: Statement, unit: str, period: str | None
) -> list[Statement]:
    """The count the standard is paid to: its sentence's one count of its unit, when the sentence states no other
    standard paid per that unit and period (two standards, "原标准每人每月620元，新标准…680元", "2000元/生、1600元/生",
    share the count); else the one whose words share the standard's name, in its sentence or, with none of the unit
    there, in the text."""
    if unit == "人次" and period == "年":
        return []  # 人次 counts a head each time it was paid: a yearly standard would count the year twice over
    counts = of_unit(prose, unit)
    own = [c for c in counts if c.sentence is price.sentence]
    rivals = [
        s
        for s in ctx.facts.in_sentence(price.sentence)
        if s is not price
        and s.kind == "amount"
        and s.field == "unit_price"
        and paid_per(ctx, s) == paid_per(ctx, price)
    ]
    if len({c.value for c in own}) == 1 and not rivals:
        return own[:1]
    return best_named(ctx, price, own or counts)[:1]


def money_for(
    ctx: AuditContext, prose: list[Statement], price: Statement, count: Statement
) -> list[Statement]:
    """The money the standard paid to the count: the first amount after the standard in its sentence (no listed part
    of it: "其中上级资金…"), or the one amount before it there that is no whole budget; else the amounts whose words
    share the standard's name."""
    amounts = [
        s
        for s in prose
        if s.kind == "amount" and s.field != "unit_price" and s.exact_claim and s is not price
    ]
    own = [a for a in amounts if a.sentence is price.sentence]
    later = [a for a in own if a.span[0] >= price.span[1] and a.span not in ctx.facts.parts]
    if later:
        return later[:1]
    if (
        len(own) == 1
        and own[0].field != "budget"
        and not _CUES.budget_word.search(clause_before(ctx, own[0]))
    ):
        return own
    return best_named(ctx, price, amounts)


def alone(ctx: AuditContext, prose: list[Statement], price: Statement, unit: str) -> bool:
    """Does the standard stand alone: no count of its unit in its sentence (two there, "4,850名80—89周岁老人和1,080名
    90周岁及以上老人", are groups the sentence pairs itself) and no other standard per that unit in its paragraph (一类
    …每生每年1,500元；二类…1,000元: standards of groups, each its own count)?"""
    sentence = price.sentence
    assert sentence is not None
    if any(c.sentence is sentence for c in of_unit(prose, unit)):
        return False
    return not any(
        s.value != price.value
        and s.field == "unit_price"
        and s.sentence is not None
        and s.sentence.para_start == sentence.para_start
        and (per := paid_per(ctx, s)) is not None
        and per[0] == unit
        for s in prose
        if s.kind == "amount"
    )


def paragraph_counts(prose: list[Statement], price: Statement, unit: str) -> list[Statement]:
    """The counts of the standard's unit its paragraph states, when its sentence states none ("…学生共12,348人，其中
    小学生8,436人…。按每生每天5元、全年在校就餐200天标准核定，…"): each a plausible pairing, no one named for it;
    with none there, the text's one count of that unit ("补贴标准为每亩95元。" … "核定补贴面积356,218.40亩")."""
    sentence = price.sentence
    assert sentence is not None
    counts = of_unit(prose, unit)
    near = [c for c in counts if c.sentence is not None and c.sentence.para_start == sentence.para_start]
    return near or (counts if len({c.value for c in counts}) == 1 else [])


def paid_money(ctx: AuditContext, prose: list[Statement], price: Statement) -> list[Statement]:
    """The money paid out by the standard when no amount shares its name: the amounts after it in its paragraph
    (no listed part), else the amounts the text says were paid out (兑付, 发放: field executed) — no tranche (首批,
    预拨) of them."""
    sentence = price.sentence
    assert sentence is not None
    paid = [
        s
        for s in prose
        if s.kind == "amount" and s.field != "unit_price" and s.exact_claim and s.span not in ctx.facts.parts
    ]
    near = [s for s in paid if s.sentence is not None and s.sentence.para_start == sentence.para_start]
    chosen = [s for s in near if s.span[0] >= price.span[1]] or [s for s in paid if s.field == "executed"]
    return [s for s in chosen if not _CUES.tranche.search(clause_before(ctx, s)) and not holds_more(ctx, s)]
