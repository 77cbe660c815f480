"""What makes a figure of ``text_repeats``' one key a member of a list rather than the same quantity written again:
a list's parts and total, a source's share of another subject's list, shares of two wholes, the lines below a whole
that list its items, amounts of one sentence that add up to the whole, and figures priced at two standards.

Why apart: the parts of a whole are read from the list's layout and arithmetic, not from names; the repeat checks
that read a whole and its parts (``text_wholes``, ``text_in_full``, ``text_label_repeats``) ask the same questions.
Bad: "共投资资金40万元" and later "维修温室…共计25万元" read as one amount written twice. Good: "…共计25万元…,购买菌棒
…共计15万元": two amounts of one sentence that add up to the whole are its parts.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import combinations

from ..cues import cues
from ..prose.facts import Facts
from ..prose.interval import total
from ..prose.items import item_of, line_head_of
from ..prose.model import Statement, list_places, rate_fits
from ..prose.parts import Breakdown

_CUES = cues(__name__)
_MOST_NEIGHBOURS = 6  # amounts beside one in its sentence tried as its fellow parts (2^6 sums)


def list_members(breakdowns: list[Breakdown]) -> tuple[set[tuple[int, int]], set[tuple[int, int]]]:
    """(shares, own parts): the spans of list parts that are a fund source's share of another subject's list, and
    those of every other part and every total: members of a list, none a restatement of the list's own figures."""
    shares = {p.span for b in breakdowns for p in b.parts if _source_share(b, p)}
    own = {p.span for b in breakdowns for p in b.parts if p.span not in shares}
    return shares, own | {b.total.span for b in breakdowns}


def _source_share(breakdown: Breakdown, part: Statement) -> bool:
    """ "下达中央财政资金30.9万元，县财政资金30.9万元，两者合计下达61.8万元": a fund source's share of another
    subject's total is that source's own amount — stated again elsewhere it is the same quantity. Not so for the
    items of a numbered list ("(4)…中央补助…47.92万元。…(7)…中央补助…62.5万元"): each item is a subject of its
    own, and two items naming one source are two amounts of it."""
    if part.subject is None or part.subject.kind != "source" or part.subject == breakdown.total.subject:
        return False
    same_source = sum(p.subject == part.subject for p in breakdown.parts)
    return breakdown.items == 0 and same_source == 1


def shares_of_two_wholes(a: Statement, b: Statement, wholes: dict[tuple[int, int], Statement]) -> bool:
    """ "免学费…投入183.82万元,其中…本级资金50.15万元" and "助学金…投入1106.97万元,其中…本级资金297.64万元": a
    source's share of one whole and its share of another whole (their totals differ) are two quantities."""
    first, second = wholes.get(a.span), wholes.get(b.span)
    return first is not None and second is not None and not first.interval().overlaps(second.interval())


def parts_of(
    text: str, whole: Statement, later: Statement, group: list[Statement], places_listed: bool
) -> bool:
    """Is ``later`` a part of what ``whole`` states rather than a restatement of it? So it is when it sits on a line
    below one that ends on "其中:" ("…收到…资金7505万元…。其中:" / "收到…补助资金2666万元"), under a numbered item of
    a paragraph whose lead states an amount of the same subject ("共下达…15.4235亿元。主要包含三大方面:一是…9.9162亿元":
    the items are its parts, and so they are of the same figure written in another paragraph), or on a line of another
    place when the text reports places a line each ("…基础养老金实际支出4.99亿元" and "青阳县…基础养老金实际支出
    239.53万元")."""
    if _CUES.parts_below.search(text, whole.span[1], later.span[0]) or _item_lines_below(text, whole, later):
        return True
    if later.sentence is not None and item_of(text, later) is not None:
        para = later.sentence.para_start
        if any(
            s.sentence is not None
            and s.sentence.para_start == para
            and s.span[0] < later.span[0]
            and s.subject == later.subject
            and s.kind == later.kind
            and item_of(text, s) is None
            for s in group
        ):
            return True
    if adds_up_in_its_sentence(whole, later, group) or _adds_up_after_it(whole, later, group):
        return True
    if any(_adds_up_after_it(w, whole, group) and _adds_up_after_it(w, later, group) for w in group):
        return True  # "…支出562.09万元。其中…支出75.11万元；…支出486.98万元": two parts of one whole
    return places_listed and line_head_of(text, whole) != line_head_of(text, later)


