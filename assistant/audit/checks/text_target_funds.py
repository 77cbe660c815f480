"""TOTAL_MISMATCH in a 绩效目标表 whose funds are written label:value after the total: "资金总额及构成总额10606.7522万元
财政拨款:6923.3552万元(其中:上级财政资金:6923.3552万元;本级财政:0万元)二、自有资金:0万元三、其他:3683.3970万元".

The form's layout makes the sources (财政拨款, 自有资金, 事业收入, 其他 …) the parts of the total, and a bracketed 其中
the parts of the source before it. Bad: 总额100万元财政拨款:80万元其他:30万元 (110 of 100). Good: 其他:20万元.
Sources summing above their whole are an error; short of it a warning ("uncertain": the copy may have lost a
source the reader does not know by name). Each value stands for the interval its written precision allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import written
from ..registry import check_unit

_CUES = cues(__name__)


@dataclass
class _Entry:
    label: str
    value: Decimal
    places: int
    span: tuple[int, int]
    parts: list[_Entry] = field(default_factory=list)


@check_unit(also=("TOTAL_MISMATCH",), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    findings: list[Finding] = []
    for match in _CUES.funds_total.finditer(text):
        whole = _entry("资金总额", match, "num")
        whole.parts, _ = _entries(text, match.end())
        findings += _compare(ctx, whole)
    return findings


def _entries(text: str, at: int) -> tuple[list[_Entry], int]:
    """The label:value entries from ``at`` on (each with its bracketed 其中 entries), and where they stop."""
    found: list[_Entry] = []
    while True:
        gap = _CUES.gap.match(text, at)
        at = gap.end() if gap else at
        match = _CUES.source_entry.match(text, at)
        if match is None:
            return found, at
        entry = _entry(match.group("label"), match, "num")
        at = match.end()
        opened = _CUES.of_which.match(text, at)
        if opened is not None:
            entry.parts, end = _entries(text, opened.end())
            closed = re.compile(r"\s*[)）]").match(text, end)
            at = closed.end() if closed else end
        found.append(entry)


def _entry(label: str, match: re.Match[str], group: str) -> _Entry:
    raw = match.group(group).replace(",", "")
    places = len(raw.split(".")[1]) if "." in raw else 0
    return _Entry(label, Decimal(raw), places, (match.start(group), match.end()))


def _compare(ctx: AuditContext, whole: _Entry) -> list[Finding]:
    findings: list[Finding] = []
    for part in whole.parts:
        findings += _compare(ctx, part)
    if len(whole.parts) < 2:
        return findings
    summed = sum((p.value for p in whole.parts), Decimal(0))
    places = max(p.places for p in whole.parts)
    ctx.facts.mark(whole.span, *(p.span for p in whole.parts))
    if written(summed, places).overlaps(written(whole.value, whole.places)):
        return findings
    listed = " + ".join(f"{p.label} {p.value}" for p in whole.parts)
    findings.append(
        ctx.relation_finding(
            "TOTAL_MISMATCH",
            f"表中{whole.label} {whole.value} 万元，所列构成 {listed} = {summed} 万元，与之不符",
            (whole.span[0], whole.parts[-1].span[1]),
            expected=str(summed),
            found=str(whole.value),
            proven=summed > whole.value,
        )
    )
    return findings
