"""对话 tab: the assistant asks for what the report lacks, and the officer answers or asks in Chinese.

``assistant.chat.respond`` does the work (offline interview and parser, or the tool-using agent when a model
endpoint is configured) and saves both messages in the session. Here it runs in a worker thread so that its
tokens can stream into the chat; afterwards every panel is redrawn, because a chat turn may change data or the
report. Above the chat the interview's progress; below it examples about the officer's own projects.
"""

from __future__ import annotations

import queue
import threading
import time
from dataclasses import dataclass
from typing import Any

import gradio as gr

from assistant.ui.context import Context
from assistant.ui.guard import guarded
from assistant.ui.panels import render_all

THINKING = "正在处理……"
_FLUSH_SECONDS = 0.15


@dataclass
class ChatTab:
    progress: gr.Markdown
    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button
    undo: gr.Button
    examples: gr.Dataset


def build() -> ChatTab:
    gr.Markdown(
        "助手会一项一项地问报告还缺的内容，用平常的话回答即可；也可以随时提问、改数字、让它写报告或导出。"
        "每处数据修改都会列出修改前后的对比，可随时撤销。"
    )
    progress = gr.Markdown(elem_id="chat-progress")
    chatbot = gr.Chatbot(
        label="与助手对话",
        height=520,
        elem_id="chatbot",
        feedback_options=None,
        buttons=["copy"],
        placeholder="助手的问题会显示在这里",
    )
    with gr.Row():
        box = gr.Textbox(
            placeholder="输入回答或要求，回车发送",
            show_label=False,
            scale=6,
            elem_id="chat-input",
            max_length=2000,
        )
        send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
        undo = gr.Button("撤销", scale=1, elem_id="chat-undo")
    examples = gr.Dataset(
        components=[gr.Textbox(visible=False)],
        samples=[["跳过"], ["还差什么"], ["写报告"], ["导出Word"]],
        label="点一下即可填入",
        elem_id="chat-examples",
    )
    return ChatTab(progress, chatbot, box, send, undo, examples)


def wire(tab: ChatTab, ctx: Context) -> None:
    p = ctx.p

    @guarded
    def send(sid: str, message: str) -> Any:
        from assistant.chat import respond

        ws = ctx.sessions.get(sid)
        message = (message or "").strip()
        if not message:
            yield {tab.box: ""}
            return
        history = [*render_history(ws), {"role": "user", "content": message}]
        yield {tab.chatbot: [*history, {"role": "assistant", "content": THINKING}], tab.box: ""}
        events: queue.Queue[tuple[str, Any]] = queue.Queue()

        def work() -> None:
            try:
                events.put(
                    ("done", respond(ws, message, on_token=lambda piece: events.put(("token", piece))))
                )
            except BaseException as exc:  # re-raised in the handler thread, shown safely by ``guarded``
                events.put(("error", exc))

        threading.Thread(target=work, name="jixiao-chat", daemon=True).start()
        shown, last = "", 0.0
        while True:
            kind, value = events.get()
            if kind == "token":
                shown = "" if value == "" else shown + value
                if time.monotonic() - last >= _FLUSH_SECONDS:
                    last = time.monotonic()
                    yield {tab.chatbot: [*history, {"role": "assistant", "content": shown or THINKING}]}
            elif kind == "error":
                raise value
            else:
                break
        yield render_all(ws, p)

    def render_history(ws: Any) -> list[dict[str, Any]]:
        return [{"role": m["role"], "content": m["content"]} for m in ws.chat if not m.get("file")]

    @guarded
    def undo(sid: str) -> dict[Any, Any]:
        from assistant.chat import undo_last

        undo_last(ws := ctx.sessions.get(sid))
        return render_all(ws, p)

    @guarded
    def clear(sid: str) -> dict[Any, Any]:
        from assistant.chat import greet

        ws = ctx.sessions.get(sid)
        ws.chat.clear()  # the chat is a plain list on the session; the interview starts again
        greet(ws)
        return render_all(ws, p)

    def pick(sample: Any) -> str:
        return str(sample[0]) if isinstance(sample, list | tuple) and sample else str(sample or "")

    outputs = [*p.all(), tab.box]
    # A message sent while the last reply is still being put on screen waits for it instead of being dropped.
    for event in (tab.box.submit, tab.send.click):
        event(
            send,
            inputs=[ctx.sid, tab.box],
            outputs=outputs,
            api_visibility="private",
            trigger_mode="always_last",
        )
    tab.undo.click(undo, inputs=[ctx.sid], outputs=p.all(), api_visibility="private")
    tab.chatbot.clear(clear, inputs=[ctx.sid], outputs=p.all(), api_visibility="private")
    tab.examples.click(pick, inputs=[tab.examples], outputs=[tab.box], api_visibility="private")
