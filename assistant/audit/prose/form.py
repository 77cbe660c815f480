"""A 自评表 flattened into the text, read from its own headers: fund rows, indicator rows, level-1 headings with
their points ("产出指标(50分)"), the 总分 row, and the weights note ("产出指标50分、效益指标30分…"); and the rows of a
results table with no points or scores ("三级指标 | 年度指标值 | 实际完成值"), kept apart (``results``) so that no check
of a scored form reads them.

The header decides what each number in a row means: the order of 年度指标值 / 实际完成值 / 分值 / 得分 (national:
target, actual, points, score; 衔接资金 forms put 分值 first; 四川/云南 add 指标性质 and 度量单位 cells), and for
the money the order of 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分. Cells a flattening left blank
are found by the one cell every fund row has in a fixed place, the 执行率 with its "%". This is a tolerant
first reader; a fuller one (issue 15) can replace it behind ``read_form``: it only has to return the ``Form``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ..cues import cues
from ..document import Document, Sentence
from .cells import Cell, CellNumber, cells_of, join_unit, squeeze
from .form_inline import inline_fund_rows
from .form_money import FundRow, LabelValue, fund_rows, is_fund_label, label_values
from .form_titles import column_order

_SEP = r"[\s|]*"


def _spaced(word: str) -> str:
    return _SEP.join(re.escape(ch) for ch in word)


_INDICATOR_WORDS = (
    ("target", ("年度指标值", "预期指标值", "年初指标值", "指标值", "目标值")),
    ("actual", ("实际完成值", "全年实际值", "实际值", "完成值")),
    ("points", ("指标分值", "分值", "权重")),
    ("lost", ("扣分",)),  # a column of the points taken off, written between 分值 and 得分 by some provinces
    ("score", ("自评得分", "得分")),
)
_CUES = cues(__name__)
_THIRD_LEVEL = re.compile(_spaced("三级指标"))
_GROUP_NAMES = {"产出": "产出指标", "效益": "效益指标", "效果": "效益指标", "满意度": "满意度指标"}


@dataclass
class IndicatorRow:
    label: str
    target: tuple[Cell, CellNumber | None]
    actual: tuple[Cell, CellNumber | None]
    points: tuple[Cell, CellNumber]
    score: tuple[Cell, CellNumber]
    group: str | None
    start: int
    end: int
    met: bool | None = None  # True when the form wrote the target as the result (read from glued cells)
    lost: tuple[Cell, CellNumber] | None = None  # the 扣分 cell, when the form has that column


@dataclass
class ResultRow:
    """A row of a results table: an indicator's target and actual with no points or score columns."""

    label: str
    target: tuple[Cell, CellNumber | None]
    actual: tuple[Cell, CellNumber | None]
    start: int
    end: int


@dataclass
class Group:
    name: str
    points: Decimal
    start: int
    end: int


@dataclass
class Form:
    """What one text's flattened form(s) state; empty lists when the text holds no form."""

    funds: list[FundRow] = field(default_factory=list)
    indicators: list[IndicatorRow] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    total: tuple[int, int, Decimal | None, Decimal | None, str | None] | None = (
        None  # span, points, score, grade
    )
    note: dict[str, Decimal] = field(default_factory=dict)
    note_span: tuple[int, int] | None = None
    execution_points: Decimal | None = None  # 预算执行 points written in the funds heading
    labelled: list[list[LabelValue]] = field(default_factory=list)  # blocks of label-value cells
    total_from: int = 0  # where the form closed by ``total`` begins: after an earlier form's 总分 row, if any
    results: list[ResultRow] = field(default_factory=list)  # rows of a table with targets and actuals only

    @property
    def found(self) -> bool:
        return bool(self.funds or self.indicators or self.groups or self.labelled)

    def spans(self) -> list[tuple[int, int]]:
        """Where the form's rows are: the prose reader leaves these numbers to the form."""
        rows = [(r.start, r.end) for r in self.funds] + [(r.start, r.end) for r in self.indicators]
        rows += [(r.start, r.end) for r in self.results]
        return rows + [(b[0].cell.start, b[-1].cell.end) for b in self.labelled]

    def row_sentence(self, doc: Document, start: int, end: int) -> Sentence:
        """A row as a sentence, so the relation checks treat the numbers of one row as said together."""
        return Sentence(doc.text[start:end], start, end, doc.line_of(start), start, end, None, None)


