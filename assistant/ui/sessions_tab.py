"""会话 tab: every session is saved as it changes; list them, reopen one, or start again from the sample."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.ui import views
from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.workspace import SessionInfo

HEADERS = ["标题", "单位", "年度", "最后修改", "编号"]


@dataclass
class SessionsTab:
    table: gr.Dataframe
    pick: gr.Dropdown
    open: gr.Button
    new: gr.Button
    refresh: gr.Button
    message: gr.Markdown


def build(root: Path) -> SessionsTab:
    gr.Markdown(
        f"每个会话在每次修改后自动保存在本机的数据目录（{root}）：刷新页面、关闭浏览器或重启服务都不会丢失。"
        "地址栏中的 ?s= 后面是当前会话的编号，收藏该地址即可直接回到这个会话。"
    )
    table = gr.Dataframe(
        headers=HEADERS, interactive=False, wrap=True, label="已保存的会话", elem_id="sessions-table"
    )
    with gr.Row(equal_height=True):
        pick = gr.Dropdown(label="选择会话", choices=[], scale=3, elem_id="session-pick")
        open_ = gr.Button("打开所选会话", variant="primary", scale=1, elem_id="session-open")
        new = gr.Button("用示例案例新建会话", scale=1, elem_id="session-new")
        refresh = gr.Button("刷新列表", scale=1, elem_id="session-refresh")
    message = gr.Markdown(elem_id="session-msg", elem_classes=["jx-msg-box"])
    return SessionsTab(table, pick, open_, new, refresh, message)


def _when(info: SessionInfo) -> str:
    return info.updated_at.replace("T", " ")[:19]


def listing(ctx: Context, current: str | None) -> dict[Any, Any]:
    infos = ctx.sessions.store.list()
    rows = [
        {
            "标题": ("▶ " if i.id == current else "") + i.title,
            "单位": i.unit,
            "年度": str(i.year),
            "最后修改": _when(i),
            "编号": i.id,
        }
        for i in infos
    ]
    return {
        "table": views.frame(rows, HEADERS),
        "choices": [(f"{i.title}（{_when(i)}，编号 {i.id[:8]}）", i.id) for i in infos],
    }


def wire(tab: SessionsTab, ctx: Context, tab_item: gr.Tab) -> None:
    def shown(current: str | None) -> dict[Any, Any]:
        data = listing(ctx, current)
        return {tab.table: data["table"], tab.pick: gr.Dropdown(choices=data["choices"], value=current)}

    @guarded
    def refresh(sid: str | None) -> dict[Any, Any]:
        return shown(sid)

    @guarded
    def open_(choice: str | None) -> dict[Any, Any]:
        if not choice:
            return {tab.message: "**未完成**　请先选择一个会话"}
        ws = ctx.sessions.get(choice)
        return {**ctx.switched(ws), **shown(ws.id), tab.message: f"**已完成**　已打开会话「{ws.title}」。"}

    @guarded
    def new() -> dict[Any, Any]:
        ws = ctx.sessions.create_sample()
        return {**ctx.switched(ws), **shown(ws.id), tab.message: f"**已完成**　已新建会话「{ws.title}」。"}

    listing_outputs = [tab.table, tab.pick]
    outputs = [*ctx.session_outputs(), *listing_outputs]  # the message line is cleared on a switch
    tab_item.select(refresh, inputs=[ctx.sid], outputs=listing_outputs, api_visibility="private")
    tab.refresh.click(refresh, inputs=[ctx.sid], outputs=listing_outputs, api_visibility="private")
    ctx.follow(tab.open.click(open_, inputs=[tab.pick], outputs=outputs, api_visibility="private"))
    ctx.follow(tab.new.click(new, outputs=outputs, api_visibility="private"))
