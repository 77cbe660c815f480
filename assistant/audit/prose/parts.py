"""Totals and the parts a report lists for them: "资金X万元，其中：A 1.92万元…", "共2026400元，分为：…",
"A 30万元、B 20万元，合计50万元", and a count followed by its items.

A breakdown is *exhaustive* when its wording says the parts make up the whole (分为, 分别为, 按…分, 合计 after
the parts, or as many parts as a count in the total's sentence says); then a sum short of the total is a
contradiction. A sum above the total always is: parts cannot exceed their whole. A list after several amounts of
one sentence belongs to the amount its parts add up to (支出…，结余…。其中：… adding up to the 支出), not to the nearest. A cue that
opens its own sentence after only a key ("预算数2,846.70万元，其中中央…、省级…。按子项目安排如下：") lists the whole of the
sentence before (the amount before its own 其中 list), by that key. The arithmetic lives in
``checks/text_parts``; which numbers of the list's items are its parts, in ``parts_segments``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cues import cues
from ..document import Document, Sentence
from ..fields import names_difference
from .interval import total as sum_of
from .model import Breakdown, Statement, list_places
from .parts_closed import ClosedLists
from .parts_counted import counted_apart, counted_by_items
from .parts_ends import beside as beside_item
from .parts_ends import first_opens_list, unsure_end
from .parts_labelled import labelled_lists
from .parts_levels import down_to_local
from .parts_previous import PreviousWholes
from .parts_rules import EXHAUSTIVE_CUES as _EXHAUSTIVE_CUES
from .parts_rules import (
    before_comparison,
    can_hold,
    central_and_local,
    closed_at_break,
    mixed_kinds,
    outermost,
    overlapping,
    posts_and_heads,
    stages_of_one_fund,
    totals_in_order,
)
from .parts_rules import compatible as _compatible
from .parts_segments import SegmentParts

_CUES = cues(__name__)
_REST = ("unspent", "unspent_part")  # the 口径 of money left over (结余, 结转)


class BreakdownFinder(SegmentParts, ClosedLists, PreviousWholes):
    """Finds breakdowns in one document from its statements (sorted by position)."""

    _openers = _CUES.openers

    def __init__(self, doc: Document, statements: list[Statement]) -> None:
        self.doc = doc
        self.statements = sorted(statements, key=lambda s: s.span)
        self.by_sentence: dict[int, list[Statement]] = {}
        for s in self.statements:
            if s.sentence is not None:
                self.by_sentence.setdefault(id(s.sentence), []).append(s)
        self.sentences = doc.sentences
        self._index = {id(s): k for k, s in enumerate(self.sentences)}
        self._totals: list[Statement] = []
        self._unread = 0  # items of the last list read (``_parts``) whose amount was not taken as a part
        self._past: set[int] = set()  # totals read past a sentence naming the rest (``_past_the_rest``)

    def find(self) -> list[Breakdown]:
        found: list[Breakdown] = []
        for sentence in self.sentences:
            own = self.by_sentence.get(id(sentence), [])
            for match in _CUES.openers.finditer(sentence.text):
                labelled = self._labelled(sentence, own, match)
                if labelled is not None:
                    found.extend(labelled)
                    continue
                breakdown = self._opened(sentence, own, match)
                if breakdown is not None:
                    found.append(breakdown)
                    found.extend(self._paired(sentence, own, match, breakdown))
            found.extend(self._closed(sentence, own))
            found.extend(self._bracketed(sentence, own))
        taken = {p.span for b in found for p in b.parts} | {b.total.span for b in found}
        found.extend(counted_apart(self.doc, self.statements, taken))
        found.extend(counted_by_items(self.doc, self.statements, found, taken))
        return outermost([b for b in found if not mixed_kinds(b.parts) and not overlapping(self.doc.text, b)])

    # --- "total, 其中 parts" -----------------------------------------------------------------------------

    def _opened(
        self, sentence: Sentence, own: list[Statement], match: re.Match[str], kind: str | None = None
    ) -> Breakdown | None:
        """The list after a cue, and its total: the nearest number before the cue (of ``kind``, if given) that can
        be their whole."""
        cue_at = sentence.start + match.start()
        candidates = self._totals_before(sentence, own, match)
        if kind is not None:
            candidates = [c for c in candidates if c.kind == kind]
        bare = _CUES.bare_number_end.search(sentence.text[: match.start()])
        if bare is not None and all(s.span[1] <= sentence.start + bare.start() for s in candidates):
            return (
                None  # "编制18人,人数37,其中…": the list's whole is the unitless 37, not the 18人 before it
            )
        region_start = sentence.start + match.end()
        rest = sentence.text[match.end() :].strip(" \u3000")
        inline = bool(rest) and not _CUES.lead_in.fullmatch(rest)  # "用于以下三项：" then one item a line
        ordered = totals_in_order(candidates, self.statements, region_start)
        self._totals = ordered
        if (
            candidates
            and match.group("cue") == "即"
            and not self.doc.text[candidates[-1].span[1] : cue_at].strip(" ,，")
        ):
            # "一是…风险基金2,531.96万元,即A…、B…": 即 restates the amount right before it, whatever its 口径
            ordered = [c for c in ordered if c is not candidates[-1]] + [candidates[-1]]
        first = self._read_for(sentence, own, match, ordered, region_start, inline)
        if first is None and kind is None:
            first = self._money_handed_out(sentence, own, match, candidates, region_start, inline)
        if first is None:
            return None
        return self._summed_to(sentence, own, match, ordered, first, region_start, inline) or first

    def _summed_to(
        self,
        sentence: Sentence,
        own: list[Statement],
        match: re.Match[str],
        ordered: list[Statement],
        first: Breakdown,
        region_start: int,
        inline: bool,
    ) -> Breakdown | None:
        """A list after several amounts of one sentence belongs to the amount its parts add up to, not to the nearest:
        "实际支出1,279,850.60元，执行率99.49%，结余6,549.40元。其中：助学金1,072,000.00元；住宿费207,850.60元" lists
        the spending. When the parts do not make up the nearest total and make up exactly one other amount of its
        sentence, read with the same parts, that one is the list's whole. Money: the stages of one fund (budget,
        spent, left) are amounts of one sentence. Counts beside each other are of different things: the list goes to
        another count only when the nearest names a thing of its own (its noun written after it) that the other does
        not count: "共确定奖补项目32个，涉及7个乡镇18个村，其中道路项目19个、水利项目8个、文体项目5个" lists the 32
        projects, not the 18 villages; parts that name the nearest's noun ("其中道路村9个") count it, and stay with it.
        Counts of people (编制3人，实有4人，其中…) name no such noun: posts and heads, the list stays with the nearest."""
        noun = first.total.extra.get("noun") if first.total.kind == "count" else None
        counts = bool(noun) and not any(_names(self.doc.text, p, noun) for p in first.parts)
        if (first.total.kind != "amount" and not counts) or _adds_up(first):
            return None
        spans = [p.span for p in first.parts]
        found = []
        for other in ordered:
            if (
                other is first.total
                or other.kind != first.total.kind
                or other.sentence is not first.total.sentence
            ):
                continue
            if counts and (
                other.unit != first.total.unit or other.extra.get("noun") == first.total.extra.get("noun")
            ):
                continue
            reading = self._read_for(sentence, own, match, [other], region_start, inline)
            if reading is not None and [p.span for p in reading.parts] == spans and _adds_up(reading):
                found.append(reading)
            elif (
                reading is None
                and not counts
                and other.span[0] > first.total.span[0]
                and _adds_up(replace(first, total=other))
            ):
                # "年初预算A万元，…追加…，全年可支配资金合计B万元。按收入性质分：…" making up B exactly: the list is of
                # the nearer whole, though its name reads as another 口径 than its items'
                found.append(replace(first, total=other))
        return found[0] if len(found) == 1 else None

    def _read_for(
        self,
        sentence: Sentence,
        own: list[Statement],
        match: re.Match[str],
        ordered: list[Statement],
        region_start: int,
        inline: bool,
    ) -> Breakdown | None:
        """The list after the cue read for the likeliest of ``ordered`` (last first) that can be its whole."""
        cue_at = sentence.start + match.start()
        lists_own = False
        for total in reversed(ordered):
            if total.role not in ("value", "timed") or total.field in ("change", "difference", "unit_price"):
                continue
            if self._average(total):
                continue  # "人次均救助水平约1,449元": a quotient, no whole of the money listed by kind
            if total.kind == "count" and names_difference(self.doc.text[sentence.start : total.span[0]]):
                continue  # "建成32个，超出计划2个，其中A区6个…": the excess is no whole its list splits
            if inline:
                readings = self._inline_segments(sentence, own, region_start)
                # only a list the cue introduces with a colon runs on; an item of an outer list ("其中：30万元用于
                # A；") carries no list of its own over the next items
                outer = _CUES.openers.search(sentence.text[: match.start()])
                colon = match.group(0).rstrip().endswith((":", "："))
                # "其中老年人福利类675.2万元，用于…；残疾人福利类90万元…；": a 其中 whose sentence holds one item only
                # names no list there, so the ；-ended sentences after it are its items as with a colon
                # … or, with no colon, one item and its own list (第一批9910万元,分别支持…;第二批…): which amount of each
                # ；-ended sentence is the item is then a reading, so the breakdown is loose
                lone = match.group("cue") == "其中" and self._lone_item(own, total, region_start)
                lists_own = (
                    match.group("cue") == "其中"
                    and not lone
                    and not colon
                    and first_opens_list(self.doc.text, self._after_cue(own, total, region_start))
                )
                on_items = (colon or lone or lists_own) and not outer
                carried = self._carried_on(sentence, own) if on_items else None
                if carried is not None:
                    on = self._inline_segments(*carried, region_start)
                    if lone and not colon:
                        # "其中刑事案件1,046件；各级调解组织调处纠纷8,762件": a figure of a later sentence above the
                        # whole by itself is no share of it; the lone item's list does not run on there
                        on = [r for r in on if not _beyond_whole(total, r, sentence.end)]
                    # "其中:一般债券4425万元,…借款190万元;专项债券6238万元。": items split by commas and by the ；
                    # that ends the sentence are one list ("A、B、C；D、E、F。": six items) — unless an item opens a list
                    # of its own
                    nested = _CUES.openers.search(self.doc.text[region_start : carried[0].end])
                    readings = on[:1] + (on[-1:] if nested is None else []) + readings
                if self._numbered_list(sentence.text[match.end() :]):
                    readings.insert(0, self._enumerated(sentence, own, region_start))
            else:
                readings = [self._following_lines(sentence, total)]
            chosen = self._best_reading(total, readings, region_start)
            parts = before_comparison(closed_at_break(self.doc.text, total, chosen[1])) if chosen else None
            cue = match.group("cue")
            instalments = _CUES.in_instalments.match(cue) is not None
            beside = next((k for k, p in enumerate(parts or []) if k and beside_item(self.doc.text, p)), None)
            if parts and beside is not None and beside >= 2 and not instalments and cue in _EXHAUSTIVE_CUES:
                parts = parts[:beside]  # "分别为A、B、C，另安排D": D is money beside the list the cue closes
            # "共涉及4个项目:" says its items are projects: a total read as one project holds them all the same
            held = parts is not None and (can_hold(total, parts) or bool(_CUES.projects_counted.search(cue)))
            if not held or self._levels_of_a_tree(parts):
                continue
            if total.field in _REST and self._spent_beside(parts, ordered):
                continue  # "支出合计2,886.25万元，…结余43.75万元。具体为：1.…发放…474.62万元": items spent, not the rest
            if posts_and_heads(self.doc.text, total, parts) or stages_of_one_fund(parts):
                continue
            exhaustive = (
                cue in _EXHAUSTIVE_CUES
                or "来源" in cue  # "…万元，资金来源为：A、B、C": where all the money came from
                or cue.startswith("按")
                or instalments  # "分两笔下达我局：" — the parts are the whole
                or self._count_says(total, len(parts), parts[0].span[0])
                or self._rest_item(parts[-1])
                or central_and_local(self.doc.text, parts, total)
            )
            levels = not exhaustive and down_to_local(parts)
            numbered = (
                inline and self._numbered_list(sentence.text[match.end() :]) and chosen[0] is readings[0]
            )
            items = len(readings[0]) if numbered and chosen else 0
            # whether a carried-in balance is inside the budget or beside it is a reading, not the text's arithmetic;
            # so is where a list ends when another list opens in it or it opens inside another ("人员培训50万元，
            # 其中培训教材30万元，日常运维30万元": is 日常运维 the outer list's or the inner one's?)
            carried = any(self._carried_in(total, p) for p in parts) or unsure_end(
                self.doc.text, self.statements, sentence, cue_at, parts, _CUES.openers
            )
            # "其中A，另B": whether B is one more part or money beside them is a reading (分两笔…另… is the second)
            carried = carried or (not instalments and any(beside_item(self.doc.text, p) for p in parts[1:]))
            carried = carried or (inline and lists_own)
            carried = carried or id(total) in self._past
            return Breakdown(
                total,
                tuple(parts),
                exhaustive or levels,
                cue,
                loose=carried,
                assumed_whole=levels,
                items=items,
                unread=self._unread if chosen else 0,
            )
        return None

    def _money_handed_out(
        self,
        sentence: Sentence,
        own: list[Statement],
        match: re.Match[str],
        candidates: list[Statement],
        region_start: int,
        inline: bool,
    ) -> Breakdown | None:
        """ "2019年全年预算876.40万元，其中…。…资金安排到8所学校，具体为：A 142.50万元、…": a clause that hands the
        money, written with no amount, to a count of recipients lists what each got; the money is the one amount the
        sentence before states ahead of its own list (its 其中 shares are not it). Which sentence holds the whole is a
        reading, so the breakdown is loose: a doubt, never a proof."""
        if not candidates or any(c.kind != "count" for c in candidates):
            return None
        if not _CUES.money_to_counted.search(sentence.text[: match.start()]):
            return None
        wholes = [c for c in self._previous_quantities(sentence) if c.kind == "amount"]
        if wholes and wholes[0].sentence is not None:
            opened = _CUES.openers.search(wholes[0].sentence.text)
            if opened is not None:
                cut = wholes[0].sentence.start + opened.start()
                wholes = [w for w in wholes if w.span[1] <= cut]
        if len(wholes) != 1:
            return None
        self._past.add(id(wholes[0]))
        return self._read_for(sentence, own, match, wholes, region_start, inline)

    def _paired(
        self, sentence: Sentence, own: list[Statement], match: re.Match[str], first: Breakdown
    ) -> list[Breakdown]:
        """ "资金4.54亿元,涉及4个部门,9个项目。其中:A 6个2.886亿元、B 1个0.209亿元…": items that each write a count
        and right after it an amount split both wholes; the list read for the count total is read again for an
        amount total before the cue. Only when every count part is followed, with nothing between, by its amount."""
        if first.total.kind != "count":
            return []
        text = self.doc.text
        amounts = []
        for part in first.parts:
            after = next((s for s in self.statements if s.span[0] >= part.span[1]), None)
            if after is None or after.kind != "amount" or text[part.span[1] : after.span[0]].strip():
                return []
            amounts.append(after.span)
        second = self._opened(sentence, own, match, kind="amount")
        if second is None or [p.span for p in second.parts] != amounts:
            return []
        return [second]

    def _lone_item(self, own: list[Statement], total: Statement, start: int) -> bool:
        """Is the one number after the cue at ``start`` in its sentence of the total's kind? Numbers in brackets
        are that item's own split ("其中中央资金776.84万元(一般公共预算:323.97万元;彩票公益金:452.87万元);")."""
        after = [s for s in own if s.span[0] >= start and s.role != "aside"]
        return len(after) == 1 and after[0].kind == total.kind

    def _after_cue(self, own: list[Statement], total: Statement, start: int) -> list[Statement]:
        """The numbers after the cue at ``start`` in its sentence, of the total's kind, first one of its 口径."""
        after = [s for s in own if s.span[0] >= start and s.role != "aside" and s.kind == total.kind]
        return after if after and _compatible(total, after[0]) else []

    def _totals_before(
        self, sentence: Sentence, own: list[Statement], match: re.Match[str]
    ) -> list[Statement]:
        """The numbers that may be a cue's total: its sentence's before it, else the sentence before's."""
        cue_at = sentence.start + match.start()
        candidates = [s for s in own if s.span[1] <= cue_at and s.kind in ("amount", "count")]
        lead = sentence.text[: match.start()].strip(" \u3000，,。")
        # "…预算数2,846.70万元，其中中央…。按子项目安排如下：": a key the money is split by, of the sentence before's whole
        keyed = _CUES.lead_key.fullmatch(lead) is not None
        if not candidates and (not lead or keyed or _CUES.lead_subject.fullmatch(lead)):
            candidates = self._previous_quantities(sentence, match.group("cue").startswith("按") or keyed)
            if lead and len(candidates) != 1:
                candidates = []  # "…80万元。资金主要用于：…" names no total: only a lone one is certainly it
            if lead and "用于" in match.group("cue"):
                # "未拨付的12.5万元已结转下年。资金主要用于A…、B…": what the money was used for is of the money used,
                # not of the rest left unpaid the sentence before names
                candidates = [c for c in candidates if c.field not in _REST]
            spending = self._spending_after(own, cue_at) or _CUES.lead_spent.search(lead) is not None
            if candidates and all(c.field in _REST for c in candidates) and spending:
                candidates = self._past_the_rest(candidates[0])
        return candidates

    def _spent_beside(self, parts: list[Statement], ordered: list[Statement]) -> bool:
        """Are the parts money spent while another candidate is the amount spent? Then the list splits that
        spending, not the rest left over that happens to be named last."""
        return any(p.field == "executed" for p in parts) and any(
            o.kind == "amount" and o.field == "executed" and o.role == "value" for o in ordered
        )

    def _spending_after(self, own: list[Statement], cue_at: int) -> bool:
        """Does the list after the cue name an item as money spent ("…，其他支出405.10万元")?"""
        return any(s.span[0] >= cue_at and s.kind == "amount" and s.field == "executed" for s in own)

    def _past_the_rest(self, rest: Statement) -> list[Statement]:
        """ "全年支出X万元；年末结余Y万元结转下年。其中：A…，其他支出D": a list that names an item as spending is of the
        money spent, not of the rest the sentence before names; its whole is the spending of the sentence before that
        (same paragraph). Which sentence holds the whole is then a reading: a finding on it is a doubt."""
        if rest.sentence is None:
            return []
        spent = [
            c
            for c in self._previous_quantities(rest.sentence)
            if c.kind == "amount" and c.field == "executed"
        ]
        self._past.update(id(c) for c in spent)
        return spent

    def _labelled(
        self, sentence: Sentence, own: list[Statement], match: re.Match[str]
    ) -> list[Breakdown] | None:
        """A list whose items repeat the labels of two or more totals of one unit (``parts_labelled``)."""
        cue_at, cue = sentence.start + match.start(), match.group("cue")
        stretch, listed = self._carried_on(sentence, own) or (sentence, own)

        def make(total: Statement, parts: list[Statement]) -> Breakdown | None:
            if not can_hold(total, parts):
                return None
            loose = unsure_end(self.doc.text, self.statements, sentence, cue_at, parts, _CUES.openers)
            return Breakdown(total, tuple(parts), cue in _EXHAUSTIVE_CUES, cue, loose=loose)

        # numbers before an earlier cue of the sentence are that list's, not wholes of this one
        earlier = [sentence.start + m.end() for m in _CUES.openers.finditer(sentence.text, 0, match.start())]
        totals = [
            s for s in self._totals_before(sentence, own, match) if s.span[0] >= max(earlier, default=0)
        ]
        region = (sentence.start + match.end(), stretch.end)
        return labelled_lists(self.doc.text, totals, listed, region, make)

    def _count_says(self, total: Statement, parts: int, first: int | None = None) -> bool:
        """ "项目14个，资金289.9965万元，其中：" or "资金614.015万元，实施项目10个，分别是：" and as many items: the
        count before the list says it is complete."""
        if total.sentence is None:
            return False
        limit = total.span[0] if first is None else first
        return any(
            s.kind == "count" and s.value == parts and s.span[1] <= limit
            for s in self.by_sentence.get(id(total.sentence), [])
        )


def _beyond_whole(total: Statement, reading: list[list[Statement]], end: int) -> bool:
    """Does a reading carried past the cue's sentence (``end``) hold a figure of the total's kind above the whole
    by itself? No part exceeds its whole: that sentence states something else."""
    whole = total.interval()
    return any(
        s.span[0] >= end and s.kind == total.kind and whole.below(s.interval())
        for item in reading
        for s in item
    )


def _names(text: str, part: Statement, noun: str) -> bool:
    """Does the count ``part`` count ``noun``, written right before it ("道路村9个") or after it ("9个村")?"""
    return part.extra.get("noun") == noun or text[max(0, part.span[0] - len(noun)) : part.span[0]] == noun


def _adds_up(breakdown: Breakdown) -> bool:
    """Do the parts, at the precision they are written, make up the total?"""
    places = list_places(list(breakdown.parts))
    return sum_of([p.interval(places) for p in breakdown.parts]).overlaps(breakdown.total.interval())
