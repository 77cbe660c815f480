"""Target rows for net_claims: a 自评表 row (piped, or cells joined by " | ") whose 实际 cell misses its 目标 cell,
read by the header's columns, not by the indicator's name.

Why: a claim "各项绩效指标均达到年度目标值" is contradicted by the text's own table ("≥1,800批次 | 1,736批次");
the columns say which cell is the target and which the outcome, whatever the row's wording.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal, InvalidOperation

from assistant.numbers import find_numbers, writes_spaced_thousands
from assistant.numbers.model import NumberMention

from ..cues import cues

_CUES = cues(__name__)
_KINDS = ("count", "percent", "amount")
AT_LEAST = ("≥", "不低于", "以上", "大于等于", ">=")
AT_MOST = ("≤", "不高于", "以下", "以内", "小于等于", "<=")
Miss = tuple[NumberMention, NumberMention, str]  # target, actual, the class of its row


def misses_target(target: NumberMention, actual: NumberMention, bare_floor: bool = False) -> bool:
    """Whether an outcome misses a target of its kind and unit: below a floor, above a ceiling; a bare target only
    when the caller knows it is a floor."""
    if (target.kind, target.unit) != (actual.kind, actual.unit) or actual.hedge is not None:
        return False
    if target.hedge in AT_MOST:
        return actual.value > target.value
    floor = target.hedge in AT_LEAST or (target.hedge is None and bare_floor)
    return floor and actual.value < target.value


def _scored_as_share(target: NumberMention, actual: NumberMention, weight: str, score: str) -> bool:
    """Whether the row scored its outcome as a share of a bare target (分值 × 实际/目标 = 得分, 10 × 5/6 = 8.33): the
    form's own arithmetic says the target was a floor; a bare figure alone may be a ceiling (投诉6件, 实际4件)."""
    try:
        points, got = Decimal(weight.strip()), Decimal(score.strip())
    except InvalidOperation:
        return False
    if not target.value or got >= points:
        return False
    share = points * Decimal(actual.value) / Decimal(target.value)
    places = -got.as_tuple().exponent if isinstance(got.as_tuple().exponent, int) else 0
    return abs(share - got) <= Decimal(1).scaleb(-max(places, 0))


def _cells(line: str, offset: int) -> list[tuple[int, str]]:
    """A table line's cells with their offsets in the text; the outer empty pieces of "| a | b |" dropped."""
    out, start = [], 0
    for piece in line.split("|"):
        out.append((offset + start, piece))
        start += len(piece) + 1
    if line.lstrip().startswith("|"):
        out = out[1:]
    if line.rstrip().endswith("|"):
        out = out[:-1]
    return out


def _lone(cell: tuple[int, str], spaced: bool) -> NumberMention | None:
    """The one figure a cell holds, placed in the text; None when the cell holds none or several."""
    start, body = cell
    found = [m for m in find_numbers(body, spaced) if m.kind in _KINDS]
    if len(found) != 1:
        return None
    m = found[0]
    return replace(m, start=start + m.start, end=start + m.end)


def table_misses(text: str) -> list[Miss]:
    """Rows under a header that names a target column and an outcome column, whose outcome misses the target."""
    misses: list[Miss] = []
    columns: tuple[int, int] | None = None
    scored: tuple[int, int] | None = None
    kind_of, offset = "", 0
    spaced = writes_spaced_thousands(text)
    for line in text.split("\n"):
        here, offset = offset, offset + len(line) + 1
        if line.count("|") < 2:
            columns, kind_of = None, ""
            continue
        cells = _cells(line, here)
        names = [body.strip() for _, body in cells]
        target = [k for k, n in enumerate(names) if _CUES.target_head.fullmatch(n)]
        actual = [k for k, n in enumerate(names) if _CUES.actual_head.fullmatch(n)]
        if target and actual:
            columns = (target[0], actual[0])
            points = [k for k, n in enumerate(names) if n in ("分值", "权重")][:1]
            scores = [k for k, n in enumerate(names) if n in ("得分", "自评得分")][:1]
            scored = (points[0], scores[0]) if points and scores else None
            continue
        if columns is None or max(columns) >= len(cells):
            continue
        for name in names[: min(columns)]:
            found = _CUES.row_class.match(name)
            if found:
                kind_of = found.group("cls")
                break
        goal, done = _lone(cells[columns[0]], spaced), _lone(cells[columns[1]], spaced)
        if goal is None or done is None:
            continue
        bare = goal.hedge is None and scored is not None and max(scored) < len(names)
        bare = bare and _scored_as_share(goal, done, names[scored[0]], names[scored[1]])  # type: ignore[index]
        if misses_target(goal, done, bare_floor=bare):
            misses.append((goal, done, kind_of))
    return misses
