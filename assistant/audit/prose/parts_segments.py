"""Which numbers of a list's items are the parts of its total: one reading of the list (its items, as a split at
；, ， or 、 gives them) taken item by item — an item gives at most one part of the total's 口径, the list ends where a
clause turns away to progress or a new whole, and an item whose amount is of another 口径 is counted as unread (the
sum of the parts is then a lower bound) — and, of several readings, the one that reads the most and leaves none.

Why apart: ``parts.BreakdownFinder`` finds where a list opens and what its total is; ``parts_readings`` lays its items
out; ``parts_items`` tests one item's own clause; this module takes each reading's items as parts or not.
"""

from __future__ import annotations

from ..cues import cues
from .model import Statement
from .parts_ends import after_notice, opens, runs_into_nested, split_beside
from .parts_items import ItemClauses
from .parts_readings import ListReadings
from .parts_rules import PART_ROLES as _PART_ROLES
from .parts_rules import compatible as _compatible
from .parts_rules import denied
from .parts_rules import same_unit as _same_unit

_CUES = cues(__name__)


class SegmentParts(ListReadings, ItemClauses):
    """The parts a list's readings give, over the document a ``BreakdownFinder`` holds."""

    _unread: int  # items of the last list read (``_parts``) whose amount was not taken as a part
    _dropped: int = 0  # of them, items whose several amounts were cut down to the one of the total's 口径

    def _best_reading(
        self, total: Statement, readings: list[list[list[Statement]]], start: int
    ) -> tuple[list[list[Statement]], list[Statement]] | None:
        """The first reading that gives parts; but when it leaves an item unread, a later one that reads more parts
        and leaves none: "其中2021年省级资金A、中央资金B,2022年省级资金C、中央资金D" split at 、 alone leaves "B,2022年…C"
        one item of two amounts (unread); split at every mark it reads all four. Sets ``self._unread`` to the chosen
        reading's."""
        first: tuple[list[list[Statement]], list[Statement], int] | None = None
        for reading in readings:
            parts = self._parts(total, reading, start)
            if parts is None:
                continue
            if self._unread == 0 and (first is None or len(parts) > len(first[1])):
                self._unread = self._dropped  # the chosen reading's dropped items leave its sum a lower bound
                return reading, parts
            first = first or (reading, parts, self._unread + self._dropped)
        if first is None:
            return None
        self._unread = first[2]
        return first[0], first[1]

    def _parts(
        self, total: Statement, segments: list[list[Statement]], start: int | None = None
    ) -> list[Statement] | None:
        """The parts one reading of the list gives; ``self._unread`` counts its items left unread."""
        parts: list[Statement] = []
        self._unread = 0
        self._dropped = (
            0  # items whose amounts were dropped as of another 口径 (counted once a reading is chosen)
        )
        segments = split_beside(self.doc.text, segments)
        for k, segment in enumerate(segments):
            if segment and self._turns_away(segment[0]):
                break  # "…，截至目前已拨付106.36万元": the list has ended, the sentence goes on
            away = next((k for k, s in enumerate(segment) if k and self._turns_away(s, segment[k - 1])), None)
            if away is not None:  # "…第三批50万元，另安排…60万元" read in a 、 split: the list ends before 另
                segment = segment[:away]
            items = [
                s
                for s in segment
                if (
                    _compatible(total, s)
                    or self._kind_named(total, s)
                    or self._field_from_before(total, s, start)
                    or self._rest_of(total, s)
                    or self._budget_kind(total, s)
                    or s.extra.get("item") == "numbered"
                    or self._carried_in(total, s)
                    or self._project_amount(total, s)
                )
                and s.field != "unit_price"  # "小学每生每年720元，…计1,573.20万元": the standard, no part
                and not self._within(s)
                and not self._result_of_item(total, s)
                and not self._rest_still_due(total, s)
                and not denied(self.doc.text, total, s)
                and not self._of_a_change(
                    s
                )  # "公务接待费2.92万元，较上年3.40万元减少0.48万元": the item's comparison
            ]
            if len(items) > 1:
                # a balance brought in ("往年结余…0.1万元") is an item of a budget, as its own amounts are
                kept = [s for s in items if s.field == total.field or self._carried_in(total, s)]
                # an amount dropped here may be one more item the split did not part ("A收入18,879.06万元、B收入
                # 16,812.20万元以及其他收入129.03万元"): the sum is then a lower bound
                self._dropped += len(kept) < len(items)
                items = kept
            if len(items) > 1:
                return None  # an item with several amounts of the total's 口径: no safe reading
            # "中标价为2472551.80元,其中:A 1783575.80元,B 38976.00元;支付…50万元,…15万元": an item whose amount
            # was not read as a part (another 口径) leaves the sum a lower bound
            # a count of another unit ("离退休人员16人,其中:离休0人,退休16人,实有车辆6辆") is no item left unread
            self._unread += not items and any(
                s.kind == total.kind
                and s.role in _PART_ROLES
                and not self._within(s)
                and not self._result_of_item(total, s)
                and (s.kind != "count" or _same_unit(total, s))
                for s in segment
            )
            parts.extend(items)
            if away is not None and not self._more_items(total, segments[k + 1 :]):
                break
        return parts if len(parts) >= 2 and not runs_into_nested(self.doc.text, parts) else None

    def _more_items(self, total: Statement, rest: list[list[Statement]]) -> bool:
        """ "其中：A项目1个，总共投资200万元；…；美丽家园1个，共投资150万元；移民技能培训项目1个…": an item's own
        money (共投资…) ends that item, not the list, when the next segment opens with one more part."""
        return (
            bool(rest)
            and bool(rest[0])
            and _compatible(total, rest[0][0])
            and not self._turns_away(rest[0][0])
        )

    def _turns_away(self, first: Statement, before: Statement | None = None) -> bool:
        """Does ``first``'s clause open with progress or time words, or a notice stand after the item ``before``?"""
        text = self.doc.text
        return opens(text, first, _CUES.away) or (before is not None and after_notice(text, before, first))
