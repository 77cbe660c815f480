"""Files written so that a crash never leaves half a file: write beside, fsync, rename.

A kill between the write and the rename leaves only a hidden temporary file (``.<name>.<random>.tmp``) beside
the target, never a truncated target; ``remove_stale_temps`` clears those on the next run. ``safe_name``
turns user text (a case's file name, a unit name) into one harmless path component.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.-]+")
_TEMP = re.compile(r"^\..+\.[^.]+\.tmp$")
_RESERVED = {"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))}
MAX_NAME_BYTES = 200  # ext4/NTFS allow 255; leave room for a suffix


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` in one step (a reader sees the old file or the new one, never a part).

    The file is created readable by its owner only (``mkstemp``): reports hold unpublished budget data.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def atomic_write_text(path: Path, text: str) -> Path:
    return atomic_write_bytes(path, text.encode("utf-8"))


def remove_stale_temps(directory: Path) -> int:
    """Delete the temporary files a killed ``atomic_write_*`` left in ``directory``; returns how many."""
    removed = 0
    if not directory.is_dir():
        return 0
    for entry in directory.iterdir():
        if _TEMP.match(entry.name) and entry.is_file() and not entry.is_symlink():
            entry.unlink(missing_ok=True)
            removed += 1
    return removed


def safe_name(name: str, fallback: str = "case") -> str:
    """A file-system-safe single path component (no separators, no '..', no leading dot, no device name)."""
    cleaned = (_UNSAFE.sub("_", name).strip("._") or fallback)[:80]
    if cleaned.split(".")[0].lower() in _RESERVED:
        cleaned = f"_{cleaned}"
    while len(cleaned.encode("utf-8")) > MAX_NAME_BYTES:
        cleaned = cleaned[:-1]
    return cleaned.rstrip("._") or fallback
