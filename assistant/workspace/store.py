"""Where sessions live: one directory per session under ``$JIXIAO_HOME/sessions`` (default ``~/.jixiao``).

Session ids are 32 lowercase hex digits and are checked before they touch a path, so an id can never walk
out of the store. A damaged ``session.json`` is a Chinese ``InputError``, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import InputError
from assistant.models import Case
from assistant.workspace.codec import canonical_case
from assistant.workspace.workspace import SESSION_FILE, Workspace

_ID = re.compile(r"^[0-9a-f]{32}$")


def default_root() -> Path:
    """``$JIXIAO_HOME/sessions``; JIXIAO_HOME defaults to ``~/.jixiao``."""
    home = os.environ.get("JIXIAO_HOME") or str(Path.home() / ".jixiao")
    return Path(home).expanduser() / "sessions"


@dataclass(frozen=True)
class SessionInfo:
    """A line of the session list."""

    id: str
    title: str
    unit: str
    year: int
    updated_at: str


class SessionStore:
    """Create, open, list and delete sessions under ``root``."""

    def __init__(self, root: Path | str | None = None) -> None:
        self.root = Path(root) if root is not None else default_root()

    def create(self, case: Case, title: str | None = None, origin: str = "") -> Workspace:
        """A new session holding ``case`` (saved at once); ``origin`` "sample" marks the bundled example."""
        session_id = uuid.uuid4().hex
        ws = Workspace(
            id=session_id,
            case=canonical_case(case),
            directory=self.root / session_id,
            title=title,
            origin=origin,
        )
        ws.save()
        return ws

    def open(self, session_id: str) -> Workspace:
        """Load a saved session; unknown, malformed or damaged ones are a Chinese ``InputError``."""
        directory = self._dir(session_id)
        path = directory / SESSION_FILE
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise InputError.single(f"会话「{session_id}」不存在（可能已被删除）") from None
        except OSError as exc:
            raise InputError.single(f"无法读取会话文件：{exc.strerror}", file=str(path)) from None
        try:
            data = json.loads(text)
        except ValueError:
            raise InputError.single("会话文件已损坏（不是有效的 JSON），无法打开", file=str(path)) from None
        try:
            if not isinstance(data, dict) or data.get("id") != session_id:
                raise ValueError("id mismatch")
            return Workspace.from_json(data, directory)
        except InputError as exc:
            raise InputError.single(f"会话文件已损坏，其中的案例数据无效：{exc}", file=str(path)) from None
        except (KeyError, TypeError, ValueError, AttributeError):
            raise InputError.single(
                "会话文件已损坏（内容不完整或格式不对），无法打开", file=str(path)
            ) from None

    def list(self) -> list[SessionInfo]:
        """Saved sessions, most recently changed first (damaged ones are left out)."""
        if not self.root.is_dir():
            return []
        infos = []
        for directory in self.root.iterdir():
            if not _ID.match(directory.name):
                continue
            try:
                data = json.loads((directory / SESSION_FILE).read_text(encoding="utf-8"))
                case = data["case"]
                infos.append(
                    SessionInfo(
                        id=directory.name,
                        title=str(data.get("title") or ""),
                        unit=str(case.get("单位名称") or ""),
                        year=int(case.get("年度") or 0),
                        updated_at=str(data.get("updated_at") or ""),
                    )
                )
            except (OSError, ValueError, KeyError, TypeError, AttributeError):
                continue
        return sorted(infos, key=lambda info: info.updated_at, reverse=True)

    def delete(self, session_id: str) -> None:
        """Remove a session and its exports (nothing happens when it is already gone)."""
        directory = self._dir(session_id)
        if directory.is_dir():
            shutil.rmtree(directory)

    def _dir(self, session_id: str) -> Path:
        if not isinstance(session_id, str) or not _ID.match(session_id):
            raise InputError.single("会话编号无效（应为 32 位十六进制字符）")
        return self.root / session_id
