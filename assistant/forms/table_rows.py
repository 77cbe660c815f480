"""The indicator table's rows from the tokens the walk collected after a label, whatever shape they came in.

One bucket may hold rows the flattening kept (one line, one cell each), a row broken over several lines, names
followed by their rows (``soup.pair_segments``), cells glued without separators (``indicators.read_glued``) or
one run of cells (``indicators.read_flat``). A row no reading places surely is noted as uncertain, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from .indicators import IndicatorLayout, indicator_of, read_flat, read_glued, read_row
from .model import Form, Value
from .rows import cell_values, row_groups, trim_blanks
from .soup import misread, pair_segments
from .tokens import Token

_NUMBERS_OF_A_ROW = 2  # a target and a 分值 at least: fewer numbers are a broken-off piece, not a row
# a row with no header over it: 一级 | 二级 | name | target | actual | 分值 | 得分 (| 偏差原因)
_HEADERLESS = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因")


@dataclass
class TablePlace:
    """Where in the table the walk stands: the columns and the 一级/二级 headings over the rows to come."""

    layout: IndicatorLayout
    level1: str = ""
    level2: str = ""
    heading_rows: dict[str, int] = field(default_factory=dict)  # the row each heading label was last read on


def read_indicator_rows(
    form: Form, text: str, bucket: list[Token], place: TablePlace, row_cells: dict[int, int]
) -> None:
    """Add to ``form`` the indicator rows in ``bucket``."""
    layout = place.layout
    # a row the flattening broke over several lines ('名称' / '有效' / '有效 | 10')
    pending: list[Value] = []
    for group in row_groups(bucket, row_cells):
        values = cell_values(text, group, row_cells)
        structured = len({t.row for t in group}) == 1 and row_cells.get(group[0].row, 0) > 1
        if pending and not structured and len({t.row for t in group}) == 1:
            # one cell of the broken row on a line of its own
            pending += [v for v in values if not v.blank]
            continue
        if structured:
            # a heading label that opened this row filled its column: no other cell of the row is that
            # heading ('满意度指标(10分) | 服务对象满意度 | 村民满意度 | …' has one name cell for 二级, one for 三级)
            named = tuple(k for k, row in place.heading_rows.items() if row == group[0].row)
            found = read_row(trim_blanks(pending + values), layout, named)
            if (found is None or found.uncertain) and values and values[0].blank and not pending:
                # '|产出指标|…' under a header whose first column (绩效指标) no row fills: the opening pipe's
                # blank cell is that column's, not a heading the row left blank (``tokens`` keeps it)
                found = read_row(trim_blanks(values[1:]), layout, named) or found
            if found is not None and found.uncertain:
                _unplaced(form, text, group)
                pending = []
                continue
            if found is None or not set(found.cells) & {"points", "score", "actual"}:
                pending = [v for v in pending + values if not v.blank]
                continue
            pending = []
            readings = [found.cells]
        elif (paired := pair_segments(group)) is not None:  # names, then their rows
            readings, leading = [], paired[1]
            form.indicators += [replace(i, level1=place.level1, level2=place.level2) for i in paired[0]]
            if leading:
                _unplaced(form, text, [t for t in group if t.start < leading[-1].end])
        elif (glued := read_glued(text, values, layout)) is not None:
            readings = glued[0]  # cells glued without separators: rows every parse agrees on
            form.notes += glued[1]
        else:
            readings, unplaced = read_flat(trim_blanks(values), layout)
            if unplaced:
                _unplaced(form, text, group)
        for reading in readings:
            _add_indicator(form, reading, place)
    if pending:
        found = read_row(pending, layout)
        if found is not None:
            _add_indicator(form, found.cells, place)
        elif sum(v.number is not None for v in pending) >= _NUMBERS_OF_A_ROW:
            # a row with its numbers that no reading aligns: noted, so no sum over the rows counts without it
            form.notes.append(
                f"指标表中「{text[pending[0].start : pending[-1].end][:40]}」无法可靠对齐到各列，未读取（存疑）"
            )


def adopt_headerless(
    form: Form,
    text: str,
    bucket: list[Token],
    place: TablePlace,
    row_cells: dict[int, int],
    confirmed: set[str],
) -> None:
    """'产出指标｜数量指标｜培训人数｜≥3000人次｜3246人次｜15｜15' with no header row over it: a row that opens with
    its 一级 and 二级 words, then a name, a target written with its operator, an actual, and two small numbers
    (分值, then 得分 within it) is an indicator row by its own shape. The table then takes the national columns
    (``place.layout``) and counts as confirmed (``confirmed`` gains "indicators"), as a header row would make it;
    the form records that its columns were inferred (``Form.columns_inferred``)."""
    if "indicators" not in confirmed and _headerless_row(text, bucket, place, row_cells):
        place.layout = _national_layout()
        confirmed.add("indicators")
        form.columns_inferred = True


def _national_layout() -> IndicatorLayout:
    layout = IndicatorLayout()
    for name in _HEADERLESS:
        layout.add(name)
    return layout


def _headerless_row(text: str, bucket: list[Token], place: TablePlace, row_cells: dict[int, int]) -> bool:
    rows = {t.row for t in bucket}
    if place.layout.keys or len(rows) != 1 or row_cells.get(min(rows), 0) < 2:
        return False
    if (place.heading_rows.get("level1"), place.heading_rows.get("level2")) != (min(rows), min(rows)):
        return False
    values = [v for v in cell_values(text, bucket, row_cells) if not v.blank]
    if len(values) not in (5, 6) or values[0].number is not None or values[1].op is None:
        return False
    points, score = values[3].number, values[4].number
    if points is None or score is None or values[3].op or values[4].op or not 0 <= score <= points <= 100:
        return False
    found = read_row(values, _national_layout(), ("level1", "level2"))
    return found is not None and not found.uncertain and not {"points", "score"} - set(found.cells)


def _add_indicator(form: Form, reading: dict[str, Value], place: TablePlace) -> None:
    indicator = indicator_of(reading, place.level1, place.level2)
    if indicator is None:
        return
    if misread(indicator):  # another row's name in a value cell, or two names in one: cells run together
        form.notes.append(f"指标表中「{indicator.name[:30]}」一行的单元格分不清，未读取（存疑）")
        return
    form.indicators.append(indicator)
    if "note" in reading:  # a 偏差原因分析 cell is prose: the report's explanation of a deviation
        form.prose.append((reading["note"].start, reading["note"].end))


def _unplaced(form: Form, text: str, group: list[Token]) -> None:
    quote = text[group[0].start : group[-1].end][:40]
    form.notes.append(f"指标表中「{quote}」无法可靠对齐到各列，未读取（存疑）")
