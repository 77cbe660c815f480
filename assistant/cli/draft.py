"""``jixiao draft`` (one case) and ``jixiao batch`` (many cases, resumable)."""

from __future__ import annotations

import json
import os
import time
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from assistant.cli.help_words import ChineseCommand
from assistant.cli.options import UnitNameOption, YearOption

LLMOption = Annotated[str, typer.Option("--llm", help="auto（配置了模型服务即使用）| on | off")]
FormatOption = Annotated[str, typer.Option("--format", help="输出格式，逗号分隔：md,docx,xlsx")]
OutlineOption = Annotated[
    str | None, typer.Option("--outline", help="报告提纲：unit_multi | single_project | YAML 路径")
]
DONE_MARKER = ".done.json"


def register(app: typer.Typer) -> None:
    app.command(
        "draft",
        cls=ChineseCommand,
        help="起草报告：写出 report.md / report.docx 与 audit.json；终稿仍有错误时退出码为 1。",
    )(draft)
    app.command(
        "batch",
        cls=ChineseCommand,
        help="批量起草多个案例；单个案例失败不影响其余；--resume 跳过已完成的案例。",
    )(batch)


def _formats(value: str) -> tuple[str, ...]:
    return tuple(part.strip().lower() for part in value.split(",") if part.strip())


def _llm_mode(value: str) -> str:
    from assistant.errors import InputError

    if value not in ("auto", "on", "off"):
        raise InputError.single(f"--llm 只能是 auto、on 或 off（收到「{value}」）")
    return value


def draft(
    case: Annotated[Path, typer.Argument(help="案例文件（.yaml / .json / .xlsx）", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="输出目录")] = Path("out"),
    fmt: FormatOption = "md,docx",
    llm: LLMOption = "auto",
    outline: OutlineOption = None,
    unit_name: UnitNameOption = None,
    year: YearOption = None,
) -> None:
    from assistant.io import load_case
    from assistant.pipeline import draft_case, write_outputs

    mode = _llm_mode(llm)
    result = draft_case(
        load_case(case, unit=unit_name, year=year, identity="pending"), outline=outline, llm=mode
    )  # type: ignore[arg-type]
    paths = write_outputs(result, out, _formats(fmt))
    s = result.audit.summary
    typer.echo(f"已写出：{'、'.join(str(p) for p in paths)}")
    typer.echo(f"起草方式：{'模型辅助' if result.llm_used else '模板（未使用模型）'}")
    for note in result.notes:
        typer.echo(f"  {note}")
    typer.echo(f"审核：错误 {s['error']} 处，提醒 {s['warning']} 处，说明 {s['info']} 处")
    for finding in result.audit.findings:
        if finding.severity != "info":
            typer.echo(f"  [{finding.code}] 第{finding.line}行：{finding.message}")
    raise typer.Exit(1 if result.audit.has_errors else 0)


@dataclass
class CaseOutcome:
    case: Path
    name: str
    status: str  # 完成 / 跳过 / 失败
    errors: int = 0
    warnings: int = 0
    seconds: float = 0.0
    message: str = ""


def case_id(path: Path) -> str:
    """Output folder name: the case's folder for …/<case>/data.yaml, else the file's stem; always safe."""
    from assistant.fsutil import safe_name

    stem = path.parent.name if path.stem in ("data", "case") and path.parent.name else path.stem
    return safe_name(stem)


def _redacted(text: str) -> str:
    """``text`` without the model key, whatever the failure was (the key must never reach the screen)."""
    try:
        from assistant.llm.settings import load_llm_settings

        return load_llm_settings().redact(text)
    except Exception:  # unreadable settings: fall back to the environment variable alone
        from assistant.llm.settings import redact

        return redact(text, os.environ.get("JIXIAO_LLM_API_KEY"))


def is_done(out_dir: Path) -> bool:
    """The case's marker is readable and every file it lists is there at its recorded size."""
    try:
        marker = json.loads((out_dir / DONE_MARKER).read_text(encoding="utf-8"))
        files = marker.get("files", {})
        return isinstance(files, dict) and all(
            (out_dir / name).is_file() and (out_dir / name).stat().st_size == size
            for name, size in files.items()
        )
    except (OSError, ValueError, AttributeError):
        return False


