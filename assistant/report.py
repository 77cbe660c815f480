"""The drafted report as a document: title, numbered sections of paragraphs, attached tables. Plain strings only.

The drafters (``assistant.drafting``: template and model) produce a ``Report``; the renderers
(``assistant.render``) turn it into Markdown or Word, and the drafters audit that Markdown before keeping a
section, so the document sits below both. Numbers inside are already display strings from the fact sheet, so
nothing here formats or computes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from assistant.facts import count_cn

Source = Literal["template", "llm"]


@dataclass
class Table:
    """An attached table: optional title line, header, data rows and an optional total row (all strings)."""

    header: list[str]
    rows: list[list[str]]
    total: list[str] | None = None
    title: str | None = None

    def all_rows(self) -> Iterator[list[str]]:
        """Data rows then the total row, without the header."""
        yield from self.rows
        if self.total is not None:
            yield self.total


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
    """A complete draft in outline order."""

    title: str
    sections: list[Section]
    outline: str = ""
    postscript: str = ""  # e.g. which sections a model wrote; rendered after the last section

    @property
    def tables(self) -> list[Table]:
        return [table for section in self.sections for table in section.tables]

    @property
    def table(self) -> Table | None:
        """The attached table (the first one): 评分表 for unit reports, a 自评表 for single projects."""
        tables = self.tables
        return tables[0] if tables else None

    def section(self, section_id: str) -> Section:
        for section in self.sections:
            if section.id == section_id:
                return section
        raise KeyError(section_id)

    def text(self) -> str:
        """The prose as plain text (title, headings, paragraphs), for audits and quick reading."""
        lines = [self.title]
        for section in self.sections:
            lines.append(section.heading)
            lines.extend(section.paragraphs)
        return "\n".join(lines)


def number_heading(heading: str, level: int, ordinal: int) -> str:
    """Prefix a heading with its 公文 number: 1 → 一、, 2 → （一）, 3 → 1."""
    if level == 1:
        return f"{count_cn(ordinal)}、{heading}"
    if level == 2:
        return f"（{count_cn(ordinal)}）{heading}"
    return f"{ordinal}.{heading}"