def read_form(doc: Document) -> Form:
    text = doc.text
    form = Form()
    form.groups = [
        Group(
            _GROUP_NAMES.get(squeeze(m.group("name")), squeeze(m.group("name"))),
            Decimal(m.group("points")),
            m.start(),
            m.end(),
        )
        for m in _CUES.group.finditer(text)
        # "满意度指标（10分）得10分": a sentence summing up the part, no form's heading
        if not _CUES.group_scored.match(text, m.end())
    ]
    form.funds = fund_rows(text) or [
        FundRow(label, True, cells, start, end) for label, cells, start, end in inline_fund_rows(text)
    ]
    if not any(r.total for r in form.funds):
        glued = glued_fund_score(text)
        if glued is not None:
            cell, _ = glued
            form.funds.insert(
                0, FundRow("年度资金总额", True, {"score": (cell, cell.number)}, cell.start, cell.end)
            )
    form.indicators = _indicator_rows(text, form.groups, max((r.end for r in form.funds), default=0))
    form.results = _result_rows(text, form.indicators)
    totals = list(_CUES.total_score.finditer(text))
    if totals:
        m = totals[-1]
        points, score = _total_numbers(m.group("a"), m.group("b"))
        if score is not None:
            form.total = (m.start(), m.end(), points, score, m.group("grade"))
            # an earlier 总分 row with indicator rows after it closed an earlier form
            closed = [
                t.end() for t in totals[:-1] if any(t.end() <= r.start < m.start() for r in form.indicators)
            ]
            form.total_from = closed[-1] if closed else 0
    form.labelled = label_values(text, form.funds)
    note = _CUES.note.search(text)
    if note:
        form.note = {
            k: Decimal(v)
            for k, v in (
                ("产出指标", note.group("out")),
                ("效益指标", note.group("eff")),
                ("满意度指标", note.group("sat")),
                ("执行率", note.group("exe")),
            )
            if v
        }
        form.note_span = note.span()
    heading = _CUES.execution_heading.search(text)
    if heading:
        form.execution_points = Decimal(heading.group("exe") or heading.group("rule"))
    return form


def _total_numbers(a: str, b: str | None) -> tuple[Decimal | None, Decimal | None]:
    """(points, score) of the 总分 row; "100100" glued by the flattening is 分值 100 and 得分 100."""
    if b:
        return Decimal(a), Decimal(b)
    if len(a) > 3 and a.startswith("100") and "." not in a[:3]:
        return Decimal(100), Decimal(a[3:])
    value = Decimal(a)
    return (None, value) if value <= 100 else (None, None)


# --- indicator rows -----------------------------------------------------------------------------------------


