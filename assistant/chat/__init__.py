"""The assistant's chat: ``respond(ws, message)`` answers one message against a workspace.

Without a model endpoint (or with ``llm="off"``) the deterministic parser in ``intents`` handles the common
requests; with one, the tool-using agent in ``agent`` does (langchain imported lazily there). Both run the
same ``actions`` and describe results with the same ``texts``. Both the message and the reply are saved in
the session's chat. ``on_token`` receives the reply as it is produced (pieces of text; "" means "clear what
was shown"); offline the whole reply arrives as one piece.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.chat.reply import ChatReply
from assistant.errors import JixiaoError
from assistant.workspace import Workspace

__all__ = ["ChatReply", "respond"]


def respond(
    ws: Workspace, message: str, *, llm: str = "auto", on_token: Callable[[str], None] | None = None
) -> ChatReply:
    """Answer one chat message, acting on the workspace; user errors come back as the reply's text."""
    from assistant.chat.intents import respond_offline
    from assistant.llm.settings import load_llm_settings, use_llm

    message = (message or "").strip()
    if not message:
        return ChatReply("请告诉我要做什么，例如“起草报告”或“把七一项目的执行数改为5.6万元”。", error=True)
    ws.add_chat("user", message)
    configured = False
    try:
        settings = load_llm_settings()
        configured = settings.configured
        online = use_llm(llm, settings)
    except JixiaoError as exc:
        reply = ChatReply(f"模型设置有误：{exc}", error=True)
    else:
        if online:
            from assistant.chat.agent import respond_agent

            reply = respond_agent(ws, message, llm=llm, on_token=on_token, settings=settings)
        else:
            reply = respond_offline(ws, message, configured=configured)
            if on_token is not None:
                on_token(reply.text)
    ws.add_chat("assistant", reply.text)
    return reply
