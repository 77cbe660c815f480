"""Two parts of ``text_repeats``' key for one quantity: the stage a 当年 share of the money available stands for, and
the instalment an amount is of.

Why apart: each reads one shape of wording that says which of a fund's amounts are the same money, and
``text_repeats`` is long enough.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..fields import clause_of
from ..prose.model import Statement
from ..prose.parts import Breakdown

_CUES = cues(__name__)


def this_years_shares(ctx: AuditContext, breakdowns: list[Breakdown]) -> set[tuple[int, int]]:
    """ "全年可用资金合计2617万元，其中当年中央资金2356万元、上年结转资金261万元": beside the money carried in from
    last year, a source's 当年 (本年) share of the money available is what that source allocated this year — the
    same quantity as its 下达 amount stated elsewhere ("中央财政下达我市…资金2365万元"). The spans of such shares
    (a fund source's part whose own clause says 当年, in a list with a carried-in part)."""
    found: set[tuple[int, int]] = set()
    for breakdown in breakdowns:
        if not any(p.subject is not None and p.subject.name == "上年结转" for p in breakdown.parts):
            continue
        for part in breakdown.parts:
            if (
                part.subject is not None
                and part.sentence is not None
                and part.subject.kind == "source"
                and part.subject.name not in ("上年结转", "当年财政拨款")
                and _CUES.this_year.search(clause_of(ctx.doc.text[part.sentence.start : part.span[0]]))
            ):
                found.add(part.span)
    return found


def batch(ctx: AuditContext, s: Statement) -> str | None:
    """ "提前下达我市…中央资金1000万元" and "再次下达中央资金480万元": the batch word last written before an amount in its
    sentence (提前下达, 再次, 追加, 第二批…) names one instalment of the money; instalments of two names are two
    quantities, and neither is the whole said without one."""
    if s.sentence is None:
        return None
    before = _CUES.title.sub("", ctx.doc.text[s.sentence.start : s.span[0]])
    found = _CUES.batch.findall(before)
    return found[-1] if found else None
