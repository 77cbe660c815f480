"""``jixiao score`` (score a case) and ``jixiao schema`` (JSON Schema of the case file)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from assistant.cli.help_words import ChineseCommand
from assistant.cli.options import UnitNameOption, YearOption

CaseArg = Annotated[
    Path,
    typer.Argument(
        help="案例文件（.yaml / .json / .xlsx，或含自评表的 .txt / .md / .docx / .pdf）", show_default=False
    ),
]


def register(app: typer.Typer) -> None:
    app.command("score", cls=ChineseCommand, help="按评分规则计算各项目执行率、指标得分、总分和等级。")(score)
    app.command("schema", cls=ChineseCommand, help="输出案例文件的 JSON Schema（字段说明）。")(schema)
    app.command("rules", cls=ChineseCommand, help="列出内置评分规则。")(rules)


def score(
    case: CaseArg,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
    rules_id: Annotated[str | None, typer.Option("--rules", help="评分规则 id 或规则 YAML 路径")] = None,
    unit_name: UnitNameOption = None,
    year: YearOption = None,
) -> None:
    from assistant.io import load_case
    from assistant.rules import load_ruleset
    from assistant.scoring import score_case

    loaded = load_case(case, unit=unit_name, year=year, identity="pending")
    unit = score_case(loaded, load_ruleset(rules_id or loaded.rules))
    if as_json:
        from assistant.serialize import unit_json

        typer.echo(json.dumps(unit_json(unit), ensure_ascii=False, indent=2))
        return
    from assistant.render.console import print_unit_score

    print_unit_score(unit)


def schema(
    out: Annotated[Path | None, typer.Option("--out", help="写入文件而非标准输出")] = None,
) -> None:
    from assistant.models import Case

    text = json.dumps(Case.model_json_schema(by_alias=True), ensure_ascii=False, indent=2)
    if out:
        out.write_text(text + "\n", encoding="utf-8")
        typer.echo(f"已写入 {out}")
    else:
        typer.echo(text)


def rules() -> None:
    from assistant.rules import available_rulesets, load_ruleset

    for rid in available_rulesets():
        rs = load_ruleset(rid)
        typer.echo(f"{rid}\t{rs.name}")
