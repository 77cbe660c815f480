"""Opening an Office package safely, the same for .docx and .xlsx: the file's first bytes, and zip-bomb members.

Both readers refuse a missing file, a directory, an unreadable file, a legacy or encrypted file (an OLE2
compound file, ``OLE2_MAGIC``) and a member that unpacks far beyond its compressed size before any XML is
parsed; each keeps its own limits and its own wording (Word 文件, Excel 文件).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

from assistant.errors import InputError

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc/.xls, or an encrypted .docx/.xlsx
MAX_RATIO = 200  # uncompressed ÷ compressed per member; Office XML stays far below, a zip bomb reaches ~1000
RATIO_FLOOR = 1024 * 1024  # small members may compress as well as they like


def file_head(path: Path, what: str) -> tuple[int, bytes]:
    """(size, first 8 bytes) of ``path``; a missing or unreadable file, or a directory, is an ``InputError``."""
    name = str(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError.single(f"这是一个目录，不是{what}", file=name)
        with path.open("rb") as handle:
            return size, handle.read(8)
    except FileNotFoundError as exc:
        raise InputError.single("文件不存在", file=name) from exc
    except OSError as exc:
        raise InputError.single(f"无法读取文件：{exc.strerror}", file=name) from exc


def bomb_member(infos: Iterable[zipfile.ZipInfo]) -> zipfile.ZipInfo | None:
    """The first member that unpacks to more than ``MAX_RATIO`` times its compressed size (past a floor)."""
    return next(
        (
            info
            for info in infos
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1)
        ),
        None,
    )