def _item_lines_below(text: str, whole: Statement, later: Statement) -> bool:
    """ "全年共实施项目3个，全年预算300万元。各项目执行情况如下：⏎1.农田水利设施维修：全年预算120万元；⏎2.…": a line
    that ends on 如下/分别为 after the whole, then lines each opened by a number (and a name, with a colon or a comma:
    "1.某镇片区，建设面积…，投资…"), ``later`` on one of them (a PDF page's rule or number may fall between them):
    those lines are the items of the whole, each with its own figures."""
    cues_found = list(_CUES.items_below.finditer(text, whole.span[1], later.span[0]))
    cue = cues_found[-1] if cues_found else None
    line_start = text.rfind("\n", 0, later.span[0]) + 1
    if cue is None or not _CUES.numbered_line.match(text, line_start):
        return False
    lines = [line for line in text[cue.end() : line_start].split("\n") if line.strip()]
    return all(_CUES.numbered_line.match(line) or _CUES.page_furniture.match(line) for line in lines)


def adds_up_in_its_sentence(whole: Statement, later: Statement, statements: list[Statement]) -> bool:
    """ "共投资资金40万元" … "维修温室…共计25万元(4万元尚未拨付),购买菌棒…共计15万元": amounts of one sentence that add
    up to the whole are its parts, though no list cue says so."""
    others = [
        s
        for s in statements
        if s.sentence is later.sentence and s is not later and s.kind == later.kind and s.role == "value"
    ]
    return _adds_up(whole, later, others)


def _adds_up_after_it(whole: Statement, later: Statement, statements: list[Statement]) -> bool:
    """ "…资助参保20,876人，支出562.09万元。其中资助特困人员2,146人，支出75.11万元；资助低保对象18,730人，支出
    486.98万元。": amounts written after the whole in its own paragraph, each in a clause of its own (with a count of
    another kind between them), that add up to it are its parts, though no one sentence holds them all."""
    if (
        whole.sentence is None
        or later.sentence is None
        or whole.sentence.para_start != later.sentence.para_start
    ):
        return False
    after = [
        s
        for s in statements
        if s.sentence is not None
        and s.sentence.para_start == whole.sentence.para_start
        and s.span[0] > whole.span[1]
        and s.kind == later.kind
        and s.role == "value"
    ]
    return later in after and _adds_up(whole, later, [s for s in after if s is not later])


def _adds_up(whole: Statement, later: Statement, others: list[Statement]) -> bool:
    """Do ``later`` and some of ``others`` (at most a handful) add up to ``whole``, at their written precision?"""
    if not others or len(others) > _MOST_NEIGHBOURS:
        return False
    places = list_places([whole, later, *others])
    target = whole.interval(places)
    return any(
        total([later.interval(places), *(o.interval(places) for o in chosen)]).overlaps(target)
        for size in range(1, len(others) + 1)
        for chosen in combinations(others, size)
    )


def sum_start(run: list[Statement], s: Statement) -> int | None:
    """Where the last two or more amounts of ``run`` (its subject's, read in a row before it) start that ``s`` adds
    up ("机耕…补助资金371.20万元；…机收…236.00万元。以上合计补助资金1,157.40万元"; "补助甲合作社180万元；乙公司150万元；
    …以上合计450万元"), or None: then ``s`` is what those items got, not the whole written again."""
    for start in range(len(run) - 2, -1, -1):
        members = run[start:]
        places = list_places([s, *members])
        if total([m.interval(places) for m in members]).overlaps(s.interval(places)):
            return start
    return None


