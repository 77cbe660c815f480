"""The officer's workspace: sessions that hold a case, its report, findings set aside and the chat.

``SessionStore`` creates and reopens sessions on disk (``store``); a ``Workspace`` is one session and every
operation a front end needs (``workspace``; its state, persistence and how a change is made in ``session``);
``Change`` is an undoable before/after diff (``changes``).
Field names, value parsing and name resolution live in ``fields``/``resolve``; table rows in ``tables``;
score explanations in ``explain``; section redrafting in ``redraft``. Nothing here imports gradio or
langchain (the model path of ``redraft`` reaches langchain lazily through the LLM drafter).
"""

from assistant.workspace.changes import Change
from assistant.workspace.store import SessionInfo, SessionStore, default_root
from assistant.workspace.workspace import Workspace

__all__ = ["Change", "SessionInfo", "SessionStore", "Workspace", "default_root"]
