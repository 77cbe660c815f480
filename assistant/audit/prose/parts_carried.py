"""A 合计 sentence after the list it sums: the sentence before it (or a run of ；-separated items, or the numbered
lines above a 以上…合计 line) lists the amounts, one per item. A list opening with a word of addition (同时/此外)
adds to money stated before it, so only a sum above the 合计 is wrong; a sentence that splits one fund source's
earlier amount ("省级下达600万元。…省级资金到位540万元，其余60万元次年到位。年内合计到位…") is no list of it.
Kept apart from ``parts_summary`` (the other shapes found after the listed breakdowns), which calls ``carried``.
"""

from __future__ import annotations

import re

from ..cues import cues
from ..document import Document
from ..fields import restates
from .interval import total as sum_of
from .model import Statement
from .parts import Breakdown
from .parts_closed import CLOSER
from .parts_rules import BUDGET_FAMILY

_CUES = cues(__name__)


def carried(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]], totals: set[tuple[int, int]]
) -> list[Breakdown]:
    """ "…转移支付为：A 40万元；B 2.75万元；…。转移支付资金合计下达3580.69万元。": a sentence that states only a
    合计 after a sentence that lists amounts, one per item. The list is the sentence before, not a cue's, so a
    mismatch is a warning (``loose``)."""
    found = []
    sentences = doc.sentences
    index = {id(s): k for k, s in enumerate(sentences)}
    items_taken = taken - totals
    by_sentence = statements_by_sentence(statements)
    for total in statements:
        sentence = total.sentence
        if sentence is None or total.kind != "amount" or total.role != "value" or total.span in items_taken:
            continue  # a total already split by a 其中-list may also close the list before it
        own = by_sentence[id(sentence)]
        head = doc.text[sentence.start : total.span[0]]
        across = bool(_CUES.above_ref.match(head))
        counted = [s for s in own if s.span[1] <= total.span[0]]
        if not CLOSER.search(head) or (own[0] is not total and not (across and _counts_only(counted))):
            continue  # "以上四项合计…": only its count of the items may come before the total
        items = _items_before(sentences, index[id(sentence)], by_sentence, taken, total, totals, across)
        if items is None or _other_source(total, items) or splits_a_source(statements, total, items):
            continue
        if counted and own[0] is not total and counted[-1].value != len(items):
            continue  # the lines read are not the ones its count names
        # "同时，县本级安排配套资金300万元，各乡镇安排200万元。全县合计1150万元。": the list adds to money stated
        # before it, so the 合计 may hold more than the list (parts unread): only a sum above it is wrong
        added = items[0].sentence is not None and bool(_CUES.added_lead.match(items[0].sentence.text))
        confirmed = (
            bool(counted) and own[0] is not total
        )  # "以上四项合计" over four lines: the list is all of it
        found.append(Breakdown(total, tuple(items), True, "合计", loose=not confirmed, unread=int(added)))
    return found


def _counts_only(lead: list[Statement]) -> bool:
    """Is the one statement before a 以上 total its count of items ("以上四项合计")?"""
    return len(lead) == 1 and lead[0].kind == "count"


def statements_by_sentence(statements: list[Statement]) -> dict[int, list[Statement]]:
    """Each sentence's statements (by the sentence's id), in order: one pass, not a scan of every statement per
    sentence (quadratic in a long report)."""
    found: dict[int, list[Statement]] = {}
    for s in statements:
        if s.sentence is not None:
            found.setdefault(id(s.sentence), []).append(s)
    return found


def _other_source(total: Statement, items: list[Statement]) -> bool:
    """ "…其中中央资金60万元。上年结转资金共20万元…": a total named by a fund source is no sum of amounts named by
    another source (a list of projects under "中央、市级…合计" may still be its items)."""
    source = total.subject if total.subject is not None and total.subject.kind == "source" else None
    return source is not None and any(
        item.subject is not None and item.subject.kind == "source" and item.subject != source
        for item in items
    )


def splits_a_source(statements: list[Statement], total: Statement, items: list[Statement]) -> bool:
    """ "省级下达600万元。…省级资金到位540万元，其余60万元于次年1月到位。年内合计到位2990万元": a sentence whose amounts,
    led by one fund source's, make up an amount that source was given earlier splits that amount (what arrived and
    the rest), not the later 合计 of all sources; the 合计 holds other sources' money the sentence does not list."""
    source = items[0].subject
    if source is None or source.kind != "source" or total.subject == source:
        return False
    if any(i.subject is not None and i.subject.kind == "source" and i.subject != source for i in items):
        return False
    summed = sum_of([i.interval() for i in items])
    return any(
        s.subject == source
        and s.kind == "amount"
        and s.role == "value"
        and s.span[1] <= items[0].span[0]
        and s.interval().overlaps(summed)
        for s in statements
    )


