"""LibreOffice and poppler from the tests, the benchmarks and scripts/render_docs_images.py: convert files
headless (own throw-away profile, a time limit, the whole process group killed on timeout) and read a PDF's
text. A missing tool or a failed run raises ``ToolError`` with a Chinese message (a test fails on it; the script
exits with it): `make test` installs them (scripts/system-deps.sh)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CONVERT_TIMEOUT = 180


class ToolError(RuntimeError):
    """A tool is missing, failed or ran out of time."""


def require_soffice() -> str:
    if not SOFFICE:
        raise ToolError(
            "未安装 LibreOffice（soffice）：运行 make system-deps（Debian: apt-get install libreoffice-writer-nogui）"
        )
    return SOFFICE


def run(args: list[str], timeout: float = 60) -> str:
    """Run a tool in its own process group; on timeout kill the whole group (soffice forks)."""
    with subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, text=True
    ) as proc:
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ToolError(f"{args[0]} 超时（{timeout} 秒）") from None
    if proc.returncode != 0:
        raise ToolError(f"{args[0]} 退出码 {proc.returncode}: {err[-2000:]}")
    return out


def convert(sources: list[Path], target: str, outdir: Path) -> list[Path]:
    """Each source converted by one LibreOffice run to ``target`` (pdf, docx …) in ``outdir``."""
    profile = outdir / "lo-profile"
    run(
        [
            require_soffice(),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            *map(str, sources),
        ],
        timeout=CONVERT_TIMEOUT,
    )
    out = [outdir / f"{source.stem}.{target}" for source in sources]
    missing = [p.name for p in out if not p.exists()]
    if missing:
        raise ToolError(f"LibreOffice 未生成：{missing}")
    return out


def tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise ToolError(f"缺少 {name}（Debian: apt-get install poppler-utils）")
    return path
