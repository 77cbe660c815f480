"""A 自评表 exported from a spreadsheet in merged-cell order ("soup"): the whole table on one or two lines,
labels after their values, value rows far from their names, a row's cells split by header labels.

The line structure says nothing there, so the indicator table is read from the order of what it holds: the
numbered names of the national form (指标1：…, the 指标 of a name a heading label swallowed restored) in order,
the value cells in order, parsed as rows of 年度指标值 | 实际完成值 | 分值 | 得分 (target and actual of one kind,
0 ≤ 得分 ≤ 分值), and what remains after the last row as the 总分 pair. The reading is kept only when names and
rows pair one to one; anything else reads nothing (the walk's own reading then stands, with its 存疑 notes).

The funds block of such an export lists its row labels before their values (``split_runs``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from .model import Form, FormIndicator, Value
from .tokens import Token
from .values import parse_value
from .vocabulary import INDICATOR_COLUMN_NAMES, labels_at

_NAME_START = re.compile(r"^指标\s*\d{1,2}\s*[:：]")
_NAMED = re.compile(r"指标\s*\d{1,2}\s*[:：]")
_BARE_NUMBER_START = re.compile(r"^\d{1,2}\s*[:：]\S")  # '1:是否…' after a heading label that took '指标'
_CONTINUATION = re.compile(r"^[\u4e00-\u9fff]{1,12}$")  # the rest of a wrapped name: letters only
_HUNDRED = Decimal(100)
SOUP_ROWS = 2  # an indicator table on at most this many lines is read as soup


@dataclass
class SoupReading:
    indicators: list[FormIndicator] = field(default_factory=list)
    total_points: Value | None = None
    total: Value | None = None


def read_soup(tokens: list[Token]) -> SoupReading | None:
    """The indicator rows of an indicator table's tokens read by order, or None when names and rows do not pair."""
    items = _items(tokens)
    names = [item for item in items if isinstance(item, list)]
    rows, rest = _rows([item for item in items if isinstance(item, Value)])
    if not names or len(rows) != len(names):
        return None
    reading = SoupReading()
    for name, row in zip(names, rows, strict=True):
        reading.indicators.append(_indicator(name, row))
    if len(rest) == 2 and _is_points(rest[0]) and _is_points(rest[1]):
        reading.total_points, reading.total = rest
    elif rest:
        return None
    return reading


def pair_segments(tokens: list[Token]) -> tuple[list[FormIndicator], list[Value]] | None:
    """A run of cells where an export wrote several names and then their rows ('指标24:… 指标25:… 14例 14例 2 2
    24694人 22584人 2 1.7'): each stretch of names followed by values pairs them in order. (rows, values that
    come before any name: not placed); None unless some stretch holds several names and every stretch pairs."""
    segments: list[tuple[list[list[Token]], list[Value]]] = []
    for item in _items(tokens):
        if isinstance(item, list):
            if not segments or segments[-1][1]:
                segments.append(([], []))
            segments[-1][0].append(item)
        elif isinstance(item, Value):
            if not segments:
                segments.append(([], []))
            segments[-1][1].append(item)
    if not any(len(names) > 1 and values for names, values in segments):
        return None
    found: list[FormIndicator] = []
    for names, values in segments:
        rows, rest = _rows(values)
        if names and values and (rest or len(rows) != len(names)):
            return None
        found += [_indicator(name, row) for name, row in zip(names, rows, strict=False)]
    leading = segments[0][1] if not segments[0][0] else []
    return found, leading


def _items(tokens: list[Token]) -> list[list[Token] | Value]:
    """The cells in order: a name (its tokens: '指标1:…纳入医' + '保统筹') or a value; other words left out (notes,
    a displaced header value, a broken heading)."""
    items: list[list[Token] | Value] = []
    growing = False  # the last token extended a name: a following bare word may continue it
    for index, token in enumerate(tokens):
        if token.kind != "word":
            growing = False
            continue
        if _NAME_START.match(token.text) or _restored_name(tokens, index):
            items.append([token])
            growing = True
            continue
        value = parse_value(token.text, token.start, token.end)
        if value.number is not None and not token.text.startswith(("(", "（")):
            items.append(value)
            growing = False
        elif growing and _CONTINUATION.match(token.text):
            items[-1].append(token)  # type: ignore[union-attr]
        else:
            growing = False
    return items


