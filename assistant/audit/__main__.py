"""``python -m assistant.audit``: write docs/audit-codes.md, the list of codes, from the checks' declarations and
the examples of their case files."""

from __future__ import annotations

from pathlib import Path

from .registry import codes_markdown

root = Path(__file__).resolve().parents[2]
target = root / "docs" / "audit-codes.md"
target.write_text(codes_markdown(root / "tests" / "fixtures" / "audit"), encoding="utf-8")
print(f"已写入 {target}")
