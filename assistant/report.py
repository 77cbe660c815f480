"""The drafted report as a document: title, numbered sections of paragraphs, attached tables, closing lines.

The drafters (``assistant.drafting``: template and model) produce a ``Report``; the renderers
(``assistant.render``) turn it into Markdown or Word, and the drafters audit that Markdown before keeping a
section, so the document sits below both. Numbers inside are already display strings from the fact sheet, so
nothing here formats or computes. Every field is a string, a flag or a list of them, so a report round-trips
through JSON (``assistant.workspace.codec``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from assistant.facts import count_cn

Source = Literal["template", "llm"]


@dataclass
class Table:
    """An attached table: optional title, header, data rows and an optional total row (all strings).

    A form (the national 项目支出绩效自评表) has no header and merged cells: ``spans[r][c]`` is how many grid
    columns cell ``c`` of row ``r`` covers (rows counted over ``all_rows``), ``merged_down`` lists the
    ``[row, cell]`` positions that continue the cell above them, and ``emphasis`` the rows printed bold
    (label rows). Plain tables leave all three empty.
    """

    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    title: str | None = None
    spans: list[list[int]] = field(default_factory=list)
    merged_down: list[list[int]] = field(default_factory=list)
    emphasis: list[int] = field(default_factory=list)

    def all_rows(self) -> Iterator[list[str]]:
        """Data rows then the total row, without the header."""
        yield from self.rows
        if self.total is not None:
            yield self.total

    @property
    def is_form(self) -> bool:
        return bool(self.spans)

    def columns(self) -> int:
        """Width of the grid in columns."""
        if self.spans:
            return max(sum(row) for row in self.spans)
        return len(self.header)

    def grid_rows(self) -> list[list[str]]:
        """Every row (header first when there is one) expanded to the grid: a spanning cell then blanks."""
        rows = [self.header] if self.header else []
        for r, row in enumerate(self.all_rows()):
            if not self.spans:
                rows.append(list(row))
                continue
            expanded: list[str] = []
            for text, span in zip(row, self.spans[r], strict=True):
                expanded += [text] + [""] * (span - 1)
            rows.append(expanded)
        return rows


@dataclass
class Section:
    """One heading and its body; ``heading`` carries its number (``一、基本情况``, ``（一）…``, ``1.…``)."""

    id: str
    heading: str
    level: int
    kind: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    source: Source = "template"
    page_break: bool = False


@dataclass
class Report:
    """A complete draft in outline order.

    ``annex_note`` (附件说明: "附件：1.…") and ``signature`` (落款: unit, date) close the body; renderers put
    them after the last prose section, before the first attached table.
    """

    title: str
    sections: list[Section]
    outline: str = ""
    postscript: str = ""  # e.g. which sections a model wrote; rendered after the last section
    annex_note: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def table(self) -> Table | None:
        """The attached table (the first one): the 汇总表 of a unit report, a 自评表 for single projects."""
        tables = self.tables
        return tables[0] if tables else None

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def body_end(self) -> int:
        """Index of the first attached-table section (where the closing lines go), or the number of sections."""
        return next((i for i, s in enumerate(self.sections) if s.kind == "table"), len(self.sections))

    def text(self) -> str:
        """The prose as plain text (title, headings, paragraphs, closing lines), for audits and quick reading."""
        lines = [self.title]
        for index, section in enumerate(self.sections):
            if index == self.body_end():
                lines += [*self.annex_note, *self.signature]
            lines.append(section.heading)
            lines.extend(section.paragraphs)
        if self.body_end() == len(self.sections):
            lines += [*self.annex_note, *self.signature]
        return "\n".join(lines)


def number_heading(heading: str, level: int, ordinal: int) -> str:
    """Prefix a heading with its 公文 number: 1 → 一、, 2 → （一）, 3 → 1."""
    if level == 1:
        return f"{count_cn(ordinal)}、{heading}"
    if level == 2:
        return f"（{count_cn(ordinal)}）{heading}"
    return f"{ordinal}.{heading}"
