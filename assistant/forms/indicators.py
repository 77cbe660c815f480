"""The indicator table of a 自评表: its columns in the form's order (national, 衔接 with 分值 first, 云南/四川
with 指标性质 and 度量单位, forms without scores) and its rows, whether the flattening kept the rows or not.

A row kept by the flattening (a pipe or tab row) is aligned on its own; a flat run of cells is cut into rows
where every row is a name followed by values of the columns' types, the cut that leaves fewest cells unplaced.
Cells glued into one word ('安装坡面水标尺10≥266米≥266米10') are first cut at the name/number boundaries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import pairwise

from .align import Alignment, Column, Glued, Item, Reading, align, as_items
from .glued_rows import GluedRow, split_rows
from .glued_weighted import split_weighted_rows
from .model import FormIndicator, Value
from .values import parse_value
from .vocabulary import MEASURE_UNITS as _UNITS

COLUMN_KEYS = {
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "指标性质": "kind",
    "年度指标值": "target",
    "指标值": "target",
    "度量单位": "unit",
    "实际完成值": "actual",
    "完成值": "actual",
    "分值": "points",
    "得分": "score",
    "偏差原因": "note",
}
_NAME_KEYS = ("level1", "level2", "name")
_KIND_WORDS = re.compile(r"^(?:[≥≧>＞﹥≤≦<＜﹤=═＝﹦]{1,2}|定性|定量|正向|反向|定性指标|定量指标)$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CJK_CHAR = re.compile(r"^[\u4e00-\u9fff]$")
_SCALED = (
    "万",
    "千",
    "百",
    "亿",
)  # a measure counted in ten thousands ("万人", "万亩", "万人次") is a unit too
_SENTENCE = re.compile(r"[，。；]")
_LONG_UNITS = sorted((u for u in _UNITS if len(u) > 1 or not _CJK_CHAR.match(u)), key=len, reverse=True)
_SHORT_UNITS = [u for u in _UNITS if len(u) == 1 and _CJK_CHAR.match(u)]
# A one-character measure word (项, 个, 人) counts as a unit only where a number or the end follows: in
# '1010项目(工程)…' the 项 opens the next name.
_ATOM = re.compile(
    r"(?:[≥≧>≤≦<=═]{1,2})?\d+(?:\.\d+)?(?:"
    + "|".join(map(re.escape, _LONG_UNITS))
    + r"|(?:"
    + "|".join(map(re.escape, _SHORT_UNITS))
    + r")(?=[\d≥≧>≤≦<=═%]|$))?"
)
_ROW_COST = 0.5
_SPLIT_COST = 0.5  # an indicator row's glued numbers ('1010') are split when 分值/得分 then fit
_UNPLACED_COST = 4.0


@dataclass
class IndicatorLayout:
    """The indicator table's columns in order: the three name columns first, then the value columns."""

    keys: list[str] = field(default_factory=list)
    grouped: bool = False  # 年度指标值 is a group over 指标性质 / 指标值 / 度量单位 (云南 决算 tables)

    group_at: int | None = None  # where the 年度指标值 group stood: its sub-columns go there

    def add(self, label_name: str, at: int | None = None) -> None:
        key = COLUMN_KEYS.get(label_name)
        if key is None:
            return
        if at is not None and key not in self.keys:  # a header split over two lines: where its top half stood
            self.keys.insert(min(at, len(self.keys)), key)
            return
        if label_name == "指标值" and "target" in self.keys and not self.grouped:
            self.grouped = True  # 年度指标值 seen first: the group header; 指标值 is its value column
            self.group_at = self.keys.index("target")
            self.keys.remove("target")
            for sub in ("kind", "unit"):  # 指标性质 / 度量单位 listed before 指标值 belong to the group too
                if sub in self.keys and self.keys.index(sub) > self.group_at:
                    self.keys.remove(sub)
                    self.keys.insert(self.group_at, sub)
                    self.group_at += 1
        if key in self.keys:
            return
        if self.grouped and self.group_at is not None and key in ("kind", "target", "unit"):
            self.keys.insert(self.group_at, key)
            self.group_at += 1
            return
        self.keys.append(key)

    @property
    def ready(self) -> bool:
        return "name" in self.keys or "target" in self.keys or "actual" in self.keys

    def columns(self) -> list[Column]:
        ordered = [k for k in _NAME_KEYS if k in self.keys or k == "name"]
        ordered += [k for k in self.keys if k not in _NAME_KEYS]
        return [Column(k, _ACCEPTS[k], _SKIP_COST.get(k, 1.0), _TAKE_COST.get(k, 0.0)) for k in ordered]