def _indicator(name: list[Token], row: tuple[Value, Value, Value, Value]) -> FormIndicator:
    target, actual, points, score = row
    text = ("指标" if not _NAME_START.match(name[0].text) else "") + "".join(t.text for t in name)
    return FormIndicator(
        "", "", re.sub(r"\s+", "", text), target, actual, points, score, span=(name[0].start, score.end)
    )


def apply_soup(form: Form, tokens: list[Token]) -> None:
    """An indicator table on one or two lines the walk could not align: read by order instead."""
    reading = read_soup(tokens) if len({t.row for t in tokens}) <= SOUP_ROWS else None
    if reading is None or [i.name for i in form.indicators] == [i.name for i in reading.indicators]:
        return
    form.indicators, form.level1_points = reading.indicators, {}  # headings are not tied to rows there
    form.notes = [note for note in form.notes if not note.startswith("指标表中")]
    if reading.total is not None:
        form.total_points, form.total = reading.total_points, reading.total
    total = form.fund()
    execution = total.number("points") if total is not None else form.execution_points
    weights = sum(
        (i.points.number for i in form.indicators if i.points and i.points.number), execution or Decimal(0)
    )
    if form.total_points is None or form.total_points.number != weights:
        form.notes.append("指标表按单元格顺序读取，分值合计与总分分值未能相互印证（存疑）")


def misread(indicator: FormIndicator) -> bool:
    """A row whose cells ran together or broke apart: a numbered name ('指标2:…') in a value cell, two in its name,
    or a name that is a broken-off piece."""
    values = (indicator.target, indicator.actual, indicator.points, indicator.score)
    if any(v is not None and (_NAME_START.match(v.text) or v.text.strip() in ")）") for v in values):
        return True
    # a broken-off piece for a name: one character ('入'), or a heading's '(10分'
    name = indicator.name
    return len(_NAMED.findall(name)) > 1 or len(name) < 2 or name.startswith(("(", "（"))


def _restored_name(tokens: list[Token], index: int) -> bool:
    """'社会效益 指标' + '1:是否解决…': the heading label took the 指标 of the name after it."""
    previous = tokens[index - 1] if index else None
    return (
        previous is not None
        and previous.kind == "label"
        and previous.text.endswith("指标")
        and bool(_BARE_NUMBER_START.match(tokens[index].text))
    )


def _rows(values: list[Value]) -> tuple[list[tuple[Value, Value, Value, Value]], list[Value]]:
    """Rows of target | actual | 分值 | 得分 from the start; the values after the last row that fits."""
    rows, index = [], 0
    while index + 4 <= len(values):
        target, actual, points, score = values[index : index + 4]
        if not (_same_kind(target, actual) and _is_points(points) and _is_points(score)):
            break
        if score.number > points.number or points.number == 0:  # type: ignore[operator]
            break
        rows.append((target, actual, points, score))
        index += 4
    return rows, values[index:]


def _same_kind(a: Value, b: Value) -> bool:
    return a.percent == b.percent and (a.unit or "") == (b.unit or "")


def _is_points(value: Value) -> bool:
    return (
        value.number is not None
        and not value.percent
        and not value.unit
        and not value.op
        and Decimal(0) <= value.number <= _HUNDRED
    )


def split_runs(bucket: list[Token], labels: int, columns: int) -> list[list[Token]] | None:
    """Values that followed several row labels written one after another, one equal run per label in order,
    each a whole row of the ``columns`` (one empty cell at most dropped by the export); None when they do not
    divide so (the rows cannot be told apart)."""
    cells = [t for t in bucket if t.kind != "blank"]
    if labels < 2 or not cells or len(cells) % labels or len(cells) // labels < columns - 1:
        return None
    size = len(cells) // labels
    return [cells[i * size : (i + 1) * size] for i in range(labels)]


def split_header(before: list[Token], label: Token) -> tuple[str, int | None]:
    """'年度 实际 分值 得分' over '指标值 完成值': a column label whose first half ('年度') stood as a word on the
    header line above takes that word's place among the columns; (its name, that place) or (its name, None)."""
    above = [t for t in before if t.row == label.row - 1]
    place = 0
    for token in above:
        if token.kind == "label" and token.name in INDICATOR_COLUMN_NAMES:
            place += 1
        elif token.kind == "word":
            whole = token.text + label.compact
            for found, end in labels_at(whole, 0):
                if end == len(whole) and found.name in INDICATOR_COLUMN_NAMES and found.name != label.name:
                    return found.name, place
            place += 1
    return label.name, None
