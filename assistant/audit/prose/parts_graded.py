"""Projects counted by grade: "项目共计113个,财政资金3267.28万元。其中绩效自评“优”的项目79个财政资金3038.38万元;
绩效自评“良”的项目11个财政资金201.9万元,…“差”的项目20个财政资金218.07万元", "48个项目评价等级为“优”有37个、评价
等级为“中”有5个、评价等级为“良”有6个".

Why a reader of its own: the buckets run on over ；, carry a count and an amount each, and no list cue ties them
(the generic list reader takes one amount per item and stops a 其中 list without a colon at the ；). A grade bucket
is a share of the projects graded: the counts are parts of the projects' count, the amounts parts of their money.
The money's list is complete only when the text's own counts say so (the buckets' counts sum to the total count:
every project is in a bucket); otherwise it is loose (a warning). A bucket is a grade followed by its count
("“优”的项目79个", "为“中”有5个"); a grade with no count after it ("4个项目评价等级为“优”") ends the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..cues import cues
from ..document import Document
from .model import Breakdown, Statement
from .parts_sections import field_written

_CUES = cues(__name__)


@dataclass(frozen=True)
class _Bucket:
    grade: str
    count: Statement
    amount: Statement | None
    start: int


def graded(doc: Document, statements: list[Statement], taken: set[tuple[int, int]]) -> list[Breakdown]:
    """Breakdowns of a total count (and its money) by grade buckets, for every run of two or more buckets."""
    found: list[Breakdown] = []
    for run in _runs(doc, statements):
        if len(run) < 2 or len({b.grade for b in run}) != len(run):
            continue
        total_count, total_amount = _totals(doc, statements, run[0].start)
        if total_count is not None and not _of_projects(doc, total_count):
            total_count = None  # "涉及单位5个": not the count the buckets split
        counts = tuple(b.count for b in run)
        if (
            total_count is not None
            and total_count.span not in taken
            and not any(c.span in taken for c in counts)
        ):
            found.append(Breakdown(total_count, counts, False, "等级"))
        amounts = tuple(b.amount for b in run if b.amount is not None)
        if total_amount is None or len(amounts) != len(run) or any(a.span in taken for a in amounts):
            continue
        whole = total_count is not None and sum(c.value for c in counts) == total_count.value
        # "资金100万元，已支付80万元。其中“优”的项目…资金X万元": a total of another 口径 is a reading, not proven
        whole = whole and len({field_written(doc, s) for s in (total_amount, *amounts)} - {None}) <= 1
        found.append(Breakdown(total_amount, amounts, whole, "等级", loose=not whole))
    return found


def _of_projects(doc: Document, count: Statement) -> bool:
    """Is the count one of projects ("项目共计113个", "48个项目")? Grade buckets split projects only."""
    clause = re.split(r"[，,；;：:。]", doc.text[: count.span[0]])[-1]
    return "项目" in clause[-12:] or doc.text[count.span[1] : count.span[1] + 2] == "项目"


def _runs(doc: Document, statements: list[Statement]) -> list[list[_Bucket]]:
    """Buckets in order, grouped while each follows the last closely (no 。, no other grade between)."""
    runs: list[list[_Bucket]] = []
    last_end = -1
    for match in _CUES.bucket.finditer(doc.text):
        count = next((s for s in statements if s.kind == "count" and s.span[1] == match.end()), None)
        if count is None:
            continue
        end = _bucket_end(doc.text, match.end())
        amount = next(
            (
                s
                for s in statements
                if s.kind == "amount" and s.role in ("value", "part") and match.end() <= s.span[0] < end
            ),
            None,
        )
        bucket = _Bucket(match.group("grade"), count, amount, match.start())
        gap = doc.text[last_end : match.start()] if last_end >= 0 else ""
        if runs and last_end >= 0 and not _CUES.run_break.search(gap) and len(gap) <= 40:
            runs[-1].append(bucket)
        else:
            runs.append([bucket])
        last_end = end
    return runs


def _bucket_end(text: str, start: int) -> int:
    """Where a bucket's words end: the next grade, bracket, or sentence end."""
    stop = _CUES.bucket_stop.search(text, start)
    return stop.start() if stop is not None else len(text)


def _totals(doc: Document, statements: list[Statement], at: int) -> tuple[Statement | None, Statement | None]:
    """The whole the buckets split: the last count of 个 and the last amount before the first bucket, in the
    sentence that holds the last number before it — that sentence or the one right before, in one paragraph."""
    before = [s for s in statements if s.span[1] <= at and s.role == "value" and s.sentence is not None]
    if not before:
        return None, None
    head = before[-1].sentence
    if head is None or _CUES.run_break.search(doc.text[head.end : at]) or "\n" in doc.text[head.end : at]:
        return None, None
    same = [s for s in before if s.sentence is head]
    count = next((s for s in reversed(same) if s.kind == "count" and s.unit == "个"), None)
    amount = next((s for s in reversed(same) if s.kind == "amount"), None)
    return count, amount
