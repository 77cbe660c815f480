"""Indicator rows of a 自评表 copied as lines of cells set apart by pipes, that the form reader did not take (no
header line, "产出指标｜数量指标｜新建污水管网长度｜≧16公里｜16.84公里｜分值20｜得分20"), for ``text_indicator_repeats``.

Why apart: such a row's figures stay prose statements; its name cell, its target cell and its actual cell are told
by their order only: a count target (bare or with its ≥/≤ sign) and right after it, in the next cell, an exact
count in the same unit, the cell before the target naming the indicator. The actual is then read as that row's
实际完成值, so a count the narrative writes for the same indicator ("全年新建污水管网18.64公里") is weighed against it.
Not a row whose next cell holds no count of the target's unit ("｜≥90%｜94.5%｜" is a rate: rates are not counts).
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import pairwise

from assistant.numbers.precision import hedge_kind

from ..context import AuditContext
from ..prose.model import Statement, Subject

_PIPE = re.compile(r"[|｜]")
_BETWEEN = re.compile(r"\s*[|｜]\s*")  # the target's cell and the actual's, side by side
_MIN_CELLS = 4  # a row of name, target and actual at least, and one more cell (level, score)
_MIN_NAME = 4  # characters of the name cell


def pipe_rows(ctx: AuditContext) -> list[tuple[Statement, Statement]]:
    """(the actual read as its row's value, the target) of each piped indicator row left to the prose."""
    text = ctx.doc.text
    prose = sorted(
        (s for s in ctx.facts.statements if s.origin == "prose" and s.kind == "count"), key=lambda s: s.span
    )
    found = []
    for target, actual in pairwise(prose):
        if target.unit != actual.unit or not actual.exact_claim or actual.role != "value":
            continue
        if target.high is not None or (
            target.hedge and hedge_kind(target.hedge) not in ("at_least", "at_most")
        ):
            continue
        if not _BETWEEN.fullmatch(text[target.span[1] : actual.span[0]]):
            continue
        line_start = text.rfind("\n", 0, target.span[0]) + 1
        line_end = text.find("\n", actual.span[1])
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if len(_PIPE.findall(line)) < _MIN_CELLS - 1:
            continue
        before = _PIPE.split(text[line_start : target.span[0]])
        if len(before) < 2 or before[-1].strip():
            continue  # the target is not a cell of its own
        name = before[-2].strip()
        if len(name) < _MIN_NAME or any(c.isdigit() for c in name):
            continue
        found.append((row_of(actual, name, "line"), target))
    return found


def row_of(actual: Statement, name: str, where: str) -> Statement:
    """A prose figure read as the 实际完成值 of the indicator row ``name`` written at ``where`` ("prose": a run of
    clauses, "line": a piped line), so the checks of rows weigh it as they weigh a form's."""
    return replace(
        actual,
        subject=Subject("indicator", name),
        field="actual",
        origin="table",
        extra={**actual.extra, "row": f"{where}:{actual.span[0]}"},
    )
