"""LibreOffice and poppler from the tests: convert files headless (own throw-away profile, a time limit, the
whole process group killed on timeout) and read a PDF's text. A missing LibreOffice fails the test: `make test`
installs it (scripts/system-deps.sh)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CONVERT_TIMEOUT = 180


def require_soffice() -> str:
    assert SOFFICE, (
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
            pytest.fail(f"{args[0]} 超时（{timeout} 秒）")
    assert proc.returncode == 0, f"{args[0]} 退出码 {proc.returncode}: {err[-2000:]}"
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
    assert not missing, f"LibreOffice 未生成：{missing}"
    return out


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"缺少 {name}（Debian: apt-get install poppler-utils）"
    return path
