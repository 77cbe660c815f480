"""More shapes of a total and its parts, found after the listed ones (``parts.BreakdownFinder``); the facts
take every breakdown from ``find_breakdowns``:

- a summary after a run of items: "张家寨村内道路硬化700平方米；…平安寨村内道路硬化1100平方米。…共完成道路硬化
  4970平方米" — the total repeats the items' own label and unit;
- bracketed sub-amounts running alongside a breakdown: "一批总投资3374.3万元(其中建筑工程3292万元)，…，合计总投资
  6222.4万元(其中建筑工程6025.215万元)" — the same label in the bracket of every member is a breakdown of its own;
- a 合计 sentence after a sentence (or a run of ；-separated items) that lists the amounts (not all of them when the
  list opens with a word of addition, 同时/此外: then only a sum above the 合计 is wrong) — unless that sentence
  splits one fund source's earlier amount ("省级下达600万元。…省级资金到位540万元，其余60万元次年到位。年内合计到位…").
- a sentence that names the rest (其余, 剩余) after its amounts splits the last total before it — unless it speaks of money
  besides the 财政 money (单位自有资金支出392.60万元，剩余47.40万元) and the total does not (财政资金共支出44,108.27万元).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cues import cues
from ..document import Document, Sentence
from ..fields import restates
from .interval import total as sum_of
from .items import heads_item, other_items
from .model import Statement
from .parts import Breakdown, BreakdownFinder, outermost
from .parts_allotted import counted_allotment, split_by_place
from .parts_among import among, post_categories
from .parts_apart import (
    apart,
    kinds_apart,
    labelled,
    places_apart,
    referred,
    sources,
    spent_by_source,
    two_kinds_apart,
    with_local_apart,
)
from .parts_batches import batch_shared, in_batches, members_closed
from .parts_closed import CLOSER
from .parts_counted import counted_by_items
from .parts_counted_kinds import counted_kinds
from .parts_formed import formed
from .parts_graded import graded
from .parts_kinds import BudgetLine, kinds
from .parts_rules import BUDGET_FAMILY, mixed_kinds
from .parts_sections import sectioned
from .parts_subprojects import subprojects

_CUES = cues(__name__)


def _label(doc: Document, statement: Statement) -> str | None:
    """The words right before the number ("道路硬化" of "村内道路硬化700平方米"), at most four characters."""
    head = doc.text[max(0, statement.span[0] - 12) : statement.span[0]]
    head = _CUES.clause_split.split(head)[-1].strip(" \u3000")
    if re.search(r"\d", head):
        return None  # "5个乡镇11个村": the words before 11 are another number's noun, not a label
    match = _CUES.label.search(head)
    return match.group() if match else None


def summaries(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """A 共/合计 quantity after two or more earlier ones of the same paragraph with the same label and unit.
    The items are found by their wording, not by a list cue, so a mismatch is a warning (``loose``). Earlier ones
    written with a 共/合计/累计 of their own are the last one's siblings, each its group's whole, not its parts."""
    found = []
    for k, total in enumerate(statements):
        sentence = total.sentence
        if (
            sentence is None
            or total.role != "value"
            or total.span in taken
            or total.kind not in ("count", "amount")
        ):
            continue
        if not _CUES.summary_head.search(_clause(doc, total)):
            continue
        label = _label(doc, total)
        if label is None or _CUES.summary_head.fullmatch(label):
            continue  # "一是…合计75万元；二是…合计3624.71万元；三是…合计676.47万元": each group's own whole
        parts = [
            s
            for s in statements[:k]
            if s.sentence is not None
            and s.sentence is not sentence
            and s.sentence.para_start == sentence.para_start
            and s.kind == total.kind
            and s.unit == total.unit
            and s.role == "value"
            and s.span not in taken
            and _label(doc, s) == label
            and not _CUES.summary_head.search(_clause(doc, s))  # "…累计训练874人月；…652人月": siblings
        ]
        if len(parts) >= 2:
            found.append(Breakdown(total, tuple(parts), True, "共", loose=True))
    return found


def _aside_after(doc: Document, statement: Statement, asides: list[Statement]) -> Statement | None:
    """The one amount in the bracket that opens right after ``statement``."""
    end = statement.span[1]
    if doc.text[end : end + 1] not in ("(", "（"):
        return None
    close = min((i for i in (doc.text.find(")", end), doc.text.find("）", end)) if i >= 0), default=-1)
    inside = [a for a in asides if end < a.span[0] and a.span[1] <= close]
    return inside[0] if len(inside) == 1 else None


def parallel(doc: Document, statements: list[Statement], breakdowns: list[Breakdown]) -> list[Breakdown]:
    """For each breakdown whose every member carries a bracketed amount with the same label, that column too."""
    asides = [s for s in statements if s.role == "aside" and s.kind == "amount"]
    found = []
    for breakdown in breakdowns:
        members = [breakdown.total, *breakdown.parts]
        inner = [_aside_after(doc, m, asides) for m in members]
        if any(i is None for i in inner):
            continue
        labels = {_label(doc, i) for i in inner if i is not None}
        if len(labels) != 1 or None in labels:
            continue
        total, *parts = inner
        assert total is not None
        found.append(
            Breakdown(
                replace(total, role="value"),
                tuple(replace(p, role="part") for p in parts if p is not None),
                breakdown.exhaustive,
                breakdown.cue,
                loose=breakdown.loose,
                assumed_whole=breakdown.assumed_whole,
            )
        )
    return found


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
    by_sentence = _by_sentence(statements)
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
        if items is None or _other_source(total, items) or _splits_a_source(statements, total, items):
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


def _by_sentence(statements: list[Statement]) -> dict[int, list[Statement]]:
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


def _splits_a_source(statements: list[Statement], total: Statement, items: list[Statement]) -> bool:
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


def _clause(doc: Document, statement: Statement) -> str:
    assert statement.sentence is not None
    return re.split(r"[，,；;。]", doc.text[statement.sentence.start : statement.span[0]])[-1]


def rest_lists(
    doc: Document, statements: list[Statement], taken: set[tuple[int, int]], totals: set[tuple[int, int]]
) -> list[Breakdown]:
    """ "…共计671037万元。…上述任务里，A 9779万元归…，B 76850万元…，其余583808万元由…": a sentence of amounts whose
    last names the rest, with no total of its own, splits the last total stated before it in the paragraph. The
    total is found by position, so a mismatch is a warning (``loose``). Not when the amounts from one fund source's on
    make up that source's earlier amount ("…县级资金到位280.00万元，其余32.00万元未拨付" beside 县级 312.00): the rest
    closes that source, not the whole."""
    found = []
    by_sentence = _by_sentence(statements)
    for sentence in doc.sentences:
        own = by_sentence.get(id(sentence), [])
        items = [s for s in own if s.kind == "amount" and s.role == "value" and s.span not in taken]
        if len(items) < 2 or len(items) != len(own):
            continue
        if _CUES.own_list.search(doc.text[items[0].span[1] : items[1].span[0]]):
            continue  # "支出2310.4万元，其中…，其他资金859.6万元": the first amount is the total of its own list
        clause = _CUES.clause_split.split(doc.text[sentence.start : items[-1].span[0]])[-1].strip()
        if not _CUES.rest_lead.match(clause):
            continue
        before = [
            s
            for s in statements
            if s.sentence is not None
            and (s.span in totals or _CUES.summary_head.search(_clause(doc, s)))
            and s.span[1] <= sentence.start
            and s.sentence.para_start == sentence.para_start
            and s.unit == items[0].unit
        ]
        split = [
            s for s in before if s.span in totals
        ]  # a total the text already splits is the likelier whole
        whole = _named_whole(doc, statements, sentence, items[0])
        if whole is not None:
            before, split = whole, []
        if not before or _other_money(doc, (split or before)[-1], sentence, items[0]):
            continue
        whole_at = (split or before)[-1]
        if any(_splits_a_source(statements, whole_at, items[k:]) for k in range(len(items) - 1)):
            # "实际到位3,140.00万元，…县级资金到位280.00万元，其余32.00万元…": the rest closes one source's earlier
            # amount (县级 312.00), not the whole the sentence opened with
            continue
        found.append(Breakdown(whole_at, tuple(items), True, "其余", loose=True))
    return found


def _other_money(doc: Document, whole: Statement, sentence: Sentence, first: Statement) -> bool:
    """ "财政资金共支出44,108.27万元…。单位自有资金支出392.60万元，剩余47.40万元…": the sentence speaks of money besides
    the 财政 money (自有, 自筹, 其他资金) and the whole does not (or the other way round); the sentence splits that other
    money, not the whole."""
    whole_words = _clause(doc, whole)
    own_words = doc.text[sentence.start : first.span[0]]
    if _CUES.other_money.search(own_words):
        return not _CUES.other_money.search(whole_words)
    return bool(_CUES.fiscal_money.search(own_words) and _CUES.other_money.search(whole_words))


def _named_whole(
    doc: Document, statements: list[Statement], sentence: Sentence, first: Statement
) -> list[Statement] | None:
    """ "收入总计A万元，其中上年结转B万元，本年收入C万元。本年收入中，…，其他收入…": a sentence that opens with an earlier
    amount's label and 中 splits that amount (its paragraph's last of that label; [] when none has it, then the whole
    is not written); None when the sentence names no label."""
    lead = _CUES.whole_named.match(sentence.text)
    if lead is None:
        return None
    label = lead.group("label")
    return [
        s
        for s in statements
        if s.sentence is not None
        and s.kind == "amount"
        and s.span[1] <= sentence.start
        and s.sentence.para_start == sentence.para_start
        and s.unit == first.unit
        and _clause(doc, s).strip().endswith(label)
    ][-1:]


def batches(doc: Document, statements: list[Statement]) -> list[Breakdown]:
    """ "其中省级配套1165.84万元。…省级第一批指标1080万元…；省级第二批资金指标85.84万元…": a fund's amount stated
    once, then batch by batch (第一批, 第二批…) further on. Later batches may be missing, and the batches are
    matched to the fund by its name only: a sum above the fund's amount is a warning (``loose``)."""
    found = []
    money = [
        s for s in statements if s.kind == "amount" and s.role == "value" and s.field in (None, "budget")
    ]
    for k, total in enumerate(money):
        if total.subject is None or total.subject.kind != "source" or _batch(doc, total):
            continue
        parts = [s for s in money[k + 1 :] if s.subject == total.subject and _batch(doc, s)]
        if len(parts) >= 2 and len({_batch(doc, s) for s in parts}) == len(parts):
            found.append(Breakdown(total, tuple(parts), False, "第…批", loose=True))
    return found


