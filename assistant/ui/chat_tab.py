"""对话 tab: the officer asks in Chinese; the assistant changes data, drafts, explains and audits.

``assistant.chat.respond`` does the work (offline parser, or the tool-using agent when a model endpoint is
configured) and saves both messages in the session. Here it runs in a worker thread so that its tokens can
stream into the chat; afterwards every panel is redrawn, because a chat turn may change data or the report.
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

EXAMPLES = [
    "把七一项目的执行数改为2.8万元",
    "为什么档案数字化项目只有90分？",
    "重写偏离原因一节，说明尾款要验收后支付",
    "检查这份报告",
    "起草报告",
    "帮助",
]
THINKING = "正在处理……"
_FLUSH_SECONDS = 0.15


@dataclass
class ChatTab:
    chatbot: gr.Chatbot
    box: gr.Textbox
    send: gr.Button
    undo: gr.Button


def build() -> ChatTab:
    gr.Markdown(
        "用中文告诉助手要做什么：改数字、加指标、起草或重写章节、解释得分、检查报告。"
        "每处数据修改都会列出修改前后的对比，可随时撤销。"
    )
    chatbot = gr.Chatbot(
        label="与助手对话",
        height=520,
        elem_id="chatbot",
        feedback_options=None,
        buttons=["copy"],
        placeholder="例如：把七一项目的执行数改为2.8万元",
    )
    with gr.Row():
        box = gr.Textbox(
            placeholder="输入要求，回车发送",
            show_label=False,
            scale=6,
            elem_id="chat-input",
            max_length=2000,
        )
        send = gr.Button("发送", variant="primary", scale=1, elem_id="chat-send")
        undo = gr.Button("撤销", scale=1, elem_id="chat-undo")
    gr.Examples(examples=[[e] for e in EXAMPLES], inputs=[box], label="试试这样说")
    return ChatTab(chatbot, box, send, undo)


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
        history = [dict(m) for m in ws.chat] + [{"role": "user", "content": message}]
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

    @guarded
    def undo(sid: str) -> dict[Any, Any]:
        ws = ctx.sessions.get(sid)
        change = ws.undo()
        ws.add_chat("assistant", change.render() if change else "没有可以撤销的修改。")
        return render_all(ws, p)

    @guarded
    def clear(sid: str) -> None:
        ws = ctx.sessions.get(sid)
        ws.chat.clear()  # the chat is a plain list on the session; save keeps the cleared state
        ws.save()

    outputs = [*p.all(), tab.box]
    tab.box.submit(send, inputs=[ctx.sid, tab.box], outputs=outputs, api_visibility="private")
    tab.send.click(send, inputs=[ctx.sid, tab.box], outputs=outputs, api_visibility="private")
    tab.undo.click(undo, inputs=[ctx.sid], outputs=p.all(), api_visibility="private")
    tab.chatbot.clear(clear, inputs=[ctx.sid], api_visibility="private")
