"""What the UI shows, as plain values: table frames, the budget chart (SVG), the report and findings as HTML.

No gradio import: these are pure functions of workspace rows and audit findings, so they are cheap to test.
All text from a case or a report is HTML-escaped here; finding anchors are ids built from fingerprints
(hex only), so a report can never inject markup into the page.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

import pandas as pd

from assistant.audit import CODES, Finding

SEVERITY_CN = {"error": "错误", "warning": "警告", "info": "提示"}
_RANK = {"info": 1, "warning": 2, "error": 3}
_CLASS = {1: "jx-info", 2: "jx-warning", 3: "jx-error"}
_HEADING = re.compile(r"^(#{1,6})\s+(.*)$")
_TABLE_RULE = re.compile(r"^\|(\s*:?-{3,}:?\s*\|)+\s*$")
_UNESCAPE = re.compile(r"\\([\\|#>+*=_.)\-])")


def frame(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> pd.DataFrame:
    """Rows of display strings as a DataFrame with fixed columns (an empty table keeps its header)."""
    data = [[_cell(row.get(column)) for column in columns] for row in rows]
    return pd.DataFrame(data, columns=list(columns), dtype=object)


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def frame_rows(value: Any) -> list[list[str]]:
    """A Dataframe component's value back as rows of strings (pandas, dict or list payloads)."""
    if value is None:
        return []
    if isinstance(value, pd.DataFrame):
        rows = value.astype(object).where(value.notna(), "").values.tolist()
    elif isinstance(value, dict):
        rows = value.get("data") or []
    else:
        rows = list(value)
    return [
        [_cell(cell).strip() if isinstance(cell, str) else _num_text(cell) for cell in row] for row in rows
    ]


def _num_text(value: Any) -> str:
    """A cell the browser turned into a number, back to text without float noise."""
    if value is None or value == "":
        return ""
    if isinstance(value, float):
        if value != value:  # NaN from an empty cell
            return ""
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)


def changed_cells(
    before: Sequence[Sequence[str]], after: Sequence[Sequence[str]]
) -> list[tuple[int, int, str]]:
    """(row, column, new value) for every cell whose text differs; rows beyond ``before`` are ignored."""
    out = []
    for r, (old_row, new_row) in enumerate(zip(before, after, strict=False)):
        for c, (old, new) in enumerate(zip(old_row, new_row, strict=False)):
            if (old or "").strip() != (new or "").strip():
                out.append((r, c, new))
    return out


CHART_COLOURS = {"已执行": "#2f6fb3", "未执行": "#c9d3df", "超预算": "#c0392b"}
_CHART_W, _CHART_H = 1000, 430
_PLOT = (80, 40, 980, 300)  # left, top, right, bottom of the plotting area


def chart_svg(rows: Iterable[dict[str, Any]], money_unit: str) -> str:
    """The budget chart as inline SVG: per project, 已执行 stacked under 未执行 (or 超预算) up to the budget.

    Drawn here rather than by a plotting component so the legend shows its colours, the axis names the case's
    money unit, and labels keep the table's order. Amounts become floats only for geometry; every number in
    the text (tooltips) is the Decimal as filed.
    """
    rows = list(rows)
    e = html.escape
    width = len(str(len(rows)))
    top = max(
        (max(Decimal(str(r["全年预算数"])), Decimal(str(r["全年执行数"]))) for r in rows), default=Decimal(0)
    )
    step, ticks = _ticks(float(top))
    left, upper, right, bottom = _PLOT
    scale = (bottom - upper) / (step * ticks) if step else 0.0
    slot = (right - left) / max(len(rows), 1)
    bar = min(48.0, slot * 0.7)
    parts = [
        f'<svg class="jx-chart" viewBox="0 0 {_CHART_W} {_CHART_H}" role="img" '
        f'aria-label="全年预算数与执行数（{e(money_unit)}）" xmlns="http://www.w3.org/2000/svg">',
        f'<text class="jx-chart-title" x="{_CHART_W / 2}" y="20" text-anchor="middle">'
        "全年预算数与执行数（已执行 + 未执行 = 全年预算数）</text>",
        f'<text class="jx-axis-title" transform="translate(18 {(upper + bottom) / 2}) rotate(-90)" '
        f'text-anchor="middle">金额（{e(money_unit)}）</text>',
    ]
    for k in range(ticks + 1):
        y = bottom - k * step * scale
        parts.append(f'<line class="jx-grid" x1="{left}" x2="{right}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(
            f'<text class="jx-tick" x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_tick(k * step)}</text>'
        )
    used: set[str] = set()
    for index, row in enumerate(rows, 1):
        budget, executed = Decimal(str(row["全年预算数"])), Decimal(str(row["全年执行数"]))
        x = left + (index - 0.5) * slot - bar / 2
        pieces = [("已执行", min(executed, budget)), ("未执行", max(budget - executed, Decimal(0)))]
        if executed > budget:
            pieces.append(("超预算", executed - budget))
        rate = f"，执行率 {executed / budget * 100:.2f}%" if budget else ""
        tip = f"{row['项目']}：全年预算数 {budget}{money_unit}，全年执行数 {executed}{money_unit}{rate}"
        y = float(bottom)
        parts.append(f"<g><title>{e(tip)}</title>")
        for name, amount in pieces:
            height = float(amount) * scale
            if height <= 0:
                continue
            used.add(name)
            y -= height
            parts.append(
                f'<rect class="jx-bar" x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{height:.1f}" '
                f'fill="{CHART_COLOURS[name]}"/>'
            )
        parts.append("</g>")
        label = f"{index:0{width}d}.{_short(str(row['项目']))}"
        lx, ly = left + (index - 0.5) * slot, bottom + 12
        parts.append(
            f'<text class="jx-xlabel" transform="translate({lx:.1f} {ly}) rotate(-40)" text-anchor="end">{e(label)}</text>'
        )
    parts.append(f'<line class="jx-axis" x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}"/>')
    parts.append('<g class="jx-legend">')
    shown = [name for name in CHART_COLOURS if name in used]
    for k, name in enumerate(shown):
        lx = _CHART_W / 2 - 60 * len(shown) + 120 * k
        parts.append(
            f'<rect class="jx-legend-swatch" x="{lx:.0f}" y="{_CHART_H - 18}" width="14" height="14" '
            f'fill="{CHART_COLOURS[name]}"/><text x="{lx + 20:.0f}" y="{_CHART_H - 6}">{name}</text>'
        )
    parts.append("</g></svg>")
    return '<div class="jx-chart-box">' + "".join(parts) + "</div>"


