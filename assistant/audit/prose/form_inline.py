"""A 自评表's money row flattened with each column title glued to its value: "项目资金（万元）：年初预算数360.00
全年预算数360.00 全年执行数348.60 执行率96.83% 分值10 得分9.68".

Why a reader of its own: the form reader maps a money row's cells by the order of a header above it; here there is
no header, but every value carries its own title, so which cell is which is read from the labels. Only a run of
such cells standing apart by spaces, pipes or one list mark is a row ("年初预算数346.00，全年预算数346.00，全年执行数
340.20，分值10，执行率98.32%，得分9.38": a form written out as a list of its cells, opening its line or after
its row's label and a colon); a sentence joins its figures with words ("本项目全年预算数…，执行数…"), and the prose
readers read it. The run must hold the 执行率 and either both amounts it is made of or the 分值 and 得分
it is scored by, so that the row says something that can be checked.
"""

from __future__ import annotations

import re
from itertools import pairwise

from ..cues import cues
from .cells import Cell, CellNumber

_CUES = cues(__name__)
_FIELDS = (
    ("budget_initial", ("年初预算",)),
    ("budget", ("全年预算", "调整后预算")),
    ("executed", ("执行数", "全年执行")),
    ("rate", ("执行率",)),
    ("points", ("分值", "权重")),
    ("score", ("得分",)),
)
_ROW_LABEL = re.compile(r"[\s|:：]+$")


def inline_fund_rows(text: str) -> list[tuple[str, dict[str, tuple[Cell, CellNumber]], int, int]]:
    """Each run of labelled money cells on one line: the row's label (the words before it), its cells by column,
    and its span."""
    rows = []
    for run in _runs(text):
        cells: dict[str, tuple[Cell, CellNumber]] = {}
        for match in run:
            field = _field(match.group("label"))
            if field in cells:
                break  # a second 得分 or 执行率: two rows run together, not one row
            percent = "%" in (match.group("unit") or "")
            if (field == "rate") != percent:
                break  # a rate without its "%", or a "%" on an amount: not the form's cells
            num = match.group("num")
            cell = Cell(num + ("%" if percent else ""), match.start("num"), match.end(), spaced=" " in num)
            if cell.number is None:
                break
            cells[field] = (cell, cell.number)
        else:
            if "rate" in cells and (
                {"budget", "executed"} <= cells.keys() or {"points", "score"} <= cells.keys()
            ):
                line_start = text.rfind("\n", 0, run[0].start()) + 1
                prefix = text[line_start : run[0].start()]
                if _listed(text, run) and prefix.strip() and not _CUES.row_opening.search(prefix):
                    continue  # "本项目全年预算数…，执行数…，执行率…": a sentence, read by the prose readers
                label = _ROW_LABEL.sub("", prefix).strip() or "项目资金"
                rows.append((label, cells, run[0].start(), run[-1].end()))
    return rows


def _listed(text: str, run: list[re.Match[str]]) -> bool:
    """Are the run's cells set apart by list marks ("，", "；") rather than blanks or pipes alone?"""
    return any(_CUES.list_mark.search(text, a.end(), b.start()) for a, b in pairwise(run))


def _field(label: str) -> str:
    return next(name for name, words in _FIELDS if any(w in label for w in words))


def _runs(text: str) -> list[list[re.Match[str]]]:
    """Runs of three or more labelled cells on one line, apart by whitespace, pipes or one list mark only."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for match in _CUES.inline_fund.finditer(text):
        gap = text[run[-1].end() : match.start()] if run else ""
        if run and (_CUES.cell_gap.fullmatch(gap) is None or "\n" in gap):
            runs.append(run)
            run = []
        run.append(match)
    runs.append(run)
    return [r for r in runs if len(r) >= 3]
