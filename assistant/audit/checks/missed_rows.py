"""The rows of an indicator table the form reader left to the prose whose actual misses its written target, for
the claims of completion (``text_claims_missed``) to be weighed against.

Why apart: a report copies its indicator table in many layouts the 自评表 reader does not take for a form (its
header "指标 | 年度目标 | 实际完成 | 分值 | 得分", no 三级指标 title; a results table with no scores; cells set
apart by tabs; one cell per line as copied from a web page). Whatever the layout, a row whose target cell writes
its direction ("≥67%", "≤5%", "=100%") and whose actual cell, in the same unit, falls on the wrong side of it is
an indicator the text itself says was missed. The columns are told by the header's own titles (年度目标/目标值/
指标值 for the target, 实际完成/实际值/完成值 for the actual), never guessed from the figures.
Bad: "| 65岁及以上老年人健康管理率 | ≥67% | 64.8% | 10 | 9.67 |" under "| 指标 | 年度目标 | 实际完成 | 分值 | 得分 |"
beside "各项绩效指标均达到年度目标值". Good: "| 服务对象满意度 | ≥85% | 90.2% |", or a target with no direction
("| 新建站点 | 12个 | 10个 |": whether more is better, the row does not say). A row flattened onto one line with
each value after its own title ("三级指标 按期完工率 年度指标值 ≥95% 实际完成值 88% 分值 10 得分 9.26") is read too.
"""

from __future__ import annotations

import re
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..document import Sentence
from ..prose.cells import Cell
from ..prose.form_facts import cell_statement
from ..prose.model import Statement, Subject
from ..prose.statements import REPORT
from ..prose.table_lines import line_cells, line_spans, row_cells, stacked_rows, title_run_ends

_CUES = cues(__name__)
_CELL = 40  # the longest line still read as one cell of a table copied one cell per line
_AT_LEAST = frozenset({"≥", ">=", "≧"})
_AT_MOST = frozenset({"≤", "<=", "≦"})
_EQUAL = frozenset({"=", "＝"})
_ONE = Decimal(1)
_SEPARATOR = re.compile(r"[|｜\t]")
_SPACES = re.compile(r"\s+")


def missed_rows(ctx: AuditContext, read: list[tuple[int, int]]) -> list[tuple[Statement, Statement]]:
    """(target, actual) of each table row outside the spans the form reader ``read`` whose actual misses its
    written ≥/≤/= target."""
    text = ctx.doc.text
    missed = []
    for titles, rows in _tables(text):
        target_at = _column(titles, _CUES.target_title)
        actual_at = _column(titles, _CUES.actual_title)
        if target_at is None or actual_at is None or target_at == actual_at:
            continue
        for cells in rows:
            if len(cells) != len(titles) or any(a <= cells[0].start < b for a, b in read):
                continue
            pair = _missed(ctx, cells, target_at, actual_at, _name_before(cells, min(target_at, actual_at)))
            if pair is not None:
                missed.append(pair)
    return missed + _labelled_rows(ctx, read)


def _labelled_rows(ctx: AuditContext, read: list[tuple[int, int]]) -> list[tuple[Statement, Statement]]:
    """A 自评表 row flattened onto one line with each value after its own column title, set apart by spaces
    ("三级指标 项目按期完工率 年度指标值 ≥95% 实际完成值 88% 分值 10 得分 9.26"): the cell after the target title
    is the target, the one after the actual title the actual; the indicator is the worded cell before them."""
    text = ctx.doc.text
    missed = []
    for at, end in line_spans(text):
        if any(a <= at < b for a, b in read):
            continue
        cells = row_cells(text[at:end], at, _SPACES, edges="all")
        titles = [_squeezed(c.text) for c in cells]
        target_at = _column(titles, _CUES.target_title)
        actual_at = _column(titles, _CUES.actual_title)
        if target_at is None or actual_at is None or max(target_at, actual_at) + 1 >= len(cells):
            continue
        pair = _missed(
            ctx, cells, target_at + 1, actual_at + 1, _name_before(cells, min(target_at, actual_at))
        )
        if pair is not None:
            missed.append(pair)
    return missed


def _name_before(cells: list[Cell], at: int) -> Cell | None:
    """The row's indicator: the nearest worded cell before its values (its level cells stand further left), not a
    column title of its own ("三级指标 培训人次 年度指标值 …": 培训人次)."""
    return next(
        (
            c
            for c in reversed(cells[:at])
            if c.text and c.number is None and not _CUES.any_title.fullmatch(_squeezed(c.text))
        ),
        None,
    )