def _is_text(value: Value) -> bool:
    return value.number is None and bool(_CJK.search(value.text)) and not _KIND_WORDS.match(value.text)


def _is_points(value: Value) -> bool:
    return (
        value.number is not None
        and value.op is None
        and not value.percent
        and value.unit in (None, "分")
        and Decimal(0) <= value.number <= Decimal(100)
    )


_RATIO_UNIT = re.compile(r"^[\u4e00-\u9fff]{1,2}/[\u4e00-\u9fff][\u4e00-\u9fff·]{0,3}$")  # 元/亩, 元/生·年


# a measure with another in brackets: 万头（只）, 人(次)
_OTHER_NAME = re.compile(r"^(?P<unit>[^（）()]{1,4})[（(](?P<other>[^（）()]{1,3})[）)]$")


def _is_measure(text: str) -> bool:
    """A 度量单位 cell: a measure word ("人", "万亩"), a rate of two ("元/亩", "元/生·年"), "个百分点", or a measure
    with another in brackets that the count may be of ("万头（只）": head of cattle or pigs, or birds)."""
    other = _OTHER_NAME.match(text)
    return (
        text in _UNITS
        or (text[:1] in _SCALED and text[1:] in _UNITS)
        or text == "个百分点"
        or _RATIO_UNIT.match(text) is not None
        or (other is not None and _is_measure(other.group("unit")) and _is_measure(other.group("other")))
    )


_ACCEPTS = {
    "level1": _is_text,
    "level2": _is_text,
    "name": _is_text,
    "kind": lambda v: bool(_KIND_WORDS.match(v.text.replace(" ", ""))),
    "target": lambda v: not v.blank,
    "unit": lambda v: (
        v.number is None
        and ((len(v.text) <= 6 and not _CJK.search(v.text[1:] if v.text else "")) or _is_measure(v.text))
    ),
    "actual": lambda v: not v.blank,
    "points": _is_points,
    "score": _is_points,
    "note": lambda v: v.number is None and not v.blank,
}
_SKIP_COST = {"level1": 0.0, "level2": 0.0, "name": 6.0, "kind": 0.5, "unit": 0.5, "note": 0.1}
_TAKE_COST = {"level1": 0.6, "level2": 0.6}


def _plausibility(reading: Reading) -> float:
    points, score = reading.get("points"), reading.get("score")
    bonus = 0.0
    if points is not None and score is not None and points.number is not None and score.number is not None:
        bonus += 2.0 if score.number <= points.number else -2.0
    target, actual = reading.get("target"), reading.get("actual")
    if target is not None and actual is not None and target.unit and target.unit == actual.unit:
        bonus += 0.5
    return bonus


def indicator_of(reading: Reading, level1: str, level2: str) -> FormIndicator | None:
    name = reading.get("name")
    if name is None or not any(k in reading for k in ("target", "actual", "points", "score")):
        return None  # no name, or an empty template row ("指标2")
    kind = reading.get("kind")
    unit = reading.get("unit")
    spans = [v for v in reading.values() if not v.blank]
    return FormIndicator(
        level1=(reading["level1"].text if "level1" in reading else level1),
        level2=(reading["level2"].text if "level2" in reading else level2),
        name=re.sub(r"\s+", "", name.text),
        target=reading.get("target"),
        actual=reading.get("actual"),
        points=reading.get("points"),
        score=reading.get("score"),
        kind=kind.text.replace(" ", "") if kind else None,
        unit=unit.text if unit else None,
        note=reading["note"].text if "note" in reading else None,
        span=(min(v.start for v in spans), max(v.end for v in spans)),
    )


def read_row(cells: list[Value], layout: IndicatorLayout, named: tuple[str, ...] = ()) -> Alignment | None:
    """A row the flattening kept: its cells aligned with the columns (None when no reading fits); ``named``
    are the heading columns a label on the row already filled."""
    columns = [c for c in layout.columns() if c.key not in named]
    return align(_items(cells), columns, _plausibility, split_cost=_SPLIT_COST)


