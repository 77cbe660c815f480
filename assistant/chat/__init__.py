"""The assistant's chat: ``respond(ws, message)`` answers one message against a workspace.

A session's chat opens with the interview (``guide.greet``): the assistant asks, one at a time, for what the
report still lacks. Without a model endpoint (or with ``llm="off"``) ``offline`` handles the answers and the
common requests (parsed in ``intents`` and ``questions``); with one, the tool-using agent in ``agent`` does
(langchain imported lazily there), with the same list of gaps. Both run the same ``actions`` and describe
results with the same ``texts``. Both the message and the reply are saved in the session's chat (a file made
for the officer as a message of its own). ``on_token`` receives the reply as it is produced (pieces of text;
"" means "clear what was shown"); offline the whole reply arrives as one piece.
"""

from __future__ import annotations

from collections.abc import Callable

from assistant.chat.guide import greet
from assistant.chat.reply import ChatReply
from assistant.errors import JixiaoError
from assistant.workspace import Workspace

__all__ = ["ChatReply", "greet", "respond", "undo_last"]


def undo_last(ws: Workspace) -> ChatReply:
    """The undo button: take back the last change (no model involved) and ask an undone answer's question again."""
    from assistant.chat import actions, guide

    reply = actions.undo(ws)
    tail = guide.reminder(ws)
    if tail:
        reply.text += "\n\n" + tail
    ws.add_chat("assistant", reply.text)
    return reply


def respond(
    ws: Workspace, message: str, *, llm: str = "auto", on_token: Callable[[str], None] | None = None
) -> ChatReply:
    """Answer one chat message, acting on the workspace; user errors come back as the reply's text."""
    from assistant.chat.offline import respond_offline
    from assistant.chat.texts import help_text
    from assistant.llm.settings import load_llm_settings, use_llm

    message = (message or "").strip()
    if not message:
        return ChatReply("请告诉我要做什么。" + help_text(ws), error=True)
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
    for path in reply.files:
        ws.add_chat("assistant", "", file=str(path))
    return reply