def _batch(doc: Document, statement: Statement) -> str | None:
    match = _CUES.batch.search(_clause(doc, statement))
    return match.group() if match else None


def find_breakdowns(
    doc: Document, statements: list[Statement], lines: list[BudgetLine | None]
) -> list[Breakdown]:
    """Every total with its parts: the listed ones first, then the shapes above; one breakdown per total.
    ``lines`` are the report's budget lines (``parts_kinds.budget_lines``), read once per audit by the facts."""
    ordered = sorted(statements, key=lambda s: s.span)
    # "其中第二批资金…分别为A…、B…": the batch named after 其中 is what the list splits, not the total before it
    shared = batch_shared(doc, ordered, set())
    in_shares = {p.span for b in shared for p in b.parts}
    found = [
        b for b in BreakdownFinder(doc, statements).find() if not in_shares & {p.span for p in b.parts}
    ] + shared
    found.extend(parallel(doc, ordered, found))
    taken = {p.span for b in found for p in b.parts} | {b.total.span for b in found}
    found.extend(summaries(doc, ordered, taken))
    totals = {b.total.span for b in found} - {p.span for b in found for p in b.parts}
    taken = {p.span for b in found for p in b.parts} | totals
    found.extend(carried(doc, ordered, taken, totals))
    totals = {b.total.span for b in found} - {p.span for b in found for p in b.parts}
    taken = {p.span for b in found for p in b.parts} | totals
    found.extend(rest_lists(doc, ordered, taken, totals))
    found.extend(batches(doc, ordered))
    found.extend(
        in_batches(doc, ordered, {p.span for b in found for p in b.parts} | {b.total.span for b in found})
    )
    found.extend(
        members_closed(doc, ordered, {p.span for b in found for p in b.parts} | {b.total.span for b in found})
    )
    found.extend(apart(doc, ordered, {p.span for b in found for p in b.parts}))
    allotted = counted_allotment(doc, ordered, {p.span for b in found for p in b.parts})
    found.extend(allotted)
    found.extend(split_by_place(doc, ordered, {p.span for b in found for p in b.parts}))
    # "分配至9个县，具体如下：⏎1.麒麟区，支持学校5所，安排资金362万元；…" after "项目共支持46所义务教育学校"
    found.extend(counted_by_items(doc, ordered, allotted, {b.total.span for b in found}))
    found.extend(referred(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(sources(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(
        subprojects(doc, ordered, {p.span for b in found for p in b.parts} | {b.total.span for b in found})
    )
    found.extend(spent_by_source(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(kinds_apart(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(counted_kinds(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(places_apart(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(two_kinds_apart(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(labelled(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(among(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(post_categories(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(
        formed(doc, ordered, {p.span for b in found for p in b.parts} | {b.total.span for b in found})
    )
    found.extend(graded(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(sectioned(doc, ordered, {p.span for b in found for p in b.parts}))
    found.extend(kinds(lines, {p.span for b in found for p in b.parts}))
    taken = {p.span for b in found for p in b.parts} | {b.total.span for b in found}
    found = [with_local_apart(doc.text, ordered, b, taken) for b in found]
    return outermost([b for b in found if not _item_head(doc, b, ordered) and not mixed_kinds(b.parts)])


def _item_head(doc: Document, breakdown: Breakdown, statements: list[Statement]) -> bool:
    """ "一是…合计75万元；二是…合计3624.71万元；三是…合计676.47万元": a total that opens its own numbered item sums
    none of the earlier items' figures."""
    t = breakdown.total
    return heads_item(doc.text, t, statements) and all(other_items(doc.text, t, p) for p in breakdown.parts)
