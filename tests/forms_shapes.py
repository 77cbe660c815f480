"""Test material made from the real 自评表: each clean twin (tests/fixtures/forms/twins.yaml, written by hand
from eval_data/real) laid out as a form grid, then flattened the ways converters flatten tables (pipe rows
with blanks, tabs, one cell per line, one space-separated run, cells glued together, labels printed after
their values), put into a Word table (merged cells) or a workbook, and compared back with ``figures``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from assistant.forms import Form
from assistant.vocabulary import (
    ACTUAL,
    DEVIATION_NOTE,
    INDICATOR_NAME,
    LEVEL1,
    LEVEL2,
    POINTS,
    SCORE,
    TARGET,
)

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "eval_data" / "real"
TWINS_FILE = Path(__file__).with_name("fixtures") / "forms" / "twins.yaml"

FUND_LABELS = {
    "line": "行次",
    "budget_initial": "年初预算数",
    "budget": "全年预算数",
    "budget_net": "扣除统筹整合资金后预算金额（C）",
    "available": "全年到位资金（D）",
    "available_rate": "预算到位（D/C×100%）",
    "executed": "全年执行数",
    "points": "分值",
    "rate": "执行率",
    "score": "得分",
}
TRANSFER_LABELS = {
    "budget": "全年预算数（A）",
    "executed": "全年执行资金（E）",
    "rate": "预算执行（E/C×100%）",
}
FUND_ORDER = (
    "line",
    "budget_initial",
    "budget",
    "budget_net",
    "available",
    "available_rate",
    "executed",
    "points",
    "rate",
    "score",
)
ROW_LABELS = {
    "年度资金总额": "年度资金总额",
    "当年财政拨款": "其中：当年财政拨款",
    "中央资金": "其中：中央补助",
}
# The national indicator header, in the form's order.
INDICATOR_HEADER = [
    t.key for t in (LEVEL1, LEVEL2, INDICATOR_NAME, TARGET, ACTUAL, POINTS, SCORE, DEVIATION_NOTE)
]

Grid = list[list[str]]
# The figures a form is compared on with its twin.
KEYS = ("name", "department", "implementer", "year", "money_unit", "funds", "indicators", "total", "grade")


def load_twins() -> dict[str, Any]:
    return yaml.safe_load(TWINS_FILE.read_text(encoding="utf-8"))


def twin_forms() -> dict[str, list[dict[str, Any]]]:
    return {slug: forms for slug, forms in load_twins().items() if slug != "not_read"}


def funds_cases() -> list[tuple[str, int]]:
    """(slug, index) of every twin form with a funds block."""
    return [
        (slug, i) for slug, twins in twin_forms().items() for i, twin in enumerate(twins) if twin.get("funds")
    ]


def figures(form: Form) -> dict[str, Any]:
    """A form read back, in the twin's terms (cells as written)."""
    return {
        "name": form.name,
        "kind": form.kind,
        "department": form.department,
        "implementer": form.implementer,
        "filler": form.filler,
        "year": form.year,
        "money_unit": form.money_unit,
        "funds": {row.label: {k: v.text for k, v in row.cells.items() if k != "note"} for row in form.funds},
        "level1_points": {k: v.text for k, v in form.level1_points.items()},
        "note_weights": {k: format(v, "f") for k, v in form.note_weights.items()},
        "indicators": [
            [
                i.name,
                _cell(i.target),
                _cell(i.actual),
                _cell(i.points),
                _cell(i.score),
            ]
            for i in form.indicators
        ],
        "total": [_cell(form.total_points), _cell(form.total)] if (form.total or form.total_points) else None,
        "grade": form.grade.text if form.grade is not None else None,
    }


def _cell(value: Any) -> str | None:
    return value.text if value is not None else None