def _ticks(top: float, count: int = 5) -> tuple[float, int]:
    """A round step and how many steps reach ``top`` (at most ``count`` + 1)."""
    if top <= 0:
        return 1.0, 1
    raw = top / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    return step, max(1, math.ceil(top / step - 1e-9))


def _tick(value: float) -> str:
    text = f"{value:.4f}".rstrip("0").rstrip(".")
    return text or "0"


def _short(name: str, limit: int = 10) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


# --- findings ----------------------------------------------------------------------------------------


def finding_label(finding: Finding) -> str:
    """One line for a picker: severity, project and message."""
    where = f"【{finding.project}】" if finding.project else ""
    return f"{SEVERITY_CN.get(finding.severity or 'info', '提示')}｜{where}{_clip(finding.message, 60)}"


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def findings_html(
    findings: Sequence[Finding],
    dismissed: Sequence[Finding] = (),
    *,
    empty: str = "",
    title: str = "审核发现",
) -> str:
    """The findings list beside the report: each item links to its sentence (``#f-<fingerprint>``)."""
    e = html.escape
    counts = {k: sum(1 for f in findings if f.severity == k) for k in ("error", "warning", "info")}
    head = "，".join(f"{SEVERITY_CN[k]} {n} 项" for k, n in counts.items())
    parts = [f'<div class="jx-findings"><p class="jx-summary">{e(title)} {len(findings)} 项（{head}）</p>']
    if not findings:
        parts.append(f'<p class="jx-ok">{e(empty or "未发现文字与数据不符之处。")}</p>')
    parts.append('<ol class="jx-list">')
    for f in findings:
        parts.append(_finding_item(f))
    parts.append("</ol>")
    if dismissed:
        parts.append(
            f'<details class="jx-dismissed"><summary>已忽略 {len(dismissed)} 项（可恢复）</summary><ul>'
        )
        for f in dismissed:
            parts.append(f"<li>{e(finding_label(f))}</li>")
        parts.append("</ul></details>")
    parts.append("</div>")
    return "".join(parts)


def _finding_item(f: Finding) -> str:
    e = html.escape
    severity = f.severity or "info"
    title = CODES.get(f.code, ("info", f.code))[1]
    bits = [
        f'<li class="jx-finding jx-{severity}" id="fl-{f.fingerprint}" data-fingerprint="{f.fingerprint}">',
        f'<span class="jx-badge">{SEVERITY_CN.get(severity, "提示")}</span> <b>{e(title)}</b>',
        f'<div class="jx-msg">{e(f.message)}</div>',
    ]
    if f.expected or f.found:
        bits.append(f'<div class="jx-ef">应为：{e(f.expected or "—")}；文中：{e(f.found or "—")}</div>')
    if f.quote:
        bits.append(f'<div class="jx-quote">“{e(_clip(f.quote, 90))}”</div>')
    where = "；".join(p for p in (f.section or "", f"第 {f.line} 行" if f.line else "") if p)
    link = f'<a class="jx-goto" href="#f-{f.fingerprint}">定位到原文</a>' if f.span else ""
    bits.append(f'<div class="jx-where">{e(where)} {link}</div></li>')
    return "".join(bits)


