"""The reader's cell and row helpers: values of tokens, rows the flattening kept, names from titles."""

from __future__ import annotations

import re
from decimal import Decimal

from .glued import split_total
from .model import Form, FundRow, Value
from .tokens import Token
from .values import parse_value, unit_cells

_NUMERIC_HEAD = re.compile(r"^\d[\d.%]*\d%?(?=[^\d.])")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_GRADES = ("优", "良", "中", "差", "优秀", "良好", "合格", "不合格", "较差")
_GRADE_CELL = re.compile(  # longest words first: 不合格 before 合格
    r"^(?:自评)?(?:等级|等次)?[:：]?\s*[“\"「]?(?:"
    + "|".join(sorted(_GRADES, key=len, reverse=True))
    + r"|[A-EＡ-Ｅ])(?:级|等)?[”\"」]?(?:[（(].*)?$"
)


def is_grade_word(text: str) -> bool:
    """A 等级 cell's word: 优, “良”, 自评等级：良, B级, 优（90分以上）; not a 序号 or a name of the row after the header."""
    return bool(_GRADE_CELL.match(text.strip()))


def token_value(token: Token) -> Value:
    if token.kind == "blank":
        return Value("", token.start, token.end)
    return parse_value(token.text, token.start, token.end)


def leading_values(words: list[Value]) -> list[Value]:
    """A row's values up to the first word of text; a number glued to following text ('10001000100%20度效标')
    keeps its numeric part, and cells glued with their money units ('10万10万100%20') are their cells."""
    out: list[Value] = []
    for word in words:
        if (cells := unit_cells(word)) is not None:
            out += cells  # '10万10万100%20': the money units close the cells
            continue
        if word.number is not None or word.blank:
            out.append(word)
            continue
        match = _NUMERIC_HEAD.match(word.text)
        if match and match.end() < len(word.text) and _CJK.match(word.text[match.end()]):
            out.append(parse_value(match.group(0), word.start, word.start + match.end()))
            break
        out.append(word)  # text: a 原因 cell, or the row's end (``align`` decides)
    return out


def trim_blanks(values: list[Value]) -> list[Value]:
    """Blank cells at the end of a row are padding."""
    end = len(values)
    while end and values[end - 1].blank and not values[end - 1].text:
        end -= 1
    return values[:end]


def cells_per_row(tokens: list[Token]) -> dict[int, int]:
    """Lines the flattening kept as table rows: how many cells they have (0 when a cell holds several words,
    i.e. the line is one run of space-separated cells or running text, not a row)."""
    cells: dict[int, set[int]] = {}
    words: dict[int, int] = {}
    crowded: dict[int, int] = {}  # cells holding several words, per line
    for token in tokens:
        cells.setdefault(token.row, set()).add(token.cell)
        if token.kind == "word":
            words[token.cell] = words.get(token.cell, 0) + 1
            if words[token.cell] == 2:
                crowded[token.row] = crowded.get(token.row, 0) + 1
    return {
        row: (len(ids) if len(ids) > 1 and crowded.get(row, 0) <= len(ids) // 3 else 0)
        for row, ids in cells.items()
    }


def row_groups(bucket: list[Token], row_cells: dict[int, int]) -> list[list[Token]]:
    """Tokens grouped by the rows the flattening kept; lines of a single cell run together as one flat group."""
    groups: list[list[Token]] = []
    flat: list[Token] = []
    for token in bucket:
        if row_cells.get(token.row, 0) > 1:
            if flat:
                groups.append(flat)
                flat = []
            if groups and groups[-1][0].row == token.row and row_cells.get(groups[-1][0].row, 0) > 1:
                groups[-1].append(token)
            else:
                groups.append([token])
        else:
            flat.append(token)
    if flat:
        groups.append(flat)
    return groups


_OUTLINE_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(][一二三四五六七八九十]{1,3}[)）])\s*"
)


