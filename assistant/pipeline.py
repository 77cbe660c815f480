"""One plain API for every front end (CLI, UI, eval): load → score → draft → audit → render.

``draft_case`` returns records; writing files is a separate step (``write_outputs``) so the UI can preview
without touching disk. The LLM drafter is imported only when a model is actually used.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from assistant.audit import AuditResult, audit_text
from assistant.drafting.outline import outline_for
from assistant.drafting.template import draft_template
from assistant.errors import InputError
from assistant.fsutil import atomic_write_bytes, atomic_write_text
from assistant.models import Case
from assistant.render.markdown import render_markdown
from assistant.report import Report
from assistant.rules import load_ruleset
from assistant.scoring import UnitScore, score_case

LLMMode = Literal["auto", "on", "off"]
FORMATS = ("md", "docx", "xlsx")


@dataclass
class Draft:
    """A drafted report with its audit and how it was made."""

    unit: UnitScore
    report: Report
    markdown: str
    audit: AuditResult
    llm_used: bool = False
    notes: list[str] = field(default_factory=list)

    def audit_json(self) -> dict:
        data = self.audit.to_json()
        if self.audit.dismissed:  # findings the officer set aside (the workspace's exports)
            data["dismissed"] = [f.to_json() for f in self.audit.dismissed]
        data["sections"] = [
            {"id": s.id, "heading": s.heading, "source": s.source} for s in self.report.sections
        ]
        data["notes"] = self.notes
        return data


def use_llm(mode: LLMMode | str) -> bool:
    """auto = on iff an endpoint is configured; on without one (or a bad setting) is a user error."""
    if mode == "off":
        return False
    from assistant.llm.settings import load_llm_settings  # no langchain import
    from assistant.llm.settings import use_llm as resolve

    return resolve(mode, load_llm_settings())


def prepare_llm(mode: LLMMode | str) -> None:
    """Build the shared chat model now if this run will use the model (a configured endpoint, mode not off).

    The first build imports langchain (about a second of CPU); a batch does it once before its workers start
    rather than inside the first case, where every other case's start-up would slow it down.
    """
    if mode == "off":
        return
    from assistant.llm.settings import load_llm_settings

    settings = load_llm_settings()
    if settings.configured:
        from assistant.llm.client import shared_chat_model

        shared_chat_model(settings)


def draft_case(
    case: Case, *, outline: str | None = None, llm: LLMMode = "off", rules: str | None = None, on_token=None
) -> Draft:
    """Score and draft a case (template, or model-assisted), then audit the rendered Markdown."""
    unit = score_case(case, load_ruleset(rules or case.rules))
    chosen = outline_for(case.outline, outline)
    notes: list[str] = []
    llm_used = use_llm(llm)
    if llm_used:
        from assistant.drafting.llm import draft_llm

        result = draft_llm(unit, chosen, on_token=on_token)
        report, notes = result.report, list(result.notes)
        report.postscript = result.disclosure
    else:
        report = draft_template(unit, chosen)
    markdown = render_markdown(report)
    return Draft(unit, report, markdown, audit_text(markdown, unit), llm_used, notes)


def write_outputs(draft: Draft, out_dir: Path, formats: tuple[str, ...] = ("md", "docx")) -> list[Path]:
    """Write report.md / report.docx / report.xlsx and audit.json atomically; audit.json last."""
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InputError.single(f"不支持的输出格式：{'、'.join(unknown)}（可选 md、docx、xlsx）")
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    if "md" in formats:
        written.append(atomic_write_text(out_dir / "report.md", draft.markdown))
    if "docx" in formats:
        from assistant.render.docx import render_docx_bytes

        written.append(atomic_write_bytes(out_dir / "report.docx", render_docx_bytes(draft.report)))
    if "xlsx" in formats:
        from assistant.office.xlsx_export import export_xlsx_bytes

        written.append(atomic_write_bytes(out_dir / "report.xlsx", export_xlsx_bytes(draft.unit)))
    audit = json.dumps(draft.audit_json(), ensure_ascii=False, indent=2)
    written.append(atomic_write_text(out_dir / "audit.json", audit + "\n"))
    return written
