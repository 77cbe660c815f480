"""TOTAL_MISMATCH / RATE_MISMATCH from a form whose header numbers its columns and writes how they relate.

Bad: header "…①  …②  小计  …  支出实现率(%)⑤=④/③  结余⑥=③-④  …③=①+②" over the row "财政资金小计 130.54 58.07
198.61 188.45 99.92 0.16 0.08" (130.54 + 58.07 = 188.61, not 198.61). Good: the same row with 188.61.
The 福建 部门整体支出绩效自评表 layout: the columns are ① … ⑦ in order, and a row is read only when it holds exactly
that many numbers (a row cut short or glued cannot be lined up with the columns). A "/" column marked (%) or 率
is a percentage. Each cell stands for its written interval; only cells that cannot agree are reported.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.interval import Interval, written
from ..registry import check_unit

_CUES = cues(__name__)
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫"
_NUMBER = re.compile(r"^-?\d+(?:\.(\d+))?$")


@check_unit(also=("TOTAL_MISMATCH", "RATE_MISMATCH"), basis="text")
def check(ctx: AuditContext) -> list[Finding]:
    text = ctx.doc.text
    formulas = list(_CUES.formula.finditer(text))
    if not formulas:
        return []
    columns = max(_CIRCLED.index(c) + 1 for m in formulas for c in m.group(0) if c in _CIRCLED)
    start = text.rfind("\n", 0, formulas[-1].end()) + 1
    findings: list[Finding] = []
    for line in re.finditer(r"[^\n]+", text[start:]):
        cells = _row(line.group(0), columns)
        if cells is None:
            continue
        span = (start + line.start(), start + line.end())
        figures = [(span[0] + t.start(), span[0] + t.end()) for t in re.finditer(r"\S+", line.group(0))][
            -columns:
        ]
        for m in formulas:
            ctx.facts.mark(*(figures[_CIRCLED.index(m.group(k))] for k in ("target", "a", "b")))
            finding = _broken(ctx, m, cells, span)
            if finding is not None:
                findings.append(finding)
    return findings


def _row(line: str, columns: int) -> list[tuple[Decimal, int]] | None:
    """The row's trailing numbers (value, decimals) when there are exactly ``columns`` of them after a label."""
    tokens = line.split()
    numbers = []
    while tokens and _NUMBER.match(tokens[-1]):
        token = tokens.pop()
        numbers.insert(0, (Decimal(token), len(_NUMBER.match(token).group(1) or "")))  # type: ignore[union-attr]
    if len(numbers) != columns or not tokens or not re.search(r"[\u4e00-\u9fff]", " ".join(tokens)):
        return None
    return numbers


def _broken(
    ctx: AuditContext, m: re.Match[str], cells: list[tuple[Decimal, int]], span: tuple[int, int]
) -> Finding | None:
    target, a, op, b = (m.group(k) for k in ("target", "a", "op", "b"))
    value = [written(v, p) for v, p in cells]
    left, right, shown = value[_CIRCLED.index(a)], value[_CIRCLED.index(b)], value[_CIRCLED.index(target)]
    if op in "/÷":
        ratio = left.divided_by(right)
        if ratio is None:
            return None  # 0/0: written as 0 or 100 by custom
        percent = _CUES.percent_label.search(m.group("label") or "")
        computed = ratio * Interval.exact(Decimal(100)) if percent else ratio
        code = "RATE_MISMATCH"
    else:
        computed = left + right if op in "+＋" else left - right
        code = "TOTAL_MISMATCH"
    if computed.overlaps(shown):
        return None
    written_value = cells[_CIRCLED.index(target)][0]
    return ctx.relation_finding(
        code,
        f"表头写明 {target}={a}{op}{b}，本行按此应为 {computed.shown()}，表中为 {written_value}",
        span,
        expected=computed.shown(),
        found=str(written_value),
        quote=ctx.doc.text[span[0] : span[1]][:160],
    )
