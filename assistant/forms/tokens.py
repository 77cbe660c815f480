"""A report's text as a stream of tokens a form reader can walk: labels, value words and explicit blank cells.

Tables reach a reviewer flattened in many ways; every shape becomes the same stream:

- pipe rows (``| a | | c |``): one cell per piece, an empty piece is an explicit blank (its column is kept);
- tab-separated rows, and cells aligned by runs of spaces;
- one cell per line (a whitespace-only line is a blank cell; empty lines only separate);
- space-separated runs and cells glued together without any separator: labels are found inside the text by
  their patterns (``vocabulary``), and what lies between them is split into words at whitespace.

Every token keeps its span in the text and the line (``row``) it came from, so a reader can use row structure
where the shape has it and findings can point at the cell.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from assistant.numbers import writes_spaced_thousands

from .vocabulary import ANY_LABEL, ROW_GROUP, Label, labels_at

TokenKind = Literal["label", "word", "blank"]

_RULE_LINE = re.compile(r"^\s*\|?(?:\s*:?-{3,}:?\s*\|?)+\s*$")
_WIDE_GAP = re.compile(r"(?<=\S) {2,}(?=\S)")
_OPERATOR_ONLY = re.compile(r"^(?:[≥≧>＞﹥≤≦<＜﹤=═＝﹦]{1,2})$")
_DIGIT_END = re.compile(r"\d$")
# "43 820人次" in a document that writes its thousands set apart by a space: the head and the group after it
_SPACED_HEAD = re.compile(r"(?:[≥≧>＞≤≦<＜=＝])?[-+]?\d{1,3}")
_SPACED_GROUP = re.compile(r"\d{3}(?:\.\d+)?(?:[^\d\s.,%％]\S*)?")
_LEFT_OPEN = "0123456789%)）:：|"  # a label right after these starts a new cell of a glued run
_DECORATION = re.compile(r"^[(（][A-Z/×*%\d.]{1,12}[)）]$")
_GROUPED = re.compile(ROW_GROUP + "$")
_BLANK_MARKS = ("—", "——", "-", "--", "/", "／", "－", "…", "……")


@dataclass(frozen=True)
class Token:
    """A label, a value word or an explicit blank cell, with its span, line and cell."""

    kind: TokenKind
    text: str
    start: int
    end: int
    row: int
    cell: int
    label: Label | None = None
    compact: str = ""
    glued_left: bool = False  # written right after a word's letters ("项目申请预算资金共…", "1.预算执行率=…")

    @property
    def name(self) -> str:
        """The label's canonical name ('' for words and blanks)."""
        return self.label.name if self.label else ""

    @property
    def is_blank(self) -> bool:
        return self.kind == "blank" or (self.kind == "word" and self.text in _BLANK_MARKS)


def tokenize(text: str) -> list[Token]:
    """Every cell of every line, with labels found inside cells and the rest split into words."""
    tokens: list[Token] = []
    cell_index = 0
    offset = 0
    lines = text.split("\n")
    # a full-width bar ('产出指标｜数量指标｜…') separates cells as a pipe does (one character each: spans keep)
    bars = [line.replace("｜", "|") for line in lines]
    closed = [line for line in bars if _closed_cell(line)]
    # 'text |' on each line: a lone '|' is an empty cell; between cells written bare, it only separates them
    lone_pipe_is_cell = len(closed) * 2 >= len([line for line in bars if line.strip().strip("|").strip()])
    spaced = writes_spaced_thousands(text)
    for row, line in enumerate(bars):
        cells = _cells(line, lone_pipe_is_cell)
        for start, end in cells:
            # In a row of several cells a cell is one value; a line that is one cell may hold many words.
            tokens += _cell_tokens(
                text, offset + start, offset + end, (row, cell_index), len(cells) > 1, spaced
            )
            cell_index += 1
        offset += len(line) + 1
    return _join_split_labels(_join_split_header(tokens))


