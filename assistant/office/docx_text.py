"""Read a .docx report as the audit's plain text: paragraphs in order, tables as Markdown pipe tables."""

from __future__ import annotations

import zipfile
from pathlib import Path

from assistant.errors import InputError

MAX_DOCX_BYTES = 30 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


def docx_to_text(path: Path) -> str:
    """Paragraphs and tables of the body in document order; refuses non-docx, oversized and zip-bomb files."""
    try:
        if path.stat().st_size > MAX_DOCX_BYTES:
            raise InputError.single("Word 文件过大（上限 30 MB）", file=str(path))
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:
                raise InputError.single("Word 文件解压后过大，疑似损坏或恶意文件", file=str(path))
            if "word/document.xml" not in archive.namelist():
                raise InputError.single(
                    "不是有效的 Word（.docx）文件：缺少 word/document.xml", file=str(path)
                )
    except FileNotFoundError as exc:
        raise InputError.single("文件不存在", file=str(path)) from exc
    except zipfile.BadZipFile as exc:
        raise InputError.single(
            "不是有效的 Word（.docx）文件（文件已损坏或不是 .docx 格式）", file=str(path)
        ) from exc
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph
    except ImportError as exc:  # pragma: no cover - office extra missing
        raise InputError.single("读取 .docx 需要安装 python-docx（pip install 'jixiao[office]'）") from exc
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise InputError.single(f"无法打开 Word 文件：{exc}", file=str(path)) from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
        elif tag == "tbl":
            lines.append("")
            for row in Table(child, document).rows:
                cells = [cell.text.replace("\n", " ").replace("|", "｜").strip() for cell in row.cells]
                lines.append("| " + " | ".join(cells) + " |")
            lines.append("")
    return "\n".join(lines)
