"""Open a .docx safely: file, entry-count, unpacked-size and compression-ratio limits; XML without DTDs.

Only the parts the text reader needs are read (main document, styles, numbering), found through the package
relationships. Every failure becomes an ``InputError`` in Chinese naming the file. The text itself is read
in ``docx_text``.
"""

from __future__ import annotations

import posixpath
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from assistant.errors import InputError
from assistant.office.package import OLE2_MAGIC, bomb_member, file_head

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 5000

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"
_DEFAULT_MAIN = "word/document.xml"


@dataclass(frozen=True)
class DocxParts:
    """The parsed parts of a Word package that carry text and its look."""

    document: etree._Element
    styles: etree._Element | None
    numbering: etree._Element | None


def read_docx(path: Path) -> DocxParts:
    """Check the package and parse its main document, styles and numbering parts."""
    name = str(path)
    _check_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            _check_archive(archive, name)
            main = _main_part(archive, name)
            if main not in archive.NameToInfo:
                raise InputError.single(
                    "不是有效的 Word（.docx）文件：缺少正文部分（word/document.xml）", file=name
                )
            related = _relations(archive, main, name)
            document = _parse(_read(archive, main, name), name)
            styles = _optional(archive, related.get("styles"), name)
            numbering = _optional(archive, related.get("numbering"), name)
    except zipfile.BadZipFile as exc:
        raise InputError.single(
            "不是有效的 Word（.docx）文件（文件已损坏、不完整或不是 .docx 格式）", file=name
        ) from exc
    except (zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise InputError.single(
            "Word 文件已损坏，无法解压（压缩数据不完整或格式不受支持）", file=name
        ) from exc
    return DocxParts(document, styles, numbering)


def _check_file(path: Path) -> None:
    name = str(path)
    size, head = file_head(path, "文件")
    if size > MAX_DOCX_BYTES:
        raise InputError.single(
            f"Word 文件过大（{size // (1024 * 1024)} MB，上限 {MAX_DOCX_BYTES // (1024 * 1024)} MB）",
            file=name,
        )
    if head == OLE2_MAGIC:
        raise InputError.single(
            "这是旧版 Word（.doc）文件或已加密的 .docx，无法读取；请在 Word/WPS 中另存为不加密的 .docx",
            file=name,
        )
    if not head.startswith(b"PK"):
        raise InputError.single("不是有效的 Word（.docx）文件（文件已损坏或不是 .docx 格式）", file=name)


def _check_archive(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse zip bombs before reading anything: entry count, total unpacked size, per-member ratio."""
    infos = archive.infolist()
    if len(infos) > MAX_ENTRIES:
        raise InputError.single(f"Word 文件包含的部件过多（{len(infos)} 个），疑似损坏或恶意文件", file=name)
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        raise InputError.single(
            f"Word 文件解压后过大（{total // (1024 * 1024)} MB，上限 {MAX_UNPACKED_BYTES // (1024 * 1024)} MB），"
            "疑似损坏或恶意文件",
            file=name,
        )
    bomb = bomb_member(infos)
    if bomb is not None:
        raise InputError.single(
            f"Word 文件中的「{bomb.filename}」压缩比异常（{bomb.file_size // max(bomb.compress_size, 1)} 倍），"
            "疑似恶意文件（压缩炸弹）",
            file=name,
        )


def _read(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    info = archive.getinfo(member)
    if info.flag_bits & 0x1:
        raise InputError.single("Word 文件已加密，无法读取；请另存为不加密的 .docx", file=name)
    with archive.open(info) as stream:
        data = stream.read(info.file_size + 1)  # zipfile stops at the declared size and checks the CRC
    if len(data) > info.file_size:  # pragma: no cover - zipfile already enforces this
        raise InputError.single("Word 文件已损坏（部件大小与记录不符）", file=name)
    return data


def _parse(data: bytes, name: str) -> etree._Element:
    try:
        parser = etree.XMLParser(  # one per call: lxml parsers must not be shared between threads
            resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False, huge_tree=False
        )
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError.single(f"Word 文件内容已损坏（XML 格式错误：{exc.msg}）", file=name) from exc
    if root.getroottree().docinfo.doctype:
        raise InputError.single("Word 文件含有文档类型声明（DTD），疑似恶意文件，已拒绝读取", file=name)
    return root


def _optional(archive: zipfile.ZipFile, member: str | None, name: str) -> etree._Element | None:
    if member is None or member not in archive.NameToInfo:
        return None
    return _parse(_read(archive, member, name), name)


def _main_part(archive: zipfile.ZipFile, name: str) -> str:
    """The main document's part name from ``_rels/.rels`` (usually word/document.xml)."""
    if "_rels/.rels" not in archive.NameToInfo:
        return _DEFAULT_MAIN
    for rel in _parse(_read(archive, "_rels/.rels", name), name).iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type", "").endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return _resolve("", rel.get("Target", ""))
    return _DEFAULT_MAIN


def _relations(archive: zipfile.ZipFile, main: str, name: str) -> dict[str, str]:
    """Internal targets of the main part's relationships by kind ("styles", "numbering", …)."""
    folder, file = posixpath.split(main)
    rels = posixpath.join(folder, "_rels", file + ".rels")
    if rels not in archive.NameToInfo:
        return {
            "styles": posixpath.join(folder, "styles.xml"),
            "numbering": posixpath.join(folder, "numbering.xml"),
        }
    targets: dict[str, str] = {}
    for rel in _parse(_read(archive, rels, name), name).iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        targets.setdefault(kind, _resolve(folder, rel.get("Target", "")))
    return targets


def _resolve(folder: str, target: str) -> str:
    """A relationship target as a zip member name (relative to the source part's folder, or absolute)."""
    if target.startswith("/"):
        return posixpath.normpath(target.lstrip("/"))
    return posixpath.normpath(posixpath.join(folder, target))
