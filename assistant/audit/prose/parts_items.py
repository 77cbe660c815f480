"""What an item's own clause says of it in a list after a total: a project's share named before its amount, the
rest of the total (剩余…), a kind of budget spending, money carried in, an amount inside the item before it (含…), a
口径 taken from the words before the list cue, a level of one hierarchy, an item that names the rest (其他), a test
result of the item before it (样品1,500份、合格1,296份), or the base or change of a comparison (较上年X增加Y).

Why apart: these are the tests ``parts.BreakdownFinder`` and ``parts_closed.ClosedLists`` ask of each item, each a
reading of the few words right before one amount; the finder itself reads where lists open and end.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cues import cues
from ..document import Document
from ..fields import AMOUNT_FIELDS, nearest_keyword
from .model import Statement
from .parts_rules import BUDGET_FAMILY as _BUDGET_FAMILY
from .parts_rules import carried_in
from .parts_rules import compatible as _compatible

_CUES = cues(__name__)


class ItemClauses:
    """The clause tests of one list item, over the document a ``BreakdownFinder`` holds."""

    doc: Document

    def _project_amount(self, total: Statement, item: Statement) -> bool:
        """ "其中支持融资服务专项资金项目1996.5万元": an amount right after a project's name is that project's share,
        though the name holds a 口径 word (资金)."""
        clause = self._clause_before(item, "，,；;、:：")
        return (
            total.kind == item.kind == "amount"
            and clause is not None
            and bool(_CUES.project_named.search(clause))
            and _compatible(total, replace(item, field=None))
        )

    def _rest_of(self, total: Statement, item: Statement) -> bool:
        """ "A村30万元，…，剩余10万元用于管理费": the rest of the total is its last part, whatever 口径 it reads as."""
        return self._named_rest(item) and _compatible(total, replace(item, field=None))

    def _rest_still_due(self, total: Statement, item: Statement) -> bool:
        """ "实际到位1500万元，其中…县级配套到位200万元，剩余100万元于次年1月拨付到位": the rest the words after it say
        came after the year (or has not come) is no part of the money that arrived."""
        return (
            total.field == "arrived"
            and self._named_rest(item)
            and bool(_CUES.not_yet_arrived.match(self.doc.text[item.span[1] : item.span[1] + 40]))
        )

    def _named_rest(self, item: Statement) -> bool:
        """Does the item's clause name it the rest (剩余, 其余…)?"""
        clause = self._clause_before(item, "，,；;、:：")
        return clause is not None and bool(_CUES.rest_of_total.match(clause.strip()))

    def _budget_kind(self, total: Statement, item: Statement) -> bool:
        """ "总预算为2455.5万元，其中部门预算项目支出87.5万元，专项预算支出2350万元": an item named as a kind of
        budget spending (…预算…支出) is a share of the budget, though 支出 reads as money spent."""
        clause = self._clause_before(item, "，,；;、:：")
        return (
            total.field in _BUDGET_FAMILY
            and item.field == "executed"
            and clause is not None
            and bool(_CUES.budget_kind.search(clause))
        )

    def _carried_in(self, total: Statement, item: Statement) -> bool:
        clause = self._clause_before(item, "，,；;、:：")
        return clause is not None and carried_in(self.doc.text, total, item, clause)

    def _within(self, item: Statement) -> bool:
        """ "A工程30万元，含设计费5万元；": an amount its clause says is inside the item before it. So is every
        amount of the run the 含 opens, up to the next ，；： ("B补贴480万元，含一级补贴228万元、二级补贴252万元；":
        both split B, neither is an item of the outer list)."""
        if item.sentence is None:
            return False
        head = self.doc.text[item.sentence.start : item.span[0]]
        clause = re.split("[，,；;、:：]", head)[-1]
        run = re.split(r"[，；;:：]|(?<!\d),(?!\d)", head)[-1]  # not the comma of "2,276,640元"
        return bool(_CUES.within_item.match(clause.strip()) or _CUES.within_item.match(run.strip()))

    def _result_of_item(self, total: Statement, item: Statement) -> bool:
        """ "抽检样品2,400份，其中口蹄疫样品1,500份、合格1,296份": a clause that is only a test result (合格, 达标…)
        right after an item of its own name counts some of that item, not one more item. Not when the item before is
        the total itself or a result too ("样品1,400份，其中合格1,296份、不合格104份" splits the whole by result)."""
        if item.sentence is None:
            return False
        head = self.doc.text[item.sentence.start : item.span[0]]
        clauses = re.split(r"[，；;、:：]|(?<!\d),(?!\d)", head)  # not the comma of "1,500份"
        if len(clauses) < 2 or not _CUES.test_result.match(clauses[-1].strip()):
            return False
        before = clauses[-2]
        before_start = item.span[0] - len(clauses[-1]) - 1 - len(before)
        label = re.split(r"\d", before, maxsplit=1)[0]
        return (
            total.span[1] <= before_start
            and re.search(r"\d", before) is not None
            and not _CUES.test_result.match(label.strip())
        )

    def _field_from_before(self, total: Statement, item: Statement, start: int | None) -> bool:
        """ "6800万元进行了合理分解,已全部分解到位,其中石家庄市780万元、…": an item whose own words after the list
        cue name no 口径 took one from the words before the cue, which speak of the total; it is a part."""
        if start is None or item.span[0] < start or item.kind != "amount" or total.kind != "amount":
            return False
        own = self.doc.text[start : item.span[0]]
        return nearest_keyword(own, AMOUNT_FIELDS) is None and _compatible(total, replace(item, field=None))

    def _clause_before(self, statement: Statement, marks: str) -> str | None:
        """The words between the last of ``marks`` and the number, in the number's sentence."""
        if statement.sentence is None:
            return None
        return re.split(f"[{marks}]", self.doc.text[statement.sentence.start : statement.span[0]])[-1]

    def _levels_of_a_tree(self, parts: list[Statement]) -> bool:
        """ "共设12个指标，其中一级指标3个，二级指标9个，三级指标12个": counts of the levels of one hierarchy, each
        level nested in the one above, are no parts of a sum."""
        clauses = [self._clause_before(p, "，,；;、:：") or "" for p in parts]
        return sum(1 for c in clauses if _CUES.tree_level.search(c)) >= 2

    def _rest_item(self, part: Statement) -> bool:
        """Does the last item name the rest (其他, 及以上, 上年结转)? Then the list is the whole."""
        clause = self._clause_before(part, "，,；;、:：（(")
        return clause is not None and bool(_CUES.rest_item.search(clause))

    def _of_a_change(self, s: Statement) -> bool:
        """ "项目支出较上年10,952.70万元增加1,533.60万元": the base of a comparison and the change are no whole a
        split in the next sentence ("按资金来源分：…") can be of."""
        if s.sentence is None:
            return False
        return bool(_CUES.change_or_base.search(self.doc.text[s.sentence.start : s.span[0]][-12:]))
