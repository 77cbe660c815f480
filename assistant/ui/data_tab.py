"""数据 tab: open a case (upload or bundled sample), edit the project and indicator tables, see scores, and
choose between a score the 自评表 states and the one the rules give.

Gradio's table has no column validation, so every edit goes through ``Workspace.apply_table_edit``: a bad
cell gets a Chinese message beside the table and the table is redrawn from the session (old value back).
Every upload is answered: accepted, or a Chinese message saying what the file is and where it belongs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.errors import InputError
from assistant.io import load_case
from assistant.ui import views
from assistant.ui.config import CASE_TYPES, REPORT_TYPES
from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.ui.panels import INDICATOR_HEADERS, PROJECT_HEADERS, SCORE_HEADERS, render_all, render_data
from assistant.workspace.intake import load_uploaded_case, parse_year


@dataclass
class DataTab:
    upload: gr.File
    upload_unit: gr.Textbox
    upload_year: gr.Textbox
    sample_pick: gr.Dropdown
    open_sample: gr.Button
    message: gr.Markdown
    table_msg: gr.Markdown
    undo: gr.Button
    projects: gr.Dataframe
    indicators: gr.Dataframe
    scores: gr.Dataframe
    data_findings: gr.HTML
    score_choices: gr.Column
    score_pick: gr.Dropdown
    keep_filed: gr.Button
    use_computed: gr.Button
    chart: gr.HTML


def sample_choices(samples: dict[str, Path]) -> list[tuple[str, str]]:
    """Dropdown entries for bundled cases, labelled by unit and year when the file loads."""
    choices = []
    for key, path in samples.items():
        try:
            case = load_case(path)
            label = f"{case.unit} {case.year} 年度（{len(case.projects)} 个项目）"
        except InputError:
            continue
        choices.append((label, key))
    return choices


def build(samples: dict[str, Path]) -> DataTab:
    with gr.Row(equal_height=True):
        with gr.Column(scale=3):
            upload = gr.File(
                label="上传本单位的自评表",
                file_count="single",
                elem_id="case-upload",
                height=150,
            )
            gr.Markdown(
                "Excel 自评表（.xlsx），或 YAML / JSON 案例文件，不超过 10 MB。要检查已写好的报告，请到“审核”页。",
                elem_classes=["jx-note"],
            )
        with gr.Column(scale=2):
            choices = sample_choices(samples)
            sample_pick = gr.Dropdown(
                choices=choices,
                value=choices[0][1] if choices else None,
                label="或选择内置示例案例",
                elem_id="sample-pick",
            )
            open_sample = gr.Button("打开示例", elem_id="open-sample")
    with gr.Accordion(
        "Excel 自评表未写明单位名称或年度时，在此补充后再上传", open=False, elem_id="upload-defaults"
    ):
        with gr.Row():
            upload_unit = gr.Textbox(label="单位名称", max_length=100, elem_id="upload-unit", scale=3)
            upload_year = gr.Textbox(
                label="年度", max_length=10, placeholder="例如 2023", elem_id="upload-year"
            )
    message = gr.Markdown(elem_id="data-msg", elem_classes=["jx-msg-box"])
    gr.Markdown(
        "#### 项目表\n直接在表格中修改（双击单元格，回车确认）。每次修改都会在服务器端校验："
        "填错的单元格会在下方给出提示并恢复原值。金额单位与案例文件一致。"
    )
    projects = gr.Dataframe(
        headers=PROJECT_HEADERS,
        datatype="str",
        interactive=True,
        static_columns=[0],
        max_chars=24,
        max_height=420,
        column_widths=["4%", "20%", "8%", "8%", "8%", "14%", "14%", "6%", "9%", "9%"],
        label="项目表",
        elem_id="projects-table",
    )
    with gr.Row():
        table_msg = gr.Markdown(elem_id="table-msg", elem_classes=["jx-msg-box"])
        undo = gr.Button("撤销上一步修改", size="sm", scale=0, min_width=160, elem_id="data-undo")
    gr.Markdown(
        "#### 绩效指标表\n“得分”是自评表上填报的得分，“计算得分”按评分规则自动得出；两者不一致时在下方列出，由您选择以哪个为准。"
    )
    indicators = gr.Dataframe(
        headers=INDICATOR_HEADERS,
        datatype="str",
        interactive=True,
        static_columns=[0, len(INDICATOR_HEADERS) - 1],
        max_chars=24,
        max_height=380,
        label="绩效指标表",
        elem_id="indicators-table",
    )
    data_findings = gr.HTML(elem_id="data-findings", padding=True)
    with gr.Column(visible=False, elem_id="score-choices") as score_choices:
        with gr.Row(equal_height=True):
            score_pick = gr.Dropdown(label="选择一处不一致", choices=[], scale=3, elem_id="score-choice-pick")
            keep_filed = gr.Button("以自评表为准", scale=1, elem_id="keep-filed-btn")
            use_computed = gr.Button("以计算为准", scale=1, elem_id="use-computed-btn")
    scores = gr.Dataframe(
        headers=SCORE_HEADERS,
        datatype="str",
        interactive=False,
        wrap=True,
        max_height=460,
        label="评分结果（随数据实时更新）",
        elem_id="score-table",
        column_widths=["36%", "12%", "12%", "12%", "14%", "14%"],
    )
    chart = gr.HTML(label="预算执行图", elem_id="budget-chart", padding=True)
    return DataTab(
        upload,
        upload_unit,
        upload_year,
        sample_pick,
        open_sample,
        message,
        table_msg,
        undo,
        projects,
        indicators,
        scores,
        data_findings,
        score_choices,
        score_pick,
        keep_filed,
        use_computed,
        chart,
    )


def _ok(text: str) -> str:
    return f"**已完成**　{text}"


def _bad(text: str) -> str:
    return f"**未保存**　{text}"


def not_a_case(name: str) -> str | None:
    """What to tell the officer about a file that is not a case file (None for a case file)."""
    suffix = Path(name).suffix.lower()
    if suffix in CASE_TYPES:
        return None
    if suffix in (*REPORT_TYPES, ".doc", ".wps"):
        return (
            f"「{name}」是报告文件，不是案例数据。要检查这份报告，请到“审核”页上传；"
            "这里请上传 Excel 自评表（.xlsx）或 YAML / JSON 案例文件。"
        )
    if suffix in (".xls", ".et"):
        return f"「{name}」是旧版 Excel 文件：请在 Excel 或 WPS 中另存为 .xlsx 后再上传。"
    return f"「{name}」不是可以读取的案例文件：请上传 Excel 自评表（.xlsx）或 YAML / JSON 案例文件。"


def wire(tab: DataTab, ctx: Context) -> None:
    p = ctx.p

    @guarded
    def open_upload(file: Any, unit: str | None, year: str | None) -> dict[Any, Any]:
        if not file:
            return {tab.message: ""}
        path = Path(file if isinstance(file, str) else file.name)
        shown = path.name
        refused = not_a_case(shown)
        if refused:
            return {tab.message: _bad(refused), tab.upload: None}
        try:
            case = load_uploaded_case(path, unit=(unit or "").strip() or None, year=parse_year(year))
        except InputError as exc:
            text = str(exc).replace(str(path), shown)
            return {tab.message: _bad(f"无法打开「{shown}」：\n\n{_md_lines(text)}"), tab.upload: None}
        ws = ctx.sessions.create(case, title=f"{case.unit}{case.year}年度（{shown}）", origin="upload")
        return {**ctx.switched(ws), tab.message: _ok(f"已打开「{shown}」，新建会话。"), tab.upload: None}

    @guarded
    def open_sample(key: str | None) -> dict[Any, Any]:
        if not key or key not in ctx.samples:
            return {tab.message: _bad("请先选择一个示例案例")}
        case = load_case(ctx.samples[key])
        ws = ctx.sessions.create(case, origin="sample")
        return {
            **ctx.switched(ws),
            tab.message: _ok(f"已打开示例「{case.unit} {case.year} 年度」，新建会话。"),
        }

    def edit(table: str):
        @guarded
        def handler(sid: str, value: Any) -> dict[Any, Any]:
            ws = ctx.sessions.get(sid)
            with ctx.sessions.edit_lock(ws.id):
                return apply(ws, value)

        def apply(ws: Any, value: Any) -> dict[Any, Any]:
            rows = ws.project_rows() if table == "projects" else ws.indicator_rows()
            headers = PROJECT_HEADERS if table == "projects" else INDICATOR_HEADERS
            before = views.frame_rows(views.frame(rows, headers))
            after = views.frame_rows(value)
            if len(after) != len(before) or any(len(row) != len(headers) for row in after):
                message = _bad(
                    "表格的行、列不能在这里增删（已恢复原表）。增加绩效指标请在“对话”页说，"
                    "例如“给某某项目增加一个指标：三级指标 表彰人数，二级指标 数量指标，年度指标值 10，"
                    "实际完成值 12，度量单位 人，分值 10”。"
                )
                return {**render_data(ws, p), tab.table_msg: message}
            cells = views.changed_cells(before, after)
            if not cells:
                return render_data(ws, p)
            done = []
            try:
                for row, col, new in cells:
                    done.append(ws.apply_table_edit(table, row, headers[col], new))  # type: ignore[arg-type]
            except InputError as exc:
                return {**render_all(ws, p), tab.table_msg: _bad(_md_lines(str(exc)))}
            return {**render_all(ws, p), tab.table_msg: _changes([c for c in done if c.diff])}

        return handler

    @guarded
    def undo(sid: str) -> dict[Any, Any]:
        ws = ctx.sessions.get(sid)
        change = ws.undo()
        text = _ok(change.description) if change else "没有可以撤销的修改。"
        return {**render_all(ws, p), tab.table_msg: text}

    def choose(keep: bool):
        @guarded
        def handler(sid: str, key: str | None) -> dict[Any, Any]:
            if not key:
                return {tab.table_msg: _bad("请先选择一处不一致的得分")}
            ws = ctx.sessions.get(sid)
            change = ws.keep_filed_score(key) if keep else ws.use_computed_score(key)
            return {**render_all(ws, p), tab.table_msg: _changes([change])}

        return handler

    outputs = [*ctx.session_outputs(), tab.upload]  # the message line is one of the panels
    ctx.follow(
        tab.upload.upload(
            open_upload,
            inputs=[tab.upload, tab.upload_unit, tab.upload_year],
            outputs=outputs,
            api_visibility="private",
        )
    )
    ctx.follow(
        tab.open_sample.click(
            open_sample, inputs=[tab.sample_pick], outputs=outputs, api_visibility="private"
        )
    )
    edit_outputs = p.all()  # the table's message line is one of the panels
    for component, table in ((tab.projects, "projects"), (tab.indicators, "indicators")):
        component.input(
            edit(table),
            inputs=[ctx.sid, component],
            outputs=edit_outputs,
            api_visibility="private",
            trigger_mode="always_last",
        )
    tab.undo.click(undo, inputs=[ctx.sid], outputs=edit_outputs, api_visibility="private")
    for button, keep in ((tab.keep_filed, True), (tab.use_computed, False)):
        button.click(
            choose(keep), inputs=[ctx.sid, tab.score_pick], outputs=edit_outputs, api_visibility="private"
        )


def _changes(done: list[Any]) -> str:
    if not done:
        return ""
    lines = [change.description for change in done]
    effects = [f"{name}：{was} → {now}" for c in done for name, was, now in c.effects]
    return _ok("；".join(lines) + ("\n\n评分变化：" + "；".join(effects) if effects else ""))


def _md_lines(text: str) -> str:
    """Multi-line Chinese messages as Markdown lines (keeps the numbered list readable)."""
    return "  \n".join(line for line in text.splitlines())
