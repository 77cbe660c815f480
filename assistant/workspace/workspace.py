"""One officer's working session: the case, its report, findings set aside, the interview, the chat, the undo.

Every mutating method validates through the case model, records a ``Change`` and saves the whole state
atomically to ``<root>/<id>/session.json``, so a refresh or a restarted server loses nothing. The report is one
``ReportState``: a report drafted only from templates is re-drafted after every data change (cheap and
deterministic), one with model-written sections is marked stale instead. The edits themselves are built in
``edits``, the interview's gaps and answers in ``interview``, filed scores in ``filed_scores``, drafting and
export in ``reporting``. Front ends (Gradio UI, chat, agent tools) call these methods and nothing else.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.audit.checks.placeholders import HEAD as PLACEHOLDER_HEAD
from assistant.errors import InputError
from assistant.fsutil import atomic_write_text
from assistant.models import Case
from assistant.placeholders import Marker, find_markers
from assistant.scoring import UnitScore, fmt, score_case
from assistant.workspace import filed_scores, interview, reporting, tables
from assistant.workspace.changes import Change, DiffRow, diff_data, now
from assistant.workspace.codec import build_case, case_data, to_jsonable
from assistant.workspace.edits import Edit, field_edit, indicator_add, indicator_edit, kept, table_edit
from assistant.workspace.explain import explain_project
from assistant.workspace.interview import Gap, InterviewState
from assistant.workspace.report_check import AuditMemo
from assistant.workspace.report_state import ReportState
from assistant.workspace.resolve import resolve_project

if TYPE_CHECKING:
    from assistant.audit import AuditResult
    from assistant.pipeline import Draft
    from assistant.report import Report

SESSION_FILE = "session.json"
FORMAT = "jixiao-session"
VERSION = 2
MAX_HISTORY = 50
_FINGERPRINT = re.compile(r"^[0-9a-f]{6,64}$")


class Workspace:
    """A session's state and the operations on it; see the module docstring."""

    def __init__(
        self, *, id: str, case: Case, directory: Path, title: str | None = None, origin: str = ""
    ) -> None:
        self.id = id
        self.case = case
        self.directory = Path(directory)
        self.title = title or f"{case.unit}{case.year}年度"
        self.origin = origin  # "sample" for the bundled example, else where the case came from
        self.created_at = now()
        self.updated_at = self.created_at
        self.dismissed: set[str] = set()
        self.state = ReportState()
        self.interview = InterviewState()
        self.audit_tab = AuditMemo()
        self.chat: list[dict[str, str]] = []
        self.history: list[Change] = []
        self._scored: tuple[Case, UnitScore] | None = None  # the case and its scores, replaced together
        self._template: tuple[Case, str] | None = None  # the case and its template draft, for the interview
        self.lock = threading.RLock()

    def __copy__(self) -> Workspace:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Workspace:
        """A workspace is a handle on saved state: copies (e.g. Gradio's ``gr.State``) share it."""
        return self

    # --- persistence ---------------------------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self.directory / SESSION_FILE

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": VERSION,
            "id": self.id,
            "title": self.title,
            "origin": self.origin,
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "case": case_data(self.case),
            "dismissed": sorted(self.dismissed),
            "report": self.state.to_json(),
            "interview": self.interview.to_json(),
            "audit_tab": self.audit_tab.to_json(),
            "chat": [dict(m) for m in self.chat],
            "history": [c.to_json() for c in self.history],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], directory: Path) -> Workspace:
        """Rebuild a saved session (raises KeyError/TypeError/ValueError/InputError on a damaged file)."""
        if data.get("format") != FORMAT:
            raise ValueError("not a session file")
        ws = cls(
            id=str(data["id"]),
            case=build_case(data["case"]),
            directory=directory,
            title=data.get("title"),
            origin=str(data.get("origin") or ""),
        )
        ws.created_at = str(data.get("created_at") or ws.created_at)
        ws.updated_at = str(data.get("updated_at") or ws.created_at)
        ws.dismissed = {str(f) for f in data.get("dismissed") or []}
        report = data.get("report")
        old_layout = isinstance(report, dict) and "sections" in report  # version 1 kept the fields apart
        ws.state = ReportState.from_json(data if old_layout else report)
        ws.interview = InterviewState.from_json(data.get("interview"))
        ws.audit_tab = AuditMemo.from_json(data.get("audit_tab"))
        ws.chat = [{str(k): str(v) for k, v in m.items()} for m in data.get("chat") or []]
        ws.history = [Change.from_json(c) for c in data.get("history") or []]
        return ws

    def save(self) -> Path:
        """Write the whole state atomically (a reader sees the old file or the new one)."""
        with self.lock:
            self.updated_at = now()
            text = json.dumps(to_jsonable(self.to_json()), ensure_ascii=False, indent=1)
            return atomic_write_text(self.path, text + "\n")

    # --- reading -------------------------------------------------------------------------------------

    def unit(self) -> UnitScore:
        """The case scored under its rule set (cached until the case changes)."""
        case, scored = self.case, self._scored
        if scored is not None and scored[0] is case:
            return scored[1]
        unit = score_case(case)  # no lock: a long draft holding it must not block reading the tables
        self._scored = (case, unit)
        return unit

    @property
    def money_unit(self) -> str:
        return self.case.money_unit

    @property
    def report(self) -> Report | None:
        return self.state.report

    @property
    def report_markdown(self) -> str | None:
        return self.state.markdown

    @property
    def report_stale(self) -> bool:
        return self.state.stale

    @property
    def is_untouched_sample(self) -> bool:
        """The bundled example nobody has worked on yet (the page then says what to do first)."""
        return (
            self.origin == "sample" and not self.history and not any(m["role"] == "user" for m in self.chat)
        )

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

    def markers(self) -> list[Marker]:
        """The 【待补充】 placeholders the current report still has."""
        return find_markers(self.state.markdown or "")

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

    def score_mismatches(self) -> list[filed_scores.ScoreMismatch]:
        """Scores the 自评表 states that the rules do not give (the officer chooses which stands)."""
        return filed_scores.score_mismatches(self.unit())

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
            effects = _score_effects(old_unit, self.unit())
            self.save()
            return Change(
                f"已撤销：{last.description}",
                [(path, after, before) for path, before, after in last.diff],
                effects,
                kind="undo",
            )

    # --- the interview -------------------------------------------------------------------------------

    def gaps(self) -> list[Gap]:
        """What the report still lacks, in the order it is asked (see ``interview``)."""
        return interview.find_gaps(self.unit(), self._report_text())

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

    def _report_text(self) -> str:
        if self.state.markdown is not None:
            return self.state.markdown
        cached = self._template
        if cached is None or cached[0] is not self.case:
            from assistant.drafting.template import draft_template
            from assistant.render.markdown import render_markdown

            cached = (self.case, render_markdown(draft_template(self.unit())))
            self._template = cached
        return cached[1]

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

    def audit(self, text: str | None = None) -> AuditResult:
        """The report's findings (data mismatches first), those set aside moved to ``dismissed``.

        The audit a draft came with is reused until the text or the case changes.
        """
        from assistant.audit import AuditResult, audit_text

        if text is not None:
            return audit_text(text, self.unit(), dismissed=set(self.dismissed))
        markdown = self.state.markdown
        if markdown is None:
            raise InputError.single("还没有起草报告：请先起草报告，或粘贴要检查的报告文字")
        cached = self.state.cached_audit
        if cached is None or cached[0] is not self.case:
            cached = (self.case, audit_text(markdown, self.unit()))
            self.state.cached_audit = cached
        full = cached[1]
        data = [m.finding() for m in self.score_mismatches()]
        both = AuditResult([*data, *full.findings], full.reference, full.document)
        return reporting.filtered(both, self.dismissed)

    def dismiss(self, fingerprint: str) -> None:
        """Set a finding aside for good (kept across re-drafts by its fingerprint); placeholders cannot be."""
        fingerprint = _fingerprint(fingerprint)
        with self.lock:
            if self.state.markdown is not None:
                for finding in self.audit().findings:
                    if finding.fingerprint == fingerprint and not reporting.can_dismiss(finding):
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

    # --- chat and the audit tab ----------------------------------------------------------------------

    def add_chat(self, role: str, content: str, *, file: str | None = None) -> None:
        """Append one chat message (user or assistant; ``file`` for a file made for the officer) and save."""
        with self.lock:
            self.chat.append({"role": role, "content": content, **({"file": file} if file else {})})
            self.save()

    def remember_audit(self, memo: AuditMemo) -> None:
        """Keep the audit tab's text and result with the session."""
        with self.lock:
            self.audit_tab = memo
            self.save()

    # --- internals (used by ``reporting``) -----------------------------------------------------------

    def commit(
        self,
        edit: Edit,
        *,
        kind: str | None = None,
        report_before: dict[str, Any] | None = None,
        wrap: bool = True,
    ) -> Change:
        """Validate the edit's data as the new case, record the change, keep the report in step, save."""
        try:
            new_case = build_case(edit.data, "修改后的数据")
        except InputError as exc:
            raise (kept(exc, edit.where, edit.old) if wrap and edit.where else exc) from None
        kind = kind or edit.kind
        diff = diff_data(case_data(self.case), case_data(new_case))
        if not diff:
            return Change(f"{edit.description}（数据没有变化）", kind=kind)
        if report_before is None and self.state.report is not None and not self.state.template_only():
            report_before = self.state.to_json()
        old_unit = self.unit()
        before = case_data(self.case)
        self.case = new_case
        change = Change(
            edit.description, diff, _score_effects(old_unit, self.unit()), kind, before, report_before
        )
        self.after_case_change()
        self.record(change)
        return change

    def record(self, change: Change) -> None:
        self.history.append(change)
        del self.history[:-MAX_HISTORY]
        self.save()

    def after_case_change(self) -> None:
        """A template report is re-drafted from the new data; a model-assisted one is marked stale."""
        if self.state.report is None:
            return
        if self.state.template_only():
            from assistant.drafting.template import draft_template

            outline = self.state.report.outline or None
            self.state = ReportState(styles=self.state.styles)
            self.state.set_report(draft_template(self.unit(), outline))
        else:
            self.state.stale = True
            self.state.cached_audit = None


# --- helpers -----------------------------------------------------------------------------------------


def _fingerprint(value: str) -> str:
    text = str(value).strip().lower()
    if not _FINGERPRINT.match(text):
        raise InputError.single(f"「{value}」不是有效的问题编号")
    return text


def _score_effects(old: UnitScore, new: UnitScore) -> list[DiffRow]:
    """Projects whose 执行率, 得分 or 等级 changed, as (项目, 修改前, 修改后)."""

    def summary(ps: Any) -> str:
        rate = f"{fmt(ps.rate_shown)}%" if ps.rate_shown is not None else "—"
        score = fmt(ps.score) if ps.score is not None else "—"
        return f"执行率 {rate}，得分 {score}，等级 {ps.grade or '—'}"

    rows: list[DiffRow] = []
    for before, after in zip(old.projects, new.projects, strict=False):
        was, is_ = summary(before), summary(after)
        if was != is_:
            rows.append((after.project.name, was, is_))
    return rows
