"""More shapes of a total and its parts, found after the listed ones (``parts.BreakdownFinder``); the facts
take every breakdown from ``find_breakdowns``:

- a summary after a run of items: "张家寨村内道路硬化700平方米；…平安寨村内道路硬化1100平方米。…共完成道路硬化
  4970平方米" — the total repeats the items' own label and unit;
- bracketed sub-amounts running alongside a breakdown: "一批总投资3374.3万元(其中建筑工程3292万元)，…，合计总投资
  6222.4万元(其中建筑工程6025.215万元)" — the same label in the bracket of every member is a breakdown of its own;
- a 合计 sentence after a sentence (or a run of ；-separated items) that lists the amounts (``parts_carried``);
- a sentence that names the rest (其余, 剩余) after its amounts splits the last total before it — unless it speaks of money
  besides the 财政 money (单位自有资金支出392.60万元，剩余47.40万元) and the total does not (财政资金共支出44,108.27万元).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cues import cues
from ..document import Document, Sentence
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
from .parts_batches import batch_shared, in_batches, members_closed, own_splits_apart, split_after_total
from .parts_carried import carried, splits_a_source, statements_by_sentence
from .parts_counted import counted_by_items
from .parts_counted_kinds import counted_kinds
from .parts_formed import formed
from .parts_graded import graded
from .parts_kinds import BudgetLine, kinds
from .parts_pointed import levels_pointed
from .parts_rules import mixed_kinds
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
    by_sentence = statements_by_sentence(statements)
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
        if any(splits_a_source(statements, whole_at, items[k:]) for k in range(len(items) - 1)):
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
    found.extend(split_after_total(doc, ordered, {b.total.span for b in found}))
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
    found.extend(levels_pointed(doc, ordered, {p.span for b in found for p in b.parts}))
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
    found = own_splits_apart(found)
    taken = {p.span for b in found for p in b.parts} | {b.total.span for b in found}
    found = [with_local_apart(doc.text, ordered, b, taken) for b in found]
    return outermost([b for b in found if not _item_head(doc, b, ordered) and not mixed_kinds(b.parts)])


def _item_head(doc: Document, breakdown: Breakdown, statements: list[Statement]) -> bool:
    """ "一是…合计75万元；二是…合计3624.71万元；三是…合计676.47万元": a total that opens its own numbered item sums
    none of the earlier items' figures."""
    t = breakdown.total
    return heads_item(doc.text, t, statements) and all(other_items(doc.text, t, p) for p in breakdown.parts)
