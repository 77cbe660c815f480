"""``jixiao check``: audit one report (or many, for a reviewer) against case data, its own attached table or
自评表, or — with none — its own statements (never refused for lack of data; exit 1 only on error findings).

One report prints its findings (or their JSON). Several reports, a directory, or ``--summary`` run the batch
review (``assistant.review``): a progress bar, one line per report, and the review workbook.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.help_words import ChineseCommand
from assistant.cli.options import UnitNameOption, YearOption


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        cls=ChineseCommand,
        short_help="审核报告：对照数据、所附评分表，或按文字自身前后核对。",
        help="审核报告文字与数据是否一致（.txt/.md/.docx/.pdf，可给多个文件或目录）；无数据、无附表时按文字自身前后核对。"
        "有错误时退出码为 1。",
    )(check)


def check(
    reports: Annotated[
        list[Path],
        typer.Argument(help="报告文件或目录（.txt / .md / .docx / .pdf），可给多个", show_default=False),
    ],
    data: Annotated[
        Path | None,
        typer.Option(
            "--data", help="案例数据文件；不给则按报告所附评分表或自评表自审，都没有时按文字自身前后核对"
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    rules_id: Annotated[str | None, typer.Option("--rules", help="评分规则 id 或规则 YAML 路径")] = None,
    summary: Annotated[
        Path | None,
        typer.Option(
            "--summary", help="批量审核：写出审核汇总工作簿（.xlsx，每份报告一行，另一页列出全部发现）"
        ),
    ] = None,
    unit_name: UnitNameOption = None,
    year: YearOption = None,
) -> None:
    from assistant.review.batch import report_files

    files = report_files(reports)
    if not files:
        from assistant.errors import InputError

        raise InputError.single(
            "没有找到报告文件（.txt、.md、.docx 或 .pdf）", file="、".join(map(str, reports))
        )
    if len(files) == 1 and summary is None and not reports[0].is_dir():
        _check_one(files[0], data, as_json, rules_id, unit_name, year)
    _check_many(files, data, as_json, rules_id, summary)


def _check_one(
    report: Path,
    data: Path | None,
    as_json: bool,
    rules_id: str | None,
    unit_name: str | None,
    year: int | None,
) -> None:
    from assistant.audit import audit_text
    from assistant.review.batch import read_report
    from assistant.rules import load_ruleset

    paged = read_report(report)
    unit = None
    rules = None
    if data is not None:
        from assistant.io import load_case
        from assistant.scoring import score_case

        case = load_case(data, unit=unit_name, year=year, identity="pending")
        rules = load_ruleset(rules_id or case.rules)
        unit = score_case(case, rules)
    elif rules_id:
        rules = load_ruleset(rules_id)
    result = audit_text(paged.text, unit, rules)
    if as_json:
        from assistant.review.batch import with_page

        payload = result.to_json()
        payload["findings"] = [with_page(f, paged) for f in payload["findings"]]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        from assistant.render.findings import print_findings

        print_findings(result, str(report), lambda f: paged.where(f.span[0] if f.span else None, f.line))
    raise typer.Exit(1 if result.has_errors else 0)


def _check_many(
    files: list[Path], data: Path | None, as_json: bool, rules_id: str | None, summary: Path | None
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from assistant.review.batch import review

    if summary is not None and summary.suffix.lower() != ".xlsx":
        from assistant.errors import InputError

        raise InputError.single("审核汇总应保存为 .xlsx 文件", file=str(summary))
    err = Console(stderr=True)
    columns = (TextColumn("审核报告"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as bar:
        task = bar.add_task("审核", total=len(files))
        records = review(
            files,
            case=str(data) if data else None,
            rules=rules_id,
            progress=lambda _record: bar.advance(task),
        )
    if summary is not None:
        from assistant.review.workbook import write_review_workbook

        write_review_workbook(records, summary)
    if as_json:
        payload = {
            "reports": [r.to_json() for r in records],
            "summary": {
                "reports": len(records),
                "audited": sum(r.ok for r in records),
                "with_errors": sum(r.errors > 0 for r in records),
                "error": sum(r.errors for r in records),
                "warning": sum(r.warnings for r in records),
            },
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        from assistant.review.console import print_review

        print_review(records, summary)
    if not any(r.ok for r in records):
        raise typer.Exit(2)
    raise typer.Exit(1 if any(r.errors for r in records) else 0)
