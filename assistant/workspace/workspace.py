"""One officer's working session: the case, its report, dismissed findings, the chat and the undo history.

Every mutating method validates through the case model, records a ``Change`` and saves the whole state
atomically to ``<root>/<id>/session.json``, so a refresh or a restarted server loses nothing. The report is
kept as a structured ``Report`` so one section can be redrafted; a report drafted only from templates is
re-drafted after every data change (cheap and deterministic), one with model-written sections is marked
stale instead. Front ends (Gradio UI, chat, agent tools) call these methods and nothing else.
"""

from __future__ import annotations

import json
import re
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.errors import InputError
from assistant.fsutil import atomic_write_bytes, atomic_write_text, safe_name
from assistant.models import Case
from assistant.scoring import UnitScore, fmt, score_case
from assistant.vocabulary import LEVEL1_OF
from assistant.workspace import tables
from assistant.workspace.changes import EMPTY, Change, DiffRow, diff_data, now
from assistant.workspace.codec import (
    build_case,
    case_data,
    report_from_json,
    report_to_json,
    to_jsonable,
)
from assistant.workspace.explain import explain_project
from assistant.workspace.fields import (
    cell_value,
    display,
    indicator_field,
    project_field,
)
from assistant.workspace.redraft import (
    add_note,
    bare_heading,
    clean_instruction,
    find_section,
    instruction_target,
    llm_section,
)
from assistant.workspace.resolve import resolve_indicator, resolve_project

if TYPE_CHECKING:
    from assistant.audit import AuditResult
    from assistant.pipeline import Draft
    from assistant.report import Report, Section

SESSION_FILE = "session.json"
FORMAT = "jixiao-session"
VERSION = 1
MAX_HISTORY = 50
_FINGERPRINT = re.compile(r"^[0-9a-f]{6,64}$")


