"""The drafted report as one value: the structured report, its Markdown, how it was made, and its audit.

``ReportState`` is what the workspace saves, snapshots for undo and restores, in one piece (it replaces seven
fields copied by hand). Its audit (``cached_audit``) is the one the draft came with, reused by the report tab,
the chat and the exports until the text or the case changes; findings set aside are filtered from it, never
re-audited. ``styles`` holds the officer's requests for how a section is written (never report text).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from assistant.workspace.codec import report_from_json, report_to_json

if TYPE_CHECKING:
    from assistant.audit import AuditResult
    from assistant.report import Report, Section


@dataclass
class ReportState:
    """The report of a session, or nothing yet (``report is None``)."""

    report: Report | None = None
    markdown: str | None = None
    notes: list[str] = field(default_factory=list)
    llm_used: bool = False
    stale: bool = False  # the data changed after a model-assisted draft
    styles: dict[str, str] = field(default_factory=dict)
    cached_audit: tuple[Any, AuditResult] | None = field(default=None, compare=False, repr=False)

    @property
    def sources(self) -> dict[str, str]:
        """Section id → who wrote it ("template" or "llm")."""
        return {s.id: s.source for s in self.report.sections} if self.report else {}

    def template_only(self) -> bool:
        return self.report is not None and all(s.source == "template" for s in self.report.sections)

    def set_report(self, report: Report, markdown: str | None = None) -> None:
        """Take a new report (and its Markdown, rendered when not given); the old audit no longer applies."""
        from assistant.render.markdown import render_markdown

        self.report = report
        self.markdown = markdown if markdown is not None else render_markdown(report)
        self.cached_audit = None

    def rerender(self) -> None:
        assert self.report is not None
        self.set_report(self.report)

    def sections(self) -> list[dict[str, Any]]:
        """Section by section: id, heading, level, source, Markdown of its body."""
        if self.report is None:
            return []
        return [
            {
                "id": s.id,
                "heading": s.heading,
                "level": s.level,
                "source": s.source,
                "markdown": section_markdown(s),
            }
            for s in self.report.sections
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "report": report_to_json(self.report) if self.report is not None else None,
            "markdown": self.markdown,
            "notes": list(self.notes),
            "llm_used": self.llm_used,
            "stale": self.stale,
            "styles": dict(self.styles),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> ReportState:
        """A saved state; sessions saved before the state was one object used ``report_markdown`` etc."""
        data = data or {}
        report = data.get("report")
        return cls(
            report=report_from_json(report) if report else None,
            markdown=data.get("markdown", data.get("report_markdown")),
            notes=[str(n) for n in data.get("notes", data.get("draft_notes")) or []],
            llm_used=bool(data.get("llm_used")),
            stale=bool(data.get("stale", data.get("report_stale"))),
            styles={str(k): str(v) for k, v in (data.get("styles") or {}).items()},
        )

    def copy(self) -> ReportState:
        """An independent copy (undo snapshots must not share the report's lists)."""
        return ReportState.from_json(self.to_json())


def section_markdown(section: Section) -> str:
    """One section's heading and body as Markdown (without the report title)."""
    from assistant.render.markdown import render_markdown
    from assistant.report import Report

    text = render_markdown(Report(title="", sections=[section]))
    return text.split("\n", 2)[2].strip() if text.startswith("# ") else text.strip()
