"""``jixiao check``: audit a report's text against case data, its own attached table, or — with neither —
its own statements (never refused for lack of data; exit 1 only on error findings)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.options import UnitNameOption, YearOption


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help="审核报告文字与数据是否一致（.txt/.md/.docx）；无数据、无附表时按文字自身前后核对。有错误时退出码为 1。",
    )(check)


def check(
    report: Annotated[Path, typer.Argument(help="报告文件（.txt / .md / .docx）", show_default=False)],
    data: Annotated[
        Path | None,
        typer.Option("--data", help="案例数据文件；不给则按报告所附评分表自审，没有附表时按文字自身前后核对"),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    rules_id: Annotated[str | None, typer.Option("--rules", help="评分规则 id 或规则 YAML 路径")] = None,
    unit_name: UnitNameOption = None,
    year: YearOption = None,
) -> None:
    from assistant.audit import audit_text
    from assistant.io import load_report
    from assistant.rules import load_ruleset

    text = load_report(report)
    if not text.strip():
        from assistant.errors import InputError

        raise InputError.single("报告文件为空，没有可审核的文字", file=str(report))
    unit = None
    rules = None
    if data is not None:
        from assistant.io import load_case
        from assistant.scoring import score_case

        case = load_case(data, unit=unit_name, year=year)
        rules = load_ruleset(rules_id or case.rules)
        unit = score_case(case, rules)
    elif rules_id:
        rules = load_ruleset(rules_id)
    result = audit_text(text, unit, rules)
    if as_json:
        typer.echo(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
    else:
        from assistant.render.findings import print_findings

        print_findings(result, str(report))
    raise typer.Exit(1 if result.has_errors else 0)
