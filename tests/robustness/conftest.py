"""Shared parts of the robustness suite: the hypothesis profile, the real CLI in a subprocess, and checks
that an input ended well (a correct result, or one Chinese ``InputError`` naming the file).

``JIXIAO_FUZZ=deep`` runs every property with ten times the examples and a random seed (for a long local
run); by default the examples are few and derandomized, so ``make test`` stays fast and repeatable.
"""

from __future__ import annotations

import os
import re
import struct
import subprocess
import sys
import tracemalloc
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, settings

from assistant.errors import InputError
from tests.conftest import ROOT

T = TypeVar("T")
DEEP = os.environ.get("JIXIAO_FUZZ") == "deep"
settings.register_profile(
    "robustness",
    max_examples=400 if DEEP else 40,
    deadline=None,
    derandomize=not DEEP,
    database=None,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.function_scoped_fixture,
        HealthCheck.data_too_large,
    ],
)
ROBUST = settings.get_profile("robustness")  # used as a decorator; the global profile stays untouched
_CJK = re.compile(r"[\u4e00-\u9fff]")
MB = 1024 * 1024


def assert_chinese_input_error(exc: InputError, file: Path | str | None = None) -> str:
    """The message is Chinese and names the file; returns it."""
    message = str(exc)
    assert _CJK.search(message), message
    assert "Traceback" not in message
    if file is not None:
        assert str(file) in message, message
    return message


def load_or_refuse(load: Callable[[], T], file: Path | str | None = None) -> T | InputError:
    """Run a loader: a result, or the Chinese ``InputError`` it raised; any other exception fails the test."""
    try:
        return load()
    except InputError as exc:
        assert_chinese_input_error(exc, file)
        return exc


def peak_python_memory(fn: Callable[[], Any]) -> tuple[Any, int]:
    """``fn()``'s result (or the exception it raised) and the peak of Python allocations while it ran."""
    tracemalloc.start()
    try:
        try:
            result: Any = fn()
        except Exception as exc:  # the caller judges the exception
            result = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return result, peak


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str

    def assert_refused(self, *needles: str) -> None:
        """Exit 2, one Chinese message on stderr, no traceback."""
        assert self.code == 2, (self.code, self.stdout, self.stderr)
        assert self.stderr.startswith("错误："), self.stderr
        assert _CJK.search(self.stderr) and "Traceback" not in self.stderr + self.stdout, self.stderr
        for needle in needles:
            assert needle in self.stderr, (needle, self.stderr)


def jixiao_command() -> list[str]:
    script = Path(sys.executable).parent / "jixiao"
    return [str(script)] if script.exists() else [sys.executable, "-m", "assistant"]


def child_env(**extra: str) -> dict[str, str]:
    """The test's environment without model settings (the autouse fixture already isolated JIXIAO_HOME)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_LLM_", "OPENAI_"))}
    env.pop("JIXIAO_DEBUG", None)
    env["PYTHONPATH"] = str(ROOT)
    env.update(extra)
    return env


def run_jixiao(
    *args: object, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 120
) -> Run:
    """The real ``jixiao`` executable in a subprocess."""
    done = subprocess.run(
        [*jixiao_command(), *map(str, args)],
        capture_output=True,
        text=True,
        env=env or child_env(),
        cwd=cwd,
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr)


# VmHWM is the peak of this process's own memory; ru_maxrss would also count the pytest process it was
# (v)forked from, since Linux carries the old high-water mark across exec.
_MEASURED = (
    "import atexit, os, re, resource, sys\n"
    "def peak():\n"
    "    try:\n"
    "        status = open('/proc/self/status').read()\n"
    "        return int(re.search(r'VmHWM:\\s+(\\d+)', status).group(1))\n"
    "    except (OSError, AttributeError):\n"
    "        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
    "atexit.register(lambda: open(os.environ['JIXIAO_TEST_RSS'], 'w').write(str(peak())))\n"
    "from assistant.cli import main\n"
    "main(sys.argv[1:])\n"
)


def run_measured(
    *args: object, tmp: Path, env: dict[str, str] | None = None, timeout: float = 120
) -> tuple[Run, int]:
    """Run the CLI in a subprocess; also return that process's own peak resident memory in bytes."""
    rss = tmp / "rss.txt"
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, *map(str, args)],
        capture_output=True,
        text=True,
        env={**(env or child_env()), "JIXIAO_TEST_RSS": str(rss)},
        timeout=timeout,
    )
    return Run(done.returncode, done.stdout, done.stderr), int(rss.read_text()) * 1024


# --- zip bombs, built once per session (a 1 MB file that inflates to 1.1 GB) ---------------------------------


@pytest.fixture(scope="session")
def zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Honest headers: one member declares (and inflates to) 1.1 GB. Shaped as both a .docx and an .xlsx."""
    path = tmp_path_factory.mktemp("bomb") / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        chunk = b"\0" * MB
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(1100):
                member.write(chunk)
    assert path.stat().st_size < 2 * MB
    return path


@pytest.fixture(scope="session")
def lying_zip_bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lying headers: the member says 10 KB but inflates to 300 MB (a reader trusting the data blows up)."""
    path = tmp_path_factory.mktemp("bomb") / "lying.zip"
    name = "word/document.xml"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", "<worksheet/>")
        chunk = b"\0" * MB
        with archive.open(name, "w") as member:
            for _ in range(300):
                member.write(chunk)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        offset = archive.getinfo(name).header_offset
    struct.pack_into("<I", data, offset + 22, 10_240)  # local header: uncompressed size
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46 : at + 46 + length]) == name.encode():
            struct.pack_into("<I", data, at + 24, 10_240)  # central directory: uncompressed size
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    with zipfile.ZipFile(path) as archive:
        assert archive.getinfo(name).file_size == 10_240
    return path
