"""The small parts of a form the walk fills from one label and the tokens after it: the title, a header field
(项目名称, 主管部门, 实施单位, 填报单位), the funds block's heading, its header row's labels and its cells written
one label a line, and 总分.

Each reads only what its own cells say; the walk (``reader``) decides which part the tokens belong to.
"""

from __future__ import annotations

import re
from decimal import Decimal

from .funds import COLUMN_KEYS
from .model import FUND_ROW_TOTAL, Form, FundRow, Value
from .rows import blank_after, token_value, total_cells, weights_of
from .tokens import Token
from .vocabulary import FUND_COLUMN_NAMES

_YEAR = re.compile(r"((?:19|20)\d{2})\s*年")
_POINTS = re.compile(r"\((\d{1,3})分\)")
_MONEY_UNIT = re.compile(r"\((?:单位:)?(万元|元|万)\)")
_STATED_UNIT = re.compile(r"(万元|元|万)(?![\u4e00-\u9fff])")
_REMARK = re.compile(r"[(（][\u4e00-\u9fff]{1,6}[)）]")
CELL_GAP = " \t\n\u3000|｜"  # what may stand between two cells of one header row


def read_title(form: Form, text: str, token: Token) -> None:
    """The form's title (with the words before it on its line), its kind and year."""
    line_start = text.rfind("\n", 0, token.start) + 1
    head = text[line_start : token.start].split("|")[-1].strip()
    form.title = (head + token.text) if len(head) <= 40 else token.text
    if "部门整体" in token.compact:
        form.kind = "department"
    elif "评价表" in token.compact or "转移支付" in token.compact:
        form.kind = "transfer"
    window = text[max(0, token.start - 30) : token.end + 20]
    year = _YEAR.search(window)
    if year and form.year is None:
        form.year = int(year.group(1))


def read_field(form: Form, key: str, label: Token, words: list[Token], row_cells: dict[int, int]) -> bool:
    """The value of header field ``key`` (labelled by ``label``) from the words after it; whether one was read."""
    if not words:
        return False
    while words[0].cell == label.cell and _REMARK.fullmatch(words[0].text) and len(words) > 1:
        words = words[1:]  # '实施单位 (盖章)': a remark in the label's cell, the value is in the next one
    if row_cells.get(words[0].row, 0) > 1 or words[0].cell != label.cell:
        words = [t for t in words if t.cell == words[0].cell]  # the value is the cell after the label
    value = "".join(t.text for t in words).strip(":： ")
    if not value:
        return False
    if key == "项目名称" and form.name is None:
        form.name = value
    elif key == "主管部门" and form.department is None:
        form.department = value
    elif key == "实施单位" and form.implementer is None:
        form.implementer = value
    elif key in ("填报单位", "部门") and form.filler is None:
        form.filler = value
        if key == "部门":
            form.kind = "department"
    return True


def read_money_unit(form: Form, label: Token, words: list[Token]) -> None:
    """'金额单位：元' as a field of the form's head (on the title's line or its own): the unit every amount cell of
    the form is written in, as the funds block's '(万元)' says it."""
    if not label.compact.startswith("金额单位") or not words:
        return
    unit = _STATED_UNIT.match(words[0].text.strip(CELL_GAP + ":："))
    if unit:
        form.money_unit = "万元" if unit.group(1).startswith("万") else "元"


def opens_line_under(tokens: list[Token], index: int, row_first: dict[int, int]) -> bool:
    """Does token ``index`` open its line right under a line that ends with a label (a header row's last column)?"""
    before = tokens[index - 1] if index else None
    return (
        row_first.get(tokens[index].row) == index
        and before is not None
        and before.kind == "label"
        and before.row == tokens[index].row - 1
    )


def read_fund_block(form: Form, token: Token) -> None:
    """'预算执行情况(万元)(20分)': the funds block's money unit and the execution score's weight."""
    unit = _MONEY_UNIT.search(token.compact)
    if unit:
        form.money_unit = "万元" if unit.group(1) == "万" else unit.group(1)
    points = _POINTS.search(token.compact)
    if points:
        form.execution_points = Decimal(points.group(1))


def read_total(form: Form, bucket: list[Token]) -> None:
    """总分's cells: its 分值 and 得分, or one of them, and a grade written beside them."""
    numbers, grade = total_cells([token_value(t) for t in bucket if t.kind == "word"])
    if grade is not None and form.grade is None:
        form.grade = grade
    if len(numbers) == 2:
        form.total_points, form.total = numbers
    elif len(numbers) == 1 and blank_after(bucket, numbers[0], weights_of(form)):
        form.total_points = numbers[0]  # '合计 | 100 | |': the 分值 sum, its 得分 cell left blank
    elif len(numbers) == 1 and form.total is None:
        form.total = numbers[0]


def funds_header_at(text: str, tokens: list[Token], index: int) -> bool:
    """Token ``index`` is a funds column label the next token continues with another (nothing but blanks or a
    pipe between)."""
    token = tokens[index]
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        token.name in FUND_COLUMN_NAMES
        and after is not None
        and after.kind == "label"
        and after.name in FUND_COLUMN_NAMES
        and text[token.end : after.start].strip(CELL_GAP) == ""
    )


def header_cell_between(text: str, tokens: list[Token], index: int) -> bool:
    """Token ``index`` has a funds column label right before and right after it on its line (only cell gaps
    between): it is a cell of the header row ('年初预算数 | 上年结转 | 全年预算数'), whatever label it reads as."""
    token = tokens[index]
    before = tokens[index - 1] if index else None
    after = tokens[index + 1] if index + 1 < len(tokens) else None
    return all(
        other is not None
        and other.kind == "label"
        and other.name in FUND_COLUMN_NAMES
        and other.row == token.row
        and text[min(other.end, token.end) : max(other.start, token.start)].strip(CELL_GAP) == ""
        for other in (before, after)
    )


def read_paired_cell(pairs: dict[str, Value], label: Token | None, bucket: list[Token], inline: bool) -> bool:
    """'全年预算数（万元）' / '3,215.60' / '全年执行数（万元）' / '2,519.42' / … : a funds block written one column label
    a line, each with its one value on the next line and no row label (a key–value column, not a table): the
    value is the cell of that column in the project's total row. Under a form's title (``inline``) the value may
    stand on the label's own line ('全年预算数 2126.4'). Whether ``bucket`` was such a value."""
    key = COLUMN_KEYS.get(label.name) if label is not None else None
    if key is None or label is None or key in pairs:
        return False
    # the words on the label's line (inline) or the one below it; a paragraph that follows the block is not the cell's
    rows = (label.row, label.row + 1) if inline else (label.row + 1,)
    words = [t for t in bucket if t.kind != "blank" and t.row in rows]
    if len(words) != 1:
        return False
    value = token_value(words[0])
    if value.number is None:
        return False
    pairs[key] = value
    return True


def paired_total(pairs: dict[str, Value]) -> FundRow | None:
    """The total row the key–value cells make, when they give its 全年预算数 and 全年执行数."""
    if "budget" not in pairs or "executed" not in pairs:
        return None
    values = list(pairs.values())
    return FundRow(FUND_ROW_TOTAL, dict(pairs), False, (values[0].start, values[-1].end))
