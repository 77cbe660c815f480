"""The ``jixiao`` command: one short file composing the subcommand modules.

User errors (``JixiaoError``) are caught here, at the edge, and printed as one Chinese message with exit code 2;
set ``JIXIAO_DEBUG=1`` to see the traceback instead. Subcommands import their heavy modules lazily so that
``jixiao check`` starts fast.
"""

from __future__ import annotations

import os
import sys

import typer

from assistant.cli import check as check_cmd
from assistant.cli import draft as draft_cmd
from assistant.cli import evaluate as eval_cmd
from assistant.cli import score as score_cmd
from assistant.cli.help_words import ChineseGroup
from assistant.errors import JixiaoError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT, EXIT_INTERNAL = 0, 1, 2, 3

app = typer.Typer(
    name="jixiao",
    cls=ChineseGroup,
    help="绩效自评报告助手：评分、审核、起草项目支出绩效自评报告。",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
score_cmd.register(app)
check_cmd.register(app)
draft_cmd.register(app)
eval_cmd.register(app)


def main(argv: list[str] | None = None) -> None:
    """Run the CLI; convert user errors to a Chinese message and exit code 2, never a traceback."""
    try:
        try:
            _run(argv)
        finally:
            sys.stdout.flush()  # a pipe closed early breaks here, inside the guard, not at interpreter exit
    except BrokenPipeError:  # `jixiao check … | head`: the reader left; say nothing more
        _silence_stdout()
        sys.exit(EXIT_FINDINGS)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so that Python's flush at exit does not raise the broken pipe again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _run(argv: list[str] | None) -> None:
    from assistant.cli.usage import NoArgsIsHelpError, UsageError, usage_message

    try:
        code = app(args=argv, prog_name="jixiao", standalone_mode=False)
    except NoArgsIsHelpError as exc:  # plain `jixiao`: the overview, not an error
        print(exc.message)
        sys.exit(EXIT_OK)
    except UsageError as exc:
        _print_error(usage_message(exc))
        sys.exit(EXIT_BAD_INPUT)
    except typer.Abort:
        _print_error("已中断。")
        sys.exit(130)
    except JixiaoError as exc:
        _print_error(str(exc))
        sys.exit(EXIT_BAD_INPUT)
    except BrokenPipeError:
        raise
    except KeyboardInterrupt:
        _print_error("已中断。")
        sys.exit(130)
    except Exception as exc:  # last line of defence: no traceback for users
        if os.environ.get("JIXIAO_DEBUG"):
            raise
        _print_error(f"内部错误：{type(exc).__name__}: {exc}（设置 JIXIAO_DEBUG=1 可查看详细信息）")
        sys.exit(EXIT_INTERNAL)

    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _print_error(message: str) -> None:
    print(f"错误：{message}", file=sys.stderr)