_ATTACHMENT_MARK = re.compile(r"^\s*附(?:件|表)?\s*[\d一二三四五六七八九十]*\s*[:：、.．]?\s*")
_TITLE_REMARK = re.compile(r"\s*[(（][\u4e00-\u9fff]{1,4}[)）]\s*$")


def name_from_title(title: str) -> str | None:
    """'****2024年度林业草原改革发展资金绩效评价表' → '林业草原改革发展资金'; the report's outline number of a form
    printed as one of its sections ('二、项目支出绩效自评表', '（三）…'), an attachment mark ('附：', '附件2：') and a
    remark after the title ('（摘要）', '（续）') are no part of a name: a title that is only these names nothing."""
    title = _TITLE_REMARK.sub("", _ATTACHMENT_MARK.sub("", _OUTLINE_NUMBER.sub("", title)))
    name = re.sub(r"^[*＊\s]*(?:(?:19|20)\d{2}\s*年度?)?", "", title)
    name = re.sub(r"(?:项目支出|部门整体支出)?(?:绩效目标)?(?:绩效)?(?:自评表|评价表)$", "", name).strip(
        "*＊ "
    )
    return name or None


def is_department(form: Form) -> bool:
    return bool(form.title and "部门" in form.title)


def total_cells(words: list[Value]) -> tuple[list[Value], Value | None]:
    """The 总分 row's numbers (分值 then 得分; '100100' glued is split) and its 等级."""
    numbers: list[Value] = []
    grade = None
    for word in words:
        glued = word.number is None and re.fullmatch(
            r"[\d.]+(?:优秀|良好|合格|不合格|较差|优|良|中|差)?", word.text
        )
        if (
            glued or (word.number is not None and (word.number > 100 or word.unit in _GRADES))
        ) and not numbers:
            numbers, grade = split_total(word)  # '100100', '10096优': cells glued (``glued``)
        elif word.number is not None and len(numbers) < 2:
            numbers.append(word)
        elif word.text in _GRADES and grade is None:
            grade = word
    return numbers, grade


def stated_points(token: Token) -> Value | None:
    """The points a heading states ('产出指标(50分)' → 50), where they stand in the text."""
    match = re.search(r"\((\d{1,3})分\)", token.compact)
    if match is None:
        return None
    start = token.start + max(token.text.find(match.group(1)), 0)
    return Value(match.group(1), start, start + len(match.group(1)), Decimal(match.group(1)))


def touching(text: str, label: Token, words: list[Value]) -> bool:
    """A row whose first value is written right after its label and whose values run on into the next text
    without a space: cells glued together, where a long integer may be several cells."""
    values = [w for w in words if not w.blank]
    if not values or values[0].start != label.end:
        return False
    after = text[values[-1].end : values[-1].end + 1]
    return bool(after) and not after.isspace()


def uncertain_fund_note(name: str, row: FundRow) -> str:
    if row.cells:
        return f"资金行「{name}」有多种读法，按最符合表内算术的一种读取（存疑）"
    return f"资金行「{name}」的数字粘连，拆分不唯一或不符合表内算术，未读取（存疑）"


def glued_right(tokens: list[Token], index: int) -> bool:
    """A label running on into words ('年初目标值设定偏低…') heads no column: a header cell ends at its label."""
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        following is not None
        and following.kind == "word"
        and following.start == tokens[index].end
        and bool(_CJK.match(following.text))
    )


def year_near(text: str, start: int) -> int | None:
    """The year of a form whose title says none: the first 'XXXX年度' in its head, else the last above it."""
    after = re.search(r"((?:19|20)\d{2})\s*年度", text[start : start + 300])
    if after:
        return int(after.group(1))
    years = re.findall(r"((?:19|20)\d{2})\s*年度", text[max(0, start - 200) : start])
    return int(years[-1]) if years else None


def blank_after(bucket: list[Token], value: Value, weights: Decimal | None) -> bool:
    """Is ``value`` the 分值 sum ``weights`` with an explicit blank cell right after it (its 得分 left empty)?"""
    after = [t for t in bucket if t.start >= value.end]
    return bool(after) and after[0].kind == "blank" and value.number == weights