def _closed_cell(line: str) -> bool:
    """One cell closed by a pipe: 'text |' (words, one pipe, nothing after it). Read by ``partition``: the regex
    ``^[^|]*[^|\\s][^|]*\\|\\s*$`` it replaces backtracked quadratically on a long line without a pipe."""
    head, pipe, tail = line.partition("|")
    return bool(pipe) and not tail.strip() and bool(head.strip())


def _join_split_labels(tokens: list[Token]) -> list[Token]:
    """A label broken over cells ('年初' / '预算数', '经济效益' / '指标') becomes one label again."""
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        joined = None
        if tokens[i].kind == "label" and i + 1 < len(tokens) and _decoration(tokens[i + 1], tokens[i]):
            joined, width = _as_label(tokens[i : i + 2]), 2
        elif tokens[i].kind == "word" and _short_word(tokens[i]):
            for width in (3, 2):
                group = tokens[i : i + width]
                if (
                    len(group) == width
                    and all(_short_word(t) for t in group)
                    and len({t.cell for t in group}) == width
                ):
                    joined = _as_label(group)
                    if joined:
                        break
        if joined:
            out.append(joined)
            i += width
        else:
            out.append(tokens[i])
            i += 1
    return out


def _join_split_header(tokens: list[Token]) -> list[Token]:
    """A header row whose titles wrap onto the next line, column by column ('年初 全年 全年' over '预算数 预算数 执行数',
    as a PDF's two-line header cells copy), becomes one row of whole titles: each upper piece joined with the piece
    under it, at the alignment that makes the most titles (the lower line may leave out its leading empty cells)."""
    rows: list[list[Token]] = []
    for token in tokens:
        if rows and rows[-1][0].row == token.row:
            rows[-1].append(token)
        else:
            rows.append([token])
    out: list[Token] = []
    i = 0
    while i < len(rows):
        upper = rows[i]
        lower = rows[i + 1] if i + 1 < len(rows) else []
        joined = _column_joins(upper, lower) if lower and lower[0].row == upper[0].row + 1 else None
        if joined is None:
            out += upper
            i += 1
            continue
        used = {id(t) for pair in joined.values() for t in pair[1:]}
        out += [joined[k][0] if k in joined else t for k, t in enumerate(upper)]
        out += [t for t in lower if id(t) not in used and t.kind != "blank"]
        i += 2
    return out


def _column_joins(upper: list[Token], lower: list[Token]) -> dict[int, tuple[Token, Token]] | None:
    """Upper position -> (joined title, the lower piece) at the best alignment, when two or more titles join."""
    if len(upper) < 2 or len(lower) < 2 or len(lower) > len(upper):
        return None
    if not all(
        t.kind == "blank" or (_short_word(t) and not _DECORATION.match(t.text)) for t in upper + lower
    ):
        return None
    best: dict[int, tuple[Token, Token]] = {}
    for shift in range(len(upper) - len(lower) + 1):
        found: dict[int, tuple[Token, Token]] = {}
        for k, piece in enumerate(lower):
            top = upper[shift + k]
            if piece.kind == "blank" or top.kind == "blank":
                continue
            title = _as_label([top, piece])
            if title is not None and (top.label is None or len(title.compact) > len(top.compact)):
                found[shift + k] = (title, piece)
        if len(found) > len(best):
            best = found
    return best if len(best) >= 2 else None


def _short_word(token: Token) -> bool:
    if token.kind not in ("word", "label") or len(token.text) > 16:
        return False
    return not re.search(r"\d", token.text) or bool(_DECORATION.match(token.text))


def _decoration(token: Token, label: Token) -> bool:
    """'(A)' or '(E/C×100%)' on the line under its label."""
    return token.kind == "word" and token.cell != label.cell and bool(_DECORATION.match(token.text))


def _as_label(group: list[Token]) -> Token | None:
    compact = "".join(_compact_word(t.text) for t in group)
    label = _whole_label(compact)
    if label is None:
        return None
    first, last = group[0], group[-1]
    return Token(
        "label", first.text + last.text, first.start, last.end, first.row, first.cell, label, compact
    )


