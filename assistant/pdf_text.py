"""A PDF report's text layer as the audit reads reports: lines in reading order (each paragraph the page wrapped
put back on one line), ruled tables as pipe rows.

pdfplumber (optional ``pdf`` extra, imported only when a PDF is given) gives each page's ruled tables and the
text lines outside them; both are put back in top-to-bottom order, a table as ``| a | b |`` rows so that the
attached 评分表 and 自评表 are read like those of a .txt or .docx report. ``page_starts`` keeps where each page
begins in the text, so findings can name the page. A PDF without a text layer (a scan) is refused in Chinese.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from assistant.errors import InputError
from assistant.typesetting import SENTENCE_ENDS, UNBREAKABLE_UNIT

MAX_PDF_BYTES = 30 * 1024 * 1024
MAX_PAGES = 300
# Fewer visible characters than this per page: no text layer, only images of pages.
MIN_CHARS_PER_PAGE = 20


@dataclass
class PagedText:
    """A report's text with the offset where each page starts (one page for non-PDF files)."""

    text: str
    page_starts: list[int] = field(default_factory=lambda: [0])

    def page_of(self, offset: int) -> int:
        return bisect_right(self.page_starts, offset)

    def where(self, offset: int | None, line: int | None) -> str:
        """'第3页第12行' for a PDF, '第12行' otherwise."""
        if line is None:
            return ""
        if len(self.page_starts) > 1 and offset is not None:
            page = self.page_of(offset)
            return f"第{page}页（全文第{line}行）"
        return f"第{line}行"


def pdf_to_text(path: Path) -> PagedText:
    """Every page's text lines and tables in reading order; refuses scans, encrypted and oversized files."""
    try:
        import pdfplumber
    except ImportError as exc:  # pragma: no cover - the pdf extra is not installed
        raise InputError.single(
            "读取 PDF 需要安装 PDF 支持：pip install 'jixiao[pdf]'", file=str(path)
        ) from exc
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise InputError.single(
            f"PDF 文件过大（{size // 1024} KB，上限 {MAX_PDF_BYTES // 1024} KB）", file=str(path)
        )
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InputError.single(
                    f"PDF 页数过多（{len(pdf.pages)} 页，上限 {MAX_PAGES} 页）", file=str(path)
                )
            previous: list[Block] = []
            for page in pdf.pages:
                blocks = _page_blocks(page)
                if _continues(previous, blocks):
                    _join_split_row(previous[-1], blocks)
                    parts[-1] = _blocks_text(previous)  # the previous page's last row, completed
                    offset = (starts[-1] if starts else 0) + len(parts[-1]) + 1
                text = _blocks_text(blocks)
                starts.append(offset)
                parts.append(text)
                offset += len(text) + 1
                previous = blocks
                page.flush_cache()
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds (pdfplumber wraps them): encrypted, broken …
        said = f"{type(exc).__name__} {exc!r} {exc.__cause__!r}"
        reason = (
            "PDF 已加密，请先解除密码保护"
            if "Password" in said or "Encrypt" in said
            else "不是有效的 PDF 文件（文件已损坏或不是 PDF）"
        )
        raise InputError.single(reason, file=str(path)) from exc
    text = "\n".join(parts)
    visible = sum(1 for char in text if not char.isspace())
    if visible < MIN_CHARS_PER_PAGE * max(1, len(parts)):
        raise InputError.single(
            "PDF 中没有可读取的文字（可能是扫描件或图片）；请提供带文字层的 PDF、Word 或文本版，或先做文字识别（OCR）",
            file=str(path),
        )
    return PagedText(text, starts or [0])


Block = tuple[float, "str | list[list[str]]"]  # (top, a text line or a table's rows of cells)