def run_one(
    case: Path,
    out_dir: Path,
    formats: tuple[str, ...],
    llm: str,
    outline: str | None,
    run_id: str = "",
    defaults: dict[str, Any] | None = None,
) -> CaseOutcome:
    """Draft one case into ``out_dir``; the done-marker is written last, so a killed run redoes the case.

    Every output is written atomically (``fsutil``), so a kill leaves old or new files, never half a file;
    the marker records this run's id and each file's size, which ``--resume`` checks.
    """
    from assistant.errors import JixiaoError
    from assistant.fsutil import atomic_write_text, remove_stale_temps
    from assistant.io import load_case
    from assistant.pipeline import draft_case, write_outputs

    start = time.perf_counter()
    name = out_dir.name
    try:
        remove_stale_temps(out_dir)
        (out_dir / DONE_MARKER).unlink(missing_ok=True)  # being redone: unfinished until the new marker lands
        result = draft_case(load_case(case, **(defaults or {})), outline=outline, llm=llm)  # type: ignore[arg-type]
        written = write_outputs(result, out_dir, formats)
        s = result.audit.summary
        outcome = CaseOutcome(case, name, "完成", s["error"], s["warning"])
        marker = {
            "case": str(case),
            "run": run_id,
            "finished_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "errors": outcome.errors,
            "warnings": outcome.warnings,
            "llm": result.llm_used,
            "files": {path.name: path.stat().st_size for path in written},
        }
        atomic_write_text(out_dir / DONE_MARKER, json.dumps(marker, ensure_ascii=False))
    except JixiaoError as exc:
        return CaseOutcome(
            case, name, "失败", seconds=time.perf_counter() - start, message=_redacted(str(exc))
        )
    except Exception as exc:  # one bad case (or a full disk) must not stop the batch
        message = _redacted(f"{type(exc).__name__}: {exc}")
        return CaseOutcome(case, name, "失败", seconds=time.perf_counter() - start, message=message)
    outcome.seconds = time.perf_counter() - start
    return outcome


def batch(
    cases: Annotated[list[Path], typer.Argument(help="案例文件（可多个）", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="输出目录（每个案例一个子目录）")] = Path("out"),
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=64, help="并发数")] = 4,
    resume: Annotated[bool, typer.Option("--resume", help="跳过已完成的案例")] = False,
    fmt: FormatOption = "md,docx",
    llm: LLMOption = "auto",
    outline: OutlineOption = None,
    unit_name: UnitNameOption = None,
    year: YearOption = None,
) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
    from rich.table import Table

    from assistant.errors import InputError
    from assistant.fsutil import remove_stale_temps

    mode = _llm_mode(llm)
    formats = _formats(fmt)
    console = Console(stderr=True)
    targets: dict[str, Path] = {}
    for case in cases:
        name = case_id(case)
        if name in targets:
            raise InputError.single(f"两个案例的输出目录同名「{name}」：{targets[name]} 与 {case}")
        targets[name] = case
    outcomes: list[CaseOutcome] = []
    todo = []
    run_id = uuid.uuid4().hex[:12]
    defaults = {"unit": unit_name, "year": year, "identity": "pending"}
    for name, case in targets.items():
        if resume and is_done(out / name):
            remove_stale_temps(out / name)
            outcomes.append(CaseOutcome(case, name, "跳过", message="已完成"))
        else:
            todo.append((name, case))
    if todo:
        from assistant.pipeline import prepare_llm

        prepare_llm(mode)
    columns = (TextColumn("起草"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("batch", total=len(todo))
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            futures = [
                pool.submit(run_one, case, out / name, formats, mode, outline, run_id, defaults)
                for name, case in todo
            ]
            for future in as_completed(futures):
                outcomes.append(future.result())
                progress.advance(task)
    outcomes.sort(key=lambda o: o.name)
    table = Table(title=f"批量起草：{len(outcomes)} 个案例")
    for header in ("案例", "状态", "错误", "提醒", "用时(秒)", "说明"):
        table.add_column(header)
    for o in outcomes:
        table.add_row(o.name, o.status, str(o.errors), str(o.warnings), f"{o.seconds:.2f}", o.message[:80])
    Console().print(table)
    failed = sum(o.status == "失败" for o in outcomes)
    with_errors = sum(o.errors > 0 for o in outcomes)
    typer.echo(
        f"完成 {sum(o.status == '完成' for o in outcomes)}，跳过 {sum(o.status == '跳过' for o in outcomes)}，"
        f"失败 {failed}（本次运行编号 {run_id}）"
    )
    raise typer.Exit(2 if failed else (1 if with_errors else 0))