# --- report text with highlighted findings -----------------------------------------------------------


def report_html(text: str, findings: Sequence[Finding] = (), section_ids: Sequence[str] = ()) -> str:
    """Markdown report text as HTML, each finding's span highlighted and anchored as ``f-<fingerprint>``.

    Headings after the title get ``sec-<id>`` anchors in outline order (``section_ids``); tables become
    HTML tables; everything else is a paragraph. Offsets are those the audit saw, so spans line up.
    """
    marks = _marks(findings)
    out = ['<div class="jx-report">']
    toc: list[str] = []
    table: list[str] = []
    heading_no = 0
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        if line.startswith("|"):
            if not _TABLE_RULE.match(line):
                table.append(_table_row(line, start, marks, header=not table))
            continue
        if table:
            out.append('<div class="jx-table"><table>' + "".join(table) + "</table></div>")
            table = []
        if not line.strip():
            continue
        match = _HEADING.match(line)
        if match:
            level = len(match.group(1))
            body_start = start + match.start(2)
            inner = _marked(match.group(2), body_start, marks)
            anchor = ""
            if level > 1:
                sid = section_ids[heading_no] if heading_no < len(section_ids) else str(heading_no)
                anchor = f' id="sec-{_safe_id(sid)}"'
                heading_no += 1
                if level == 2:
                    toc.append(
                        f'<a class="jx-goto" href="#sec-{_safe_id(sid)}">{html.escape(match.group(2))}</a>'
                    )
            out.append(f"<h{min(level + 1, 6)}{anchor}>{inner}</h{min(level + 1, 6)}>")
        elif len(line) > 4 and line.startswith("**") and line.endswith("**"):
            out.append(f'<p class="jx-caption"><b>{_marked(line[2:-2], start + 2, marks)}</b></p>')
        else:
            out.append(f"<p>{_marked(line, start, marks)}</p>")
    if table:
        out.append('<div class="jx-table"><table>' + "".join(table) + "</table></div>")
    out.append("</div>")
    if len(toc) > 1:  # section by section: a contents line that jumps to each part
        out.insert(1, '<nav class="jx-toc">目录：' + "".join(toc) + "</nav>")
    return "".join(out)


def _safe_id(value: str) -> str:
    return re.sub(r"[^0-9A-Za-z_-]", "_", value)


def _marks(findings: Sequence[Finding]) -> list[tuple[int, int, int, str]]:
    """(start, end, severity rank, fingerprint) for findings located in the text."""
    return [
        (f.span[0], f.span[1], _RANK.get(f.severity or "info", 1), f.fingerprint)
        for f in findings
        if f.span and f.span[1] >= f.span[0]
    ]


def _marked(line: str, start: int, marks: list[tuple[int, int, int, str]]) -> str:
    """``line`` (at text offset ``start``) escaped, with highlight spans and finding anchors inserted."""
    end = start + len(line)
    rank = [0] * len(line)
    anchors: dict[int, list[str]] = {}
    for m_start, m_end, level, fingerprint in marks:
        if m_end < start or m_start > end:
            continue
        if start <= m_start <= end:
            anchors.setdefault(m_start - start, []).append(fingerprint)
        for i in range(max(m_start, start) - start, min(m_end, end) - start):
            rank[i] = max(rank[i], level)
    out: list[str] = []
    i = 0
    while i <= len(line):
        for fingerprint in anchors.get(i, []):
            out.append(f'<span class="jx-anchor" id="f-{fingerprint}"></span>')
        if i == len(line):
            break
        j = i
        while j < len(line) and rank[j] == rank[i] and not (j > i and j in anchors):
            j += 1
        piece = html.escape(_UNESCAPE.sub(r"\1", line[i:j]))
        out.append(f'<mark class="{_CLASS[rank[i]]}">{piece}</mark>' if rank[i] else piece)
        i = j
    return "".join(out)


def _table_row(line: str, start: int, marks: list[tuple[int, int, int, str]], *, header: bool) -> str:
    cells: list[tuple[int, str]] = []
    position, current, i = 1, "", 1
    body = line.rstrip()
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            current += body[i : i + 2]
            i += 2
            continue
        if ch == "|":
            cells.append((position, current))
            position, current = i + 1, ""
        else:
            current += ch
        i += 1
    tag = "th" if header else "td"
    return (
        "<tr>"
        + "".join(
            f"<{tag}>{_marked(cell.strip(), start + pos + (len(cell) - len(cell.lstrip())), marks)}</{tag}>"
            for pos, cell in cells
        )
        + "</tr>"
    )
