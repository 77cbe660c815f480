"""SCORE_MISMATCH and WEIGHT_MISMATCH from a level-1 part's subtotal: the 小计 (合计, 共计, 计) a score sheet writes
for one part ("产出指标小计 | — | — | — | 50 | 48.68", "效益指标合计\t30\t28.5", a bare "小计" row closing the part's
rows, or a sentence "产出指标小计得分48.68分") against the rows of that part.

Bad: five 产出指标 rows of 分值 10 scoring 10, 10, 8.86, 10, 10 closed by "产出指标小计 | 50 | 48.68" (48.86).
Good: the same closed by 48.86; a subtotal that writes the weight only ("产出指标小计 | 50"); the 小计 rows of a funds
table (no scored rows above them).

Which rows are the part's is a reading, so it is made only where the layout says it: a subtotal row takes the
scored rows right above it, back to the table's header, an earlier subtotal or total, a row naming another part or
a line that is no row (a row unread stops the run); a subtotal sentence takes the rows that name its part, all of
one table. The subtotal's numbers are read by their words in a sentence ("分值50分，得分48.68分"); in a row the two
last cells are the weight and the score in either order, and the weight must be the rows' (so a row unread or
rows of another part leave it silent). Then the rows' scores against the subtotal's: beyond their rounding an error
for a row right under its rows, a warning for a sentence. A weight that differs from its rows while the scores
agree is a warning (a row's weight or the subtotal's may be the slip).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import pairwise

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell, CellNumber, cells_of
from ..prose.score_table import read_score_tables
from ..registry import check_unit
from .text_form_total import sum_against

_CUES = cues(__name__)
_MAX_CELL_LINES = 6  # a subtotal written one cell a line: its value cells on the lines after it


@dataclass(frozen=True)
class _Row:
    start: int
    end: int
    part: str | None  # the level-1 part its own line names first ("产出指标 | 数量指标 | …")
    points: tuple[Cell, CellNumber]
    score: tuple[Cell, CellNumber]


@dataclass(frozen=True)
class _Subtotal:
    part: str | None  # None for a bare 小计
    start: int
    end: int  # the end of its last number
    readings: tuple[tuple[Cell | None, Cell | None], ...]  # (weight, score) the numbers may be
    sentence: bool


@check_unit(also=("SCORE_MISMATCH", "WEIGHT_MISMATCH"), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    rows = _rows(ctx)
    for sub in _subtotals(text):
        if sub.sentence:
            run, sure = _named_rows(text, rows, sub), False
        else:
            run, sure = _run_above(text, rows, sub), True
        if len(run) >= 2:
            yield from _compare(ctx, run, sub, sure)


def is_subtotal(label: str) -> bool:
    """A row label that is a part's subtotal ("产出指标小计", "小计")."""
    return _CUES.subtotal.match(label.strip()) is not None


def _rows(ctx: AuditContext) -> list[_Row]:
    """The scored rows the two sheet readers read (a score table's and the 自评表's), once each, in text order;
    no subtotal or total row among them."""
    text = ctx.doc.text
    found: dict[int, _Row] = {}
    for table in read_score_tables(text):
        for r in table.rows:
            if not _CUES.closing.search(r.label.text):
                found.setdefault(r.score[0].start, _row(text, r.label.start, r.points, r.score))
    for r in ctx.facts.form.indicators:
        found.setdefault(r.score[0].start, _row(text, r.start, r.points, r.score))
    return [found[k] for k in sorted(found)]


def _row(text: str, start: int, points: tuple[Cell, CellNumber], score: tuple[Cell, CellNumber]) -> _Row:
    line = text.rfind("\n", 0, start) + 1
    m = _CUES.row_part.match(text[line : score[0].end])
    return _Row(line if m else start, score[0].end, m.group("part") if m else None, points, score)


def _subtotals(text: str) -> Iterator[_Subtotal]:
    for m in _CUES.subtotal.finditer(text):
        part, scored = m.group("part"), bool(m.group("scored"))
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        if not _CUES.row_rest.match(text[m.end() : line_end]):
            yield from _sentence(text, m.start(), m.end(), part, scored)
            continue
        cells = [c for c in cells_of(text, m.end(), line_end) if not c.empty]
        if not cells:  # one cell a line: the values on the lines below
            at = line_end + 1
            for _ in range(_MAX_CELL_LINES):
                nxt = text.find("\n", at)
                nxt = len(text) if nxt < 0 else nxt
                if at >= len(text) or at == nxt or not _CUES.row_rest.match(text[at:nxt]):
                    break
                cells += [c for c in cells_of(text, at, nxt) if not c.empty]
                at = nxt + 1
        numbers = [c for c in cells if c.plain is not None]
        if not numbers or len(numbers) < len(cells) or len(numbers) > 2:
            continue  # more numbers than a weight and a score
        if len(numbers) == 1:
            one = numbers[0]
            readings: tuple[tuple[Cell | None, Cell | None], ...] = (
                ((None, one),) if scored else ((one, None), (None, one))
            )
        else:
            a, b = numbers
            readings = ((a, b), (b, a))
        yield _Subtotal(part, m.start(), numbers[-1].end, readings, False)


