"""Help pages in Chinese: the headings, the usage line and the help option that typer/click write in English.

Officers read ``jixiao --help`` in Chinese; typer builds its help from a formatter whose section names, usage
prefix and built-in option texts are English literals. A formatter subclass renames them at the point of writing,
so every command's help is Chinese without patching the libraries.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from typer.core import TyperCommand, TyperGroup

try:  # typer ≥ 0.20 ships its own copy of click
    from typer._click.core import Context
    from typer._click.formatting import HelpFormatter
except ImportError:  # pragma: no cover - older typer on plain click
    from click.core import Context  # type: ignore[no-redef]
    from click.formatting import HelpFormatter  # type: ignore[no-redef]

__all__ = ["ChineseCommand", "ChineseGroup"]

_HEADINGS = {"Arguments": "参数", "Options": "选项", "Commands": "命令"}
_PHRASES = [
    (re.compile(r"Show this message and exit\."), "显示本帮助并退出。"),
    (re.compile(r"\[required\]"), "［必填］"),
    (re.compile(r"\[default: ([^\]]*)\]"), r"［默认：\1］"),
    (re.compile(r"\bdefault: "), "默认："),
]


def chinese(text: str) -> str:
    """The help text with typer's English stock phrases said in Chinese (the rest is kept as written)."""
    for pattern, replacement in _PHRASES:
        text = pattern.sub(replacement, text)
    return text


class ChineseHelpFormatter(HelpFormatter):
    """click's formatter with Chinese headings, usage prefix and stock phrases."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        args = args.replace("[OPTIONS]", "[选项]").replace("COMMAND [ARGS]", "命令 [参数]")
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, chinese(text)) for term, text in rows], col_max, col_spacing)


class ChineseContext(Context):
    formatter_class = ChineseHelpFormatter


class ChineseGroup(TyperGroup):
    context_class = ChineseContext


class ChineseCommand(TyperCommand):
    context_class = ChineseContext
