"""Open sessions shared by all browser tabs: one ``Workspace`` object per session id, opened on demand.

Gradio runs handlers in worker threads and two tabs may show the same session, so both must act on the same
object (the workspace locks itself while it changes). Everything is saved by the workspace on each change;
this cache only avoids re-reading ``session.json`` on every click.
"""

from __future__ import annotations

import threading
from pathlib import Path

from assistant.errors import InputError
from assistant.io import load_case
from assistant.models import Case
from assistant.workspace import SessionStore, Workspace


class Sessions:
    """The session store plus a cache of open workspaces."""

    def __init__(self, store: SessionStore | None = None, sample: Path | None = None) -> None:
        self.store = store or SessionStore()
        self.sample = sample
        self._open: dict[str, Workspace] = {}
        self._edit_locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def edit_lock(self, session_id: str) -> threading.Lock:
        """Serialises table edits of one session: read the table, compare, apply as one step.

        A browser may send the same cell edit twice (on input and on Enter); without this the second
        request would compare against the table before the first one landed.
        """
        with self._lock:
            return self._edit_locks.setdefault(session_id, threading.Lock())

    def get(self, session_id: str | None) -> Workspace:
        """The open workspace for ``session_id`` (reopened from disk when needed)."""
        if not session_id:
            raise InputError.single("当前没有打开的会话：请在“会话”页新建或打开一个会话")
        with self._lock:
            ws = self._open.get(session_id)
            if ws is None:
                ws = self.store.open(session_id)
                self._open[session_id] = ws
            return ws

    def find(self, session_id: str | None) -> Workspace | None:
        """Like ``get`` but None for a missing, malformed or damaged session."""
        try:
            return self.get(session_id)
        except InputError:
            return None

    def create(self, case: Case, title: str | None = None, origin: str = "") -> Workspace:
        ws = self.store.create(case, title, origin)
        with self._lock:
            self._open[ws.id] = ws
        return ws

    def create_sample(self) -> Workspace:
        """A new session holding the sample case (the app's starting point)."""
        if self.sample is None:
            raise InputError.single("没有配置示例案例：请在“数据”页上传案例文件")
        return self.create(load_case(self.sample), origin="sample")

    def resume(self, *candidates: str | None) -> Workspace:
        """The first candidate session that still opens, else a new sample session."""
        for candidate in candidates:
            ws = self.find(candidate)
            if ws is not None:
                return ws
        return self.create_sample()

    def delete(self, session_id: str) -> None:
        with self._lock:
            self._open.pop(session_id, None)
        self.store.delete(session_id)
