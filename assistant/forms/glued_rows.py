"""Indicator rows whose cells were glued together without separators ('安装坡面水标尺≥266米≥266米1010水标尺…'),
split with the table's own constraints, never by guessing.

A row is 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 (the national order). Every way to cut the run into such
rows is a parse, under these rules:

- a target or actual is a number with its comparison (≥ ≤ = < >), percent sign (at most 1000%), unit (米, 人次,
  元/户, 百分比) and tail (前, 以上 …); a unit written right after a number is that number's, never the start of
  the next cell; an actual with a measure word has a target with one;
- a name begins with no digit, operator, unit or separating punctuation; it holds no operator followed by a
  number (that begins the target), no number glued to the next number (those are the target and actual), and
  does not end in a word written twice (that is the target repeated as the actual);
- 0 < 分值 ≤ 100 and 0 ≤ 得分 ≤ 分值; a met target earns more than 0;
- a target and its actual are of one order of magnitude (the actual within a tenth and ten times the target;
  an actual of 0 only under a ≤ target): the one assumption here that is not the form's own arithmetic;
- a scored row states its target and actual (its 得分 is given for them); a 其中 sub-item has no 分值/得分;
- a target and an actual that are both words are told apart only when the actual repeats the target (a met
  row, '显著提升显著提升'); otherwise name, target and actual written as one run of words make a row whose cells
  cannot be told apart (its place in the table is still known).

Of all parses, those with the most cells count (digits that can close a row close it; cells do not vanish). A
row is read only when every such parse has it, with the same cells; everything else is reported as uncertain.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from .align import Reading
from .glued import number_ends
from .model import Value
from .tokens import compact_of
from .values import parse_value
from .vocabulary import MEASURE_UNITS

MAX_NAME = 80
MAX_EDGES = 20_000
_MAX_PERCENT = Decimal(1000)
_TENTH = Decimal("0.1")
_SKIP = -1  # the weight of a stretch no row explains
_AFTER_ROW = set("0123456789%％。；;")
_SENTENCE = re.compile(r"[，,。；;！!？?]")  # no target or actual is over 1000%
_OP = re.compile(r"(?:>=|<=|==|[≥≧>≤≦<=═])")
_UNIT_WORDS = sorted((u for u in MEASURE_UNITS if u not in "%％"), key=len, reverse=True)
_UNIT = re.compile(
    "(?:"
    + "|".join(map(re.escape, _UNIT_WORDS))
    + r")(?:[/*·](?:"
    + "|".join(map(re.escape, _UNIT_WORDS))
    + "))*"
)
_TAIL = re.compile(r"及以上|及以下|以上|以下|以内|左右|前|内")
_NOT_NAME_START = set("0123456789.%％:：)）]】、，,。;；/*·-~—")
_SUB_ITEM = re.compile(r"^[★☆*＊\s]*其中")
_WORD_CHARS = re.compile(r"^[^\d≥≧>≤≦<=═]+$")
_SCORE_NAMES = ("name", "target", "actual", "points", "score")


@dataclass
class GluedRow:
    """A row cut out of a glued run: its cells, or None when the parses disagree on them (or they are words
    that cannot be told apart); ``start``/``end`` in the source text."""

    cells: Reading | None
    start: int
    end: int


@dataclass(frozen=True)
class _Edge:
    start: int
    end: int
    cells: tuple[tuple[str, int, int], ...] | None  # (key, compact start, compact end)
    weight: int


class _Run:
    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)

    # --- cells ----------------------------------------------------------------------------------------

    def op_digit(self, i: int) -> bool:
        """An operator followed by a number: where a target begins."""
        match = _OP.match(self.s, i)
        return bool(match) and match.end() < self.n and self.s[match.end()].isdigit()

    def unit_at(self, i: int, strict: bool) -> int:
        """The end of a measure word written at ``i`` (``i`` when none); ``strict``: a one-character word
        counts only where a number, an operator or a joined unit follows ('项目' opens a name)."""
        match = _UNIT.match(self.s, i)
        if not match:
            return i
        end = match.end()
        if strict and end - i == 1 and end < self.n:
            following = self.s[end]
            if not (following.isdigit() or following in "/*·" or _OP.match(self.s, end)):
                return i
        return end

    def name_start(self, i: int) -> bool:
        if i >= self.n or self.s[i] in _NOT_NAME_START or self.op_digit(i) or _OP.match(self.s, i):
            return False
        return self.unit_at(i, strict=True) == i

    def row_end(self, i: int) -> bool:
        return i == self.n or self.name_start(i)

    def values_at(self, i: int) -> list[tuple[int, int]]:
        """(number end, cell end) of each target/actual cell written at ``i``: [op] number [%] [unit] [tail]."""
        op = _OP.match(self.s, i)
        at = op.end() if op else i
        if at >= self.n or not self.s[at].isdigit():
            return []
        out = []
        for end in number_ends(self.s, at):
            if self.s[end - 1] in "%％" and Decimal(self.s[at : end - 1]) > _MAX_PERCENT:
                continue  # '100100%' is a target of 100 and an actual of 100%, not one cell
            cell = end if self.s[end - 1] in "%％" else self.unit_at(end, strict=False)
            tail = _TAIL.match(self.s, cell)
            out.append((end, tail.end() if tail and cell > end else cell))
        return out

    def points_scores(self, i: int) -> list[tuple[int, int]]:
        """(分值 end, 得分 end) pairs at ``i``: bare numbers, 0 < 分值 ≤ 100, 得分 ≤ 分值, then a new row."""
        out = []
        for p_end in number_ends(self.s, i):
            points = self.number(i, p_end)
            if points is None or not Decimal(0) < points <= 100:
                continue
            for s_end in number_ends(self.s, p_end):
                score = self.number(p_end, s_end)
                if score is not None and score <= points and self.row_end(s_end):
                    out.append((p_end, s_end))
        return out

    def number(self, a: int, b: int) -> Decimal | None:
        piece = self.s[a:b]
        return None if piece.endswith(("%", "％")) else Decimal(piece)

    def name_ok(self, a: int, b: int) -> bool:
        """A name's text: no operator before a number in it, no number glued to a number, and not cut out of
        a number (its last character and the next cell's first are not both digits)."""
        if b - a > MAX_NAME or b <= a:
            return False
        if self.s[b - 1] == "." or (b < self.n and self.s[b - 1].isdigit() and self.s[b].isdigit()):
            return False
        name = self.s[a : b + 1]
        if any(self.op_digit(a + k) for k in range(b - a)) or _doubled(self.s[a:b]):
            return False  # an operator before a number begins the target; a repeated word is target = actual
        if _SENTENCE.search(self.s, a, b):
            return False  # a sentence is a 偏差原因 note glued before the name, not a name
        for match in re.finditer(r"\d", name[:-1]):
            after = a + match.end() + (self.s[a + match.end()] in "%％")
            after = self.unit_at(after, strict=False)
            if after > a + match.end() and after < self.n and after <= b and self.s[after].isdigit():
                return False  # '…面积5亩5亩…': a target and an actual, not part of a name
        return True

    # --- rows -----------------------------------------------------------------------------------------

    def rows_from(self, p: int) -> list[_Edge]:
        if not self.name_start(p):
            return []
        edges: list[_Edge] = []
        sub_item = bool(_SUB_ITEM.match(self.s[p:]))
        for q in range(p + 1, min(self.n, p + MAX_NAME) + 1):
            if q < self.n and (self.s[q].isdigit() or self.op_digit(q)) and self.name_ok(p, q):
                edges += self._numeric_rows(p, q, sub_item)
            if q < self.n and self.s[q].isdigit() and not self.s[q - 1].isdigit() and self.s[q - 1] != ".":
                edges += self._word_rows(p, q)
            if q < self.n and self.op_digit(q):
                break  # a name holds no operator before a number
        return edges

    def _numeric_rows(self, p: int, q: int, sub_item: bool) -> list[_Edge]:
        edges = []
        for t_num, t_end in self.values_at(q):
            for a_num, a_end in self.values_at(t_end):
                if a_end > a_num and self.s[a_num] not in "%％" and t_end == t_num:
                    continue  # an actual with a measure word, its target without: '≤9|0万元' is '≤90万元'
                base = (("name", p, q), ("target", q, t_end), ("actual", t_end, a_end))
                if sub_item and self.row_end(a_end):
                    edges.append(_Edge(p, a_end, base, 3))
                for p_end, s_end in self.points_scores(a_end):
                    if not self._consistent(q, t_num, t_end, a_num, s_end, p_end):
                        continue
                    cells = (*base, ("points", a_end, p_end), ("score", p_end, s_end))
                    edges.append(_Edge(p, s_end, cells, 5))
        return edges

    def _consistent(self, q: int, t_num: int, t_end: int, a_num: int, s_end: int, p_end: int) -> bool:
        """A target and its actual are of one order of magnitude (an actual of 0 only under a ≤ target), and a
        met target earns more than 0."""
        op = _OP.match(self.s, q)
        target = Decimal(self.s[op.end() if op else q : t_num].rstrip("%％"))
        a_op = _OP.match(self.s, t_end)
        actual = Decimal(self.s[a_op.end() if a_op else t_end : a_num].rstrip("%％"))
        bound = op.group(0) if op else "="
        if target and actual and not _TENTH <= actual / target <= 10:
            return False
        if target and not actual and bound not in ("≤", "<=", "<", "≦"):
            return False
        met = (
            actual >= target
            if bound in ("≥", ">=", ">", "≧")
            else actual <= target
            if bound in ("≤", "<=", "<", "≦")
            else actual == target
        )
        return not (met and self.number(p_end, s_end) == 0)

    def _word_rows(self, p: int, r: int) -> list[_Edge]:
        """Rows whose target and actual are words, closed by 分值|得分 at ``r``."""
        run = self.s[p:r]
        pairs = self.points_scores(r)
        if not pairs:
            return []
        cells: list[tuple[tuple[str, int, int], ...] | None] = []
        for size in range(2, len(run) // 2 + 1):
            tail = run[-size:]
            if run[-2 * size : -size] == tail and _WORD_CHARS.match(tail) and self.name_ok(p, r - 2 * size):
                cells.append(
                    (("name", p, r - 2 * size), ("target", r - 2 * size, r - size), ("actual", r - size, r))
                )
        if not cells and _WORD_CHARS.match(run) and not any(self.op_digit(k) for k in range(p, r)):
            cells.append(None)  # name, target and actual all words: the row's cells cannot be told apart
        edges = []
        for found in cells:
            for p_end, s_end in pairs:
                scores = (("points", r, p_end), ("score", p_end, s_end))
                edges.append(_Edge(p, s_end, (*found, *scores) if found else None, 5))
        return edges


def _doubled(text: str) -> bool:
    """Text ending in a word written twice ('显著提升显著提升')."""
    return any(text[-2 * k : -k] == text[-k:] for k in range(2, len(text) // 2 + 1))


def split_rows(text: str, start: int) -> list[GluedRow] | None:
    """The rows of a glued run of indicator cells ``text`` (at ``start`` in the report), None when no parse
    covers it."""
    compact, index, _ = compact_of(text)
    compact = unicodedata.normalize("NFKC", compact)
    if len(compact) != len(index):
        return None
    run = _Run(compact)
    edges = _edges(run, skips=False)
    best = _certain(edges, run.n) if edges is not None else None
    if best is None:  # a stretch no row explains (a 偏差原因 sentence): skipped, the fewest possible
        edges = _edges(run, skips=True)
        best = _certain(edges, run.n) if edges is not None else None
    if best is None:
        return None

    def source(a: int, b: int) -> tuple[int, int]:
        return start + index[a], start + index[b - 1] + 1

    rows: list[GluedRow] = []
    cursor = 0
    for edge in best:
        if edge.start > cursor:
            rows.append(GluedRow(None, *source(cursor, edge.start)))
        cells = None
        if edge.cells is not None:
            cells = {}
            for key, a, b in edge.cells:
                s, e = source(a, b)
                cells[key] = (
                    parse_value(text[s - start : e - start], s, e)
                    if key != "name"
                    else Value(text[s - start : e - start], s, e)
                )
        rows.append(GluedRow(cells, *source(edge.start, edge.end)))
        cursor = edge.end
    if cursor < run.n:
        rows.append(GluedRow(None, *source(cursor, run.n)))
    return rows


def _edges(run: _Run, skips: bool) -> dict[int, list[_Edge]] | None:
    """Every row edge reachable from the run's start; with ``skips``, also edges over text that is no row, to
    each place a row may start after it (after a number or a full stop), at a cost."""
    edges: dict[int, list[_Edge]] = {}
    todo, seen, total = [0], {0}, 0
    starts = [q for q in range(1, run.n) if run.s[q - 1] in _AFTER_ROW and run.name_start(q)] + [run.n]
    while todo:
        p = todo.pop()
        found = list({(e.end, e.cells): e for e in run.rows_from(p)}.values())
        if skips:
            found += [_Edge(p, q, None, _SKIP) for q in starts if q > p]
        edges[p] = found
        total += len(found)
        if total > MAX_EDGES:
            return None
        for edge in found:
            if edge.end not in seen and edge.end < run.n:
                seen.add(edge.end)
                todo.append(edge.end)
    return edges


def _certain(edges: dict[int, list[_Edge]], n: int) -> list[_Edge] | None:
    """The edges every parse with the most cells takes (None when no parse covers the run)."""
    order = sorted(edges)
    forward: dict[int, tuple[int, int]] = {0: (0, 1)}  # position → (most cells to here, parses with it)
    for p in order:
        if p not in forward:
            continue
        weight, count = forward[p]
        for edge in edges[p]:
            _better(forward, edge.end, weight + edge.weight, count)
    if n not in forward:
        return None
    backward: dict[int, tuple[int, int]] = {n: (0, 1)}
    for p in reversed(order):
        for edge in edges[p]:
            if edge.end in backward:
                weight, count = backward[edge.end]
                _better(backward, p, weight + edge.weight, count)
    most, parses = forward[n]
    taken = []
    for p in order:
        if p not in forward or p not in backward:
            continue
        for edge in edges[p]:
            if edge.end not in backward:
                continue
            through = forward[p][0] + edge.weight + backward[edge.end][0]
            if through == most and forward[p][1] * backward[edge.end][1] == parses:
                taken.append(edge)
    return sorted(taken, key=lambda e: e.start)


def _better(table: dict[int, tuple[int, int]], at: int, weight: int, count: int) -> None:
    old = table.get(at)
    if old is None or weight > old[0]:
        table[at] = (weight, count)
    elif weight == old[0]:
        table[at] = (weight, old[1] + count)
