"""How the list after a cue is read (``parts``): on one line split at ；, ， or 、; carried over the sentences that
end in ；; one item a line below a "其中：" that closes its line; or numbered items "(1)…(2)…" running on.

Why apart: each reading is a way the text may have been laid out, tried in turn by ``BreakdownFinder``; what makes
the numbers found the parts of a total (``parts_rules``) is another question.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from ..cues import cues
from ..document import Document, Sentence
from .model import Statement
from .parts_ends import sub_breakdowns
from .parts_rules import PART_ROLES, kind_of_money
from .parts_rules import compatible as _compatible

_CUES = cues(__name__)


class ListReadings:
    """The readings of a list, over the document and statements a ``BreakdownFinder`` holds."""

    doc: Document
    sentences: list[Sentence]
    by_sentence: dict[int, list[Statement]]
    _index: dict[int, int]
    _totals: list[Statement]  # the numbers that may be the whole of the list being read

    def _kind_named(self, total: Statement, item: Statement) -> bool:
        """An item naming its money by a generic noun only (``kind_of_money``), when no other number that may be
        the list's whole has the item's own 口径: "项目支出13个,年初预算数16972.44万元,支出数15836.31万元,具体为:
        A专项资金3727万元、B经费143.83万元…" lists the projects' budgets, not a split of the spending."""
        return kind_of_money(self.doc.text, total, item) and not any(
            c is not total and _compatible(c, item) for c in self._totals
        )

    def _numbered_list(self, text: str) -> bool:
        """Does ``text`` (what follows a cue) open with an item number ("(1)", "1、")?"""
        return _CUES.enumerator.match(text) is not None

    def _carried_on(
        self, sentence: Sentence, own: list[Statement]
    ) -> tuple[Sentence, list[Statement]] | None:
        """ "其中：30万元用于A；30万元用于B；29.99万元用于C。": a list whose items end in ；, which ends a sentence,
        runs on over the paragraph's next sentences up to the one that closes with 。 — as one stretch."""
        k = self._index[id(sentence)]
        last, statements = sentence, list(own)
        while _CUES.item_end.search(last.text) and k + 1 < len(self.sentences):
            nxt = self.sentences[k + 1]
            if nxt.para_start != sentence.para_start:
                break
            last, k = nxt, k + 1
            statements += self.by_sentence.get(id(nxt), [])
        if last is sentence:
            return None
        return replace(sentence, end=last.end), statements

    def _inline_segments(
        self, sentence: Sentence, own: list[Statement], start: int
    ) -> list[list[list[Statement]]]:
        """The list after the cue split into items on ；, on ，, on 、: each split is one possible reading."""
        region = self.doc.running(start, sentence.end)
        end = sentence.end
        # "用于以下项目:1、…1.5万元,2、…1.5万元": items numbered after a lead-in are this list's, not a new section
        lead = _CUES.lead_before_items.match(region)
        numbered = _CUES.enumerator.match(region[lead.end() :] if lead else region)
        section = None if numbered else _CUES.section_marker.search(region)
        if section is not None:
            region, end = region[: section.start()], start + section.start()
        head = self.doc.text[sentence.start : start]
        last_open = max(
            head.rfind("（"), head.rfind("(")
        )  # the nearest bracket, whatever noise comes before it
        if last_open >= 0 and not re.search(r"[）)]", head[last_open:]):
            # "…（其中人工费10万元），路灯…": a list in brackets ends with them
            if (close := re.search(r"[）)]", region)) is not None:
                region, end = region[: close.start()], start + close.start()
        inner = [(start + lo, start + hi) for lo, hi in sub_breakdowns(region)]
        after = [
            s for s in own if start <= s.span[0] < end and not any(lo <= s.span[0] < hi for lo, hi in inner)
        ]
        readings = []
        for splitter in _CUES.segment_splits:
            bounds = [start] + [start + m.end() for m in splitter.finditer(region)] + [end + 1]
            readings.append([[s for s in after if lo <= s.span[0] < hi] for lo, hi in pairwise(bounds)])
        return readings

    def _following_lines(self, sentence: Sentence, total: Statement) -> list[list[Statement]]:
        """ "其中：" closing a line: the following lines, one item each, while each states a part."""
        k = self._index[id(sentence)] + 1
        segments: list[list[Statement]] = []
        paragraph = sentence.para_start
        heading_starts = [h.start for h in self.doc.headings]
        while k < len(self.sentences):
            line = self.sentences[k]
            if any(self.sentences[k - 1].end <= h < line.start for h in heading_starts):
                break  # a heading ends the list
            if line.para_start == paragraph:
                k += 1
                continue  # a second sentence on the same line belongs to the item already taken
            paragraph = line.para_start
            if self._sibling_head(sentence, line):
                break  # "土壤污染防治类：…共1737万元…" then "大气污染防治类：…": the next whole, not an item
            own = self.by_sentence.get(id(line), [])
            items = [
                s for s in own if _compatible(total, s) or self._kind_named(total, s)
            ] or self._numbered_item(total, line, own)
            closed = self._line_subtotal(total, line, k)
            items = closed or items
            if not items:
                break
            segments.append(items)
            if not closed:
                segments.extend([s] for s in self._line_siblings(total, k, items[0]))
            k += 1
        return segments

    def _line_siblings(self, total: Statement, k: int, first: Statement) -> list[Statement]:
        """ "2.寄宿生生活补助：小学…发放144.20万元；初中…发放256.75万元；": a line whose ；-ended sentences each
        pay out one more amount of its first one's 口径 holds sub-items side by side; each is a part of the list, not
        a detail of the first (a 其中, 合计 or progress clause before the amount is one: no sibling)."""
        line = self.sentences[k]
        found: list[Statement] = []
        previous = line
        while k + 1 < len(self.sentences) and self.sentences[k + 1].para_start == line.para_start:
            k += 1
            sentence = self.sentences[k]
            if not _CUES.item_end.search(previous.text):
                break  # "。" ends the item's own list: what follows is a remark on it
            own = [
                s
                for s in self.by_sentence.get(id(sentence), [])
                if s.kind == total.kind and s.role in PART_ROLES and s.field == first.field
            ]
            head = self.doc.text[sentence.start : own[0].span[0]] if len(own) == 1 else ""
            if len(own) != 1 or _CUES.within_line.search(head) or not _compatible(total, own[0]):
                break
            found.append(own[0])
            previous = sentence
        return found

    def _line_subtotal(self, total: Statement, line: Sentence, k: int) -> list[Statement]:
        """ "2.照料护理补贴：全自理…支出158.16万元；半护理…支出121.92万元；全护理…支出72.96万元；照料护理补贴合计353.04
        万元。": a line whose later sentences close its own figures with a 合计 gives that subtotal as its item, not
        the first of the figures it sums."""
        later = []
        while k + 1 < len(self.sentences) and self.sentences[k + 1].para_start == line.para_start:
            k += 1
            later += self.by_sentence.get(id(self.sentences[k]), [])
        closed = [
            s
            for s in later
            if s.kind == total.kind
            and s.role in PART_ROLES
            and s.field in (total.field, None)
            and _CUES.line_subtotal.search(self.doc.text[s.sentence.start if s.sentence else 0 : s.span[0]])
        ]
        return closed[-1:]

    def _numbered_item(self, total: Statement, line: Sentence, own: list[Statement]) -> list[Statement]:
        """ "3、城乡就业工作经费5万元,用于…": a numbered line's one amount is the item's, though its name holds a
        口径 word (经费, 资金)."""
        amounts = [s for s in own if s.kind == "amount" == total.kind and s.role in PART_ROLES]
        if len(amounts) != 1 or not _CUES.enumerator.match(line.text):
            return []
        return [replace(amounts[0], extra={**amounts[0].extra, "item": "numbered"})]

    def _sibling_head(self, head: Sentence, line: Sentence) -> bool:
        """Does ``line`` open with a label of the kind that opens the total's own line ("土壤污染防治类：" and
        "大气污染防治类：")? It is the head of the next group, beside the total's, not one of its items."""
        first = _CUES.line_label.match(self.doc.text[head.para_start : head.end])
        second = _CUES.line_label.match(line.text)
        return first is not None and second is not None and first.group("kind") == second.group("kind")

    def _enumerated(self, sentence: Sentence, own: list[Statement], start: int) -> list[list[Statement]]:
        """ "分别是：(1)…20万元。(2)…102.04万元。…": the items run on over the paragraph's next sentences, each
        opening with its number."""
        segments = [[s for s in own if s.span[0] >= start]]
        k = self._index[id(sentence)] + 1
        while k < len(self.sentences):
            line = self.sentences[k]
            if line.para_start != sentence.para_start or not _CUES.enumerator.match(line.text):
                break
            segments.append(self.by_sentence.get(id(line), []))
            k += 1
        return segments
