"""Usage errors (typos in commands and options, missing or bad values) come out in Chinese with exit code 2,
and the help still works."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_CASE


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["scor"], "没有这个命令：scor，是否想用 score（运行 jixiao --help 查看用法）"),
        (
            ["chek"],
            "没有这个命令：chek，是否想用 check、schema（",
        ),  # two suggestions, not a Python list's quotes
        (["score", SEED_CASE, "--jsn"], "没有这个选项：--jsn，是否想用 --json（运行 jixiao score --help"),
        (["score", SEED_CASE, "--foo"], "没有这个选项：--foo（"),
        (["score"], "缺少参数「CASE」（运行 jixiao score --help 查看用法）"),
        (["batch", SEED_CASE, "--concurrency", "abc"], "「--concurrency」的值无效：应为整数"),
        (["batch", SEED_CASE, "--concurrency", "0"], "「--concurrency」的值无效：不能小于 1"),
        (["score", SEED_CASE, "--year", "1800"], "「--year」的值无效：不能小于 1990"),
        (["draft", SEED_CASE, "--out"], "选项 --out 后面需要给出一个值"),
        (["score", SEED_CASE, "b.yaml"], "多余的参数：b.yaml"),  # check takes many reports; score one case
    ],
)
def test_usage_errors_are_chinese_with_exit_2(cli, args, said) -> None:
    result = cli(*args)
    assert result.code == 2
    assert result.stderr.startswith("错误：") and said in result.stderr, result.stderr
    assert "Error" not in result.stderr and "Usage" not in result.stderr


def test_help_and_overview_exit_0(cli) -> None:
    overview = cli()
    assert overview.code == 0 and "score" in overview.stdout and "绩效自评报告助手" in overview.stdout
    helped = cli("score", "--help")
    assert helped.code == 0 and "--unit-name" in helped.stdout and not helped.stderr


def test_overview_lists_every_command_with_a_readable_summary(cli) -> None:
    """Click cuts a summary it cannot break at a space to "..."; Chinese has no spaces, so each command needs its
    own short summary or the overview shows nothing useful for it."""
    overview = cli("--help").stdout
    rows = [
        line.split(None, 1)
        for line in overview.splitlines()
        if line.startswith("  ") and not line.startswith("   ")
    ]
    summaries = {row[0]: row[1] if len(row) > 1 else "" for row in rows if row and not row[0].startswith("-")}
    for command in ("score", "schema", "rules", "check", "draft", "batch", "eval"):
        assert command in summaries, overview
        assert not summaries[command].startswith("..."), overview
        assert len(summaries[command]) >= 8, overview


@pytest.mark.parametrize("command", [(), ("check",), ("draft",), ("score",), ("eval",)])
def test_help_pages_are_chinese(cli, command) -> None:
    page = cli(*command, "--help").stdout
    assert page.startswith(f"用法：jixiao {' '.join(command)}".rstrip() + " [选项]"), page
    assert "选项：" in page and "显示本帮助并退出。" in page, page
    for english in (
        "Usage",
        "Options",
        "Arguments",
        "Commands",
        "Show this message",
        "[required]",
        "default:",
    ):
        assert english not in page, (english, page)


def test_exit_codes_of_commands_pass_through(cli, tmp_path) -> None:
    report = tmp_path / "r.md"
    report.write_text("# 报告\n\n本单位共实施项目14个，预算执行率为100%。\n", encoding="utf-8")
    assert cli("check", report, "--data", SEED_CASE).code == 1  # error findings
    assert cli("score", SEED_CASE).code == 0


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("args", [[], ["--help"], ["check", str(SEED_CASE.parent / "report.txt")]])
def test_a_reader_that_leaves_early_gets_no_traceback(args, unbuffered) -> None:
    """`jixiao | head` closes the pipe before jixiao has written everything: no traceback, no noise."""
    import os
    import subprocess
    import sys

    command = [sys.executable, "-c", "from assistant.cli import main; main()", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    process.stdout.close()  # the reader is gone before the first line is written
    _, stderr = process.communicate(timeout=120)
    assert process.returncode in (0, 1), stderr.decode()
    assert (
        b"Traceback" not in stderr and b"Exception ignored" not in stderr and b"BrokenPipe" not in stderr
    ), stderr
