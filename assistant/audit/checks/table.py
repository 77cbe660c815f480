"""Checks on the attached 评分表: each cell against the data, rates against the row's own amounts, totals.

Bad: a row 62.3205 | 18.6932 | 50 (the amounts give 30.00%).  Good: 62.3205 | 18.6932 | 30.
In a self-audit the table is the reference, so only its internal arithmetic and plausibility are checked.
"""

from __future__ import annotations

from decimal import Decimal

from assistant.models import parse_plain_number
from assistant.numbers.precision import agrees, shown

from ..attached_tables import Table
from ..context import FIELD_NAMES, AuditContext, money
from ..findings import Finding
from ..reference import column_fields, header_unit, is_total_row
from ..registry import check_unit

Cell = tuple[str, int, int, int]


@check_unit(
    also=(
        "AMOUNT_MISMATCH",
        "RATE_MISMATCH",
        "SCORE_MISMATCH",
        "GRADE_MISMATCH",
        "TOTAL_MISMATCH",
        "COUNT_MISMATCH",
    ),
)
def check(ctx: AuditContext) -> list[Finding]:
    findings: list[Finding] = []
    for table in ctx.doc.tables:
        findings += _check_table(ctx, table)
    return findings


def _places(text: str) -> int:
    text = text.strip().rstrip("%％")
    return len(text.split(".")[1]) if "." in text else 0


def _number(cell: Cell) -> Decimal | None:
    return parse_plain_number(cell[0])


def _check_table(ctx: AuditContext, table: Table) -> list[Finding]:
    findings: list[Finding] = []
    fields = column_fields(table.header)
    cols = {name: col for col, name in fields.items()}
    rules = ctx.ref.rules
    seen: set[int] = set()
    sums: dict[str, Decimal] = {}
    for row in table.rows:
        if len(row) < len(table.header):
            continue
        quote = " | ".join(c[0] for c in row)
        amounts: dict[str, Decimal] = {}
        for fname in ("budget_initial", "budget", "executed"):
            if fname in cols and (value := _number(row[cols[fname]])) is not None:
                amounts[fname] = value * header_unit(table.header[cols[fname]])
        if is_total_row([c[0] for c in row]):
            findings += _check_total_row(ctx, table, row, cols, amounts, sums, quote)
            continue
        for fname, value in amounts.items():
            sums[fname] = sums.get(fname, Decimal(0)) + value
        project = None
        if "name" in cols:
            mentions = ctx.extractor.names.find(row[cols["name"]][0])
            if mentions:
                project = ctx.project(mentions[0].project)
        if project is not None:
            seen.add(project.index)
        name = project.name if project else row[cols["name"]][0] if "name" in cols else "?"
        if ctx.ref.source == "data" and project is not None:
            for fname, value in amounts.items():
                truth = project.amounts().get(fname)
                cell = row[cols[fname]]
                if truth is not None and not agrees(value, 6, truth):
                    findings.append(
                        _cell(
                            ctx,
                            "AMOUNT_MISMATCH",
                            f"评分表中「{name}」{FIELD_NAMES[fname]}应为 {money(truth, None)}，表中为 {cell[0]}",
                            cell,
                            quote,
                            name,
                            money(truth, None),
                            cell[0],
                        )
                    )
        rate = _rate_of(amounts)
        findings += _check_rate_cell(ctx, row, cols, rate, quote, name)
        if "score" in cols and (score := _number(row[cols["score"]])) is not None:
            cell = row[cols["score"]]
            findings += _check_score_cell(ctx, name, project, score, rate, cell, quote)
            if "grade" in cols:
                grade_cell = row[cols["grade"]]
                band = rules.grade_for(score)
                if grade_cell[0] and grade_cell[0].strip('“”"') not in (band, band + "秀", band + "好"):
                    findings.append(
                        _cell(
                            ctx,
                            "GRADE_MISMATCH",
                            f"评分表中「{name}」得分 {cell[0]} 按规则等级应为“{band}”，表中为“{grade_cell[0]}”",
                            grade_cell,
                            quote,
                            name,
                            band,
                            grade_cell[0],
                        )
                    )
    if ctx.ref.source == "data" and table.rows:
        missing = [p.name for p in ctx.ref.projects if p.index not in seen]
        if missing:
            first = table.rows[0][0]
            findings.append(
                _cell(
                    ctx,
                    "COUNT_MISMATCH",
                    f"评分表缺少 {len(missing)} 个项目：{'、'.join(missing[:5])}",
                    first,
                    " | ".join(table.header),
                    None,
                    f"{len(ctx.ref.projects)}个项目",
                    f"{len(seen)}个项目",
                    severity="warning",
                )
            )
    return findings