def _indicator_rows(text: str, groups: list[Group], funds_end: int) -> list[IndicatorRow]:
    """Rows under each 三级指标 header; the header's own words may stand before it, but not the money rows'. A plain
    table with no level columns titles its name column 指标名称 at the start of its line: read alike when its header
    names all four of 目标值, 完成值, 分值 and 得分."""
    rows: list[IndicatorRow] = []
    levels = [m.start() for m in _THIRD_LEVEL.finditer(text)]
    plain = {
        m.end()
        for m in _CUES.name_column.finditer(text)
        if not any(m.start() - 160 <= at <= m.end() + 160 for at in levels)
    }
    headers = sorted([*levels, *plain])
    for k, at in enumerate(headers):
        start = max(0, at - 120, funds_end if funds_end <= at else 0)
        region, order = _header(text, _header_begin(text, start, at), at)
        if len(order) < 3:
            # a form glued into one line ("年度 实际 指标值 完成值 指标1:… 38508人 … 三级指标 … 分值 得分"): its titles
            # stand before the first row's values, which part them
            region, order = _header(text, start, at)
        stop = headers[k + 1] if k + 1 < len(headers) else len(text)
        found: list[IndicatorRow] = []
        if at in plain and not {"target", "actual", "points", "score"} <= set(order):
            continue
        if "points" in order and "score" in order and len(order) >= 3:
            units = any(squeeze(c.text) in _UNIT_TITLES for c in cells_of(region))
            found = _rows_under(text, at, stop, order, groups, units)
        if not found and at not in plain:
            found = glued_rows(text, at, stop, lambda offset: _group_at(groups, offset))
        rows.extend(found)
    return rows


def _result_rows(text: str, indicators: list[IndicatorRow]) -> list[ResultRow]:
    """Rows under a 三级指标 header whose only value columns are 年度指标值 and 实际完成值 ("一级指标 | 三级指标 |
    年度指标值 | 实际完成值", a 部门整体 report's results table): no scored form, but each row still states what its
    indicator achieved. A header already read as a scored form's is left to it."""
    rows: list[ResultRow] = []
    levels = [m.start() for m in _THIRD_LEVEL.finditer(text)]
    for k, at in enumerate(levels):
        region, order = _header(text, _header_begin(text, max(0, at - 120), at), at)
        if order != ["target", "actual"] or any(r.start <= at < r.end for r in indicators):
            continue
        stop = levels[k + 1] if k + 1 < len(levels) else len(text)
        units = any(squeeze(c.text) in _UNIT_TITLES for c in cells_of(region))
        for label, slots, last in _rows_of(cells_of(text, at, stop), order, units):
            rows.append(ResultRow(label.text, slots["target"], slots["actual"], label.start, last.end))
    return rows


def _rows_of(
    cells: list[Cell], order: list[str], units: bool
) -> Iterator[tuple[Cell, dict[str, tuple[Cell, CellNumber | None]], Cell]]:
    """Each row among ``cells``: its label cell, its value cells by column, and its last cell."""
    k = 0
    while k < len(cells):
        row = _row_at(cells, k, order, units)
        if row is None:
            k += 1
            continue
        slots, nxt = row
        yield cells[k], slots, cells[nxt - 1]
        k = nxt


def _header(text: str, begin: int, at: int) -> tuple[str, list[str]]:
    """The header region of the 三级指标 title at ``at`` read from ``begin``, and the indicator columns in it."""
    region = text[begin : at + 160]
    wanted = ("target", "actual", "points", "lost", "score")
    return region, [n for n in column_order(region, _INDICATOR_WORDS) if n in wanted]


# a column title cell of its own, not "实施单位：…"
_UNIT_TITLES = frozenset({"单位", "度量单位", "计量单位"})


def _header_begin(text: str, start: int, at: int) -> int:
    """Where the 三级指标 header's titles may begin: after the last number cell before it. A header's titles are
    never parted by a value; words before one belong to the row above ("执行率得分（分值10分） | 9.55 | 三级指标 |
    … | 分值 | 得分": that 得分 and 分值 name no indicator column, and their order is not the columns')."""
    numbers = [c for c in cells_of(text, start, at) if c.number is not None]
    return numbers[-1].end if numbers else start


def glued_rows(text: str, start: int, stop: int, group_at) -> list[IndicatorRow]:
    from .glued import glued_rows as read

    return read(text, start, stop, group_at)


def glued_fund_score(text: str):
    from .glued import glued_fund_score as read

    return read(text)


def _group_at(groups: list[Group], offset: int) -> str | None:
    return next((g.name for g in reversed(groups) if g.start < offset), None)


