"""SCORE_MISMATCH in a score table copied as text: the 得分 of its rows against the total the table's 合计 row or
the prose right before or after it states ("本项目综合得分93分，各指标得分如下：" over "指标 | 分值 | 得分" rows).

Bad: 综合得分93分 over 预算执行率 10 9, 产出指标 50 47, 效益指标 30 26, 满意度指标 10 9 (9 + 47 + 26 + 9 = 91).
Good: the same with 综合得分91分. The rows are the whole only when their 分值 make up the full marks (100, or the
合计 row's 分值): a table of some items is not compared. A table of level-1 items each followed by the sub-items
whose 分值 make up its own ("产出指标 50 46" over "数量指标 30 28", "质量指标 20 18") is read so when the level-1
items make up the full marks (not in a sheet that closes its parts on subtotal rows, ``text_subtotals``): each item's score against its sub-items', the total against the items' (warnings:
the levels are read from the 分值 alone). A total beyond what the
rows' rounding allows is proven (an error); within it, the sheet's writing habit decides (``sum_against``): a
warning. Rows the 自评表 reader already read with their 总分 are left to it — all of them: a table some of whose rows
that reader missed ("服务对象满意度 | 90 | % | 92 | 20 | 20", no operator) is read here still.
A sheet making up the full marks is compared with the report's one stated total away from it ("本项目自评总分90分"
above "附：绩效指标自评情况"), whether or not it closes on a total of its own (a summary's 95.28 against rows and a
总分 row of 95.82); a 合计 in a sentence that sets the weights ("分值为决策10分、…，合计100分") is the full marks, no
total. A sheet whose rows each name their
level-1 part first ("产出指标|数量指标|…|15|10") is compared part by part with the part scores the prose states
("产出指标得分47分"). A sheet of one part's items, no total row, right under the lines that name the part, its weight
and its score ("产出指标共4项，满分50分，产出指标得分48分。" over rows whose 分值 make 50): the rows' scores against the
part's (a warning: the rows are read as the part's from their weights). No total is compared where the report adjusts it apart from the sheet ("另扣2分").
"""

from __future__ import annotations

from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber
from ..prose.model import Statement
from ..prose.score_table import ScoreRow, ScoreTable, read_score_tables
from ..registry import check_unit
from .text_form_total import sum_against
from .text_score_sum import grade_note, names_part, part_name, prose_scores, stated_total
from .text_subtotals import is_subtotal

_FULL = Decimal(100)
# the level-1 parts besides the 执行率 item
_OTHER_PARTS = ("决策", "过程", "产出", "效益", "满意度")
_CUES = cues(__name__)


