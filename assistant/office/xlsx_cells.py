"""Reading an .xlsx safely into plain grids of cells, and turning cell contents into exact numbers and text.

Knows nothing about 自评表 layouts (see ``xlsx_layouts``). Every cell keeps its sheet and reference so that any
problem can be reported as ``Sheet1!D7``. openpyxl is imported only inside ``read_grids``.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from assistant.errors import InputError, Problem
from assistant.office.package import OLE2_MAGIC, bomb_member, file_head

MAX_XLSX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10000
MAX_ROWS = 5000
MAX_COLS = 64
# Cell numbers at or above this are typos, not budgets (1e11 万元 = 1e15 元), and would overflow exact arithmetic.
MAX_CELL_NUMBER = 1e15
# Cells that mean "nothing here" on filed forms.
BLANK_MARKS = {"", "—", "——", "-", "--", "/", "／", "－"}


def _column_letter(col: int) -> str:
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@dataclass(frozen=True)
class Cell:
    """One cell's cached value (formulas already evaluated by Excel/WPS) with where it is and how it displays."""

    sheet: str
    row: int
    col: int
    value: Any = None
    number_format: str = "General"

    @property
    def ref(self) -> str:
        return f"{self.sheet}!{_column_letter(self.col)}{self.row}"

    @property
    def text(self) -> str:
        """The cell as stripped text; numbers in their exact decimal form."""
        if self.value is None:
            return ""
        if isinstance(self.value, float):
            return format(float_to_decimal(self.value), "f")
        return str(self.value).replace("\u3000", " ").strip()

    @property
    def label_text(self) -> str:
        """Short label text (指标名称, 一级指标 …) without the line breaks forms put in narrow cells."""
        return re.sub(r"[\r\n]+\s*", "", self.text)

    @property
    def blank(self) -> bool:
        return self.text in BLANK_MARKS


@dataclass
class Grid:
    """A worksheet as rows of cells, 1-based like Excel; rows are padded to the same width."""

    name: str
    rows: list[list[Cell]]

    @property
    def height(self) -> int:
        return len(self.rows)

    @property
    def width(self) -> int:
        return len(self.rows[0]) if self.rows else 0

    def cell(self, row: int, col: int) -> Cell:
        if 1 <= row <= self.height and 1 <= col <= self.width:
            return self.rows[row - 1][col - 1]
        return Cell(self.name, row, col)

    def filled(self, row: int, start: int = 1, stop: int | None = None) -> list[Cell]:
        """Non-blank cells of a row from column ``start`` up to (not including) ``stop``."""
        if not 1 <= row <= self.height:
            return []
        stop = self.width + 1 if stop is None else stop
        return [c for c in self.rows[row - 1][start - 1 : stop - 1] if not c.blank]

    def row_blank(self, row: int) -> bool:
        return not self.filled(row)


def error_at(cell: Cell, message: str, file: str) -> InputError:
    return InputError([Problem(message, file, cell.ref)])


# --- opening -----------------------------------------------------------------------------------------


def check_xlsx_file(path: Path) -> None:
    """Refuse missing, huge, legacy .xls/encrypted, non-zip, truncated and zip-bomb files before openpyxl sees them."""
    source = str(path)
    size, head = file_head(path, "Excel 文件")
    if size > MAX_XLSX_BYTES:
        raise InputError.single(
            f"Excel 文件过大（{size // 1024} KB，上限 {MAX_XLSX_BYTES // 1024 // 1024} MB）", file=source
        )
    if size == 0:
        raise InputError.single("文件是空的（0 字节），不是有效的 Excel（.xlsx）文件", file=source)
    if head == OLE2_MAGIC:
        raise InputError.single(
            "这是旧版 Excel（.xls）或设置了打开密码的工作簿，无法直接读取；请在 Excel/WPS 中另存为不加密的 .xlsx 后再导入",
            file=source,
        )
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            if (
                len(infos) > MAX_ENTRIES
                or sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES
                or bomb_member(infos) is not None
            ):
                raise InputError.single("Excel 文件解压后过大，疑似损坏或恶意文件", file=source)
            if "xl/workbook.xml" not in names:
                raise InputError.single("不是有效的 Excel（.xlsx）文件：缺少 xl/workbook.xml", file=source)
            broken = archive.testzip()
    except zipfile.BadZipFile as exc:
        raise InputError.single(
            "不是有效的 Excel（.xlsx）文件（文件已损坏、不完整或不是 .xlsx 格式）", file=source
        ) from exc
    except (zlib.error, EOFError, NotImplementedError, ValueError) as exc:
        raise InputError.single(f"Excel 文件已损坏，无法解压（{exc}）", file=source) from exc
    if broken is not None:
        raise InputError.single(f"Excel 文件已损坏：内部文件 {broken} 校验失败", file=source)


def read_grids(path: Path) -> list[Grid]:
    """Every worksheet of a checked .xlsx as a grid of cached values (read-only, no formulas evaluated)."""
    check_xlsx_file(path)
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - office extra missing
        raise InputError.single("读取 .xlsx 需要安装 openpyxl（pip install 'jixiao[office]'）") from exc
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise InputError.single(f"无法打开 Excel 文件：{type(exc).__name__}: {exc}", file=str(path)) from exc
    try:
        return [_read_sheet(ws, str(path)) for ws in workbook.worksheets]
    except InputError:
        raise
    except Exception as exc:
        raise InputError.single(f"Excel 文件内容已损坏：{type(exc).__name__}: {exc}", file=str(path)) from exc
    finally:
        workbook.close()


