"""``jixiao eval``: draft every eval case and compare with its gold report; non-zero exit on regression."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.help_words import ChineseCommand

EXIT_REGRESSION = 1


def register(app: typer.Typer) -> None:
    app.command(
        "eval",
        cls=ChineseCommand,
        help="回归评测：逐个起草 eval_data 中的案例并与标准稿（gold.md）比对；有退步时退出码为 1。",
    )(evaluate)


def evaluate(
    root: Annotated[Path, typer.Argument(help="评测数据目录（每个子目录含 data.yaml，可选 gold.md）")] = Path(
        "eval_data"
    ),
    llm: Annotated[
        str, typer.Option("--llm", help="off：模板；on：模型（需配置模型服务）；both：两种都评")
    ] = "off",
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    mutations: Annotated[
        int,
        typer.Option(
            "--mutations", min=0, help="另做变异评测：每类变异生成 N 份，统计审核召回率（0 = 不做）"
        ),
    ] = 0,
) -> None:
    from assistant.errors import InputError
    from assistant.evaluation.regression import evaluate as run

    modes = {"off": ("off",), "on": ("on",), "both": ("off", "on")}.get(llm)
    if modes is None:
        raise InputError.single(f"--llm 只能是 off、on 或 both（收到「{llm}」）")
    if not root.is_dir():
        raise InputError.single("评测数据目录不存在", file=str(root))
    results = run(root, modes)
    if not results:
        raise InputError.single("目录中没有案例（需要 <案例>/data.yaml）", file=str(root))
    if as_json:
        payload = [
            {
                "case": r.case,
                "mode": r.mode,
                "gold": r.has_gold,
                "errors": r.errors,
                "warnings": r.warnings,
                "number_coverage": r.number_coverage,
                "passed": r.passed,
                "problems": r.problems,
            }
            for r in results
        ]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        _print_table(results)
    recall_ok = _mutation_benchmark(root, mutations) if mutations else True
    if not all(r.passed for r in results) or not recall_ok:
        raise typer.Exit(EXIT_REGRESSION)


MIN_RECALL = 0.98


def _mutation_benchmark(root: Path, per_kind: int) -> bool:
    """Plant slips in every gold report and print the audit's recall per kind; False below 98% or on a false error."""
    from rich.console import Console
    from rich.table import Table

    from assistant.evaluation import load_gold_cases, run_mutation_benchmark

    report = run_mutation_benchmark(load_gold_cases(root), per_kind=per_kind)
    table = Table(title=f"变异评测：{report.total} 份变异报告")
    for column in ("变异类型", "发现", "总数", "召回率"):
        table.add_column(column)
    for kind, result in report.kinds.items():
        table.add_row(kind, str(result.caught), str(result.total), f"{result.recall:.1%}")
    console = Console(stderr=True)
    console.print(table)
    false_errors = sum(report.false_errors.values())
    console.print(
        f"总召回率 {report.recall:.1%}；标准稿误报错误 {false_errors} 处；审核中位用时 {report.median_ms:.1f} 毫秒"
    )
    return report.min_recall >= MIN_RECALL and false_errors == 0


def _print_table(results) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="回归评测", show_lines=False)
    for column in ("案例", "方式", "标准稿", "错误", "警告", "数字覆盖", "结论"):
        table.add_column(column, overflow="fold")
    for r in results:
        coverage = "—" if r.number_coverage is None else f"{r.number_coverage:.0%}"
        verdict = "通过" if r.passed else f"未通过（{len(r.problems)}）"
        table.add_row(
            r.case, r.mode, "有" if r.has_gold else "无", str(r.errors), str(r.warnings), coverage, verdict
        )
    console = Console()
    console.print(table)
    for r in results:
        for problem in r.problems:
            console.print(f"[red]✗[/red] {r.case}（{r.mode}）：{problem}", markup=True, highlight=False)
    passed = sum(r.passed for r in results)
    console.print(f"共 {len(results)} 项，通过 {passed} 项。")
