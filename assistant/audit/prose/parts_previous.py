"""Which sentence before a list holds the whole it splits: a list opening its own sentence ("其中：", "按X分：")
lists the amounts of the sentence before, or of the one before that when a 其中 sentence, a sentence naming the
kinds, or counts and an average per head stand between; sibling splits ("按方向分…；按单位分…") split one whole.
A mixin of ``parts.BreakdownFinder``, apart from it to keep that module small.
"""

from __future__ import annotations

import re

from ..cues import cues
from ..document import Sentence
from .model import Statement
from .parts_items import ItemClauses

_CUES = cues(__name__)


class PreviousWholes(ItemClauses):
    """The sentences before a list, over the document a ``BreakdownFinder`` holds."""

    sentences: list[Sentence]
    by_sentence: dict[int, list[Statement]]
    _index: dict[int, int]
    _openers: re.Pattern[str]  # the cues that open a list after its total (``parts``)

    def _average(self, statement: Statement) -> bool:
        """Is the amount an average per head or per visit ("人次均救助水平约1,449元")?"""
        if statement.field == "unit_price":
            return True
        start = statement.sentence.start if statement.sentence is not None else 0
        return bool(_CUES.average_before.search(self.doc.text[start : statement.span[0]]))

    def _previous_quantities(self, sentence: Sentence, split: bool = False) -> list[Statement]:
        """ "…全年预算数合计429.17万元，…。其中：", "建设任务594户；其中…": the amounts and counts of the sentence
        before, same paragraph. A split "按X分," after sibling splits ("合计172万元。按方向分,…;按单位分,…58万元;
        按年度分,…") splits the same whole: the sentence before the first of them."""
        k = self._index[id(sentence)]
        if split:
            k = self._past_items(k)
        while split and k > 1 and self._splits(self.sentences[k - 1], self.sentences[k]):
            k -= 1
        if k == 0:
            return []
        first, previous = self.sentences[k], self.sentences[k - 1]
        if previous.para_start != first.para_start and previous.para_end + 1 != first.para_start:
            return []
        ahead = self.sentences[k - 2] if k >= 2 else None
        if ahead is not None and previous.text.startswith("其中") and ahead.para_start == previous.para_start:
            previous = ahead  # "…共X万元。其中:A…,B…。各项目如下:": the list is of the whole
        own = [
            s
            for s in self.by_sentence.get(id(previous), [])
            if s.kind in ("amount", "count") and not self._of_a_change(s)
        ]
        opened = self._openers.search(previous.text)
        if split and opened is not None:
            # "资金1236万元，分两批下达：提前下达868万元，正式下达368万元。按支出方向分，…": the sentence before holds a
            # split of its own; a second split is of the same whole, not of that split's last item
            own = [s for s in own if s.span[1] <= previous.start + opened.start()] or own
        if (
            ahead is not None
            and ahead.para_start == previous.para_start == sentence.para_start
            and not any(s.kind == "amount" for s in own)
            and _CUES.kinds_named.search(previous.text)
        ):
            # "实际支出共计5353.48万元。扶持项目分为三大类:一是…。其中A 1650万元、…": a sentence naming the kinds the
            # money went to, with no amount of its own, stands between the whole and its list
            own += [s for s in self.by_sentence.get(id(ahead), []) if s.kind == "amount"]
        elif (
            ahead is not None
            and previous.para_start in (ahead.para_start, ahead.para_end + 1)
            and any(s.kind == "amount" for s in own)
            and all(s.kind == "count" or self._average(s) for s in own)
        ):
            # "全年共支出412.38万元…。⏎全年共实施救助2,846人次，人次均救助水平约1,449元。按救助类型分：…": counts and
            # an average per head stand between the money and its split; the money is the sentence before
            own = own + [s for s in self.by_sentence.get(id(ahead), []) if s.kind == "amount"]
        return own

    def _past_items(self, k: int) -> int:
        """ "全年支出A万元。按用途分：⏎1.…⏎2.…⏎3.…⏎按拨付时间分：…": a split right after the item lines of a sibling
        split splits that split's whole, not its last item: the index of that sibling's opening sentence, else ``k``."""
        j = k
        while j > 1 and _CUES.item_line.match(self._line(self.sentences[j - 1])):
            j -= 1
        if j == k or self.sentences[j - 1].para_end + 1 < self._line_start(self.sentences[j]):
            return k
        head = self._joined(self.sentences[j - 1]).lstrip()
        cue = self._openers.match(head)
        opens = cue is not None and cue.group("cue").startswith("按") and cue.end() >= len(head.rstrip())
        return j - 1 if opens else k

    def _line_start(self, line: Sentence) -> int:
        """Where the text line holding ``line`` starts."""
        return self.doc.text.rfind("\n", 0, line.start) + 1

    def _line(self, line: Sentence) -> str:
        """The text line holding ``line``, from its start up to the sentence's end."""
        return self.doc.text[self._line_start(line) : line.end]

    def _splits(self, line: Sentence, sentence: Sentence) -> bool:
        """Does ``line``, of ``sentence``'s paragraph or the line right before it, open with a split of its own
        ("按X分", or "分X看：" listing the same whole by another key: "全区共支出A。⏎分镇看：甲镇支出…。⏎按用途分，…")?"""
        if line.para_start != sentence.para_start and line.para_end + 1 != sentence.para_start:
            return False
        text = self._joined(line).lstrip()
        cue = self._openers.match(text)
        by_key = cue is not None and cue.group("cue").startswith("按")
        return by_key or _CUES.split_view.match(text) is not None

    def _joined(self, line: Sentence) -> str:
        """The words from the start of the 。-ended sentence ``line`` ends, on its line: a split written over
        ；-joined pieces ("按支出性质分：基本支出…；项目支出…。") opens with its key in the first piece only."""
        head = max(self.doc.text.rfind("。", line.para_start, line.start) + 1, line.para_start)
        return self.doc.text[head : line.end]
