"""COUNT_MISMATCH from the text alone: "N个项目…，其中M个…，其余的A 99.97%；B 99.89%，C 95.6%" — the count against the
M it sets apart plus the rest it lists item by item.

Why: reports account for their projects by a count, a subset with one value ("其中3个项目资金执行100%") and the
rest one by one with their own values; the subset and the listed rest together are the N the sentence opened with.
Bad: 10个项目都已完工,其中3个项目资金执行100%,其余的A 99.97%;B 99.89%,C 95.6%,D 86.02%,E 99.49% (3 + 5 = 8).
Good: the same with 8个项目; "其余7个项目执行率均在90%以上" (a count, not a list); a rest whose items are not each
one value ("其余A正在验收") — nothing to count. The rest may be named loosely (a fund among the projects), so
a mismatch is a warning ("uncertain").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.evidence import quote_of, span_of
from ..prose.model import Statement
from ..registry import check_unit

_CUES = cues(__name__)


@check_unit(also=("COUNT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    statements = sorted(ctx.facts.statements, key=lambda s: s.span)
    for whole in statements:
        if not _project_count(text, whole) or whole.sentence is None:
            continue
        some = next(
            (
                s
                for s in ctx.facts.in_sentence(whole.sentence)
                if s.span[0] > whole.span[1]
                and s.kind == "count"
                and s.unit == whole.unit
                and _CUES.subset.search(text, max(whole.span[1], s.span[0] - 4), s.span[0])
            ),
            None,
        )
        # the rest follows in the subset's own sentence; its items may run on over ；-sentences to the 。
        rest = _CUES.rest.search(text, some.span[1], whole.sentence.end) if some is not None else None
        if some is None or rest is None:
            continue
        listed = _listed(text, statements, rest.end(), whole.sentence.para_end)
        if len(listed) < 2 or some.value + len(listed) == whole.value:
            continue
        ctx.facts.mark(whole, some, *listed)
        yield ctx.relation_finding(
            "COUNT_MISMATCH",
            f"文中写 {whole.text}，其中 {some.text} 另述，其余逐项列出 {len(listed)} 个"
            f"（{'、'.join(s.text for s in listed)}），合计 {some.value + len(listed)} 个",
            span_of(whole, some, *listed),
            expected=f"{some.value + len(listed)}个",
            found=whole.text,
            proven=False,
            quote=quote_of(text, whole),
        )


def _project_count(text: str, count: Statement) -> bool:
    """A stated count of projects ("10个项目", "项目10个")."""
    if count.kind != "count" or count.unit not in ("个", "项") or not count.exact_claim:
        return False
    return count.extra.get("noun", "").startswith("项目") or text[count.span[0] - 2 : count.span[0]] == "项目"


def _listed(text: str, statements: list[Statement], start: int, para_end: int) -> list[Statement]:
    """The rest's items up to the sentence's 。: one value (a rate or an amount) each; none if an item has no value
    or two (then the items are not counted by their values)."""
    stop = text.find("。", start, para_end)
    end = para_end if stop == -1 else stop
    values = [s for s in statements if start <= s.span[0] < end and s.kind in ("percent", "amount")]
    bounds = [start] + [m.end() for m in _CUES.item_split.finditer(text, start, end)] + [end]
    items = []
    for lo, hi in pairwise(bounds):
        own = [s for s in values if lo <= s.span[0] < hi]
        if len(own) != 1 and re.search(r"\S", text[lo:hi].strip("，,；;、")):
            return []
        items.extend(own)
    return items