def rated_on_two_bases(facts: Facts, a: Statement, b: Statement) -> bool:
    """ "项目扶持资金全年支出571.38万元，支出进度89.00%" and "后期扶持资金…全年实际支出1,676.94万元，预算执行率95.96%":
    two spendings each written with a rate of its own, each rate the quotient over a budget the text states (642.00
    and 1,747.56万元), the two budgets apart: a part's spending and the whole's, two quantities. A spending whose
    sentence has no rate, or whose rate fits no stated budget, proves no base of its own."""
    if a.kind != "amount" or b.kind != "amount":
        return False
    first, second = _rated_bases(facts, a), _rated_bases(facts, b)
    return (
        bool(first)
        and bool(second)
        and not any(x.interval().overlaps(y.interval()) for x in first for y in second)
    )


def _rated_bases(facts: Facts, spent: Statement) -> list[Statement]:
    """The budgets the text states that the rate written right after ``spent`` in its sentence (no other amount
    between) is the quotient over."""
    after = (
        [o for o in facts.in_sentence(spent.sentence) if o.span[0] > spent.span[1]] if spent.sentence else []
    )
    rate = next((o for o in after if o.kind in ("amount", "percent")), None)
    if rate is None or rate.kind != "percent" or rate.field != "rate":
        return []
    bases = []
    for budget in facts.statements:
        if (
            budget.kind != "amount"
            or budget.field not in ("budget", "budget_initial")
            or budget.role != "value"
        ):
            continue
        if rate_fits(spent, budget, rate):
            bases.append(budget)
    return bases


def at_two_standards(facts: Facts, earlier: Statement, later: Statement) -> bool:
    """ "小学每生每年720元，在校生21,850人…；初中每生每年940元，在校生10,420人…" or "（一）生活补贴。补贴标准为每人每月70元，
    全年享受补贴2,316人…（二）护理补贴。补贴标准为每人每月80元，全年享受补贴3,108人…": one noun counted in two
    sentences that each state a standard of their own, the two standards different, counts two groups paid at two
    rates, not one count written twice. So are amounts computed at two standards ("禁牧…标准为每亩7.50元，测算资金
    1,398万元；草畜平衡…标准为每亩2.50元，测算资金232万元"): two items' money."""
    rates = [_standards(facts, x) for x in (earlier, later)]
    return bool(rates[0]) and bool(rates[1]) and not rates[0] & rates[1]


def priced(facts: Facts, s: Statement) -> bool:
    """Does the sentence of ``s`` state a standard (每亩7.50元, 每人每月70元)?"""
    return bool(_standards(facts, s))


def _standards(facts: Facts, s: Statement) -> set[Decimal]:
    return {x.value for x in facts.in_sentence(s.sentence) if x.field == "unit_price" and x.kind == "amount"}


def counted_over_two_bases(facts: Facts, a: Statement, b: Statement) -> bool:
    """ "常住人口64.20万人，完成全程接种55.37万人…" and "18岁以上目标人群52.10万人，完成全程接种49.86万人…": two counts each
    written right after a whole of their own in their sentence (a larger count of the same unit), the two wholes
    apart: the counts are of two groups, not one number written twice. A count with no whole before it proves no
    group of its own."""
    if a.kind != "count" or b.kind != "count":
        return False
    first, second = _counted_base(facts, a), _counted_base(facts, b)
    return first is not None and second is not None and not first.interval().overlaps(second.interval())


def _counted_base(facts: Facts, counted: Statement) -> Statement | None:
    """The count of the same unit written last before ``counted`` in its sentence, when not below it: the whole
    the count is a share of."""
    before = [
        o
        for o in facts.in_sentence(counted.sentence)
        if o.span[1] <= counted.span[0] and o.kind in ("count", "amount", "percent")
    ]
    if not before or before[-1].kind != "count" or before[-1].unit != counted.unit:
        return None
    base = before[-1]
    return base if base.value >= counted.value and base.role == "value" else None
