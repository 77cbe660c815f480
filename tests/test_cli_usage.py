"""Usage errors (typos in commands and options, missing or bad values) come out in Chinese with exit code 2,
and the help still works."""

from __future__ import annotations

import pytest

from tests.conftest import SEED_CASE


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["scor"], "没有这个命令：scor，是否想用 score（运行 jixiao --help 查看用法）"),
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


def test_exit_codes_of_commands_pass_through(cli, tmp_path) -> None:
    report = tmp_path / "r.md"
    report.write_text("# 报告\n\n本单位共实施项目14个，预算执行率为100%。\n", encoding="utf-8")
    assert cli("check", report, "--data", SEED_CASE).code == 1  # error findings
    assert cli("score", SEED_CASE).code == 0
