"""Lists a report closes rather than opens: "发放总额3957.55万元(当年资金3904.82万元,上年结转资金52.73万元)" — the
parts in a bracket right after their total — and "A 30万元、B 20万元，合计50万元" — the parts written before a
合计 that sums them. A 合计 in a clause that opens with the rest (其余, 其他: "分别获得A、B和C，其余43个组织合计D")
sums the rest's own items: D is one more part, not the whole of A, B and C. A bracket that computes its number
("结余X（收入A减支出B）", "净值X（原值Y，累计折旧Z）") lists no parts. A 合计 in the clause a list cue opens ("调整后预算1,680万元，其中省级资金合计580万元") is a share of
the number before the cue, so it closes no list of the numbers before.

Why apart: these readings need no list cue after the total; ``parts.BreakdownFinder`` tries them on every sentence
beside the lists it finds after a cue.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..cues import cues
from ..document import Document, Sentence
from .model import Breakdown, Statement
from .parts_items import ItemClauses
from .parts_rules import BUDGET_FAMILY as _BUDGET_FAMILY
from .parts_rules import can_hold, denied
from .parts_rules import compatible as _compatible
from .parts_rules import same_unit as _same_unit

_CUES = cues(__name__)
CLOSER = _CUES.closer


class ClosedLists(ItemClauses):
    """The bracketed and 合计-closed lists of a sentence, over the document a ``BreakdownFinder`` holds."""

    doc: Document
    _openers: re.Pattern[str]  # the cues that open a list after its total (``parts``)

    # --- "total(part, part)" -----------------------------------------------------------------------------

    def _bracketed(self, sentence: Sentence, own: list[Statement]) -> list[Breakdown]:
        """ "发放总额3957.55万元(当年资金3904.82万元,上年结转资金52.73万元)": a bracket right after a total
        that lists two or more amounts of the same kind gives that total's parts; so does a bracket opening with 其中
        after the total's noun ("实施42个扶贫开发项目(其中中央资金用于24个…,省级资金用于5个…)")."""
        found = []
        text = self.doc.text
        for match in _CUES.bracketed.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            before = [
                s
                for s in own
                if s.span[1] <= start
                and (s.span[1] >= start - 1 or _CUES.named_then_split.match(text, s.span[1], end) is not None)
            ]
            if not before or before[-1].role != "value" or before[-1].kind not in ("amount", "count"):
                continue
            total = before[-1]
            # "到位资金343.50万元（…县级配套到位35.00万元，未到位资金5.00万元）": money not come is no part of it
            inside = [s for s in own if start < s.span[0] and s.span[1] < end and not denied(text, total, s)]
            parts = [
                replace(s, role="part")
                for s in inside
                if s.kind == total.kind and s.role == "aside" and (s.kind == "amount" or _same_unit(total, s))
            ]
            if len(parts) < 2 or len(parts) != len(inside) or not can_hold(total, parts):
                continue
            if _CUES.net_of.search(match.group(0)) or _CUES.arithmetic.search(match.group(0)):
                continue  # "净值X(原值Y，累计折旧Z)", "结余X（收入A减支出B）": X = Y − Z, no sum
            # after the noun, the bracket may sort the items by more than one feature (新建…，贫困村…): a doubt
            apart = total.span[1] < start - 1
            found.append(Breakdown(total, tuple(parts), self._rest_item(parts[-1]), "（）", loose=apart))
        return found

    # --- "parts, 合计 total" -----------------------------------------------------------------------------

    def _closed_counts(self, before: list[Statement], total: Statement) -> list[Statement]:
        """ "装修面积821平方米，利用原综合楼面积1844平方米，共计2665平方米": counts closed by a 合计 that opens its own
        clause are the run of counts in the total's unit right before it, with nothing else between. Not people
        (编制12人、在职12人、退休14人，共26人: posts and staff overlap), not changes ("退休3人、调入2人，调出1人，合计减少
        2人" nets), not a 共 inside a label's clause ("…和各类家庭共65个" is the last item's own count)."""
        text = self.doc.text
        if total.unit in ("人", "名", "人次") or not _CUES.clause_closer.search(
            text, max(0, total.span[0] - 12), total.span[0]
        ):
            return []
        run: list[Statement] = []
        for s in reversed(before):
            if s.role == "aside":
                continue
            if s.kind != "count" or not _compatible(total, s):
                break
            run.insert(0, s)
        if len(run) < 2 or _CUES.count_change.search(text, run[0].span[0], total.span[1]):
            return []
        return run

    def _closed(self, sentence: Sentence, own: list[Statement]) -> list[Breakdown]:
        """Parts written before a 合计 in the same sentence, counted from the previous total or list cue."""
        found = []
        start = 0
        # A cue inside brackets opens a list of that number's own parts; the number can still be one item here.
        unbracketed = _CUES.bracketed.sub(lambda m: " " * len(m.group()), sentence.text)
        cues = [sentence.start + m.end() for m in self._openers.finditer(unbracketed)]
        # "…总投资为1981.39万元,…,待支付前期费:预算审核费55,055元、…,合计1,356,090.00元": a label's colon opens the
        # list the 合计 closes (not an item's own "A项目：30万元")
        cues += [sentence.start + m.end() for m in _CUES.label_colon.finditer(unbracketed)]
        for k, total in enumerate(own):
            head = self.doc.text[sentence.start : total.span[0]]
            closer = CLOSER.search(head)
            if closer is None or total.kind not in ("amount", "count") or total.role != "value":
                # a list opened right after this number (before the next one): the number is its total, not a part;
                # a cue after the 合计 ("…,共计266.6万元,统筹用于…") opens nothing of these numbers
                upto = own[k + 1].span[0] if k + 1 < len(own) else sentence.end
                # "…C 19.9983万元,内容包括吊顶、硬化…,总计支出69.9776万元": a cue whose list holds no number
                # before the 合计 opens a description, not a list of other amounts
                described = (
                    k + 1 < len(own) and CLOSER.search(self.doc.text[sentence.start : upto]) is not None
                )
                opened = [c for c in cues if total.span[0] < c <= upto]
                # "调整后全年预算数为1,680.00万元，其中省级资金合计580.00万元": a 合计 in the cue's own clause is the
                # first item of the list the cue opens (a share of this number), not the whole of the numbers before
                described = described and not any(
                    _CUES.clause_mark.search(self.doc.text, c, upto) is None for c in opened
                )
                if opened and not described:
                    start = k + 1
                continue
            if _CUES.rest_clause.search(head):
                # "前三位分别获得A、B和C，其余43个组织获得补助合计D": D sums the rest's own items, one more part beside
                # the figures before it (of a whole that may follow), not their whole
                continue
            # "中央补助资金120万元，…县级配套资金35万元，共计225万元": a 合计 with no 口径 word of its own sums
            # parts of one 口径; an item with no 口径 word ("2020年下达50万元，2021年30万元") takes the others'
            # an aside in brackets ("134万元(其中…40万元)") is a part of its number, not of the 合计
            same = [s for s in own[start:k] if s.role != "aside" and _compatible(total, s)]
            # an item with no 口径 word, or one of the budget family under a budget total ("…下达资金合计2077万元，
            # …安排…资金312万元，年初预算合计2389万元"), is an item of the 合计 as well
            parts = [
                s
                for s in same
                if (
                    s.field in (total.field, None)
                    or total.field is None
                    or {s.field, total.field} <= _BUDGET_FAMILY
                )
                # "县级配套到位35.00万元，尚有5.00万元未到位，实际到位资金合计343.50万元": no part of what came
                and not denied(self.doc.text, total, s)
            ]
            fields = {s.field for s in parts} - {None}
            if total.kind == "count":
                parts = self._closed_counts(own[:k], total)
                if not parts:
                    start = k + 1
                    continue
            if len(parts) >= 2 and (len(fields) <= 1 or fields <= _BUDGET_FAMILY):
                # counts closed by 共计 may overlap ("党员5人，女性3人，共计…"): a doubt, never a proof
                # "中央、省级资金已全部到位，县级配套到位35万元…，实际到位资金合计343.50万元": sources said to have all
                # come, with no amount, are in the 合计 but in no part: the parts' sum is a lower bound
                unread = len(_CUES.arrived_unamounted.findall(head)) if total.field == "arrived" else 0
                found.append(
                    Breakdown(
                        total,
                        tuple(parts),
                        True,
                        closer.group(0).strip(),
                        loose=total.kind == "count",
                        unread=unread,
                    )
                )
                start = k + 1
            elif same:
                start = k + 1
            # else "中央年初下达资金合计2077万元，省内安排…312万元，年初预算合计2389万元": a 合计 with no parts before it
            # sums nothing here; it is one more item of the next 合计
        return found
