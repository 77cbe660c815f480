"""One officer's working session and every operation a front end needs (Gradio UI, chat, agent tools).

The state, its persistence and how a change is made are ``session.Session``'s; here are the operations: edits of
the case (built in ``edits``), the officer's choice between a filed and a computed score (``filed_scores``),
undo, the interview's questions and answers (``interview``), drafting, redrafting and export (``reporting``),
and findings set aside. Front ends call these methods and nothing else.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.audit.checks.placeholders import HEAD as PLACEHOLDER_HEAD
from assistant.errors import InputError
from assistant.workspace import filed_scores, interview, reporting, tables
from assistant.workspace.changes import Change
from assistant.workspace.codec import build_case
from assistant.workspace.edits import field_edit, indicator_add, indicator_edit, table_edit
from assistant.workspace.explain import explain_project
from assistant.workspace.interview import Gap
from assistant.workspace.report_state import ReportState
from assistant.workspace.resolve import resolve_project
from assistant.workspace.session import MAX_HISTORY, SESSION_FILE, Session, can_dismiss, score_effects

if TYPE_CHECKING:
    from assistant.pipeline import Draft

__all__ = ["SESSION_FILE", "Workspace"]

_FINGERPRINT = re.compile(r"^[0-9a-f]{6,64}$")


class Workspace(Session):
    """A session with the operations on it; see the module docstring."""

    # --- reading -------------------------------------------------------------------------------------

    def project_rows(self) -> list[dict[str, str]]:
        return tables.project_rows(self.case)

    def indicator_rows(self, project: int | None = None) -> list[dict[str, str]]:
        """Indicator rows of every project, or of one (``project`` is 0-based)."""
        if project is not None:
            project = resolve_project(self.case, project)
        return tables.indicator_rows(self.unit(), project)

    def score_rows(self) -> list[dict[str, str]]:
        return tables.score_rows(self.unit())

    def chart_rows(self) -> list[dict[str, Any]]:
        return tables.chart_rows(self.unit())

    def explain_score(self, project: str | int) -> str:
        """Why a project scored what it did, from its score traces (Chinese)."""
        index = resolve_project(self.case, project)
        return explain_project(self.unit(), self.unit().projects[index])

    def sections(self) -> list[dict[str, Any]]:
        """The drafted report section by section: id, heading, level, source, Markdown of its body."""
        return self.state.sections()

    def unfinished(self) -> list[str]:
        """What each placeholder left in the report lacks, naming its project ("「…」待补充：偏差原因")."""
        if self.state.markdown is None:
            return []
        return [
            f.message.removeprefix(PLACEHOLDER_HEAD)
            for f in self.audit().findings
            if f.code == "PLACEHOLDER_LEFT"
        ]

    # --- editing the case ----------------------------------------------------------------------------

    def apply_table_edit(
        self,
        table: Literal["projects", "indicators"],
        row: int,
        column: str,
        value: str,
        *,
        project: int | None = None,
    ) -> Change:
        """Apply one cell edit from the UI; an invalid value is an ``InputError`` at the cell, old value kept."""
        with self.lock:
            return self.commit(table_edit(self.case, table, row, column, value, project))

    def set_field(self, project: str | int, field: str, value: str) -> Change:
        """Set one field of a project (by name, 序号 or 0-based index; field in Chinese or English)."""
        with self.lock:
            return self.commit(field_edit(self.case, project, field, value))

    def set_indicator(self, project: str | int, indicator: str | int, field: str, value: str) -> Change:
        """Set one field of an indicator of a project."""
        with self.lock:
            return self.commit(indicator_edit(self.case, project, indicator, field, value))

    def add_indicator(self, project: str | int, fields: dict[str, Any]) -> Change:
        """Add an indicator to a project; ``fields`` keyed by Chinese or English names (三级指标, 分值 …)."""
        with self.lock:
            edit = indicator_add(self.case, project, fields)
            try:
                return self.commit(edit, wrap=False)
            except InputError as exc:
                message = exc.problems[0].message if exc.problems else str(exc)
                raise InputError.single(f"{message}（指标未添加）", location=edit.where) from None

    def keep_filed_score(self, key: str) -> Change:
        with self.lock:
            return self.commit(filed_scores.keep_filed(self.case, self.unit(), key))

    def use_computed_score(self, key: str) -> Change:
        with self.lock:
            return self.commit(filed_scores.use_computed(self.case, self.unit(), key))

    def undo(self) -> Change | None:
        """Take back the last change (data and, when needed, the report); None when there is nothing to undo."""
        with self.lock:
            if not self.history:
                return None
            last = self.history.pop()
            old_unit = self.unit()
            if last.case_before is not None:
                self.case = build_case(last.case_before)
            if last.report_before is not None:
                self.state = ReportState.from_json(last.report_before)
            else:
                self.after_case_change()
            if last.kind == "answer" and self.interview.answered:
                self.interview.pending = self.interview.answered.pop()  # ask that question again
            effects = score_effects(old_unit, self.unit())
            self.save()
            return Change(
                f"已撤销：{last.description}",
                [(path, after, before) for path, before, after in last.diff],
                effects,
                kind="undo",
            )

    # --- the interview -------------------------------------------------------------------------------
    def next_gap(self) -> Gap | None:
        """The question to ask now: the pending one if still open, else the first one not skipped."""
        gaps = [g for g in self.gaps() if g.key not in self.interview.skipped]
        pending = next((g for g in gaps if g.key == self.interview.pending), None)
        return pending or (gaps[0] if gaps else None)

    def ask(self) -> Gap | None:
        """Mark the next question as asked (the officer's next free text answers it)."""
        with self.lock:
            gap = self.next_gap()
            self.interview.pending = gap.key if gap else None
            self.save()
            return gap

    def answer(self, key: str, text: str) -> Change:
        """Write the officer's answer to gap ``key`` into its field (a diff, undoable)."""
        with self.lock:
            gap = reporting.target_gap(self, key)
            change = self.commit(interview.answer_edit(self.case, gap, text), wrap=False)
            if key in self.interview.skipped:
                self.interview.skipped.remove(key)
            if change.diff:
                self.interview.answered = [*self.interview.answered, key][-MAX_HISTORY:]
            self.save()
            return change

    def skip(self, key: str) -> None:
        with self.lock:
            if key not in self.interview.skipped:
                self.interview.skipped.append(key)
            if self.interview.pending == key:
                self.interview.pending = None
            self.save()

    def unskip(self) -> None:
        """Start the questions again from the top, the skipped ones included."""
        with self.lock:
            self.interview.skipped.clear()
            self.interview.pending = None
            self.save()

    def progress(self) -> str:
        return interview.progress_text(self.gaps(), self.interview.skipped)

    # --- report --------------------------------------------------------------------------------------

    def draft(self, llm: str = "auto", on_token: Any = None) -> Draft:
        """Draft the whole report (template, or model-assisted when an endpoint is configured) and keep it."""
        return reporting.draft(self, llm, on_token)

    def redraft_section(
        self,
        section_id_or_heading: str,
        instruction: str | None = None,
        llm: str = "auto",
        on_token: Any = None,
        target: str | None = None,
    ) -> str:
        """Redraft one section: a style request is kept for it, a supplement filed as data (into ``target``)."""
        return reporting.redraft_section(self, section_id_or_heading, instruction, llm, on_token, target)

    def dismiss(self, fingerprint: str) -> None:
        """Set a finding aside for good (kept across re-drafts by its fingerprint); placeholders cannot be."""
        fingerprint = _fingerprint(fingerprint)
        with self.lock:
            if self.state.markdown is not None:
                for finding in self.audit().findings:
                    if finding.fingerprint == fingerprint and not can_dismiss(finding):
                        raise InputError.single(
                            "这一项是报告还没写完的地方（【待补充】）或自评表得分的选择，不能忽略：补充内容或作出选择后会自动消失"
                        )
            self.dismissed.add(fingerprint)
            self.save()

    def restore(self, fingerprint: str) -> None:
        with self.lock:
            self.dismissed.discard(_fingerprint(fingerprint))
            self.save()

    def export(self, kind: reporting.ExportKind) -> Path:
        """Write the report (md/docx), its audit (json) or the score workbook (xlsx) for download."""
        return reporting.export(self, kind)


# --- helpers -----------------------------------------------------------------------------------------


def _fingerprint(value: str) -> str:
    text = str(value).strip().lower()
    if not _FINGERPRINT.match(text):
        raise InputError.single(f"「{value}」不是有效的问题编号")
    return text
