"""REPEAT_MISMATCH from the text alone: a place's or project's amount told in the prose against its row of a money
table in the same text ("表1 各县资金到位情况（万元）" with a row "A县 | 1,250.00 | …", then "到位资金最多的为A县，
到位资金1,520.00万元").

Why: reports set out their money by place in a table and then pick out the largest or the slowest in prose; the
prose repeats the row's figure, so the two must agree.
Bad: a row A县 到位资金 1,250.00 and "最多的为A县，到位资金1,520.00万元". Good: 1,250.00万元 in the prose; a prose
figure of another date ("截至6月底，A县到位资金600万元"), or of another column (下达 against 到位).
Read only so: a row named in words (no digit: a place, a project), outside a 自评表; the row's name in the prose
sentence before the amount, nothing but the column's title between them (and a comma, 的, 为); the amount's 口径 the column's (到位 under 到位资金, 支出 under 支出…); the table's unit
written in its header or the line above it (万元 or 元); no date in the sentence. Which row and column the prose
means is a reading: a warning ("uncertain").
"""

from __future__ import annotations

from decimal import Decimal

from assistant.models import YUAN_PER_WAN

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.evidence import quote_of
from ..prose.model import Statement
from ..registry import check_unit
from .text_table_rates import form_header, money_cell, money_columns, money_tables

_CUES = cues(__name__)
_FIELDS = ("budget", "arrived", "executed")
_SCALE = {"万元": Decimal(1), "元": 1 / YUAN_PER_WAN}  # the table's unit to the canonical 万元


@check_unit(also=("REPEAT_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> list[Finding]:
    findings = []
    text = ctx.doc.text
    for header, rows in money_tables(text):
        scale = _unit_of(text, header)
        columns = money_columns(header)
        names = {r[0].text for r in rows if r[0].number is None}
        if scale is None or len(names) < 2 or form_header(header, rows):
            continue
        for row in rows:
            if not _CUES.row_name.fullmatch(row[0].text) or _CUES.total_label.match(row[0].text):
                continue
            for field in _FIELDS:
                number = money_cell(row, columns, field)
                if number is None:
                    continue
                title = _CUES.bracketed.sub("", header[columns[field]].text)
                for said in _told(ctx, row[0], title, field):
                    if said.interval().overlaps(number.interval().scaled(scale)):
                        continue
                    cell = row[columns[field]]
                    findings.append(
                        ctx.relation_finding(
                            "REPEAT_MISMATCH",
                            f"表中「{row[0].text}」行「{header[columns[field]].text}」为 {cell.text}，"
                            f"此处写作 {said.text}",
                            said.span,
                            expected=cell.text,
                            found=said.text,
                            proven=False,
                            quote=quote_of(text, said),
                        )
                    )
    return findings


def _unit_of(text: str, header: list[Cell]) -> Decimal | None:
    """The table's money unit, written in a header cell or on the line above the header ("表1 …（万元）")."""
    line_start = text.rfind("\n", 0, max(0, text.rfind("\n", 0, header[0].start))) + 1
    found = _CUES.table_unit.search(text[line_start : header[-1].end])
    return None if found is None else _SCALE[found.group("unit")]


def _told(ctx: AuditContext, name: Cell, title: str, field: str) -> list[Statement]:
    """The prose amounts of ``field`` right after the row's name in their sentence, only the column's title (and
    a separator) between them: "A县，到位资金1,520.00万元" (not "地方资金中省级补助…": a part of the row's money)."""
    found = []
    text = ctx.doc.text
    for s in ctx.facts.statements:
        if (
            s.kind != "amount"
            or s.origin != "prose"
            or s.field != field
            or not s.exact_claim
            or s.sentence is None
        ):
            continue
        if s.sentence.start <= name.start < s.sentence.end:
            continue  # the row's own line
        before = text[s.sentence.start : s.span[0]]
        at = before.rfind(name.text)
        if at < 0 or _CUES.dated.search(s.sentence.text):
            continue
        between = _CUES.filler.sub("", before[at + len(name.text) :])
        if between != title:
            continue
        found.append(s)
    return found