def _rows_under(
    text: str, start: int, stop: int, order: list[str], groups: list[Group], units: bool
) -> list[IndicatorRow]:
    rows = []
    for label, slots, last in _rows_of(cells_of(text, start, stop), order, units):
        rows.append(
            IndicatorRow(
                label.text,
                slots.get("target", (label, None)),
                slots.get("actual", (label, None)),
                slots["points"],  # type: ignore[arg-type]
                slots["score"],  # type: ignore[arg-type]
                _group_at(groups, label.start),
                label.start,
                last.end,
                lost=slots.get("lost"),  # type: ignore[arg-type]
            )
        )
    return rows


def _is_label(cell: Cell) -> bool:
    text = squeeze(cell.text)
    return (
        cell.number is None
        and not cell.empty
        and 2 <= len(text) <= 60
        and not _CUES.level_word.match(text)
        and not _CUES.header_word.search(text)
        and not is_fund_label(text)
        and "=" not in text
    )


def _named_like_level(cells: list[Cell], k: int) -> bool:
    """An indicator named like a level ("服务对象满意度 | ≧90% | 88% | 10 | 9.78", a form without level columns):
    a name only when a value with a number follows it, where a level cell is followed by a lower level's name."""
    text = squeeze(cells[k].text)
    nxt = cells[k + 1].number if k + 1 < len(cells) else None
    return (
        _CUES.level_word.match(text) is not None
        and not text.endswith("级指标")
        and nxt is not None
        and nxt.op is not None
    )


def is_execution_row(label: str) -> bool:
    """The row that scores the budget execution ("预算执行率"): its 实际完成值 is the money's 执行率. A form may
    write it in the 一级指标 column, its lower levels' cells left blank."""
    return _CUES.execution_row.search(squeeze(label)) is not None


def _scored_only(
    cells: list[Cell], j: int, order: list[str]
) -> tuple[dict[str, tuple[Cell, CellNumber | None]], int] | None:
    """The 预算执行率 row with only its 分值 and 得分 written ("预算执行率 | | | | | 10 | 9.52", its value cells left
    empty and gone with the flattening): two bare numbers and no third, where the row's cells would run on into the
    next row (the 总分 row's "100" read as its 得分)."""
    if order[-2:] != ["points", "score"] or len(order) < 3:
        return None
    pair = cells[j : j + 2]
    if len(pair) < 2 or any(c.plain is None for c in pair):
        return None
    if j + 2 < len(cells) and cells[j + 2].number is not None:
        return None
    return {"points": (pair[0], pair[0].plain), "score": (pair[1], pair[1].plain)}, j + 2


def _row_at(
    cells: list[Cell], k: int, order: list[str], units: bool
) -> tuple[dict[str, tuple[Cell, CellNumber | None]], int] | None:
    label = cells[k]
    named = _is_label(label) or _named_like_level(cells, k)
    if not named:
        return None
    slots: dict[str, tuple[Cell, CellNumber | None]] = {}
    j = k + 1
    if j < len(cells) and squeeze(cells[j].text) == "定性" and order[0] == "target":
        j += 1  # the 指标性质 cell of a qualitative row ("定性 | 达成 | 基本达成"): the value follows it
    if is_execution_row(label.text):  # "预算执行率 | — | — | 100% | 96%": written in the 一级指标 column
        while j < min(len(cells), k + 3) and cells[j].empty:
            j += 1
        scored = _scored_only(cells, j, order)
        if scored is not None:
            return scored
    for name in order:
        if j >= len(cells):
            return None
        if name in ("points", "lost", "score"):
            number = cells[j].plain
            if number is None:
                return None
            slots[name] = (cells[j], number)
            j += 1
        else:
            cell, j = join_unit(cells, j, units)
            if (
                cell.empty
                or _CUES.level_word.match(squeeze(cell.text))
                or _CUES.header_word.search(squeeze(cell.text))
            ):
                return None
            slots[name] = (cell, cell.number)
    return slots, j