def expected(twin: dict[str, Any], keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The twin's figures for the keys it states (or ``keys``)."""
    chosen = keys or tuple(twin)
    return {k: twin[k] for k in chosen if k in twin}


def compare(form: Form, twin: dict[str, Any], keys: tuple[str, ...] | None = None) -> dict[str, Any]:
    """The twin's stated figures next to what was read, restricted to the twin's keys (for assert ==)."""
    got = figures(form)
    want = expected(twin, keys)
    return {k: got[k] for k in want}


# --- the twin as a form grid --------------------------------------------------------------------------------


def grid(twin: dict[str, Any]) -> Grid:
    """The national layout of a twin: title, header fields, funds block, indicator table, 总分."""
    rows: Grid = []
    title = "部门整体支出绩效自评表" if twin.get("kind") == "department" else "项目支出绩效自评表"
    if twin.get("year"):
        title += f"（{twin['year']}年度）"
    rows.append([title])
    if twin.get("name"):
        rows.append(["项目名称", twin["name"]])
    if twin.get("filler"):
        rows.append(["部门", twin["filler"]])
    if twin.get("department") or twin.get("implementer"):
        rows.append(["主管部门", twin.get("department") or "", "实施单位", twin.get("implementer") or ""])
    funds = twin.get("funds") or {}
    if funds:
        columns = [k for k in FUND_ORDER if any(k in row for row in funds.values())]
        labels = {**FUND_LABELS, **(TRANSFER_LABELS if "budget_net" in columns else {})}
        rows.append([f"项目资金（{twin.get('money_unit', '万元')}）", *(labels[k] for k in columns)])
        for label, cells in funds.items():
            rows.append([ROW_LABELS.get(label, label), *(cells.get(k, "") for k in columns)])
    indicators = twin.get("indicators") or []
    if indicators:
        rows.append(list(INDICATOR_HEADER))
        for index, (name, target, actual, points, score) in enumerate(indicators):
            level1, level2 = ("产出指标", "数量指标") if index == 0 else ("", "")
            rows.append([level1, level2, name, target or "", actual or "", points or "", score or "", ""])
    if twin.get("total"):
        rows.append(["总分", *twin["total"], *([twin["grade"]] if twin.get("grade") else [])])
    return rows


def is_label_row(row: list[str]) -> bool:
    return len(row) == 1


# --- flattenings -----------------------------------------------------------------------------------------


def pipe_rows(rows: Grid) -> str:
    """Markdown-like rows, every blank cell kept (a blank 年初预算数 keeps its column)."""
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def tab_rows(rows: Grid) -> str:
    return "\n".join("\t".join(row) for row in rows)


def cell_per_line(rows: Grid) -> str:
    """One cell per line, a blank value cell as a line holding one space, merged 一级/二级 cells left out."""
    lines: list[str] = []
    for row in rows:
        indicator = len(row) == len(INDICATOR_HEADER) and row[:3] != INDICATOR_HEADER[:3]
        for index, cell in enumerate(row):
            if indicator and index < 2 and not cell:
                continue
            lines.append(cell if cell else " ")
    return "\n".join(lines)


def space_run(rows: Grid) -> str:
    """The whole form as one line of space-separated cells; blank cells vanish."""
    return " ".join(cell for row in rows for cell in row if cell)


def glued(rows: Grid) -> str:
    """Cells written one after another with no separator at all; blank cells vanish."""
    return "".join(cell for row in rows for cell in row if cell)


def labels_after(rows: Grid) -> str:
    """A spreadsheet's text export: each row's label printed at the end of the row above it."""
    out: Grid = []
    for row in rows:
        if out and len(row) > 1 and row[0] and len(out[-1]) > 1:
            out[-1] = [*out[-1], row[0]]
            out.append(["", *row[1:]])
        else:
            out.append(list(row))
    return pipe_rows(out)


SHAPES: dict[str, Callable[[Grid], str]] = {
    "pipe": pipe_rows,
    "tabs": tab_rows,
    "cell_per_line": cell_per_line,
    "space_run": space_run,
    "glued": glued,
    "labels_after": labels_after,
}
# Shapes that lose cell boundaries: a row may read as "uncertain" instead of its figures.
LOSSY = ("space_run", "glued")


def report_text(twins: list[dict[str, Any]], shape: Callable[[Grid], str]) -> str:
    """A report holding one form per twin (several forms one after another)."""
    return "\n\n".join(shape(grid(twin)) for twin in twins)


# --- Word -------------------------------------------------------------------------------------------------


def write_docx(path: Path, blocks: list[str | Grid]) -> Path:
    """A Word document of paragraphs (str) and real Word tables (grids), as officers build them: a form's
    title row and header values merged across the table, its 一级/二级指标 cells merged down their rows."""
    from docx import Document

    document = Document()
    for block in blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(row) for row in block)
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        for r, row in enumerate(block):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
            if len(row) < width:  # a title, a name, a 总分 row: the last cell spans the rest of the row
                table.cell(r, len(row) - 1).merge(table.cell(r, width - 1))
        _merge_levels(table, block)
    document.save(str(path))
    return path


def _merge_levels(table: Any, block: Grid) -> None:
    """一级/二级指标 cells merged down over the rows that leave them blank (how the printed form shows them)."""
    width = len(INDICATOR_HEADER)
    rows = [r for r, row in enumerate(block) if len(row) == width and row[:3] != INDICATOR_HEADER[:3]]
    for column in (0, 1):
        runs: list[list[int]] = []
        for r in rows:
            if runs and not block[r][column] and r == runs[-1][-1] + 1:
                runs[-1].append(r)
            else:
                runs.append([r])
        for run in runs:
            if len(run) > 1:
                table.cell(run[0], column).merge(table.cell(run[-1], column))