def read_flat(values: list[Value], layout: IndicatorLayout) -> tuple[list[Reading], int]:
    """Cut a flat run of cells into rows; returns the rows and how many cells could not be placed."""
    items = _items(values)
    glued = {id(item) for item in items if item.start not in {v.start for v in values}}
    columns = layout.columns()
    width = len(columns)
    n = len(items)
    best: list[tuple[float, list[Reading], int] | None] = [None] * (n + 1)
    best[n] = (0.0, [], 0)
    for i in range(n - 1, -1, -1):
        options: list[tuple[float, list[Reading], int]] = []
        rest = best[i + 1]
        if rest is not None:  # leave this cell unplaced (a page marker, a stray "……"; blanks are free)
            blank = isinstance(items[i], Value) and items[i].blank
            options.append(
                (rest[0] + (0.0 if blank else _UNPLACED_COST), rest[1], rest[2] + (0 if blank else 1))
            )
        for k in range(1, min(width, n - i) + 1):
            tail = best[i + k]
            if tail is None or not _starts_row(items[i]):
                continue
            found = align(items[i : i + k], columns, _plausibility, split_cost=_SPLIT_COST)
            if found is None or "name" not in found.cells or found.uncertain:
                continue  # a row two readings fit equally is left unplaced (reported), not guessed
            if any(id(item) in glued for item in items[i : i + k]) and not _complete(found.cells, columns):
                continue  # a row cut out of glued text without its 分值/得分: not believed
            cost = found.cost + _ROW_COST + _incomplete_cost(found.cells, columns)
            options.append((tail[0] + cost, [found.cells, *tail[1]], tail[2]))
        best[i] = min(options, key=lambda o: o[0]) if options else None
    final = best[0]
    return (final[1], final[2]) if final else ([], n)


def read_glued(
    text: str, values: list[Value], layout: IndicatorLayout
) -> tuple[list[Reading], list[str]] | None:
    """Rows of a national table whose cells were glued together on one line (a word holding a name and several
    numbers), split by ``glued_rows``: the rows read, and a Chinese note for each stretch that could not be;
    None when the cells are not glued."""
    keys = [c.key for c in layout.columns() if c.key not in (*_NAME_KEYS, "note")]
    cells = [v for v in values if not v.blank]
    if [k for k in keys if k not in ("unit", "kind")] == ["target", "points", "actual", "score"]:
        return _read_weighted(text, cells)
    if keys != ["target", "actual", "points", "score"] or not any(
        len(split_glued_row(v)) >= 3 for v in cells
    ):
        return None
    start, end = cells[0].start, cells[-1].end
    if "\n" in text[start:end]:
        return None  # rows on lines of their own keep boundaries the glued splitter would drop
    rows = split_rows(text[start:end], start)
    if rows is None:
        rows = [GluedRow(None, start, end)]
    notes = [
        f"指标表中「{text[r.start : r.end][:40]}」单元格粘连，拆分不唯一，未读取（存疑）"
        for r in rows
        if r.cells is None
    ]
    if "note" in layout.keys:  # a deduction is explained in its 偏差原因 cell, glued before the next name
        notes += [
            f"指标「{row.cells['name'].text[:30]}」紧接扣分行，名称前部可能粘连上一行的偏差原因说明（存疑）"
            for before, row in pairwise(rows)
            if row.cells and before.cells and _deducted(before.cells)
        ]
    return [r.cells for r in rows if r.cells is not None], notes


def _read_weighted(text: str, cells: list[Value]) -> tuple[list[Reading], list[str]] | None:
    """A 重庆 table (权重 between target and actual) glued on one line: ``glued_weighted`` splits it."""
    glued = [v for v in cells if v.number is None and re.search(r"[^\d.\s]\d", v.text)]
    if len(cells) != 1 or not glued or "\n" in text[cells[0].start : cells[0].end]:
        return None
    rows, unread = split_weighted_rows(text[cells[0].start : cells[0].end], cells[0].start)
    notes = [f"指标表中「{text[a:b][:40]}」单元格粘连，拆分不唯一，未读取（存疑）" for a, b in unread]
    return rows, notes


def _deducted(reading: Reading) -> bool:
    points, score = reading.get("points"), reading.get("score")
    return bool(points and score and points.number is not None and score.number is not None) and (
        score.number < points.number  # type: ignore[operator]
    )


def _complete(reading: Reading, columns: list[Column]) -> bool:
    """A row cut out of glued text is believed only when every score column it should have is filled."""
    return all(c.key in reading for c in columns if c.key in ("points", "score"))


def _starts_row(item: Item) -> bool:
    return isinstance(item, Value) and _is_text(item)


def _incomplete_cost(reading: Reading, columns: list[Column]) -> float:
    """A row that stops before its 分值/得分 is either a 其中 sub-item or a misreading (a note taken for a name)."""
    keys = [c.key for c in columns]
    if "points" not in keys and "score" not in keys:
        return 0.0
    if "points" in reading or "score" in reading or reading["name"].text.startswith("其中"):
        return 0.0
    return 1.0 if any(k in reading for k in ("target", "actual")) else 0.0