class Workspace:
    """A session's state and the operations on it; see the module docstring."""

    def __init__(self, *, id: str, case: Case, directory: Path, title: str | None = None) -> None:
        self.id = id
        self.case = case
        self.directory = Path(directory)
        self.title = title or f"{case.unit}{case.year}年度"
        self.created_at = now()
        self.updated_at = self.created_at
        self.dismissed: set[str] = set()
        self.report: Report | None = None
        self.report_markdown: str | None = None
        self.sections_source: dict[str, str] = {}
        self.draft_notes: list[str] = []
        self.llm_used = False
        self.report_stale = False  # data changed after a model-assisted draft
        self.section_notes: dict[str, list[str]] = {}
        self.chat: list[dict[str, str]] = []
        self.history: list[Change] = []
        self._scored: tuple[Case, UnitScore] | None = None  # the case and its scores, replaced together
        self._lock = threading.RLock()

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
            "created_at": self.created_at,
            "updated_at": self.updated_at,
            "case": case_data(self.case),
            "dismissed": sorted(self.dismissed),
            "report": report_to_json(self.report) if self.report is not None else None,
            "report_markdown": self.report_markdown,
            "sections_source": dict(self.sections_source),
            "draft_notes": list(self.draft_notes),
            "llm_used": self.llm_used,
            "report_stale": self.report_stale,
            "section_notes": {k: list(v) for k, v in self.section_notes.items()},
            "chat": [dict(m) for m in self.chat],
            "history": [c.to_json() for c in self.history],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], directory: Path) -> Workspace:
        """Rebuild a saved session (raises KeyError/TypeError/ValueError/InputError on a damaged file)."""
        if data.get("format") != FORMAT:
            raise ValueError("not a session file")
        ws = cls(
            id=str(data["id"]), case=build_case(data["case"]), directory=directory, title=data.get("title")
        )
        ws.created_at = str(data.get("created_at") or ws.created_at)
        ws.updated_at = str(data.get("updated_at") or ws.created_at)
        ws.dismissed = {str(f) for f in data.get("dismissed") or []}
        ws.report = report_from_json(data["report"]) if data.get("report") else None
        ws.report_markdown = data.get("report_markdown")
        ws.sections_source = {str(k): str(v) for k, v in (data.get("sections_source") or {}).items()}
        ws.draft_notes = [str(n) for n in data.get("draft_notes") or []]
        ws.llm_used = bool(data.get("llm_used"))
        ws.report_stale = bool(data.get("report_stale"))
        ws.section_notes = {str(k): [str(n) for n in v] for k, v in (data.get("section_notes") or {}).items()}
        ws.chat = [{"role": str(m["role"]), "content": str(m["content"])} for m in data.get("chat") or []]
        ws.history = [Change.from_json(c) for c in data.get("history") or []]
        return ws

    def save(self) -> Path:
        """Write the whole state atomically (a reader sees the old file or the new one)."""
        with self._lock:
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
        if self.report is None:
            return []
        return [
            {
                "id": s.id,
                "heading": s.heading,
                "level": s.level,
                "source": s.source,
                "markdown": _section_markdown(s),
            }
            for s in self.report.sections
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
        """Apply one cell edit from the UI (row 0-based; for indicators within ``project`` when given).

        An invalid value raises ``InputError`` naming the row and column, and the previous value is kept.
        """
        with self._lock:
            where = f"第{row + 1}行「{column}」"
            data = case_data(self.case)
            if table == "projects":
                key = _column_key(tables.PROJECT_COLUMNS, column, where)
                if not 0 <= row < len(self.case.projects):
                    raise InputError.single(f"没有第 {row + 1} 行（共 {len(self.case.projects)} 个项目）")
                node = data["项目"][row]
                owner = self.case.projects[row].name
                indicator_unit = None
            elif table == "indicators":
                key = _column_key(tables.INDICATOR_COLUMNS, column, where)
                chosen = None if project is None else resolve_project(self.case, project)
                positions = tables.indicator_positions(self.case, chosen)
                if not 0 <= row < len(positions):
                    raise InputError.single(f"没有第 {row + 1} 行（共 {len(positions)} 个指标）")
                p, k = positions[row]
                node = data["项目"][p]["绩效指标"][k]
                indicator = self.case.projects[p].indicators[k]
                owner = f"{self.case.projects[p].name}」指标「{indicator.name}"
                indicator_unit = indicator.unit
                if key == "得分" and not indicator.is_qualitative and str(value or "").strip():
                    raise InputError.single(
                        "定量指标的得分按规则自动计算（见“计算得分”列），不能手工填写", location=where
                    )
            else:
                raise InputError.single(f"未知的表格「{table}」")
            old = node.get(key)
            try:
                new = cell_value(key, value, self.case.money_unit, indicator_unit=indicator_unit)
                _assign(node, key, new)
                return self._commit(data, f"修改「{owner}」的{key}：{_show(old)} → {_show(new)}")
            except InputError as exc:
                raise _kept(exc, where, old) from None

    def set_field(self, project: str | int, field: str, value: str) -> Change:
        """Set one field of a project (by name, 序号 or 0-based index; field in Chinese or English)."""
        with self._lock:
            p = resolve_project(self.case, project)
            key = project_field(field)
            name = self.case.projects[p].name
            data = case_data(self.case)
            node = data["项目"][p]
            old = node.get(key)
            where = f"项目「{name}」的{key}"
            try:
                new = cell_value(key, value, self.case.money_unit)
                _assign(node, key, new)
                return self._commit(data, f"把「{name}」的{key}改为{_show(new, key, self.money_unit)}")
            except InputError as exc:
                raise _kept(exc, where, old) from None

    def set_indicator(self, project: str | int, indicator: str | int, field: str, value: str) -> Change:
        """Set one field of an indicator of a project."""
        with self._lock:
            p = resolve_project(self.case, project)
            k = resolve_indicator(self.case.projects[p], indicator)
            key = indicator_field(field)
            current = self.case.projects[p].indicators[k]
            data = case_data(self.case)
            node = data["项目"][p]["绩效指标"][k]
            old = node.get(key)
            where = f"项目「{self.case.projects[p].name}」指标「{current.name}」的{key}"
            try:
                new = cell_value(key, value, self.case.money_unit, indicator_unit=current.unit)
                _assign(node, key, new)
                return self._commit(data, f"把{where}改为{_show(new)}")
            except InputError as exc:
                raise _kept(exc, where, old) from None

    def add_indicator(self, project: str | int, fields: dict[str, Any]) -> Change:
        """Add an indicator to a project; ``fields`` keyed by Chinese or English names (三级指标, 分值 …)."""
        with self._lock:
            p = resolve_project(self.case, project)
            name = self.case.projects[p].name
            node: dict[str, Any] = {}
            for field, raw in fields.items():
                if raw is None or str(raw).strip() == "":
                    continue
                node[indicator_field(str(field))] = raw
            unit = str(node["度量单位"]).strip() if "度量单位" in node else None
            node = {
                key: cell_value(key, raw, self.case.money_unit, indicator_unit=unit)
                for key, raw in node.items()
            }
            if "一级指标" not in node and node.get("二级指标") in LEVEL1_OF:
                node["一级指标"] = LEVEL1_OF[node["二级指标"]]
            missing = [key for key in ("三级指标", "一级指标", "分值") if key not in node]
            if missing:
                raise InputError.single(
                    f"给「{name}」增加指标还缺少：{'、'.join(missing)}"
                    "（例如：三级指标：培训人次，一级指标：产出指标，二级指标：数量指标，指标性质：≥，"
                    "年度指标值：100，实际完成值：120，度量单位：人次，分值：10）"
                )
            data = case_data(self.case)
            data["项目"][p].setdefault("绩效指标", []).append(node)
            try:
                return self._commit(data, f"给「{name}」增加绩效指标「{node['三级指标']}」", kind="add")
            except InputError as exc:
                raise InputError.single(
                    f"{_first_message(exc)}（指标未添加）", location=f"项目「{name}」新增指标"
                ) from None

    def undo(self) -> Change | None:
        """Take back the last change (data and, when needed, the report); None when there is nothing to undo."""
        with self._lock:
            if not self.history:
                return None
            last = self.history.pop()
            old_unit = self.unit()
            if last.case_before is not None:
                self.case = build_case(last.case_before)
            if last.report_before is not None:
                self._restore_report_state(last.report_before)
            else:
                self._after_case_change()
            effects = _score_effects(old_unit, self.unit())
            self.save()
            return Change(
                f"已撤销：{last.description}",
                [(path, after, before) for path, before, after in last.diff],
                effects,
                kind="undo",
            )

    # --- report --------------------------------------------------------------------------------------

    def draft(self, llm: str = "auto", on_token: Any = None) -> Draft:
        """Draft the whole report (template, or model-assisted when an endpoint is configured) and keep it."""
        from assistant.pipeline import draft_case
        from assistant.render.markdown import render_markdown

        case = self.case
        result = draft_case(case, llm=llm, on_token=on_token)  # type: ignore[arg-type]  # may take minutes
        with self._lock:
            self.report = result.report
            if self._apply_section_notes(self.report):
                result.markdown = render_markdown(self.report)
            self.report_markdown = result.markdown
            self.sections_source = {s.id: s.source for s in self.report.sections}
            self.draft_notes = list(result.notes)
            self.llm_used = result.llm_used
            self.report_stale = False
            if self.case is not case:  # edited while the draft was being written
                self._after_case_change()
                result.markdown = self.report_markdown or result.markdown
                result.report, result.unit = self.report, self.unit()
            result.audit = self.audit()
            self.save()
            return result

    def redraft_section(
        self,
        section_id_or_heading: str,
        instruction: str | None = None,
        llm: str = "auto",
        on_token: Any = None,
    ) -> str:
        """Redraft one section, filing the officer's instruction as data first; returns the section's Markdown."""
        from assistant.drafting.outline import outline_for
        from assistant.pipeline import use_llm

        with self._lock:
            if self.report is None:
                self.draft(llm="off")
            assert self.report is not None
            outline = outline_for(self.case.outline, self.report.outline or None)
            index = find_section(self.report, outline, section_id_or_heading)
            section = self.report.sections[index]
            sid, heading = section.id, bare_heading(section.heading)
            topic = {s.id: s.template for s in outline.sections}.get(sid)
            before_state = self._report_state()
            before_text = _section_markdown(section)
            text = clean_instruction(instruction)
            recorded = False
            if text:
                recorded = self._file_instruction(index, sid, heading, topic, text, before_state)
            model = use_llm(llm) and outline.sections[index].kind == "narrative"
            if model or not self._template_only():
                self._redraft_one(outline, index, model, on_token)
            after_text = _section_markdown(self.report.sections[index])
            if not recorded and after_text != before_text:
                self._record(
                    Change(
                        f"重写「{heading}」一节",
                        [(f"「{heading}」", before_text, after_text)],
                        kind="redraft",
                        report_before=before_state,
                    )
                )
            self.save()
            return after_text

    def _file_instruction(
        self, index: int, sid: str, heading: str, topic: str | None, text: str, before_state: dict[str, Any]
    ) -> bool:
        """Put the instruction into the right project field (or a section note); True if a change was recorded."""
        p, key = instruction_target(self.unit(), topic, text)
        if p is not None and key is not None:
            data = case_data(self.case)
            node = data["项目"][p]
            old = node.get(key)
            if old and text in str(old):
                return False
            node[key] = f"{str(old).rstrip('。；; ')}；{text}" if old else text
            name = self.case.projects[p].name
            change = self._commit(
                data,
                f"按要求重写「{heading}」：在「{name}」的{key}中写入“{text}”",
                kind="redraft",
                report_before=before_state,
            )
            return bool(change.diff)
        notes = self.section_notes.setdefault(sid, [])
        if text in notes:
            return False
        notes.append(text)
        assert self.report is not None
        add_note(self.report.sections[index], text)
        self._rerender()
        self._record(
            Change(
                f"按要求重写「{heading}」：补充“{text}”",
                [(f"「{heading}」补充说明", EMPTY, text)],
                kind="redraft",
                report_before=before_state,
            )
        )
        return True

    def _redraft_one(self, outline: Any, index: int, model: bool, on_token: Any) -> None:
        from assistant.drafting.template import draft_section

        assert self.report is not None
        old = self.report.sections[index]
        if model:
            section, note = llm_section(self.unit(), outline, index, on_token)
            self.draft_notes.append(note)
        else:
            section = draft_section(self.unit(), outline.sections[index])
        section.heading = old.heading
        for text in self.section_notes.get(section.id, []):
            add_note(section, text)
        self.report.sections[index] = section
        self.sections_source[section.id] = section.source
        self._rerender()

    def audit(self, text: str | None = None) -> AuditResult:
        """Audit ``text`` (default: the current report) against the case, dismissed findings set aside."""
        from assistant.audit import audit_text

        if text is None:
            text = self.report_markdown
        if text is None:
            raise InputError.single("还没有起草报告：请先起草报告，或粘贴要检查的报告文字")
        return audit_text(text, self.unit(), dismissed=set(self.dismissed))

    def dismiss(self, fingerprint: str) -> None:
        """Set a finding aside for good (kept across sessions and re-drafts by its fingerprint)."""
        with self._lock:
            self.dismissed.add(_fingerprint(fingerprint))
            self.save()

    def restore(self, fingerprint: str) -> None:
        with self._lock:
            self.dismissed.discard(_fingerprint(fingerprint))
            self.save()

    def export(self, kind: Literal["md", "docx", "json", "xlsx"]) -> Path:
        """Write the report (md/docx), the audit (json) or the score workbook (xlsx) for download."""
        out = self.directory / "exports"
        base = f"{safe_name(self.case.unit)}{self.case.year}年度"
        if kind == "xlsx":
            try:
                from assistant.office.xlsx_export import export_xlsx_bytes
            except ImportError:  # openpyxl comes with the office extra
                raise InputError.single(
                    "导出 Excel 评分表需要安装 office 组件：pip install 'jixiao[office]'"
                ) from None
            return atomic_write_bytes(out / f"{base}绩效自评评分表.xlsx", export_xlsx_bytes(self.unit()))
        if kind not in ("md", "docx", "json"):
            raise InputError.single(f"不支持的导出格式「{kind}」（可选 md、docx、json、xlsx）")
        if self.report is None or self.report_markdown is None:
            raise InputError.single("还没有起草报告，无法导出：请先起草报告")
        if kind == "md":
            return atomic_write_text(out / f"{base}绩效自评报告.md", self.report_markdown)
        if kind == "docx":
            from assistant.render.docx import render_docx_bytes

            return atomic_write_bytes(out / f"{base}绩效自评报告.docx", render_docx_bytes(self.report))
        result = self.audit()
        data = result.to_json()
        data["dismissed"] = [f.to_json() for f in result.dismissed]
        data["sections"] = [
            {"id": s.id, "heading": s.heading, "source": s.source} for s in self.report.sections
        ]
        data["notes"] = list(self.draft_notes)
        text = json.dumps(data, ensure_ascii=False, indent=2)
        return atomic_write_text(out / f"{base}审核结果.json", text + "\n")

    # --- chat ----------------------------------------------------------------------------------------

    def add_chat(self, role: str, content: str) -> None:
        """Append one chat message (user or assistant) and save."""
        with self._lock:
            self.chat.append({"role": role, "content": content})
            self.save()

    # --- internals -----------------------------------------------------------------------------------

    def _commit(
        self,
        data: dict[str, Any],
        description: str,
        *,
        kind: str = "edit",
        report_before: dict[str, Any] | None = None,
    ) -> Change:
        """Validate ``data`` as the new case, record the change, keep the report in step, save."""
        new_case = build_case(data, "修改后的数据")
        before = case_data(self.case)
        diff = diff_data(before, case_data(new_case))
        if not diff:
            return Change(f"{description}（数据没有变化）", kind=kind)
        if report_before is None and self.report is not None and not self._template_only():
            report_before = self._report_state()
        old_unit = self.unit()
        self.case = new_case
        change = Change(description, diff, _score_effects(old_unit, self.unit()), kind, before, report_before)
        self._after_case_change()
        self._record(change)
        return change

    def _record(self, change: Change) -> None:
        self.history.append(change)
        del self.history[:-MAX_HISTORY]
        self.save()

    def _template_only(self) -> bool:
        return self.report is not None and all(s.source == "template" for s in self.report.sections)

    def _after_case_change(self) -> None:
        if self.report is None:
            return
        if self._template_only():
            self._render_template()
        else:
            self.report_stale = True

    def _render_template(self) -> None:
        from assistant.drafting.template import draft_template

        assert self.report is not None
        self.report = draft_template(self.unit(), self.report.outline or None)
        self._apply_section_notes(self.report)
        self.sections_source = {s.id: s.source for s in self.report.sections}
        self.draft_notes = []
        self.llm_used = False
        self.report_stale = False
        self._rerender()

    def _rerender(self) -> None:
        from assistant.render.markdown import render_markdown

        assert self.report is not None
        self.report_markdown = render_markdown(self.report)

    def _apply_section_notes(self, report: Report) -> bool:
        applied = False
        for section in report.sections:
            for text in self.section_notes.get(section.id, []):
                add_note(section, text)
                applied = True
        return applied

    def _report_state(self) -> dict[str, Any]:
        return {
            "report": report_to_json(self.report) if self.report is not None else None,
            "report_markdown": self.report_markdown,
            "sections_source": dict(self.sections_source),
            "draft_notes": list(self.draft_notes),
            "llm_used": self.llm_used,
            "report_stale": self.report_stale,
            "section_notes": {k: list(v) for k, v in self.section_notes.items()},
        }

    def _restore_report_state(self, state: dict[str, Any]) -> None:
        self.report = report_from_json(state["report"]) if state.get("report") else None
        self.report_markdown = state.get("report_markdown")
        self.sections_source = dict(state.get("sections_source") or {})
        self.draft_notes = list(state.get("draft_notes") or [])
        self.llm_used = bool(state.get("llm_used"))
        self.report_stale = bool(state.get("report_stale"))
        self.section_notes = {k: list(v) for k, v in (state.get("section_notes") or {}).items()}


# --- helpers -----------------------------------------------------------------------------------------


def _section_markdown(section: Section) -> str:
    from assistant.render.markdown import render_markdown
    from assistant.report import Report

    text = render_markdown(Report(title="", sections=[section]))
    return text.split("\n", 2)[2].strip() if text.startswith("# ") else text.strip()


def _column_key(columns: dict[str, str | None], column: str, where: str) -> str:
    if column not in columns:
        raise InputError.single(f"没有「{column}」这一列", location=where)
    key = columns[column]
    if key is None:
        raise InputError.single(f"「{column}」列由系统生成，不能修改", location=where)
    return key


def _assign(node: dict[str, Any], key: str, value: Any) -> None:
    if value is None:
        node.pop(key, None)
    else:
        node[key] = value


def _show(value: Any, key: str | None = None, money_unit: str = "") -> str:
    if value is None or value == "":
        return EMPTY
    text = display(value)
    return f"{text}{money_unit}" if key in ("年初预算数", "全年预算数", "全年执行数") and money_unit else text


def _first_message(exc: InputError) -> str:
    return exc.problems[0].message if exc.problems else str(exc)


def _kept(exc: InputError, where: str, old: Any) -> InputError:
    """The error re-located at the cell, saying the previous value stays."""
    messages = "；".join(p.message for p in exc.problems) or str(exc)
    return InputError.single(f"{messages}，已保留原值「{_show(old)}」", location=where)


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
