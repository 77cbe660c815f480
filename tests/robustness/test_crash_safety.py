"""Crash safety of ``jixiao batch --resume``: a batch of 40 cases (drafted with a latency-simulated model over
HTTP) is killed with SIGKILL twice and resumed; no file is ever half-written, stale temporary files are
cleared, and every case is finished exactly once (a finished case is neither redrafted nor rewritten).
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from docx import Document

from assistant.cli.draft import DONE_MARKER, is_done
from tests.conftest import EVAL_DATA
from tests.llm_server import LLMServer
from tests.robustness.conftest import child_env, jixiao_command, run_jixiao

CASES = 40
SOURCES = sorted(EVAL_DATA.glob("*/data.yaml"))


def make_cases(folder: Path) -> list[Path]:
    """Forty real cases, each with its own unit name (one of them a path-traversal attempt)."""
    folder.mkdir()
    paths = []
    for n in range(CASES):
        text = SOURCES[n % len(SOURCES)].read_text(encoding="utf-8")
        first = next(line for line in text.splitlines() if line.startswith("单位名称:"))
        unit = "../../etc" if n == 7 else f"测试单位{n:02d}号"
        path = folder / f"case_{n:02d}.yaml"
        path.write_text(text.replace(first, f"单位名称: '{unit}'", 1), encoding="utf-8")
        paths.append(path)
    return paths


def markers(out: Path) -> dict[str, dict]:
    found = {}
    for path in out.glob(f"*/{DONE_MARKER}"):
        found[path.parent.name] = json.loads(path.read_text(encoding="utf-8"))
    return found


def assert_no_half_files(out: Path) -> None:
    """Every output present, finished or not, is whole: Word opens, JSON parses, Markdown is complete."""
    for folder in out.iterdir():
        for path in folder.iterdir():
            if path.name.endswith(".tmp"):
                continue  # a write the kill interrupted: hidden, never a target, removed on resume
            if path.suffix == ".docx":
                assert Document(str(path)).paragraphs, path
            elif path.suffix == ".json":
                json.loads(path.read_text(encoding="utf-8"))
            elif path.suffix == ".md":
                assert path.read_text(encoding="utf-8").rstrip().endswith("请经办人员核对后使用。"), path


def batch(cases: list[Path], out: Path, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            *jixiao_command(),
            "batch",
            *map(str, cases),
            "--out",
            str(out),
            "--llm",
            "on",
            "--concurrency",
            "2",
            *extra,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_when(process: subprocess.Popen[str], out: Path, done: int, timeout: float = 120) -> None:
    """SIGKILL the batch as soon as ``done`` cases carry a marker (it must still be running then)."""
    deadline = time.monotonic() + timeout
    while len(list(out.glob(f"*/{DONE_MARKER}"))) < done:
        assert process.poll() is None, ("the batch ended before it could be killed", process.communicate())
        assert time.monotonic() < deadline, "the batch made no progress"
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def units_asked(server: LLMServer, start: int) -> set[str]:
    """Unit names in the system prompts of the requests the server saw from ``start`` on."""
    names = set()
    for request in server.chat_requests[start:]:
        for n in range(CASES):
            unit = "../../etc" if n == 7 else f"测试单位{n:02d}号"
            if unit in request.system:
                names.add(f"case_{n:02d}")
    return names


def test_killed_twice_and_resumed_every_case_finishes_exactly_once(tmp_path: Path) -> None:
    cases = make_cases(tmp_path / "cases")
    out = tmp_path / "out"
    with LLMServer.fixed_latency(40) as server:
        env = child_env(JIXIAO_LLM_BASE_URL=server.base_url, JIXIAO_LLM_MODEL="m", JIXIAO_LLM_TIMEOUT="5")

        kill_when(batch(cases, out, env), out, done=6)
        first = markers(out)
        assert 6 <= len(first) < CASES
        assert len({m["run"] for m in first.values()}) == 1
        assert_no_half_files(out)
        stamps = {name: (out / name / "report.docx").stat().st_mtime_ns for name in first}
        asked_before = len(server.chat_requests)

        kill_when(batch(cases, out, env, "--resume"), out, done=len(first) + 6)
        second = markers(out)
        assert_no_half_files(out)
        assert {name: second[name] for name in first} == first  # run 1's cases untouched
        assert not units_asked(server, asked_before) & set(first)  # and not even drafted again
        asked_before = len(server.chat_requests)

        final = subprocess.run(
            [*jixiao_command(), "batch", *map(str, cases), "--out", str(out), "--llm", "on", "--resume"],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert final.returncode == 0, final.stdout + final.stderr
        assert not units_asked(server, asked_before) & set(second)

    done = markers(out)
    assert sorted(done) == sorted(p.stem for p in cases)  # every case, under its own folder only
    assert {name: done[name] for name in second} == second
    runs = {m["run"] for m in done.values()}
    assert len(runs) == 3  # killed run, killed resume, final resume
    assert f"完成 {CASES - len(second)}，跳过 {len(second)}，失败 0" in final.stdout
    assert all((out / name / "report.docx").stat().st_mtime_ns == stamp for name, stamp in stamps.items())
    assert not list(out.rglob("*.tmp"))
    assert_no_half_files(out)
    for name, marker in done.items():
        assert marker["errors"] == 0 and marker["llm"] is True
        assert is_done(out / name)
        assert json.loads((out / name / "audit.json").read_text(encoding="utf-8"))["summary"]["error"] == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(p.stem for p in cases)
    assert {p.name for p in tmp_path.iterdir()} == {"cases", "out"}  # nothing written beside or above


def test_resume_redoes_a_case_whose_files_changed_and_clears_stale_temps(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    cases.mkdir()
    a, b = cases / "a.yaml", cases / "b.yaml"
    shutil.copy(SOURCES[0], a)
    shutil.copy(SOURCES[1], b)
    out = tmp_path / "out"
    assert run_jixiao("batch", a, b, "--out", out, "--llm", "off").code == 0
    first = markers(out)
    (out / "a" / "report.md").write_text("被人改坏了", encoding="utf-8")  # size no longer matches the marker
    (out / "b" / ".report.docx.abc123.tmp").write_bytes(b"half a file")  # what a kill leaves behind
    (out / "b" / "notes.tmp").write_text("the officer's own file", encoding="utf-8")  # not ours: kept
    assert not is_done(out / "a") and is_done(out / "b")

    again = run_jixiao("batch", a, b, "--out", out, "--llm", "off", "--resume")
    assert again.code == 0, again.stdout
    second = markers(out)
    assert second["b"] == first["b"] and second["a"]["run"] != first["a"]["run"]
    assert (out / "a" / "report.md").read_text(encoding="utf-8").startswith("#")
    assert not (out / "b" / ".report.docx.abc123.tmp").exists()
    assert (out / "b" / "notes.tmp").exists()


@pytest.mark.parametrize("content", ["", "{not json", '{"files": {"report.md": 1}}', "[]"])
def test_a_broken_marker_means_not_done(tmp_path: Path, content: str) -> None:
    (tmp_path / DONE_MARKER).write_text(content, encoding="utf-8")
    assert not is_done(tmp_path)