# Short words and their joins recur in every form of a report (the same header pieces): read each once.
@lru_cache(maxsize=4096)
def _compact_word(text: str) -> str:
    return compact_of(text)[0]


@lru_cache(maxsize=4096)
def _whole_label(compact: str) -> Label | None:
    """The longest label that is the whole of ``compact``."""
    return next((label for label, end in labels_at(compact, 0) if end == len(compact)), None)


def _cells(line: str, lone_pipe_is_cell: bool = False) -> list[tuple[int, int]]:
    """Spans of the cells of one line (relative to the line); an empty span is an explicit blank cell."""
    if not line.strip():
        return [(0, len(line))] if line and line.replace(" ", "").replace("\u3000", "") == "" else []
    if _RULE_LINE.match(line):
        return []
    if line.strip() == "|" and lone_pipe_is_cell:  # cells written as 'text |', one a line: an empty cell
        return [(line.index("|"), line.index("|"))]
    if "|" in line:
        # ' | 可持续影响 | 档案原件保护 | … | 15': a borderless row (no pipe closing it) that opens with a pipe
        # leaves its first (merged) cell blank; a bordered row's edge pieces ('| a | b |') are no cells
        lead = line.count("|") >= 2 and not line.rstrip().endswith("|")
        return _split(line, r"\|", drop_edges=True, keep_lead=lead)
    if "\t" in line:
        return _split(line, r"\t", drop_edges=False)
    if _WIDE_GAP.search(line.strip()):
        return _split(line, r" {2,}", drop_edges=False)
    return [(0, len(line))]


def _split(line: str, separator: str, *, drop_edges: bool, keep_lead: bool = False) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in re.finditer(separator, line):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(line)))
    if drop_edges:
        if spans and not keep_lead and not line[spans[0][0] : spans[0][1]].strip():
            spans = spans[1:]
        if spans and not line[spans[-1][0] : spans[-1][1]].strip():
            spans = spans[:-1]
    return [_strip_span(line, a, b) for a, b in spans]


def _strip_span(line: str, start: int, end: int) -> tuple[int, int]:
    piece = line[start:end]
    lead = len(piece) - len(piece.lstrip())
    return start + lead, start + lead + len(piece.strip())


def compact_of(text: str) -> tuple[str, list[int], set[int]]:
    """NFKC text without whitespace, the source index of each compact character, and word boundaries.

    A boundary is a compact position where the source had whitespace (or the text's start or end).
    """
    chars: list[str] = []
    index: list[int] = []
    boundaries = {0}
    for position, char in enumerate(text):
        if char.isspace():
            boundaries.add(len(chars))
            continue
        for piece in unicodedata.normalize("NFKC", char):
            chars.append(piece)
            index.append(position)
    boundaries.add(len(chars))
    return "".join(chars), index, boundaries


def find_labels(compact: str, boundaries: set[int]) -> list[tuple[Label, int, int]]:
    """Labels in a compact cell text, leftmost-longest, short labels only as whole words or next to labels."""
    found: list[tuple[Label, int, int]] = []
    pos = 0
    while pos < len(compact):
        match = ANY_LABEL.search(compact, pos)
        if match is None:
            break
        start = match.start()
        choice = None
        # Longest first, but a label that ends where the source had a space beats one running across it
        # ("执行率 得分" is two labels, not 执行率得分).
        candidates = _prefer_boundaries(labels_at(compact, start), boundaries)
        for label, end in candidates:
            if not label.whole or _stands_alone(compact, start, end, boundaries, found):
                choice = (label, start, end)
                break
        if choice is None:
            pos = start + 1
            continue
        found.append(choice)
        pos = choice[2]
    return found


def _prefer_boundaries(candidates: list[tuple[Label, int]], boundaries: set[int]) -> list[tuple[Label, int]]:
    """Longest first, except that a label ending where the source had a space comes before longer ones that
    run across that space."""
    cuts = {end for _, end in candidates if end in boundaries}
    return sorted(candidates, key=lambda item: (any(cut < item[1] for cut in cuts), -item[1]))


