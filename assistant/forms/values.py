"""Cell values as forms write them: '≥266米', '100.00%', '>= 98 %(百分比)', '52.800000', '29.5亩', and runs of
cells glued together without a separator ('202010100.00%10'), which have several possible splits.

Pure functions on text. Choosing among splits (with the form's own arithmetic) lives in ``align``.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from assistant.vocabulary import KIND_VALUES

from .model import Value

_OPS = r"(?:>=|<=|==|[≥≧>＞﹥≤≦<＜﹤=═＝﹦]|不低于|不少于|不小于|不超过|不高于|不大于|不多于|大于等于|小于等于|至少|至多)"
# "2 160.00": an amount cell with its thousands set apart by a space, as some typesetting prints them; with its
# decimals or its unit only ("43 820人次"; two integers one space apart, "100 100", may be two cells a flattening
# joined)
_NUMBER = r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+|\d{1,3}(?: \d{3})+(?=\.\d|[^\d\s.,%％]))(?:\.\d+)?"
# A unit after a number: a percent sign or a short word without digits or sentence punctuation.
_UNIT = r"(?:[%％‰](?:\([^()]{0,6}\))?|[^\d\s,，。；;:：、!！?？()（）%％]{1,6}(?:\([^()]{0,6}\))?)"
# "3,724,055.00?": an export that could not map a glyph (a unit, a full-width space) prints one '?' or U+FFFD
# after the figure; the cell is still that one number
_VALUE = re.compile(
    rf"^(?P<op>{_OPS})?\s*(?P<num>{_NUMBER})\s*(?P<unit>{_UNIT})?\s*(?P<tail>以上|以下|以内|及以上|及以下)?[?\ufffd]?$"
)
_WORD_OPS = {
    "不低于": "≥",
    "不少于": "≥",
    "不小于": "≥",
    "至少": "≥",
    "大于等于": "≥",
    "不超过": "≤",
    "不高于": "≤",
    "不大于": "≤",
    "不多于": "≤",
    "小于等于": "≤",
    "至多": "≤",
    "以上": "≥",
    "及以上": "≥",
    "以下": "≤",
    "及以下": "≤",
    "以内": "≤",
}
MAX_GLUED = 60
MAX_DECIMALS = 6  # 转移支付 grids write six decimals (52.800000)
MAX_PIECE = 20
MAX_SPLITS = 3000
_PIECE = re.compile(rf"(?P<op>{_OPS})?(?P<num>\d+(?:\.\d+)?)(?P<unit>[%％]|万元|万|元)?")
_GLUED_ATOM = re.compile(rf"{_OPS}?\d[\d.]*(?:[%％])?")
# Cells glued with their money unit written in each ('10万10万100%20', '43.2万元37.24万元86%9'): the unit closes
# its number, so the run splits there without any arithmetic; what follows the last unit stays one word.
_UNIT_CLOSED = re.compile(r"\d+(?:\.\d+)?(?:万元|万|元)")
_UNIT_RUN = re.compile(r"(?:\d+(?:\.\d+)?(?:万元|万|元))+[\d.%％]*")


def canonical_op(op: str | None) -> str | None:
    """'≧', '>=', '不低于' → '≥'; None stays None."""
    if not op:
        return None
    op = unicodedata.normalize("NFKC", op)
    return _WORD_OPS.get(op) or KIND_VALUES.get(op, op)


def places_of(number: str) -> int:
    return len(number.split(".")[1]) if "." in number else 0


def parse_value(text: str, start: int, end: int) -> Value:
    """A cell as a ``Value``: its number, comparison, unit and written decimals when it is one number."""
    key = unicodedata.normalize("NFKC", text).strip()
    match = _VALUE.match(key)
    if not match:
        return Value(text, start, end)
    try:
        number = Decimal(match.group("num").replace(",", "").replace(" ", ""))
    except InvalidOperation:
        return Value(text, start, end)
    unit = match.group("unit")
    percent = bool(unit) and unit[0] in "%‰"
    if unit and "(" in unit:
        unit = unit[: unit.index("(")]
    op = canonical_op(match.group("op")) or canonical_op(match.group("tail"))
    return Value(text, start, end, number, op, unit or None, places_of(match.group("num")), percent)


def is_glued(text: str) -> bool:
    """A word that may hold several numbers written without a separator: digits with more than one dot, or
    digits around a percent sign or an operator ('202010100.00%10', '1.561.56120', '10≥266米')."""
    key = unicodedata.normalize("NFKC", text)
    if len(key) > MAX_GLUED or not re.fullmatch(r"[\d.%≥≤=<>≧≦═万元]+", key.replace("万元", "")):
        return False
    numbers = re.findall(r"\d[\d.]*", key)
    return any(n.count(".") > 1 for n in numbers) or (
        len(re.findall(r"[%≥≤=<>≧≦═]", key)) > 0 and len(key) > 4
    )


def unit_cells(value: Value) -> list[Value] | None:
    """A word of cells each closed by its money unit, as its cells ('10万10万100%20' is 10万 | 10万 | 100%20,
    the last left for the glued reading); None for any other word, a single '10万元' included."""
    key = unicodedata.normalize("NFKC", value.text)
    if len(key) != len(value.text) or not _UNIT_RUN.fullmatch(key):
        return None
    cells = [(m.start(), m.end()) for m in _UNIT_CLOSED.finditer(key)]
    if cells[-1][1] < len(key):
        cells.append((cells[-1][1], len(key)))
    if len(cells) < 2:
        return None
    return [parse_value(value.text[a:b], value.start + a, value.start + b) for a, b in cells]


def glued_splits(text: str, start: int, pieces: int) -> list[list[Value]]:
    """Every way to read a glued run as exactly ``pieces`` values: no leading zeros, one dot and at most
    ``MAX_DECIMALS`` decimals per number, a percent sign or unit closing the number before it."""
    key = unicodedata.normalize("NFKC", text)
    results: list[list[Value]] = []
    # the piece that may start at each position: (end, parsed value)
    starts: dict[int, list[tuple[int, Value]]] = {}
    for pos in range(len(key)):
        options = []
        for end in range(pos + 1, min(len(key), pos + MAX_PIECE) + 1):
            piece = key[pos:end]
            if _valid_piece(piece, key, end):
                options.append((end, parse_value(piece, start + pos, start + end)))
        starts[pos] = options
    reachable = _reachable(len(key), starts)

    def walk(pos: int, left: int, acc: list[Value]) -> None:
        if pos == len(key):
            if left == 0:
                results.append(list(acc))
            return
        if left == 0 or len(results) >= MAX_SPLITS or left not in reachable[pos]:
            return
        for end, value in starts[pos]:
            acc.append(value)
            walk(end, left - 1, acc)
            acc.pop()

    walk(0, pieces, [])
    return results


def _reachable(length: int, starts: dict[int, list[tuple[int, Value]]]) -> list[set[int]]:
    """For each position, the numbers of pieces that can exactly cover the rest of the run."""
    reach: list[set[int]] = [set() for _ in range(length + 1)]
    reach[length] = {0}
    for pos in range(length - 1, -1, -1):
        for end, _ in starts.get(pos, []):
            reach[pos] |= {count + 1 for count in reach[end] if count < 12}
    return reach


def _valid_piece(piece: str, whole: str, end: int) -> bool:
    match = _PIECE.fullmatch(piece)
    if not match:
        return False
    digits = match.group("num")
    if len(digits) > 1 and digits[0] == "0" and digits[1] != ".":
        return False
    if "." in digits and len(digits.split(".")[1]) > MAX_DECIMALS:
        return False
    # a piece never ends right before a percent sign it should own
    return not (end < len(whole) and whole[end] in "%％")