def _page_blocks(page) -> list[Block]:  # type: ignore[no-untyped-def]
    """One page: text lines outside tables and each table's rows, sorted by their top edge."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]
    blocks: list[Block] = []
    for table in tables:
        rows = [[_cell(c) for c in row] for row in table.extract() if any(c for c in row)]
        if rows:
            blocks.append((table.bbox[1], rows))
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes)) if boxes else page
    lines = [line for line in outside.extract_text_lines(layout=False, strip=True) if line["text"].strip()]
    tops = [box[1] for box in boxes]
    blocks += _reflowed(lines, tops)
    blocks.sort(key=lambda block: block[0])
    return blocks


# A line that opens a heading or an item of its own: never the rest of the line above ("二、", "（一）", "1.", "①").
_OPENS_ITEM = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}\s*[、.．]|[（(]\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[）)]"
    r"|\d{1,2}\s*[、．]|\d{1,2}\.(?!\d)|[①-⑳]|第[一二三四五六七八九十]{1,3}[章节部分]|附件|附表)"
)


def _reflowed(lines: list[dict], table_tops: list[float]) -> list[Block]:  # type: ignore[type-arg]
    """The page's text lines with each paragraph the page wrapped put back on one line.

    Why: a PDF sets a paragraph in lines as wide as the text column, and its text layer keeps those line ends, even
    inside a number ("…全年预算数为1,286.40万元，截⏎至…") or a word; every reader of the report would meet a sentence
    cut in pieces. A line runs on into the next when it reaches the column's right edge (or would, with the first
    unit of the next line that the page moved down whole: "95.2%", "元。"), the next starts at the left edge (not
    indented, as a new paragraph is), no further below it than the page's lines keep (no paragraph spacing), opening
    no heading or item of its own, with no table between them, and the line above not ending its sentence (a
    sentence ended needs no joining, and a short paragraph may be as wide as the widest line). Joined without a
    space: Chinese needs none."""
    if not lines:
        return []
    sizes = sorted(c["size"] for line in lines for c in line.get("chars", ()) if c.get("size"))
    char = sizes[len(sizes) // 2] if sizes else 10.0
    right = max(line["x1"] for line in lines)
    left = min(line["x0"] for line in lines)
    gaps = sorted(b["top"] - a["bottom"] for a, b in pairwise(lines) if b["top"] > a["bottom"])
    spacing = gaps[len(gaps) // 2] + 0.4 * char if gaps else 0.6 * char  # the line gap a paragraph keeps
    out: list[Block] = []
    previous: dict | None = None  # type: ignore[type-arg]
    for line in lines:
        if previous is not None and _runs_on(previous, line, (left, right, char, spacing), table_tops):
            top, text = out[-1]
            out[-1] = (top, f"{text}{line['text']}")
        else:
            out.append((line["top"], line["text"]))
        previous = line
    return out


def _first_unit(line: dict) -> float:  # type: ignore[type-arg]
    """The width of the first unit the line-breaker would not split: a line above that ends short of the right
    edge by less than it was full (the unit moved down whole)."""
    chars = line.get("chars") or []
    found = UNBREAKABLE_UNIT.match(line["text"])
    if not chars or found is None:
        return 0.0
    last = chars[min(len(found.group()), len(chars)) - 1]
    return float(last["x1"] - chars[0]["x0"])


def _runs_on(
    above: dict,  # type: ignore[type-arg]
    line: dict,  # type: ignore[type-arg]
    column: tuple[float, float, float, float],
    table_tops: list[float],
) -> bool:
    """``column``: the text's left and right edges, a character's width, the most a paragraph's line gap is."""
    left, right, char, spacing = column
    return (
        above["x1"] + _first_unit(line) >= right - 0.5 * char
        and line["x0"] <= left + 0.5 * char
        and line["top"] - above["bottom"] <= spacing
        and not any(above["top"] < top < line["top"] for top in table_tops)
        and _OPENS_ITEM.match(line["text"]) is None
        and not above["text"].rstrip().endswith(SENTENCE_ENDS)
    )


def _blocks_text(blocks: list[Block]) -> str:
    lines: list[str] = []
    for _, block in blocks:
        if isinstance(block, str):
            lines.append(block)
        else:
            lines += ["| " + " | ".join(row) + " |" for row in block]
    return "\n".join(lines)


def _continues(previous: list[Block], blocks: list[Block]) -> bool:
    """A table row Word/LibreOffice split over a page break: the previous page ends in a table, this one starts
    with a table of as many columns whose first row holds only the rest of a few text cells ('程度')."""
    if not previous or not blocks or isinstance(previous[-1][1], str) or isinstance(blocks[0][1], str):
        return False
    last, first = previous[-1][1], blocks[0][1]
    head = first[0]
    filled = [cell for cell in head if cell]
    return (
        len(head) == len(last[-1])
        and 0 < len(filled) <= 2
        and not any(ch.isdigit() for cell in filled for ch in cell)
        and len(filled) < len([cell for cell in last[-1] if cell])
    )


def _join_split_row(previous: Block, blocks: list[Block]) -> None:
    """The continued cells appended to the row they belong to; the split-off row dropped."""
    rows = previous[1]
    assert isinstance(rows, list)
    first = blocks[0][1]
    assert isinstance(first, list)
    rows[-1] = [a + b for a, b in zip(rows[-1], first[0], strict=True)]
    rest = first[1:]
    if rest:
        blocks[0] = (blocks[0][0], rest)
    else:
        del blocks[0]


def _inside(obj: dict, box: tuple[float, float, float, float]) -> bool:
    x0, top, x1, bottom = box
    mid_x = (obj.get("x0", 0) + obj.get("x1", 0)) / 2
    mid_y = (obj.get("top", 0) + obj.get("bottom", 0)) / 2
    return x0 <= mid_x <= x1 and top <= mid_y <= bottom


def _cell(value: str | None) -> str:
    """A cell's text on one line (a wrapped cell's lines joined; CJK needs no space between them)."""
    if not value:
        return ""
    lines = [part.strip() for part in value.split("\n") if part.strip()]
    joined = ""
    for part in lines:
        if (
            joined
            and joined[-1].isalpha()
            and joined[-1].isascii()
            and part[0].isalpha()
            and part[0].isascii()
        ):
            joined += " "  # English words wrapped; a number wrapped ('387664' / '.62') is joined as it was
        joined += part
    return joined.replace("|", "｜")