def cell_values(text: str, tokens: list[Token], row_cells: dict[int, int]) -> list[Value]:
    """Tokens as values: in a row the flattening kept, a cell is one value even when it held a label."""
    values: list[Value] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        end = index + 1
        if row_cells.get(token.row, 0) > 1:
            while end < len(tokens) and tokens[end].cell == token.cell:
                end += 1
        if end - index == 1:
            values.append(token_value(token))
        else:
            start, stop = token.start, tokens[end - 1].end
            values.append(parse_value(text[start:stop], start, stop))
        index = end
    return values


def weights_of(form: Form) -> Decimal | None:
    """The indicators' 分值 with the execution item's: what a 总分 row's 分值 cell holds (None when unknown)."""
    total = form.fund()
    execution = total.number("points") if total is not None else None
    points = [i.points.number for i in form.indicators if i.points is not None]
    if execution is None:
        execution = form.execution_points
    if not points or None in points or execution is None:
        return None
    return sum(points, execution)  # type: ignore[arg-type]


def read_goal(form: Form, bucket: list[Token]) -> None:
    """年度总体目标's cells: the first is the goal, the rest its outcome (both prose the checks leave alone)."""
    cells: dict[int, list[str]] = {}
    for token in bucket:
        if token.kind != "blank":
            cells.setdefault(token.cell, []).append(token.text)
    texts = ["".join(words) for words in cells.values() if "".join(words).strip()]
    words = [t for t in bucket if t.kind != "blank"]
    if words:
        form.prose.append((words[0].start, words[-1].end))
    if texts and form.goal is None:
        form.goal = texts[0]
        form.outcome = "".join(texts[1:]) or None


def points_word(bucket: list[Token]) -> Decimal | None:
    """The points of a heading broken over lines: its first word is '(20分)' alone."""
    words = [t for t in bucket if t.kind == "word"]
    match = re.fullmatch(r"[(（](\d{1,3})分[)）]", words[0].text) if words else None
    return Decimal(match.group(1)) if match else None


def layout_of(form: Form, sichuan_marks: bool) -> str:
    """四川 by its column names (调整后预算数, 权重, 完成值), 云南 by ≧ ═ ≦ in 指标性质, else national."""
    if sichuan_marks:
        return "sichuan"
    kinds = "".join(i.kind or "" for i in form.indicators)
    return "yunnan" if any(mark in kinds for mark in "≧═≦") else "national"


def finish_form(form: Form, text: str, started_at: int | None, last_end: int, sichuan_marks: bool) -> None:
    """What a form read to its end tells of itself: its year (near its start), its name (from its title), its
    layout, the span it covers, and whether it is a department's form rather than a project's."""
    if form.year is None and started_at is not None:
        form.year = year_near(text, started_at)
    if form.name is None and form.title:
        form.name = name_from_title(form.title)
    form.layout = layout_of(form, sichuan_marks)
    end = max([r.span[1] for r in form.funds] + [i.span[1] for i in form.indicators] + [last_end])
    form.span = (started_at or 0, max(end, form.total.end if form.total else 0))
    if form.kind == "project" and form.name is None and form.department and is_department(form):
        form.kind = "department"


def unaligned_row(text: str, row_cells: dict[int, int], label: Token, words: list[Value]) -> bool:
    """ "年度资金总额⇥2 160⇥2 398⇥…⇥95.1%⇥9.5": in a row the flattening kept (cells set apart on its own line),
    a cell of text before the row's last number is a value this reader cannot read, and the numbers after it
    cannot be told their columns: the row is left unread, never read into the wrong columns."""
    if row_cells.get(label.row, 0) <= 1:
        return False
    own = [w for w in words if label.end <= w.start and "\n" not in text[label.end : w.start]]
    numbers = [k for k, w in enumerate(own) if w.number is not None]
    return bool(numbers) and any(w.number is None and not w.blank for w in own[: numbers[-1]])
