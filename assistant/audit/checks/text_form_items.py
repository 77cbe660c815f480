"""TOTAL_MISMATCH on an indicator's 其中 rows: the parts a 自评表 lists under an indicator cannot add up to more
than the indicator's own value. Part of ``text_form`` (it reports through the same codes).

Bad: 补助各类瓜果蔬菜种植面积 | 20 | 29.5亩 | 29.5亩 | 20, then 其中桃树 2.5亩, 其中苹果树 5亩, 其中露天蔬菜 20亩,
其中大棚蔬菜 3亩 (30.5亩 of 29.5亩; whole numbers read at the list's one decimal). Good: the same with 1.5亩; parts short of the whole (a 其中 list may leave
some out). Only parts in the parent's unit are added, and only exact values (a "≥" target is a bound); a
sub-row whose cells do not read as one target and one actual leaves the list unread.
"""

from __future__ import annotations

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber, cells_of
from ..prose.form import Form, IndicatorRow
from ..prose.interval import total

_CUES = cues(__name__)
_COLUMNS = (("target", "年度指标值"), ("actual", "实际完成值"))


def check_items(ctx: AuditContext, form: Form) -> list[Finding]:
    findings: list[Finding] = []
    rows = form.indicators
    for k, parent in enumerate(rows):
        if _CUES.part.match(parent.label):
            continue
        stop = next((r.start for r in rows[k + 1 :] if not _CUES.part.match(r.label)), None)
        items = _items(ctx.doc.text, parent, rows[k + 1 :], stop)
        if items:
            findings += _against(ctx, parent, items)
    return findings


def _items(text: str, parent: IndicatorRow, after: list[IndicatorRow], stop: int | None) -> list[dict] | None:
    """The parent's parts: 其中 rows read as indicator rows, and 其中 lines of label, target and actual cells."""
    items: list[dict] = []
    for row in after:
        if not _CUES.part.match(row.label):
            break
        items.append({"target": row.target, "actual": row.actual, "label": row.label, "end": row.end})
    start = max([parent.end, *(i["end"] for i in items)])
    cells = cells_of(text, start, stop if stop is not None else min(len(text), start + 2000))
    k = 0
    while k < len(cells) and _CUES.part.match(cells[k].text):
        values = []
        j = k + 1
        while j < len(cells) and cells[j].number is not None:
            values.append(cells[j])
            j += 1
        if len(values) != 2:
            return None  # not one target and one actual: the columns are a guess
        items.append(
            {
                "target": (values[0], values[0].number),
                "actual": (values[1], values[1].number),
                "label": cells[k].text,
                "end": values[1].end,
            }
        )
        k = j
        while k < len(cells) and cells[k].empty:
            k += 1
    return items


def _exact(number: CellNumber | None) -> bool:
    return number is not None and number.op in (None, "=", "＝")


def _against(ctx: AuditContext, parent: IndicatorRow, items: list[dict]) -> list[Finding]:
    findings = []
    for column, title in _COLUMNS:
        whole_cell, whole = getattr(parent, column)
        if not _exact(whole):
            continue
        parts: list[tuple[Cell, CellNumber]] = [
            i[column] for i in items if _exact(i[column][1]) and i[column][1].unit == whole.unit
        ]
        if not parts:
            continue
        places = max(n.places for n in [whole, *(n for _, n in parts)])  # "5亩" beside "1.5亩" is 5.0
        summed = total([n.interval(places) for _, n in parts])
        ctx.facts.mark(whole_cell, *(c for c, _ in parts))
        if summed.lo <= whole.interval(places).hi:
            continue
        shown = "＋".join(c.text for c, _ in parts)
        findings.append(
            ctx.relation_finding(
                "TOTAL_MISMATCH",
                f"指标“{parent.label}”{title} {whole_cell.text}，其下“其中”各项 {shown} 合计超过它",
                (parent.start, max(i["end"] for i in items)),
                expected=f"≤{whole_cell.text}",
                found=shown,
                quote=ctx.doc.text[parent.start : max(i["end"] for i in items)][:200],
            )
        )
    return findings