def _items_before(
    sentences,
    k: int,
    by_sentence,
    taken,
    total: Statement,
    totals: set[tuple[int, int]] = frozenset(),
    across: bool = False,
) -> list[Statement] | None:
    """The list right before sentence ``k`` in its paragraph: one sentence holding the items, or a run of
    sentences (split on ；) of one amount each. The run's first item may carry its own 其中 list ("中央下达50万元，
    其中第一批30万元、第二批20万元；省级下达10万元；…合计…"): its amount, a total of its parts, is the item.
    With ``across`` (a 合计 line pointing back, "以上四项合计…") the run goes on over the numbered lines above it
    ("1. 城乡低保金2,318.46万元；⏎2. …"), one line an item: the lines are the list its 以上 names."""
    paragraph = sentences[k].para_start
    run: list[Statement] = []
    j = k - 1
    while j >= 0 and (
        sentences[j].para_start == paragraph
        or (
            across
            and sentences[j].para_start == sentences[j].start
            and _CUES.numbered_line.match(sentences[j].text)
        )
    ):
        own = by_sentence.get(id(sentences[j]), [])
        last_item = j == k - 1 and bool(run or _CUES.item_end.search(sentences[j - 1].text if j else ""))
        if (
            own
            and all(s.kind == "count" for s in own[:-1])
            and (_CUES.item_end.search(sentences[j].text) or last_item)
        ):
            # "购买变压器一套18.8万元；": an item's own count names the thing, the amount is the item; the list's
            # last item ends with 。 ("…网络视听节目17个,68万元。以上共计…760万元。") after items ending with ；
            own = own[-1:]
        if run and _item_with_parts(sentences[j], own, taken, totals):
            run = own[:1] + run
            break
        if any(s.kind != "amount" or s.role != "value" or s.span in taken for s in own) or not own:
            break
        if any(s.field in ("rate", "unit_price", "change", "difference") for s in own):
            break  # item fields are read from item names (…支出项目, …经费), so only a field of another kind stops
        if any(CLOSER.search(_head_clause(sentences[j], s)) for s in own):
            break  # "共下达资金100万元，其中…": a sentence with a total of its own lists no items of a later one
        own = _without_restated(sentences[j], own)
        if len(own) > 1:
            if not run and not _stages_of_one(own) and not _sums_itself(own):
                run = own  # one sentence listing every item
            break
        run = own + run
        j -= 1
    return run if len(run) >= 2 else None


def _without_restated(sentence, own: list[Statement]) -> list[Statement]:
    """ "A子项目支出3,950,000.00元，即395.00万元；": an amount written again in another unit is the same item once."""
    kept = own[:1]
    for s in own[1:]:
        before = kept[-1]
        between = sentence.text[before.span[1] - sentence.start : s.span[0] - sentence.start]
        if not (restates(between) and before.interval().overlaps(s.interval())):
            kept.append(s)
    return kept


def _item_with_parts(sentence, own: list[Statement], taken, totals: set[tuple[int, int]]) -> bool:
    """Does the sentence state one amount and then only that amount's own 其中 parts, with no 合计/共 word of its
    own? Then the amount is one item of the list the sentences after it go on with."""
    if len(own) < 3 or own[0].span not in totals or not all(s.span in taken for s in own[1:]):
        return False
    first = own[0]
    if (
        first.kind != "amount"
        or first.role != "value"
        or first.field in ("rate", "unit_price", "change", "difference")
    ):
        return False
    return not CLOSER.search(_head_clause(sentence, first)) and all(s.kind == "amount" for s in own)


def _sums_itself(own: list[Statement]) -> bool:
    """ "下达资金1,860.00万元，加上年结转214.36万元，全年可用资金2,074.36万元": a sentence whose last amount is the sum
    of the ones before it closes its own sum; it lists no items of a later 合计 (which may be of another 口径:
    "全年共兑付1,982.57万元")."""
    return len(own) >= 3 and sum_of([s.interval() for s in own[:-1]]).overlaps(own[-1].interval())


def _stages_of_one(own: list[Statement]) -> bool:
    """ "奖励资金567.50万元…，年内支出498.30万元，结转69.20万元": amounts of several 口径 (budget, spent, carried) in
    one sentence are the stages of one item's money, not items of a later 合计."""
    return (
        len({s.field for s in own} - BUDGET_FAMILY) + bool({s.field for s in own} & BUDGET_FAMILY - {None})
        > 1
    )


def _head_clause(sentence, statement: Statement) -> str:
    """The words of ``statement``'s clause before it ("…，共下达资金")."""
    return re.split(r"[，,；;。]", sentence.text[: statement.span[0] - sentence.start])[-1]
