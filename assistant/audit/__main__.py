"""``python -m assistant.audit``: write docs/audit-codes.md, the list of codes, from the checks' declarations."""

from __future__ import annotations

from pathlib import Path

from .registry import codes_markdown

target = Path(__file__).resolve().parents[2] / "docs" / "audit-codes.md"
target.write_text(codes_markdown(), encoding="utf-8")
print(f"已写入 {target}")
