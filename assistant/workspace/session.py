"""The state of one officer's session and the rules every change follows; ``Workspace`` adds the operations.

A ``Session`` holds the case, its report (one ``ReportState``), findings set aside, the interview's state, the
audit tab's memo, the chat and the undo history. Every change goes through ``commit``: validated through the case
model, recorded as a ``Change`` and saved atomically to ``<root>/<id>/session.json``, so a refresh or a restarted
server loses nothing. A report drafted only from templates is re-drafted after every data change (cheap and
deterministic); one with model-written sections is marked stale instead. The report's findings put the data's
own (filed scores that disagree with the rules) first; placeholders and score choices cannot be set aside.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from assistant.audit import AuditResult, Finding
from assistant.errors import InputError
from assistant.fsutil import atomic_write_text
from assistant.models import Case
from assistant.placeholders import PREFIX, Marker, find_markers
from assistant.scoring import UnitScore, fmt, score_case
from assistant.workspace import filed_scores, interview
from assistant.workspace.changes import Change, DiffRow, diff_data, now
from assistant.workspace.codec import build_case, case_data, to_jsonable
from assistant.workspace.edits import Edit, kept
from assistant.workspace.interview import Gap, InterviewState
from assistant.workspace.report_check import AuditMemo
from assistant.workspace.report_state import ReportState

if TYPE_CHECKING:
    from assistant.report import Report

SESSION_FILE = "session.json"
FORMAT = "jixiao-session"
VERSION = 2
MAX_HISTORY = 50


def can_dismiss(finding: Finding) -> bool:
    """Placeholders and the officer's score choices go away when resolved, never by being set aside."""
    if finding.section == filed_scores.DATA_SECTION or finding.code == "PLACEHOLDER_LEFT":
        return False
    return PREFIX not in (finding.quote or "") and PREFIX not in (finding.found or "")


def filtered(full: AuditResult, dismissed: set[str]) -> AuditResult:
    """``full`` with the findings the officer set aside moved to ``dismissed`` (those allowed to be)."""
    gone = [f for f in full.findings if f.fingerprint in dismissed and can_dismiss(f)]
    kept_ = [f for f in full.findings if f not in gone]
    return AuditResult(kept_, full.reference, full.document, gone)


class Session:
    """A session's state, its persistence and the way every change is made; see the module docstring."""

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

    def __copy__(self) -> Self:
        return self

    def __deepcopy__(self, memo: dict[int, Any]) -> Self:
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
    def from_json(cls, data: dict[str, Any], directory: Path) -> Self:
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

    def markers(self) -> list[Marker]:
        """The 【待补充】 placeholders the current report still has."""
        return find_markers(self.state.markdown or "")

    def score_mismatches(self) -> list[filed_scores.ScoreMismatch]:
        """Scores the 自评表 states that the rules do not give (the officer chooses which stands)."""
        return filed_scores.score_mismatches(self.unit())

    # --- the interview's list, the report's findings ---------------------------------------------------

    def gaps(self) -> list[Gap]:
        """What the report still lacks, in the order it is asked (see ``interview``)."""
        return interview.find_gaps(self.unit(), self._report_text())

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
        return filtered(both, self.dismissed)

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

    # --- how every change is made -----------------------------------------------------------------

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
            edit.description, diff, score_effects(old_unit, self.unit()), kind, before, report_before
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


def score_effects(old: UnitScore, new: UnitScore) -> list[DiffRow]:
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