def _read_sheet(ws: Any, source: str) -> Grid:
    ws.reset_dimensions()  # files from some tools carry a wrong <dimension>; read what is really there
    rows: list[list[Cell]] = []
    last_filled = 0
    for index, raw in enumerate(ws.iter_rows(min_row=1, min_col=1, max_col=MAX_COLS), 1):
        cells = [
            Cell(
                ws.title,
                index,
                col,
                getattr(c, "value", None),
                getattr(c, "number_format", None) or "General",
            )
            for col, c in enumerate(raw, 1)
        ]
        filled = any(c.value is not None and str(c.value).strip() for c in cells)
        if index > MAX_ROWS:
            if filled:
                raise InputError.single(
                    f"工作表「{ws.title}」超过 {MAX_ROWS} 行，不像是绩效自评表，请删除无关内容后再导入",
                    file=source,
                )
            break
        cells += [Cell(ws.title, index, col) for col in range(len(cells) + 1, MAX_COLS + 1)]
        rows.append(cells)
        if filled:
            last_filled = index
    rows = rows[:last_filled]
    _refuse_huge_numbers(rows, source)
    width = max((max((c.col for c in r if c.value is not None), default=0) for r in rows), default=0)
    return Grid(ws.title, [r[:width] for r in rows])


def _refuse_huge_numbers(rows: list[list[Cell]], source: str) -> None:
    """Numbers past ``MAX_CELL_NUMBER`` (or infinite) anywhere in a sheet are refused at their cell, before any
    exact arithmetic on them could overflow."""
    problems = [
        Problem("数值过大，超出可处理的范围，请检查是否多写了位数", source, cell.ref)
        for row in rows
        for cell in row
        if isinstance(cell.value, int | float)
        and not isinstance(cell.value, bool)
        and abs(cell.value) >= MAX_CELL_NUMBER  # inf too; NaN compares False and is read as text
    ]
    if problems:
        raise InputError(problems)


# --- text and numbers --------------------------------------------------------------------------------


def normalise(text: str) -> str:
    """Full-width digits, letters, brackets and colons to half-width; no whitespace at all."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def label_of(text: str) -> str:
    """A header/label as a lookup key: normalised, bracketed units and trailing colons removed."""
    key = normalise(text)
    key = re.sub(r"\([^)]*\)", "", key)
    return key.strip(":：*")


def money_unit_in(text: str) -> str | None:
    """万元 or 元 when a header or title states it: '项目资金（万元）', '单位：元', '全年预算数(元)'."""
    key = normalise(text)
    match = re.search(r"\((万元|元)\)|单位:(万元|元)(?![/])", key)
    if match:
        return match.group(1) or match.group(2)
    return None


def float_to_decimal(value: float, places: int | None = None) -> Decimal:
    """A float read from a cell as the decimal a person typed: shortest repr, float noise cut at 15 digits.

    ``places`` (from the cell's number format) rounds values that were computed by a formula to what the form
    displays, so a 得分 of ``=10*D7/C7`` counts as the 8.62 the officer saw.
    """
    number = Decimal(repr(value))
    digits = number.as_tuple().digits
    if len(digits) > 15:  # typed numbers have at most 15 significant digits; more is formula/float noise
        shift = number.adjusted() - 14
        number = number.quantize(Decimal(1).scaleb(shift), rounding=ROUND_HALF_UP).normalize()
        if places is not None and -number.as_tuple().exponent > places:  # type: ignore[operator]
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if number.is_finite() and abs(number) < MAX_CELL_NUMBER and number == number.to_integral_value():
        number = number.quantize(Decimal(1))  # guarded: quantizing past 28 digits would overflow
    return number


def format_places(number_format: str) -> int | None:
    """Decimal places a number format shows ('0.00' → 2, '#,##0.0000' → 4, '0%' → 0); None for General."""
    if not number_format or number_format == "General":
        return None
    section = number_format.split(";")[0]
    section = re.sub(r'"[^"]*"|\[[^\]]*\]', "", section)
    if not re.search(r"[0#]", section):
        return None
    match = re.search(r"\.([0#]+)", section)
    places = len(match.group(1)) if match else 0
    return places + (2 if "%" in section else 0)


_NUMBER = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")


def text_number(text: str) -> tuple[Decimal, str] | None:
    """'１２３.５', '4,860,000.00', '62.3205万元', '95%' → (number, trailing unit text); None if not a number."""
    key = normalise(text)
    match = _NUMBER.match(key)
    if not match:
        return None
    try:
        number = Decimal(match.group(0).replace(",", ""))
    except InvalidOperation:
        return None
    return number, key[match.end() :]


def cell_number(cell: Cell, *, score: bool = False) -> Decimal | str | None:
    """A numeric cell as an exact Decimal at the precision it displays, None when blank; other text comes back as is.

    A stored 468.75 shown through '0.0000' is the 468.7500 the officer filed; a formula's 8.6234 shown through
    '0.00' is a 得分 of 8.62. Text cells keep the digits typed ('１２', '4,860,000.00'); trailing '分' is accepted
    for points and scores; percent and unit handling is the caller's job.
    """
    value = cell.value
    if value is None or isinstance(value, bool):
        return None if value is None else cell.text
    if isinstance(value, int | float | Decimal):
        if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
            return cell.text
        places = format_places(cell.number_format)
        if isinstance(value, float):
            number = float_to_decimal(value, places if score else None)
        else:
            number = Decimal(value)
        if places is not None and "%" not in cell.number_format and -number.as_tuple().exponent < places:  # type: ignore[operator]
            number = number.quantize(Decimal(1).scaleb(-places))
        return number
    if cell.blank:
        return None
    parsed = text_number(cell.text)
    if parsed is None:
        return cell.text
    number, rest = parsed
    if rest in ("", "分") if score else rest == "":
        return number
    return cell.text
