"""Command-line usage errors (unknown option, missing argument, bad value) said in Chinese.

typer reports them through click in English; officers read Chinese. Each kind of error is rewritten from its
attributes; a message this module does not know is kept, under a Chinese lead-in, rather than lost.
"""

from __future__ import annotations

import re

try:  # typer ≥ 0.20 ships its own copy of click
    from typer._click import exceptions as click_errors
except ImportError:  # pragma: no cover - older typer on plain click
    from click import exceptions as click_errors  # type: ignore[no-redef]

UsageError = click_errors.UsageError
NoArgsIsHelpError = click_errors.NoArgsIsHelpError

__all__ = ["NoArgsIsHelpError", "UsageError", "usage_message"]

# Value complaints (pydantic's wording via typer, and click's own) → Chinese.
_DETAILS = [
    (re.compile(r"Input should be greater than or equal to (\S+)"), r"不能小于 \1"),
    (re.compile(r"Input should be less than or equal to (\S+)"), r"不能大于 \1"),
    (re.compile(r"Input should be greater than (\S+)"), r"应大于 \1"),
    (re.compile(r"Input should be less than (\S+)"), r"应小于 \1"),
    (re.compile(r"Input should be a valid integer.*|.* is not a valid integer.*"), "应为整数"),
    (re.compile(r"Input should be a valid number.*|.* is not a valid float.*"), "应为数字"),
    (re.compile(r"Input should be a valid boolean.*"), "应为 true 或 false"),
    (re.compile(r"'?(.+?)'? is not one of (.+)\."), r"「\1」不在可选值 \2 之中"),
    (re.compile(r"(?:File|Path|Directory) '(.+)' does not exist\."), r"文件「\1」不存在"),
]
_NO_COMMAND = re.compile(r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?")
_EXTRA = re.compile(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)")
_NEEDS_VALUE = re.compile(r"Option '(.+?)' requires an argument\.")


def usage_message(exc: UsageError) -> str:
    """One Chinese line for a usage error, ending with where to read the command's help."""
    command = exc.ctx.command_path if exc.ctx is not None else "jixiao"
    return f"{_what(exc)}（运行 {command} --help 查看用法）"


def _what(exc: UsageError) -> str:
    if isinstance(exc, click_errors.NoSuchOption):
        hint = f"，是否想用 {'、'.join(exc.possibilities)}" if exc.possibilities else ""
        return f"没有这个选项：{exc.option_name}{hint}"
    if isinstance(exc, click_errors.MissingParameter):
        kind_name = exc.param_type or getattr(exc.param, "param_type_name", None)
        kind = "参数" if kind_name == "argument" else "选项"
        name = _param_name(exc)
        return f"缺少{kind}「{name}」" if name else f"缺少{kind}"
    if isinstance(exc, click_errors.BadParameter):
        detail = _detail(exc.message)
        name = _param_name(exc)
        return f"「{name}」的值无效：{detail}" if name else f"值无效：{detail}"
    if isinstance(exc, click_errors.BadOptionUsage) and (match := _NEEDS_VALUE.fullmatch(exc.message)):
        return f"选项 {match.group(1)} 后面需要给出一个值"
    if match := _NO_COMMAND.fullmatch(exc.message):
        # typer lists close matches as "'check', 'schema'"; the pattern has cut the outer quotes
        names = match.group(2).split("', '") if match.group(2) else []
        hint = f"，是否想用 {'、'.join(names)}" if names else ""
        return f"没有这个命令：{match.group(1)}{hint}"
    if match := _EXTRA.fullmatch(exc.message):
        return f"多余的参数：{match.group(1)}"
    return f"命令用法有误：{exc.format_message()}"


def _param_name(exc: click_errors.BadParameter) -> str:
    if exc.param_hint:
        return exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
    if exc.param is not None:
        opts = [o for o in getattr(exc.param, "opts", []) if o.startswith("-")]
        return opts[0] if opts else str(exc.param.name or "").upper()
    return ""


def _detail(message: str) -> str:
    for pattern, chinese in _DETAILS:
        if pattern.fullmatch(message):
            return pattern.sub(chinese, message)
    return message