@check_unit(also=("SCORE_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    form = ctx.facts.form
    taken = form.spans() if form.total is not None else []
    findings: list[Finding] = []
    for table in read_score_tables(ctx.doc.text):
        read = [any(a < r.score[0].end and r.label.start < b for a, b in taken) for r in table.rows]
        if any(read) and all(read):
            continue  # the 自评表 reader read these rows and their 总分: its check compares them
        findings += _against_total(ctx, table)
        findings += _against_parts(ctx, table)
        findings += _against_part_above(ctx, table)
    return findings


def _against_total(ctx: AuditContext, table: ScoreTable) -> list[Finding]:
    totals: list[tuple[Cell, CellNumber]] = []
    full = _FULL
    if isinstance(table.total_row, ScoreRow):
        full = table.total_row.points[1].value
        totals.append(table.total_row.score)
    elif table.total_row is not None:
        totals.append(table.total_row)
    if table.stated is not None:
        totals.append(table.stated)
    weights = sum((r.points[1].value for r in table.rows), Decimal(0))
    execution = _with_execution(ctx, table, full - weights) if not totals and weights != full else None
    if weights == full or execution:
        # the report's one total stated away from the sheet (its summary, its conclusion) scores the same rows,
        # whether or not the sheet closes on a total of its own
        totals += [t for t in _stated_elsewhere(ctx, table) if all(t[1].value != w[1].value for w in totals)]
    findings: list[Finding] = []
    if weights == full:
        parts, read = table.rows, True
    elif execution:
        parts, read = execution, False
    else:
        # a sheet that closes each part on a subtotal row says its levels itself (``text_subtotals`` reads it)
        groups = None if any(is_subtotal(r.label.text) for r in table.rows) else _levels(table.rows, full)
        if groups is None:
            return []  # the rows are not the whole the total scores
        parts, read = [parent for parent, _ in groups], False
        for parent, children in groups:
            if children:
                findings += _compare(
                    ctx,
                    children,
                    parent.score,
                    parent.points[1].value,
                    read,
                    table,
                    f"“{parent.label.text}”得分",
                )
    ctx.facts.mark(*(c for r in table.rows for c in (r.points[0], r.score[0])))
    for whole in totals:
        findings += _compare(ctx, parts, whole, full, read, table)
    return findings


def _with_execution(ctx: AuditContext, table: ScoreTable, left: Decimal) -> list[ScoreRow] | None:
    """A sheet of the indicators alone whose 分值 leave exactly the 执行率 item's points of the full marks (90
    beside the rule's 10), the 执行率 item's score stated once in the prose ("预算执行得分9.70分"): the rows and that
    score make up the whole the report's one total scores. Whether the item is worth those points is the rule
    set's (a warning). A report that scores its other level-1 parts in prose too ("产出指标得分47分") has its total
    checked against them and its rows against each part (``_against_parts``): not again here."""
    points = ctx.ref.rules.execution.points
    scores = prose_scores(ctx, (table.start, table.end), inside=False)
    stated = [s for s in scores if s.field == "rate_score"]
    if left != points or len({s.value for s in stated}) != 1 or len(ctx.facts.projects) > 1:
        return None
    if any(names_part(ctx, s, name) for s in scores for name in _OTHER_PARTS):
        return None
    cells = _cells_of(ctx, stated[0])
    if not cells or cells[0][1].value > points:
        return None
    cell, number = cells[0]
    weight = Cell(f"{points}", cell.start, cell.start)
    return [*table.rows, ScoreRow(cell, (weight, CellNumber(None, points, 0, "")), (cell, number))]


def _against_parts(ctx: AuditContext, table: ScoreTable) -> list[Finding]:
    """A sheet whose rows all name their level-1 part first ("产出指标|数量指标|…|15|10") and make up the indicators'
    full marks (100, or 90 beside the 执行率's 10): the rows of each part against the part's score the prose
    states ("产出指标得分47分")."""
    names = [_CUES.part_label.fullmatch(r.label.text) for r in table.rows]
    weights = sum((r.points[1].value for r in table.rows), Decimal(0))
    parts = [part_name(m.group("part")) if m else "" for m in names]
    if not all(parts) or not (weights == _FULL or (weights == _FULL - 10 and "执行" not in parts)):
        return []
    if len(ctx.facts.projects) > 1:
        return []  # a part's score in prose may be another project's
    findings: list[Finding] = []
    for name in dict.fromkeys(parts):
        at = [k for k, n in enumerate(parts) if n == name]
        if at != list(range(at[0], at[-1] + 1)):
            return []  # a part's rows apart: not a sheet by parts
        stated = [
            s
            for s in prose_scores(ctx, (table.start, table.end), inside=False)
            if s.field in ("score", "rate_score") and names_part(ctx, s, name)
        ]
        if len({s.value for s in stated}) != 1:
            continue
        rows = [table.rows[k] for k in at]
        full = sum((r.points[1].value for r in rows), Decimal(0))
        for whole in _cells_of(ctx, stated[0]):
            findings += _compare(ctx, rows, whole, full, True, table, f"“{rows[0].label.text}”得分")
    return findings


def _against_part_above(ctx: AuditContext, table: ScoreTable) -> list[Finding]:
    """A sheet of one level-1 part's items under the lines that name the part, its weight and its score ("产出指标共4
    项，满分50分，产出指标得分48分。" or "效益指标（30分）：…实际得分28分。" over "三级指标 | … | 分值 | 得分" rows, no total
    row): with the rows' 分值 making up exactly that weight, their scores against the part's (a warning: the rows
    are read as the part's from their weights)."""
    weights = sum((r.points[1].value for r in table.rows), Decimal(0))
    if table.total_row is not None or not table.rows or weights >= _FULL:
        return []
    if len(ctx.facts.projects) > 1:
        return []
    text = ctx.doc.text
    start = table.start
    for _ in range(3):  # the lines right above the sheet, up to a blank line
        before = text.rfind("\n", 0, max(start - 1, 0)) + 1
        if not text[before:start].strip():
            break
        start = before
    above = (start, table.start)
    named = {part_name(m.group("part")) for m in _CUES.part_word.finditer(text[above[0] : above[1]])}
    said = [s for s in ctx.facts.statements if s.kind == "score" and above[0] <= s.span[0] < above[1]]
    weight = [s for s in said if s.value == weights and _is_weight(ctx, s, above[0])]
    scores = {
        s.value: s for s in said if s.origin == "prose" and s.exact_claim and not _is_weight(ctx, s, above[0])
    }
    if len(named) != 1 or not weight or len(scores) != 1:
        return []
    (stated,) = scores.values()
    if stated.value > weights:
        return []
    findings: list[Finding] = []
    for whole in _cells_of(ctx, stated):
        findings += _compare(ctx, table.rows, whole, weights, False, table, f"“{named.pop()}指标”得分")
    return findings


def _is_weight(ctx: AuditContext, statement: Statement, start: int) -> bool:
    """A score the prose gives as a weight: read so (分值) or written so ("满分50分", "（30分）")."""
    head = ctx.doc.text[max(start, statement.span[0] - 4) : statement.span[0]]
    return statement.field == "points" or _CUES.weight_opening.search(head) is not None


def _stated_elsewhere(ctx: AuditContext, table: ScoreTable) -> list[tuple[Cell, CellNumber]]:
    """The whole sheet's total as the report states it away from the table (its conclusion, before an appended
    sheet): the report's one stated total score."""
    whole = stated_total(ctx, (table.start, table.end))
    if whole is None or (whole.sentence is not None and _CUES.weights_sentence.search(whole.sentence.text)):
        return []  # none, or the 合计 of the weights ("分值为决策10分、…，合计100分"): the full marks
    return _cells_of(ctx, whole)


def _cells_of(ctx: AuditContext, statement: Statement) -> list[tuple[Cell, CellNumber]]:
    """A prose score as a cell ("90分" read as 90), to compare as a table's own total."""
    written = ctx.doc.text[statement.span[0] : statement.span[1]].rstrip("分")
    cell = Cell(written, statement.span[0], statement.span[0] + len(written))
    return [(cell, cell.plain)] if cell.plain is not None else []


def _levels(rows: list[ScoreRow], full: Decimal) -> list[tuple[ScoreRow, list[ScoreRow]]] | None:
    """The rows as level-1 items each followed by the sub-items whose 分值 make up its own ("产出指标 50 46" over
    "数量指标 30 28" and "质量指标 20 18"); None unless the level-1 items make up the full marks and some carry
    sub-items. Reading levels from 分值 alone is a reading of the layout."""
    groups: list[tuple[ScoreRow, list[ScoreRow]]] = []
    k = 0
    while k < len(rows):
        parent, need = rows[k], rows[k].points[1].value
        children: list[ScoreRow] = []
        got = Decimal(0)
        for row in rows[k + 1 :]:
            if got >= need:
                break
            children.append(row)
            got += row.points[1].value
        if children and got == need:
            groups.append((parent, children))
            k += 1 + len(children)
        else:
            groups.append((parent, []))
            k += 1
    if not any(children for _, children in groups):
        return None
    return groups if sum((p.points[1].value for p, _ in groups), Decimal(0)) == full else None


def _compare(
    ctx: AuditContext,
    parts: list[ScoreRow],
    whole: tuple[Cell, CellNumber],
    full: Decimal,
    read: bool,
    table: ScoreTable,
    name: str = "总分",
) -> list[Finding]:
    """The parts' scores against the whole's, ``name`` (the 总分 or a level-1 item; an error beyond their rounding when ``read`` says the parts are
    surely the whole's; else a warning)."""
    cell, number = whole
    ctx.facts.mark(cell)
    scores = [r.score for r in parts]
    found = sum_against([n for _, n in scores], number.interval())
    if found is None:
        return []
    summed, proven = found
    listed = "＋".join(c.text for c, _ in scores)
    note = grade_note(ctx, summed, number.value) if full == _FULL and name == "总分" else ""
    shown = f"{summed.lo.normalize():f}分" if summed.point else summed.shown("分")
    text = ctx.doc.text
    line = (text.rfind("\n", 0, cell.start) + 1, (text.find("\n", cell.end) + 1 or len(text) + 1) - 1)
    return [
        ctx.relation_finding(
            "SCORE_MISMATCH",
            f"评分表各项得分 {listed} ＝ {shown}（各项分值合计 {full} 分），{name}写作 {cell.text} 分{note}",
            _span(ctx, cell, table),
            expected=shown,
            found=f"{cell.text}分",
            proven=proven and read,
            quote=text[line[0] : line[1]].strip(),
        )
    ]


def _span(ctx: AuditContext, cell: Cell, table: ScoreTable) -> tuple[int, int]:
    """The table and its total; only the total's line where the total stands outside rows the 自评表 reader read
    without a total: a reference check's finding on one of those rows (a row's score against the rule) is about
    that row, not about the total, and would otherwise hide the total's finding (``registry.resolve``)."""
    outside = cell.end <= table.start or cell.start >= table.end
    read = any(table.start < b and a < table.end for a, b in ctx.facts.form.spans())
    if not (outside and read):
        return (min(cell.start, table.start), max(cell.end, table.end))
    text = ctx.doc.text
    end = text.find("\n", cell.end)
    return (text.rfind("\n", 0, cell.start) + 1, end if end >= 0 else len(text))