def _stands_alone(
    compact: str, start: int, end: int, boundaries: set[int], found: list[tuple[Label, int, int]]
) -> bool:
    left = (
        start in boundaries
        or bool(found and found[-1][2] == start)
        or _after_group(compact, start, boundaries)
    )
    right = end in boundaries or ANY_LABEL.match(compact, end) is not None
    return left and right


def _after_group(compact: str, start: int, boundaries: set[int]) -> bool:
    """A label right after a grouping word that opens its cell ("按收入性质分：财政拨款"): it stands alone there."""
    match = _GROUPED.search(compact, 0, start)
    return match is not None and match.start() in boundaries


_SHORT_CELL = 80  # characters: cells up to this long are remembered (labels and values recur; prose does not)


def _read_cell(raw: str) -> tuple[str, list[int], list[tuple[Label, int, int]]]:
    """A cell's compact text, source index and labels (callers do not mutate the lists returned)."""
    return _read_short_cell(raw) if len(raw) <= _SHORT_CELL else _read_any_cell(raw)


def _read_any_cell(raw: str) -> tuple[str, list[int], list[tuple[Label, int, int]]]:
    compact, index, boundaries = compact_of(raw)
    return compact, index, find_labels(compact, boundaries)


# the same short cells (a form's labels, its blanks, its marks) come back in every form of a report, and finding
# labels tries every label's pattern at each candidate place
_read_short_cell = lru_cache(maxsize=4096)(_read_any_cell)


def _cell_tokens(
    text: str, start: int, end: int, place: tuple[int, int], in_row: bool, spaced: bool
) -> list[Token]:
    row, cell = place
    raw = text[start:end]
    if not raw.strip():
        return [Token("blank", "", start, start, row, cell)]
    compact, index, labels = _read_cell(raw)
    if in_row and not labels:
        return [Token("word", raw.strip(), start, end, row, cell)]
    tokens: list[Token] = []
    cursor = 0  # in raw
    for label, c_start, c_end in labels:
        l_start, l_end = index[c_start], index[c_end - 1] + 1
        tokens += _words(text, start + cursor, start + l_start, place, spaced)
        glued = l_start > cursor and not raw[l_start - 1].isspace() and raw[l_start - 1] not in _LEFT_OPEN
        tokens.append(
            Token(
                "label",
                raw[l_start:l_end],
                start + l_start,
                start + l_end,
                row,
                cell,
                label,
                compact[c_start:c_end],
                glued,
            )
        )
        cursor = l_end
    tokens += _words(text, start + cursor, end, place, spaced)
    return tokens


def _words(text: str, start: int, end: int, place: tuple[int, int], spaced: bool) -> list[Token]:
    """Whitespace-separated words of a stretch without labels; a lone operator joins the word after it, a
    word opening with % joins the number before it (">= 98 %" is one value), and in a document that writes its
    thousands set apart by a space (``spaced``) a group of three digits joins the head before it ("43 820人次")."""
    row, cell = place
    spans = [(start + m.start(), start + m.end()) for m in re.finditer(r"\S+", text[start:end])]
    merged: list[list[int]] = []
    for a, b in spans:
        word = text[a:b]
        if merged and _OPERATOR_ONLY.match(text[merged[-1][0] : merged[-1][1]]):
            merged[-1][1] = b
        elif (
            merged and word.startswith(("%", "％")) and _DIGIT_END.search(text[merged[-1][0] : merged[-1][1]])
        ):
            merged[-1][1] = b
        elif (
            spaced
            and merged
            and text[merged[-1][1] : a] == " "
            and _SPACED_HEAD.fullmatch(text[merged[-1][0] : merged[-1][1]])
            and _SPACED_GROUP.fullmatch(word)
        ):
            merged[-1][1] = b
        else:
            merged.append([a, b])
    tokens = []
    for a, b in merged:
        word = text[a:b].strip(":：")
        if word:
            lead = text[a:b].index(word[0])
            tokens.append(Token("word", word, a + lead, a + lead + len(word), row, cell))
    return tokens