def _check_score_cell(ctx, name, project, score, rate, cell, quote) -> list[Finding]:
    rules = ctx.ref.rules
    findings = []
    if ctx.ref.source == "data" and project is not None and project.score is not None:
        if not agrees(score, _places(cell[0]), project.score):
            findings.append(
                _cell(
                    ctx,
                    "SCORE_MISMATCH",
                    f"评分表中「{name}」得分应为 {format(project.score, 'f')}，表中为 {cell[0]}",
                    cell,
                    quote,
                    name,
                    format(project.score, "f"),
                    cell[0],
                )
            )
            return findings
    if rate is not None:
        rate_score = rules.execution_score(rate)
        ceiling = rules.weights.total - (rules.execution.points - rate_score)
        if score > ceiling:
            findings.append(
                _cell(
                    ctx,
                    "SCORE_MISMATCH",
                    f"评分表中「{name}」执行率 {shown(rate, 2)}%，执行率最多得 {rate_score} 分，总分最高 {ceiling} 分，表中自评 {cell[0]} 分",
                    cell,
                    quote,
                    name,
                    f"≤{ceiling}",
                    cell[0],
                )
            )
    return findings


def _check_total_row(ctx, table, row, cols, amounts, sums, quote) -> list[Finding]:
    findings = []
    for fname, value in amounts.items():
        if fname in sums and not agrees(value, 6, sums[fname]):
            cell = row[cols[fname]]
            findings.append(
                _cell(
                    ctx,
                    "TOTAL_MISMATCH",
                    f"评分表合计行{FIELD_NAMES[fname]}应为各行之和 {money(sums[fname], None)}，表中为 {cell[0]}",
                    cell,
                    quote,
                    None,
                    money(sums[fname], None),
                    cell[0],
                )
            )
    return findings + _check_rate_cell(ctx, row, cols, _rate_of(sums), quote, None)


def _rate_of(amounts: dict[str, Decimal]) -> Decimal | None:
    """执行数 ÷ 预算数 in percent, when both are there and the budget is not zero."""
    return (
        amounts["executed"] / amounts["budget"] * 100
        if amounts.get("budget") and "executed" in amounts
        else None
    )


def _check_rate_cell(
    ctx: AuditContext,
    row: list[Cell],
    cols: dict[str, int],
    rate: Decimal | None,
    quote: str,
    name: str | None,
) -> list[Finding]:
    """The 执行率 cell of a project's row (``name``) or of the total row against the row's own amounts."""
    if "rate" not in cols or rate is None or (written := _number(row[cols["rate"]])) is None:
        return []
    cell = row[cols["rate"]]
    if agrees(written, _places(cell[0]), rate):
        return []
    where = f"评分表中「{name}」执行率按执行数÷预算数" if name is not None else "评分表合计行执行率"
    message = f"{where}应为 {shown(rate, 2)}%，表中为 {cell[0]}"
    return [_cell(ctx, "RATE_MISMATCH", message, cell, quote, name, shown(rate, 2), cell[0])]


def _cell(
    ctx: AuditContext,
    code: str,
    message: str,
    cell: Cell,
    quote: str,
    project: str | None,
    expected: str | None,
    found: str | None,
    severity=None,
) -> Finding:
    return ctx.finding(
        code,
        message,
        span=(cell[1], cell[2]),
        quote=quote,
        project=project,
        expected=expected,
        found=found,
        severity=severity,
    )