def _items(values: list[Value]) -> list[Item]:
    """Cells as alignment items, words that glue a name to its numbers cut apart first."""
    out: list[Item] = []
    for value in values:
        pieces = split_glued_row(value)
        if len(pieces) == 1:
            out += as_items(pieces)
            continue
        for piece in pieces:  # numbers out of a glued word may themselves be several ('20100%' = 20 | 100%)
            digits = re.sub(r"\D", "", piece.text)
            out.append(
                glued_item(piece)
                if piece.number is not None and piece.op is None and len(digits) >= 3
                else piece
            )
    return out


def split_glued_row(value: Value) -> list[Value]:
    """'安装坡面水标尺10≥266米≥266米10' → 安装坡面水标尺 | 10 | ≥266米 | ≥266米 | 10 (names and numbers apart).

    A word is cut where it holds a run of several numbers (or numbers glued by their dots, '43.237.24109'); a
    lone number inside a name ('指标1工程…', '一户年最高5300元') stays in it.
    """
    text = value.text.rstrip("…. ")
    if value.number is not None or not _CJK.search(text) or not re.search(r"\d", text):
        return [value]
    if _SENTENCE.search(text):
        return [value]  # a 偏差原因 cell ('…顺延至2024年3月底前完工。'): a sentence, not glued cells
    runs = _number_runs(text)
    cuts = [run for run in runs if len(run) > 1 or run[0][1] == len(text) or _digit_block(text, run)]
    repeated = (
        bool(runs) and runs[-1][-1][1] == len(text) and len(_split_repeat(text[: runs[-1][0][0]], 0)) > 1
    )
    if not any(len(run) > 1 or _digit_block(text, run) for run in cuts) and not repeated:
        return [value]
    pieces: list[Value] = []
    cursor = 0
    for run in cuts:
        run_start, run_end = run[0][0], run[-1][1]
        if run_start > cursor:
            pieces += _split_repeat(text[cursor:run_start], value.start + cursor)
        elif cursor == 0:
            return [value]  # a word opening with numbers is no row
        for a, b in _dot_joined(run):
            pieces.append(parse_value(text[a:b], value.start + a, value.start + b))
        cursor = run_end
    if cursor < len(text):
        pieces.append(Value(text[cursor:], value.start + cursor, value.start + len(text)))
    return pieces


def _digit_block(text: str, run: list[tuple[int, int]]) -> bool:
    """Four or more bare digits between words ('…完工率1001001010指标2…'): cells glued, not a number in a name
    (a year is followed by 年)."""
    a, b = run[0]
    return len(run) == 1 and b - a >= 4 and text[a:b].isdigit() and text[b : b + 1] not in ("年", "月", "日")


def _number_runs(text: str) -> list[list[tuple[int, int]]]:
    """Atoms (numbers with their unit) grouped into runs: adjacent, or joined by a dot."""
    runs: list[list[tuple[int, int]]] = []
    for match in _ATOM.finditer(text):
        span = (match.start(), match.end())
        last = runs[-1][-1] if runs else None
        if last is not None and (last[1] == span[0] or (span[0] - last[1] == 1 and text[last[1]] == ".")):
            runs[-1].append(span)
        else:
            runs.append([span])
    return runs


def _dot_joined(run: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of a run's pieces, atoms joined by a dot merged back ('43.237' + '.24109' is one glued piece)."""
    merged: list[tuple[int, int]] = []
    for a, b in run:
        if merged and a == merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def _split_repeat(text: str, start: int) -> list[Value]:
    """A target written twice as the actual ('显著提升显著提升', '成本控制不超过预算不超过预算') → its parts."""
    for size in range(len(text) // 2, 1, -1):
        if text[-2 * size : -size] == text[-size:]:
            head = len(text) - 2 * size
            parts = [(head, head + size), (head + size, len(text))]
            if head:
                parts.insert(0, (0, head))
            pieces = [Value(text[a:b], start + a, start + b) for a, b in parts]
            number = re.search(r"\d+(?:\.\d+)?$", text[:head]) if head else None
            if number and number.start() > 0:  # '改善状况10显著提升显著提升': the name's 分值 before the pair
                name = text[: number.start()]
                pieces[0:1] = [
                    Value(name, start, start + len(name)),
                    parse_value(number.group(0), start + number.start(), start + head),
                ]
            return pieces
    return [Value(text, start, start + len(text))]


def glued_item(value: Value) -> Item:
    return Glued(value.text, value.start, value.end)
