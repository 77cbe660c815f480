"""UNIT_SUSPECT and ARITHMETIC_MISMATCH from the text alone: counts times their standards against the money.

Bad: 走访115名离任村干部，每人1000元 … 预算金额11.5元 (115 × 1000元 = 11.5万元: 元 written for 万元).
Uncertain: 救助小学生140人、初中生96人、高中生42人，标准为小学生300元/年、初中生500元/年、高中生1000元/年 … 已支付16万元
(the standards give 13.2万元; the rest may have gone elsewhere).
Good: 115名 × 1000元 = 11.5万元 written as 11.5万元; 每生每天4元、全年按180天 × 8500人 = 612万元 (a daily standard
counts with the one "N天" of its paragraph); （一）XX补贴96万元，共补贴800人次，按每人次1,200元 (an item's own amount
first, under a list marker of Chinese numerals too, and after a count its name holds: 2.XX系统（一期）288万元，覆盖96所，每校3万元).
Which count goes with which standard is read by ``prose.standard_pairs``; in a paragraph that does not pair them, a
sentence with one standard, one count and one whole of its own is compared with that whole. The shares of a 其中 list
are not sums the paragraph pays out. A product that fits the amount only with 元 and 万元 swapped is a slip (error);
one that fits neither is a warning: a project may spend on more than the counted standard. Money named a tranche (首批预拨, 提前下达, 第一批) less than the product is part of it: no finding. The one sum a short text
pays out is compared only when the standards (money paid per head or measure: 人均救助1500元) need more than it.
Without a budget and execution for the subject, the one sum the paragraph pays out ("共计发放…") is the amount. A
sentence that states its own total after a count and a standard set by rule ("共110户,标准为每户400元,共计4.4万元", or
the money due: "面积184,500亩，按每亩120元标准应兑付补贴资金2,224.80万元") is
compared with that total first (a warning); a standard followed by × and a further factor ("300户×50元×12个月")
is one of more factors than this reading holds: no finding. One whose sentence states, after them, an amount the product gives
("面积91.41万亩，每亩108元，发放补贴资金9,872.28万元") pays that amount, not the project's budget: no finding; so does
a listed part the standard's sentence states before it ("其中：中央资金2,310.00万元，按每生每天5元、…的标准核定"), and
an item's lead the product gives, its one sum written in one unit or both ("1.公益性岗位补贴3,864,000.00元（386.40万元）。
年末在岗人员644人，补贴标准为每人每月500元，全年共发放12个月"). A finding points at the money it compares with too, when
the paragraph states it. A product that no budget gives but an amount the text names as the counted item's own does (a whole
report's "项目支出主要用于：…XX奖励扶助352.6万元" and later "XX奖励扶助对象4408人，每人800元") is that item's money: no
finding. A count said of each of a 、-list's items ("在甲小学、乙中学、丙小学各建成资源教室1间，每间12.00万元") is one
item's, not the whole counted: no finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ...numbers.precision import hedge_kind
from ..context import AuditContext
from ..cues import cues
from ..fields import first_clause, is_factor
from ..findings import Finding
from ..prose.clauses import clause_before
from ..prose.evidence import show_value, show_written
from ..prose.interval import Interval, total
from ..prose.model import Statement
from ..prose.standard_pairs import (
    Pair,
    clause_words,
    period_word,
    standard_interval,
)
from ..prose.subject_values import SubjectValues
from ..registry import check_unit

_CUES = cues(__name__)
_SWAP = (Decimal(10000), Decimal("0.0001"))


@check_unit(
    also=("UNIT_SUSPECT", "ARITHMETIC_MISMATCH"),
    basis="text",
)
def check(ctx: AuditContext) -> Iterator[Finding]:
    values = ctx.values
    for group in ctx.pairings:
        finding = _compare(ctx, values, group.pairs, group.months, group.statements, alone=group.alone)
        if finding is not None:
            yield finding


def _compare(
    ctx: AuditContext,
    values: SubjectValues,
    pairs: list[Pair],
    months: Decimal,
    paragraph: list[Statement],
    alone: bool = False,
) -> Finding | None:
    if any(is_factor("", ctx.doc.text[p.span[1] : p.span[1] + 12]) for _, p in pairs):
        return None  # "300户×50元×12个月＝…": the product written out has a factor more than count × standard
    if any(_CUES.each_listed.search(clause_before(ctx, c)) for c, _ in pairs):
        return None  # "甲、乙、丙各建成资源教室1间，每间12.00万元": one item's count, not the whole counted
    product = total([c.interval() * standard_interval(ctx, p) for c, p in pairs])
    product = Interval(product.lo * months, product.hi * months)
    subject = pairs[0][1].subject or pairs[0][0].subject
    if subject is None or subject.kind not in ("project", "report"):
        return None  # a unit's total is not what one paragraph's standard pays for
    averaged = _averaged_whole(ctx, pairs) if months == 1 else None
    if averaged is not None and product.overlaps(averaged.interval()):
        ctx.facts.mark(*pairs[0], averaged)
        return None  # "38套，支出41.37万元，平均每套约1.09万元": an average of the sentence's own sum, which it gives
    own = _own_total(ctx, pairs) if months == 1 else None
    if own is not None:
        ctx.facts.mark(*pairs[0], own)
        if not product.overlaps(own.interval()):
            return _own_total_finding(ctx, pairs, product, own)
        return None  # "每生每年720元，在校生21,850人，计1,573.20万元": its own total settles it; the budget may hold more
    said = _stated_product(paragraph, pairs, product) or _part_set_by(ctx, paragraph, pairs, months)
    if said is not None:
        ctx.facts.mark(*pairs[0], said)
        return None  # "面积91.41万亩，每亩108元，发放补贴资金9,872.28万元": the paragraph states the product itself
    # a sentence paired alone is compared with its own whole only; else the subject's budget and execution
    found = None if alone else values.of_subject(subject)
    # else the sum the paragraph pays out ("共计发放…", "全年发放补贴资金…"), when it states one only; the shares
    # of a 其中 list after it ("投入434.4万元,…其中上级资金370.1万元,本级资金64.3万元") are not other sums
    parts = ctx.facts.parts
    paid = [
        s
        for s in paragraph
        if s.kind == "amount"
        and s.field in ("executed", "budget")
        and s.role == "value"
        and s.exact_claim
        and s.span not in parts
    ]
    only = found is None and len(paid) != 1
    if only and alone:
        return None
    if only:
        paid = one_amount(ctx)  # a short report that states one sum of money: the standard pays it
        if not paid:
            return None
    amounts = list(found) if found is not None else paid
    members = [s for pair in pairs for s in pair]
    ctx.facts.mark(*members, *amounts)
    if any(product.overlaps(a.interval()) for a in amounts):
        return None
    if all(a.interval().below(product) and _CUES.tranche.search(clause_before(ctx, a)) for a in amounts):
        return None  # "首批预拨资助资金300.00万元": a tranche of what the standard pays, less by design
    extra = _other_costs(paragraph, pairs, amounts)
    if extra and any(
        total([product, *(e.interval() for e in extra)]).overlaps(a.interval()) for a in amounts
    ):
        ctx.facts.mark(*extra)
        return None
    written = " + ".join(f"{c.text}×{p.text}" for c, p in pairs)
    times = f"{written}{f'×{months}{period_word(ctx, pairs)}' if months != 1 else ''}"
    first = members[0]
    # the money it is compared with is part of what the finding points at, when the same paragraph states it
    near = [a for a in amounts if a.sentence is not None and a.sentence.para_start == _para(first)]
    span = (min(s.span[0] for s in (*members, *near)), max(s.span[1] for s in (*members, *near)))
    for amount in amounts:
        for factor in _SWAP:
            if product.overlaps(Interval(amount.interval().lo * factor, amount.interval().hi * factor)):
                impossible = _above_the_whole(ctx, pairs, amount, written, product)
                if impossible is not None:
                    return impossible
                return ctx.relation_finding(
                    "UNIT_SUSPECT",
                    f"{times} ＝ {show_value(product.mid, amount)}，文中金额写作 {amount.text}，疑为“元”与“万元”混用",
                    amount.span,
                    expected=show_value(product.mid, amount),
                    found=amount.text,
                    quote=amount.sentence.text if amount.sentence else None,
                )
    if only and not (_pays_out(ctx, pairs) and all(a.interval().below(product) for a in amounts)):
        return None  # the one sum of the text may pay for more than the counted standard, never for less
    named = _named_elsewhere(ctx, pairs, product)
    if named is not None:
        ctx.facts.mark(*pairs[0], named)
        return None  # "…其中XX奖励金12.4万元" (二) and "XX奖励对象310人，每人400元" (三): that item's money
    stated = "、".join(f"{'预算' if a.field == 'budget' else '执行'} {a.text}" for a in amounts)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"{times} ＝ {show_value(product.mid, amounts[0])}，与文中"
        f"{stated}{'均' if len(amounts) > 1 else ''}不符（资金若另有用途，请在文中说明）",
        span,
        expected=show_value(product.mid, amounts[0]),
        found="/".join(a.text for a in amounts),
        proven=False,
        quote=first.sentence.text if first.sentence else None,
    )


def _one_amount_in(paragraph: list[Statement], lead: Statement) -> bool:
    """Is ``lead`` the one sum of its sentence ("1.培训补贴348.80万元。"), an item's lead naming its money, not a
    list of several items' money ("农村公路建设3,680.00万元，城乡客运站运营补贴846.50万元。")? One sum written in
    both units ("1.公益性岗位补贴3,864,000.00元（386.40万元）。") is still one."""
    own = [s.interval() for s in paragraph if s.kind == "amount" and s.sentence is lead.sentence]
    return all(i.overlaps(lead.interval()) for i in own)


def _stated_product(paragraph: list[Statement], pairs: list[Pair], product: Interval) -> Statement | None:
    """An amount of the count's own sentence, after the count and standard, that their product gives ("全县补贴
    面积91.41万亩，补贴标准为每亩108元，发放补贴资金9,872.28万元"): the money the standard paid, stated; the project's
    budget beside it (a 工作经费 for handing the subsidy out) is other money, no total of this product. With several
    counts each priced ("县道…每公里1万元；乡道…；村道…。日常养护补助合计3,611.20万元"), the product stated anywhere
    after them in the paragraph is theirs. An item's lead before them ("1.培训补贴348.80万元。全年完成培训2,180人，按每人
    1,600元的补贴标准…") states it too, when the count's sentence states no sum of its own after them (the lead
    "补助48.90万元" does not clear "共计发放补助资金48.90元")."""
    count, price = pairs[0]
    after = max(s.span[1] for pair in pairs for s in pair)
    before = min(s.span[0] for pair in pairs for s in pair)
    # the count's sentence states its own sum after it ("共计发放补助资金48.90元"): that sum, not the lead, is judged
    own_after = any(
        s.kind == "amount" and s.sentence is count.sentence and s.span[0] >= after and s is not price
        for s in paragraph
    )
    return next(
        (
            s
            for s in paragraph
            if s.kind == "amount"
            and s.role == "value"
            and (
                (s.span[0] >= after and (s.sentence is count.sentence or len(pairs) > 1))
                or (
                    s.span[1] <= before
                    and s.sentence is not count.sentence
                    and not own_after
                    and _one_amount_in(paragraph, s)
                )
            )
            and s is not price
            and s.exact_claim
            and product.overlaps(s.interval())
        ),
        None,
    )


def _part_set_by(
    ctx: AuditContext, paragraph: list[Statement], pairs: list[Pair], months: Decimal
) -> Statement | None:
    """A listed part of the money, in the standard's own sentence before it, that the product of the figures as
    written gives exactly ("预算2,846.30万元，其中：中央专项资金2,310.00万元，按每生每天5元、受益学生23,100人、全年在校
    200天的标准核定"): the standard sets that share, not the whole budget."""
    price = pairs[0][1]
    before = min(s.span[0] for pair in pairs for s in pair)
    parts = ctx.facts.parts
    product = Interval.exact(sum((c.value * p.value for c, p in pairs), Decimal(0)) * months)
    return next(
        (
            s
            for s in paragraph
            if s.kind == "amount"
            and s.span in parts
            and s.sentence is price.sentence
            and s.span[1] <= before
            and s.exact_claim
            and product.overlaps(s.interval())
        ),
        None,
    )


def _named_elsewhere(ctx: AuditContext, pairs: list[Pair], product: Interval) -> Statement | None:
    """An amount stated anywhere in the text, under a name the count's own words share (a run of four characters
    past the words every fund shares), that the product gives at its written precision: a whole report lists what
    its money went to ("项目支出用于：…残疾学生助学金12.4万元") and later counts that item ("残疾学生助学对象310人，
    每人400元", or "…日常养护846.50万元" and "其中…养护按每公里5,000元标准、全县1,693公里": the name before the standard);
    the product is that item's money, not the budget's."""
    # the item may be named before the count or before its standard ("其中通村通组路养护按每公里5,000元标准、全县
    # 1,693公里里程测算" after "通村通组路日常养护846.50万元")
    names = {_name_runs(clause_before(ctx, s)) for pair in pairs for s in pair}
    runs = set().union(*names)
    members = {id(s) for pair in pairs for s in pair}
    return next(
        (
            s
            for s in ctx.facts.statements
            if s.kind == "amount"
            and s.role == "value"
            and s.field != "unit_price"
            and s.exact_claim
            and id(s) not in members
            and product.overlaps(s.interval())
            and runs & _name_runs(clause_before(ctx, s))
        ),
        None,
    )


def _name_runs(words: str) -> frozenset[str]:
    """The runs of four Han characters of ``words`` once the words every fund shares are taken out."""
    han = re.sub(r"[^\u4e00-\u9fff]+", "|", _CUES.shared_words.sub("|", words))
    return frozenset(part[k : k + 4] for part in han.split("|") for k in range(len(part) - 3))


def _own_total(ctx: AuditContext, pairs: list[Pair]) -> Statement | None:
    """ "共110户…,标准为每户400元,共计4.4万元": the one amount the count's and standard's own sentence states after
    both as their total (共计, 合计, 共发放…, or paid to the count: "按每生每年1000元的标准，为2100名学生发放补助
    210万元"), when the standard is set by rule: what the sentence itself says the
    product is."""
    if len(pairs) != 1:
        return None
    count, price = pairs[0]
    if count.sentence is None or count.sentence is not price.sentence:
        return None
    if standard_interval(ctx, price).lo != standard_interval(ctx, price).hi:
        return (
            None  # an average (人均救助1500元，共计200万元) or a rounded figure: the sum may pay more than it
        )
    after = max(count.span[1], price.span[1])
    own = ctx.facts.in_sentence(price.sentence)
    found = [
        s
        for s in own
        if s.kind == "amount"
        and s.span[0] >= after
        and s.field != "unit_price"
        and s.exact_claim
        and _own_total_clause(clause_before(ctx, s))
    ]
    # the sentence's first amount: a count in the item's name ("2.一键报警系统（一期）2,880,000.00元") is no amount
    first = next((s for s in own if s.kind == "amount"), None)
    if not found and first is not None and first is not price and _heads_item(ctx, first, count, price):
        # "1.运营补助240,000.00元，按每家中心每年30,000.00元标准拨付8家": the item's amount, then how it was paid
        return first
    return found[0] if len(found) == 1 else None


def _heads_item(ctx: AuditContext, amount: Statement, count: Statement, price: Statement) -> bool:
    """Is ``amount`` the one amount a numbered item states after its name, before its standard and count?"""
    assert amount.sentence is not None
    head = ctx.doc.text[amount.sentence.start : amount.span[0]]
    return (
        _CUES.item_head.match(head) is not None
        and amount.kind == "amount"
        and amount.field != "unit_price"
        and amount.exact_claim
        and amount.span[1] <= min(count.span[0], price.span[0])
    )


def _averaged_whole(ctx: AuditContext, pairs: list[Pair]) -> Statement | None:
    """The one other amount of the sentence of a count and an average or rounded standard ("支出41.37万元，平均每套
    约1.09万元"): the sum the average was taken of. It may be written rounded too ("按每例平均639元测算，减免金额约
    210.0万元"): an estimate's own sum, only ever a reason for silence."""
    if len(pairs) != 1:
        return None
    count, price = pairs[0]
    if count.sentence is None or count.sentence is not price.sentence:
        return None
    interval = standard_interval(ctx, price)
    if interval.lo == interval.hi:
        return None  # a standard set by rule: ``_own_total``'s
    found = [
        s
        for s in ctx.facts.in_sentence(price.sentence)
        if s.kind == "amount"
        and s is not price
        and s.field != "unit_price"
        and (s.exact_claim or (s.high is None and hedge_kind(s.hedge) == "about"))
    ]
    return found[0] if len(found) == 1 else None


def _own_total_clause(clause: str) -> bool:
    """Does ``clause`` give its amount as the sum the sentence's count × standard comes to: a total word (共计,
    合计…), the payment to the count itself ("为21384名学生发放营养膳食补助"), or the money due by the standard
    ("核定补贴面积184,500亩，按每亩120元标准应兑付补贴资金2,224.80万元")?"""
    return bool(
        _CUES.own_total.match(clause) or _CUES.paid_to_count.match(clause) or _CUES.amount_due.search(clause)
    )


def _own_total_finding(
    ctx: AuditContext, pairs: list[Pair], product: Interval, own: Statement
) -> Finding | None:
    """The sentence's own total against its count × standard; a slip of 元 for 万元 is the general path's."""
    count, price = pairs[0]
    if any(product.overlaps(Interval(own.interval().lo * f, own.interval().hi * f)) for f in _SWAP):
        return None
    expected = show_value(product.mid, own)
    return ctx.relation_finding(
        "ARITHMETIC_MISMATCH",
        f"{count.text}×{price.text} ＝ {expected}，同句所写合计为 {own.text}",
        (min(count.span[0], price.span[0]), own.span[1]),
        expected=expected,
        found=own.text,
        proven=False,
        quote=own.sentence.text if own.sentence else None,
    )


def _para(statement: Statement) -> int | None:
    return statement.sentence.para_start if statement.sentence is not None else None


def _pays_out(ctx: AuditContext, pairs: list[Pair]) -> bool:
    """ "人均救助1500元", "每亩补贴100元": each standard is money paid out per head or measure (not "人均增收1500元",
    an outcome the money need not add up to)."""
    return all(
        p.sentence is not None and _CUES.paid_out.search(clause_words(ctx, p) + _standard_named_after(ctx, p))
        for _, p in pairs
    )


def _standard_named_after(ctx: AuditContext, price: Statement) -> str:
    """ "继续执行每亩115元的补贴标准": the words after a standard that name it as one (its kind of money there)."""
    assert price.sentence is not None
    after = first_clause(ctx.doc.text[price.span[1] : price.sentence.end])
    return after if "标准" in after else ""


def one_amount(ctx: AuditContext) -> list[Statement]:
    """The text's one sum of money, when every amount it states is that one value (stated once or repeated)."""
    amounts = [
        s
        for s in ctx.facts.statements
        if s.kind == "amount" and s.role == "value" and s.origin == "prose" and s.field != "unit_price"
    ]
    if not amounts or not all(a.exact_claim and a.interval() == amounts[0].interval() for a in amounts):
        return []
    return amounts[:1]


def _other_costs(paragraph: list[Statement], pairs: list[Pair], amounts: list[Statement]) -> list[Statement]:
    """ "14人…工资标准为每人每年30000元，保险费合计3万元" of a 45万元: the other costs the paragraph states beside the
    standard's product (amounts of no 口径 of their own, in a sentence of the pairs) are parts of the money too."""
    sentences = {id(s.sentence) for pair in pairs for s in pair}
    taken = {id(s) for s in amounts} | {id(s) for pair in pairs for s in pair}
    return [
        s
        for s in paragraph
        if s.kind == "amount"
        and s.role == "value"
        and s.field is None
        and id(s) not in taken
        and id(s.sentence) in sentences
    ]


def _above_the_whole(
    ctx: AuditContext,
    pairs: list[Pair],
    amount: Statement,
    written: str,
    product: Interval,
) -> Finding | None:
    """ "320人…96万元，人均资助3000万元": a standard in 万元 above the whole sum cannot be right, so the slip is the
    standard's unit, not the sum's (a standard in 元 above a sum in 元 is the sum's: "96元", read 96万元)."""
    price = next(
        (p for _, p in pairs if p.unit in ("万元", "万") and amount.interval().below(p.interval())), None
    )
    if price is None:
        return None
    other = "元"
    raw = show_written(price, "")
    return ctx.relation_finding(
        "UNIT_SUSPECT",
        f"标准 {price.text} 高于总额 {amount.text}，单项标准不能大于总额；按 {raw}{other} 计，"
        f"{written.replace(price.text, raw + other)} 与 {amount.text} 相符，疑为“元”与“万元”混用",
        price.span,
        expected=f"{raw}{other}",
        found=price.text,
        quote=price.sentence.text if price.sentence else None,
    )