def misses_target(sign: str, below: bool, above: bool) -> bool:
    """Whether an actual ``below`` or ``above`` its target misses it under the target's sign (≥, ≤ or =)."""
    return (sign in _AT_LEAST | _EQUAL and below) or (sign in _AT_MOST | _EQUAL and above)


def _column(titles: list[str], pattern: re.Pattern[str]) -> int | None:
    return next((k for k, title in enumerate(titles) if pattern.fullmatch(title)), None)


def _missed(
    ctx: AuditContext, cells: list[Cell], target_at: int, actual_at: int, named: Cell | None
) -> tuple[Statement, Statement] | None:
    target, actual = cells[target_at].number, cells[actual_at].number
    if target is None or actual is None or target.op is None or actual.op is not None:
        return None
    if target.unit != actual.unit:
        return None
    places = max(target.places, actual.places)
    low = actual.interval(places).below(target.interval(places))
    high = target.interval(places).below(actual.interval(places))
    if not misses_target(target.op, low, high):
        return None
    name = named.text if named is not None else ""
    # the row said from its name on: a table copied one cell per line puts its level cells on lines of their own,
    # and which row they head is the reader's grouping, not the text's (a claim about a class is then a doubt)
    start, end = (named or cells[0]).start, cells[-1].end
    sentence = Sentence(ctx.doc.text[start:end], start, end, ctx.doc.line_of(start), start, end, None, None)
    subject = Subject("indicator", name, REPORT)
    extra = {"row": str(start)}
    return (
        cell_statement(subject, "target", "count", cells[target_at], target, _ONE, sentence, extra),
        cell_statement(subject, "actual", "count", cells[actual_at], actual, _ONE, sentence, extra),
    )


def _tables(text: str) -> list[tuple[list[str], list[list[Cell]]]]:
    """Each table's column titles and its rows of cells: runs of lines set apart by pipes or tabs (a markdown rule
    line "| --- |" skipped), and tables copied one cell per line (a run of short title lines, then its rows, as
    many lines each as it has titles)."""
    return _celled_tables(text) + _one_per_line(line_cells(text))


def _celled_tables(text: str) -> list[tuple[list[str], list[list[Cell]]]]:
    tables: list[tuple[list[str], list[list[Cell]]]] = []
    titles: list[str] | None = None
    for at, end in line_spans(text):
        line = text[at:end]
        if line.count("|") + line.count("｜") < 2 and "\t" not in line:
            titles = None
            continue
        # the outer pipes open no cell, an empty cell inside the row keeps its column ("| 合计 | | | 100 | 98.5 |")
        cells = row_cells(line, at, _SEPARATOR, edges="all")
        if _CUES.rule_line.fullmatch(line.strip()):
            continue
        if not any(ch.isdigit() for ch in line) and _heads(c.text for c in cells):
            titles = [_squeezed(c.text) for c in cells]
            tables.append((titles, []))
        elif titles is not None:
            tables[-1][1].append(cells)
    return tables


def _heads(titles) -> bool:
    """Whether cells are a header naming both a target column and an actual column."""
    titles = [_squeezed(t) for t in titles]
    return any(_CUES.target_title.fullmatch(t) for t in titles) and any(
        _CUES.actual_title.fullmatch(t) for t in titles
    )


def _squeezed(title: str) -> str:
    return re.sub(r"\s+", "", title)


def _one_per_line(lines: list[Cell]) -> list[tuple[list[str], list[list[Cell]]]]:
    """A table copied one cell per line: a run of title lines (no digit, each a column title), its rows after it,
    as many lines each as there are titles, while the lines stay short."""
    tables = []
    ends = title_run_ends(lines, lambda line: _CUES.any_title.fullmatch(_squeezed(line.text)) is not None)
    k = 0
    while k < len(lines):
        run = ends[k]
        titles = [_squeezed(line.text) for line in lines[k:run]]
        if run - k < 3 or not _heads(titles):
            k = max(run, k + 1)
            continue
        rows, k = stacked_rows(lines, run, len(titles), _short_cells)
        tables.append((titles, rows))
    return tables


def _short_cells(group: list[Cell]) -> bool:
    return all(0 < len(line.text) <= _CELL for line in group)