def _sentence(text: str, start: int, end: int, part: str | None, scored: bool) -> Iterator[_Subtotal]:
    """A subtotal in a sentence: its weight and score by their words ("产出指标小计分值50分，得分48.68分", "产出指标
    小计得分48.68分"; a number with no word before the score is the weight), up to the clause's end or the next part
    named."""
    if part is None:
        return
    stop = _CUES.sentence_end.search(text, end)
    weight = score = None
    bare: list[Cell] = []
    for m in _CUES.sentence_number.finditer(text, end, stop.start() if stop else len(text)):
        cell = Cell(m.group("num"), m.start("num"), m.end("num"))
        word = m.group("word") or ("得分" if scored and m.start() == end else "")
        if word in ("分值", "权重", "满分"):
            weight = weight or cell
        elif word and score is None:
            score = cell
        elif not word and score is None:
            bare.append(cell)
    if weight is None and len(bare) == 1:
        weight = bare[0]
    if score is not None:
        yield _Subtotal(part, start, score.end, ((weight, score),), True)


def _run_above(text: str, rows: list[_Row], sub: _Subtotal) -> list[_Row]:
    """The scored rows right above a subtotal row, nearest first reversed: back to a line that is no row, a row
    naming another part, or the subtotal's own part's start when the rows name it."""
    run: list[_Row] = []
    part = sub.part
    edge = sub.start
    for row in reversed([r for r in rows if r.end <= sub.start]):
        gap = text[row.end : edge]
        named = _CUES.part_cell.search(gap)
        if not _plain_gap(gap):
            break
        if named and part and named.group("part") != part:
            break
        if row.part and part and row.part != part:
            break
        part = part or row.part or (named.group("part") if named else None)
        run.append(row)
        edge = row.start
    return run[::-1]


def _named_rows(text: str, rows: list[_Row], sub: _Subtotal) -> list[_Row]:
    """The rows that name the sentence's part: one run of them, no row of another table between (none apart)."""
    at = [k for k, r in enumerate(rows) if r.part == sub.part]
    if not at or at != list(range(at[0], at[-1] + 1)):
        return []
    run = [rows[k] for k in at]
    if any(not _plain_gap(text[a.end : b.start]) for a, b in pairwise(run)):
        return []
    return run


def _plain_gap(gap: str) -> bool:
    """Nothing but separators and short word cells (a merged level cell) between two rows."""
    return len(gap) <= 60 and _CUES.gap_stop.search(gap) is None


def _compare(ctx: AuditContext, run: list[_Row], sub: _Subtotal, sure: bool) -> Iterator[Finding]:
    weights = sum((r.points[1].value for r in run), Decimal(0))
    scores = [r.score[1] for r in run]
    fitting = [(w, s) for w, s in sub.readings if w is not None and w.plain and w.plain.value == weights]
    if sub.sentence:
        # the rows named so are the part's; surely so only when the sentence gives their weight
        sure = bool(fitting)
        fitting = fitting or [(w, s) for w, s in sub.readings if w is None]
    if fitting:
        said = {s.plain.value if s is not None and s.plain else None for _, s in fitting}
        score = fitting[0][1]
        if len(said) > 1 or score is None or score.plain is None:
            return  # no score, or two readings that score the part apart
        found = sum_against(scores, score.plain.interval(), _sheet_places(ctx.doc.text, sub))
        if found is not None:
            summed, proven = found
            shown = f"{summed.lo.normalize():f}分" if summed.point else summed.shown("分")
            listed = "＋".join(r.score[0].text for r in run)
            yield ctx.relation_finding(
                "SCORE_MISMATCH",
                f"{_name(sub, run)}所列各行得分 {listed} ＝ {shown}（分值合计 {weights} 分），小计写作 {score.text} 分",
                (sub.start, sub.end),
                expected=shown,
                found=f"{score.text}分",
                proven=proven and sure,
                quote=_line(ctx.doc.text, sub.start, sub.end),
            )
        return
    # the weight differs from the rows': a warning only when the scores agree and the order of the cells is plain
    plain = [
        (w, s) for w, s in sub.readings if w and s and w.plain and s.plain and w.plain.value >= s.plain.value
    ]
    if sub.sentence or len(plain) != 1:
        return
    weight, score = plain[0]
    if sum_against(scores, score.plain.interval()) is None:  # type: ignore[union-attr]
        listed = "＋".join(r.points[0].text for r in run)
        yield ctx.relation_finding(
            "WEIGHT_MISMATCH",
            f"{_name(sub, run)}所列各行分值 {listed} ＝ {weights} 分，小计分值写作 {weight.text} 分（各行得分与小计相符）",
            (sub.start, sub.end),
            expected=f"{weights}分",
            found=f"{weight.text}分",
            proven=False,
            quote=_line(ctx.doc.text, sub.start, sub.end),
        )


def _sheet_places(text: str, sub: _Subtotal) -> int:
    """The most decimals a score of the sheet holding the subtotal writes (its habit: whole scores beside 4.5 are
    whole)."""
    for table in read_score_tables(text):
        if table.start <= sub.start < table.end:
            return max((r.score[1].places for r in table.rows), default=0)
    return 0


def _name(sub: _Subtotal, run: list[_Row]) -> str:
    part = sub.part or next((r.part for r in run if r.part), None)
    return f"“{part}指标”" if part else "小计以上"


def _line(text: str, start: int, end: int) -> str:
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", end)
    return text[a : b if b >= 0 else len(text)].strip()
