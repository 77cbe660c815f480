"""A session's report: draft it, redraft one section, audit it, export it. ``Workspace`` delegates here.

The report lives in the workspace's ``ReportState``. A draft keeps the audit it came with (the pipeline's
``Draft.audit``), and the exports go through the pipeline's ``write_outputs`` with that audit, so the text, the
findings shown and ``audit.json`` are one and the same. What the officer says while redrafting is sorted here:
a request about style ("写详细一点") is kept as the section's style (the model follows it; the template cannot),
a supplement is written into the named field of the named project (``supplement_edit``), never pasted as text.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from assistant.errors import InputError
from assistant.fsutil import atomic_write_bytes, safe_name
from assistant.workspace.changes import EMPTY, Change
from assistant.workspace.edits import Edit, field_edit, unit_edit
from assistant.workspace.interview import Gap, answer_edit
from assistant.workspace.redraft import (
    bare_heading,
    clean_instruction,
    find_section,
    instruction_target,
    llm_section,
)
from assistant.workspace.report_state import ReportState, section_markdown
from assistant.workspace.resolve import projects_in

if TYPE_CHECKING:
    from assistant.drafting.outline import Outline
    from assistant.pipeline import Draft
    from assistant.workspace.session import Session

ExportKind = Literal["md", "docx", "json", "xlsx"]


_STYLE = re.compile(
    r"详细|简洁|简单|精炼|简练|具体|充实|丰富|展开|扩写|压缩|缩短|篇幅|字数|语气|文风|口语|正式|通顺|流畅|生硬|啰嗦|"
    r"太长|太短|写多|写长|写短|写好|润色|重复|空洞|官腔|书面"
)
# Sections that hold one of the unit's own facts, by a word of their heading.
_UNIT_FIELD_OF_HEADING = (
    ("工作过程", "评价组织"),
    ("工作情况", "评价组织"),
    ("存在的问题", "存在问题"),
    ("经验", "主要经验"),
    ("应用", "结果应用"),
    ("公开", "公开情况"),
    ("其他需要说明", "其他说明"),
    ("背景", "单位概况"),
)


def is_style_request(text: str) -> bool:
    """True for a request about how a section reads ("写详细一点"), not about what it says."""
    return bool(_STYLE.search(text)) and len(text) <= 24


# --- drafting -------------------------------------------------------------------------------------------


def draft(ws: Session, llm: str = "auto", on_token: Any = None) -> Draft:
    """Draft the whole report (template, or model-assisted when configured) and keep it with its audit."""
    from assistant.pipeline import draft_case

    case = ws.case
    result = draft_case(case, llm=llm, on_token=on_token)  # type: ignore[arg-type]  # may take minutes
    with ws.lock:
        state = ReportState(notes=list(result.notes), llm_used=result.llm_used, styles=dict(ws.state.styles))
        state.set_report(result.report, result.markdown)
        state.cached_audit = (case, result.audit)
        ws.state = state
        if ws.case is not case:  # edited while the draft was being written
            ws.after_case_change()
        assert ws.state.report is not None and ws.state.markdown is not None
        result.report, result.markdown, result.unit = ws.state.report, ws.state.markdown, ws.unit()
        result.audit = ws.audit()
        ws.save()
        return result


def redraft_section(
    ws: Session,
    ref: str,
    instruction: str | None = None,
    llm: str = "auto",
    on_token: Any = None,
    target: str | None = None,
) -> str:
    """Redraft one section; a style request is kept for it, a supplement filed as data first."""
    from assistant.drafting.outline import outline_for
    from assistant.pipeline import use_llm

    with ws.lock:
        if ws.state.report is None:
            draft(ws, llm="off")
        report = ws.state.report
        assert report is not None
        outline = outline_for(ws.case.outline, report.outline or None)
        index = find_section(report, outline, ref)
        section = report.sections[index]
        sid, heading = section.id, bare_heading(section.heading)
        before_state, before_text = ws.state.to_json(), section_markdown(section)
        said = (instruction or "").strip().strip("。；;，, ")
        text = clean_instruction(instruction)
        recorded = False
        if said and is_style_request(said) and not target:
            old = ws.state.styles.get(sid)
            ws.state.styles[sid] = said
            change = Change(
                f"记下「{heading}」一节的写法要求：{said}",
                [(f"「{heading}」写法要求", old or EMPTY, said)],
                kind="style",
                report_before=before_state,
            )
            ws.record(change)
            recorded = True
        elif text:
            topic = {s.id: s.template for s in outline.sections}.get(sid)
            edit = supplement_edit(ws, heading, topic, text, target)
            recorded = bool(ws.commit(edit, kind="redraft", report_before=before_state).diff)
        model = use_llm(llm) and outline.sections[index].kind == "narrative"
        if model or not ws.state.template_only():
            _redraft_one(ws, outline, index, model, on_token)
        after_text = section_markdown(ws.state.report.sections[index])  # type: ignore[union-attr]
        if not recorded and after_text != before_text:
            ws.record(
                Change(
                    f"重写「{heading}」一节",
                    [(f"「{heading}」", before_text, after_text)],
                    kind="redraft",
                    report_before=before_state,
                )
            )
        ws.save()
        return after_text


def supplement_edit(ws: Session, heading: str, topic: str | None, text: str, target: str | None) -> Edit:
    """Where a supplement goes: the chosen target, else the project and field the section is about."""
    if target:
        return answer_edit(ws.case, target_gap(ws, target), text)
    p, key = instruction_target(ws.unit(), topic, text)
    if p is not None and key is not None:
        edit = field_edit(ws.case, p, key, text)
        edit.description = f"按「{heading}」一节的补充，{edit.description}"
        return edit
    if not projects_in(ws.case, text):
        for word, key in _UNIT_FIELD_OF_HEADING:
            if word in heading:
                return unit_edit(ws.case, key, text)
    raise InputError.single(
        "这段补充要记入哪个项目的哪一项？请在“补充到”中选择，或写明项目和字段，"
        "如“档案数字化项目的改进措施：加快验收付款进度”"
    )


def target_gap(ws: Session, key: str) -> Gap:
    """The gap (or any project/unit field) a target key names: "p2.改进措施", "unit.评价组织", "all.资金来源"."""
    for gap in ws.gaps():
        if gap.key == key:
            return gap
    scope, _, field = key.partition(".")
    if scope == "unit" and field:
        return Gap(key, "unit", field, "")
    if scope == "all" and field == "资金来源":
        return Gap(key, "all", field, "")
    if scope == "marker" and field:
        return Gap(key, "marker", field, "")
    if scope.startswith("p") and scope[1:].isdigit() and int(scope[1:]) < len(ws.case.projects) and field:
        p = int(scope[1:])
        return Gap(key, "project", field, "", p, ws.case.projects[p].name)
    raise InputError.single(f"「{key}」不是可以补充的项目字段")


def with_style(outline: Outline, index: int, style: str) -> Outline:
    """The outline with the officer's style request added to one section's guidance for the model."""
    section = outline.sections[index]
    guidance = "；".join(
        part for part in (section.guidance, f"经办人对写法的要求：{style}（只改写法，不增删事实）") if part
    )
    sections = list(outline.sections)
    sections[index] = section.model_copy(update={"guidance": guidance})
    return outline.model_copy(update={"sections": tuple(sections)})


def _redraft_one(ws: Session, outline: Outline, index: int, model: bool, on_token: Any) -> None:
    from assistant.drafting.template import draft_section

    report = ws.state.report
    assert report is not None
    old = report.sections[index]
    if model:
        style = ws.state.styles.get(old.id)
        chosen = with_style(outline, index, style) if style else outline
        section, note = llm_section(ws.unit(), chosen, index, on_token)
        ws.state.notes.append(note)
    else:
        section = draft_section(ws.unit(), outline.sections[index])
    section.heading = old.heading
    report.sections[index] = section
    ws.state.rerender()


# --- export ---------------------------------------------------------------------------------------------


def export(ws: Session, kind: ExportKind) -> Path:
    """Write the report (md/docx) or its audit (json) with the pipeline's writer, or the score workbook."""
    from assistant.pipeline import Draft, write_outputs

    out = ws.directory / "exports"
    base = f"{safe_name(ws.case.unit)}{ws.case.year}年度"
    if kind == "xlsx":
        try:
            from assistant.office.xlsx_export import export_xlsx_bytes
        except ImportError:  # openpyxl comes with the office extra
            raise InputError.single(
                "导出 Excel 评分表需要安装 office 组件：pip install 'jixiao[office]'"
            ) from None

        return atomic_write_bytes(out / f"{base}绩效自评评分表.xlsx", export_xlsx_bytes(ws.unit()))
    names = {"md": "绩效自评报告.md", "docx": "绩效自评报告.docx", "json": "审核结果.json"}
    if kind not in names:
        raise InputError.single(f"不支持的导出格式「{kind}」（可选 md、docx、json、xlsx）")
    state = ws.state
    if state.report is None or state.markdown is None:
        raise InputError.single("还没有起草报告，无法导出：请先起草报告")
    result = Draft(ws.unit(), state.report, state.markdown, ws.audit(), state.llm_used, list(state.notes))
    written = write_outputs(result, out, () if kind == "json" else (kind,))
    produced = written[-1] if kind == "json" else written[0]
    return produced.replace(out / f"{base}{names[kind]}")
