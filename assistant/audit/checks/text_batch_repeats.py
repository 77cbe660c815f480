"""REPEAT_MISMATCH for one batch of a fund stated twice: "9月下达第二批专项经费295万元" … "修缮工程第二批经费295万元
到位后" — a batch named by its ordinal (第二批) is one sum wherever the report tells it again.

Why: the subject readers leave a batch's amount alone (a share of the fund, not the fund's whole), and the two
sentences name the batch by different words (专项经费, 经费); the ordinal ties them. Read only so: the clause before
the amount names 第N批 and then only fund words; the words left after the generic ones (专项, 资金, 经费, 补助…)
are the same both times (第一批中央…资金 and 第一批省级…资金 are two batches); the report names no other fund's
batch with that ordinal; the two sentences name no two years and are no items of one list. Whether the two are
one batch is still a reading, so a mismatch is a warning ("uncertain").
Bad: 9月下达第二批专项经费295万元。… 修缮工程第二批经费395万元到位后… Good: the same with 295万元; 第一批中央资金
100万元 … 第一批省级资金50万元; 2020年第二批资金… and 2021年第二批资金….
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.items import other_items
from ..prose.model import Statement
from ..prose.periods import conflicting, other_years
from ..registry import check_unit
from .text_repeats import repeat_finding

_CUES = cues(__name__)


@check_unit(also=("REPEAT_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    batches: dict[str, list[tuple[Statement, str]]] = {}
    for s in ctx.facts.statements:
        if s.kind != "amount" or s.origin != "prose" or not s.exact_claim or s.sentence is None:
            continue
        found = _CUES.batch.search(text, s.sentence.start, s.span[0])
        if found is not None:
            name = _CUES.generic.sub("", found.group("name"))
            batches.setdefault(found.group("ordinal"), []).append((s, name))
    findings: list[Finding] = []
    for told in batches.values():
        if len({name for _, name in told}) != 1:
            continue  # the ordinal names batches of two funds
        for k, (later, _) in enumerate(told):
            earlier = next(
                (
                    e
                    for e, _ in told[:k]
                    if e.sentence is not later.sentence
                    and not conflicting(text, e, later)
                    and not other_years(text, e, later)
                    and not other_items(text, e, later)
                ),
                None,
            )
            if earlier is None:
                continue
            ctx.facts.mark(earlier, later)
            if not earlier.interval().overlaps(later.interval()):
                findings.append(repeat_finding(ctx, earlier, later, "同一批次的资金", proven=False))
    return findings
