"""Markdown rendering of a drafted ``Report``: ``#`` title, ``##``/``###``/``####`` headings, pipe tables.

A form (merged cells) becomes a pipe table on its grid: its title is the header row, a spanning cell is
followed by blank cells. The 附件说明 and 落款 lines come after the last prose section.
"""

from __future__ import annotations

import re

from assistant.render.text import clean_line, split_paragraphs
from assistant.report import Report, Table

# A line starting like this would turn into a heading, quote, list or rule.
_BLOCK_START = re.compile(r"^(?:[#>+*=_-]|\d+(?=[.)]))")


def render_markdown(report: Report) -> str:
    """The report as Markdown: title, numbered headings in outline order, paragraphs and tables."""
    lines = [f"# {clean_line(report.title)}", ""]
    closing = [*report.annex_note, *report.signature]
    for index, section in enumerate(report.sections):
        if index == report.body_end():
            lines += _closing(closing)
        lines += [f"{'#' * (section.level + 1)} {clean_line(section.heading)}", ""]
        for paragraph in section.paragraphs:
            for piece in split_paragraphs(paragraph):
                lines += [_escape_block(piece), ""]
        for table in section.tables:
            lines += _table(table)
    if report.body_end() == len(report.sections):
        lines += _closing(closing)
    if report.postscript:
        lines += ["", _escape_block(clean_line(report.postscript))]
    return "\n".join(lines).rstrip() + "\n"


def _escape_block(text: str) -> str:
    """Escape a leading block marker (``1.`` becomes ``1\\.``, ``#`` becomes ``\\#``)."""
    match = _BLOCK_START.match(text)
    if not match:
        return text
    if match.group().isdigit():
        return text[: match.end()] + "\\" + text[match.end() :]
    return "\\" + text


def _cell(text: str) -> str:
    return clean_line(text).replace("\\", "\\\\").replace("|", "\\|") or " "


def _closing(lines: list[str]) -> list[str]:
    out = []
    for line in lines:
        out += [_escape_block(clean_line(line)), ""]
    return out


def _table(table: Table) -> list[str]:
    lines = []
    grid = table.grid_rows()
    if table.is_form:
        header = [table.title or ""] + [""] * (table.columns() - 1)
    else:
        if table.title:
            lines += [f"**{clean_line(table.title)}**", ""]
        header, grid = grid[0], grid[1:]
    lines.append("| " + " | ".join(_cell(h) for h in header) + " |")
    lines.append("|" + "|".join(" --- " for _ in header) + "|")
    for row in grid:
        lines.append("| " + " | ".join(_cell(c) for c in row) + " |")
    return [*lines, ""]
