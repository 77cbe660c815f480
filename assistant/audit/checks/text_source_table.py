"""TOTAL_MISMATCH from the text alone: the money a report says it received, stated once in prose, against the
table that splits it by fund level with no 合计 row ("上级共下达…资金3,180.00万元" in 一, then under "（一）资金来源" a
table "| 资金来源 | 金额（万元） |" of 中央资金, 省级资金, 市级资金, 县级资金).

Why: a report states its whole in the 基本情况 and sets out where it came from sections later, in a table that
closes without a 合计 row; the rows are then the only breakdown of that money, so they must make the whole.
Bad: 共下达资金3,180.00万元 … 中央 1,900.00 | 省级 760.00 | 市级 280.00 | 县级 200.00 (3,140.00).
Good: the same with 3,140.00; a table of another year (2021年资金来源); a table of uses (水源工程…); a table with a
合计 row (its own checks read it); a table of the main sources only (主要资金来源, 其中); a prose amount equal to one
row or to the rows its level words name (上级下达2,660.00万元 over 中央 and 省级 rows of that sum).
An error when the table's title names the same money (资金来源, 资金构成) and the prose names no level or exactly
the rows' levels; a warning ("uncertain") when the prose word is broader or narrower than the rows (上级 over rows
that hold 市级 and 县级 too) or the title does not say the rows are sources.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from ..context import AuditContext
from ..cues import cues
from ..findings import Finding
from ..prose.cells import Cell
from ..prose.evidence import quote_of, show_interval
from ..prose.interval import Interval, total
from ..prose.model import Statement
from ..registry import check_unit
from .text_place_table import money_unit
from .text_table_rates import form_header, money_cell, money_columns, money_tables

_CUES = cues(__name__)
_BEFORE = 1500  # characters before a table's header the prose whole may end within (sections may lie between)
_FACTOR = {"元": Decimal("0.0001"), "万元": Decimal(1), "亿元": Decimal(10000)}  # to 万元, the canonical unit
_ABOVE = frozenset({"中央", "省"})  # what 上级 names in a city's or county's report


@check_unit(also=("TOTAL_MISMATCH",), basis="text", runs=("text",))
def check(ctx: AuditContext) -> Iterator[Finding]:
    text = ctx.doc.text
    previous_end = 0
    for header, rows in money_tables(text):
        start, end = header[0].start, rows[-1][-1].end
        floor, previous_end = previous_end, end
        split = _levels(header, rows)
        if split is None or form_header(header, rows):
            continue
        unit = money_unit(text, header)
        column = _money_column(header)
        if unit is None or column is None:
            continue
        cells = [money_cell(r, money_columns(header), column) for r in rows]
        if any(c is None for c in cells):
            continue
        places = max(c.places for c in cells if c is not None)
        parts = [c.interval(places).scaled(_FACTOR[unit]) for c in cells if c is not None]
        between = text[max(floor, start - _BEFORE) : start]
        whole = _whole(ctx, text, max(floor, start - _BEFORE), start)
        if whole is None or _CUES.set_apart.search(text, whole.span[1], start):
            continue
        if _other_year(text, whole, between[between.rfind("。") + 1 :] + _title(text, header)):
            continue
        named = _named_levels(text, whole)
        if _agrees(whole, parts, split, named):
            continue
        sources = bool(_CUES.source_title.search(_title(text, header) + header[0].text))
        proven = sources and (not named or named == frozenset(split))
        yield _finding(ctx, whole, header[_index(header, column)], total(parts), proven)


def _levels(header: list[Cell], rows: list[list[Cell]]) -> list[str] | None:
    """The fund level each body row names (中央, 省, 市, 县, 自筹…); None unless every row names one."""
    if len(rows) < 2:
        return None
    levels = []
    for row in rows:
        name = next((c.text for c in row if c.text and c.number is None), "")
        found = _CUES.level_row.match(name.replace(" ", ""))
        if found is None:
            return None
        levels.append(_level_of(found.group("level")))
    return levels if len(set(levels)) == len(levels) else None


def _level_of(word: str) -> str:
    return _CUES.own_level.sub("自筹", word[0] if word[0] in "省市县区" else word)


def _money_column(header: list[Cell]) -> str | None:
    """The table's one column of money (an amount planned or arrived, or a plain 金额): None for two or more."""
    columns = money_columns(header)
    money = [n for n in columns if n in ("budget", "arrived") or n.startswith("money")]
    return money[0] if len(money) == 1 and "executed" not in columns else None


def _index(header: list[Cell], column: str) -> int:
    return money_columns(header)[column]


def _title(text: str, header: list[Cell]) -> str:
    """The last line of words right over the table's header: its title or the heading it sits under."""
    lines = [
        line for line in text[max(0, header[0].start - 200) : header[0].start].split("\n") if line.strip()
    ]
    return lines[-1] if lines else ""


def _whole(ctx: AuditContext, text: str, start: int, end: int) -> Statement | None:
    """The nearest amount before the table that its sentence says was received or arranged (下达, 安排, 筹集)."""
    found = None
    for s in ctx.facts.statements:
        if s.kind != "amount" or s.sentence is None or not start <= s.span[0] < s.span[1] <= end:
            continue
        if not s.exact_claim or s.field not in (None, "budget", "arrived"):
            continue
        clause = text[s.sentence.start : s.span[0]]
        if _CUES.money_words.search(clause) and not _CUES.share_words.search(
            text, s.sentence.start, s.span[1]
        ):
            found = s
    return found


def _other_year(text: str, whole: Statement, near: str) -> bool:
    """Does the table's title or the lines over it name a year other than the prose amount's?"""
    assert whole.sentence is not None
    own = _CUES.year.findall(text, whole.sentence.start, whole.sentence.end) or _CUES.year.findall(text[:200])
    return any(y not in own[:1] for y in _CUES.year.findall(near))


def _named_levels(text: str, whole: Statement) -> frozenset[str]:
    """The fund levels the prose amount's clause names (上级 is 中央 and 省); empty when it names none."""
    assert whole.sentence is not None
    named: set[str] = set()
    for found in _CUES.prose_level.finditer(text, whole.sentence.start, whole.span[0]):
        word = found.group("level")
        named |= _ABOVE if word == "上级" else {_level_of(word)}
    return frozenset(named)


def _agrees(whole: Statement, parts: list[Interval], levels: list[str], named: frozenset[str]) -> bool:
    """Is the prose amount the rows' sum, one row, or the sum of the rows its level words name?"""
    stated = whole.interval()
    own = [p for p, level in zip(parts, levels, strict=True) if level in named]
    return (
        stated.overlaps(total(parts))
        or any(stated.overlaps(p) for p in parts)
        or bool(own and stated.overlaps(total(own)))
    )


def _finding(ctx: AuditContext, whole: Statement, title: Cell, summed: Interval, proven: bool) -> Finding:
    relation = "少于" if summed.below(whole.interval()) else "超过"
    hedge = "" if proven else "（若文中总数与表中所列并非同一笔资金，则不矛盾）"
    return ctx.relation_finding(
        "TOTAL_MISMATCH",
        f"资金来源表各行“{title.text}”之和为 {show_interval(summed, whole)}，{relation}文中总数 {whole.text}{hedge}",
        whole.span,
        expected=format(summed.mid.normalize(), "f"),
        found=whole.text,
        proven=proven,
        quote=quote_of(ctx.doc.text, whole),
    )
