"""Shared fixtures: an isolated JIXIAO_HOME per test and one way to run the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EVAL_DATA = ROOT / "eval_data"
SEED_CASE = EVAL_DATA / "seed_yushui_2022" / "data.yaml"


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test gets its own data directory and no model endpoint, so nothing leaks between tests."""
    monkeypatch.setenv("JIXIAO_HOME", str(tmp_path_factory.mktemp("home")))
    import os

    for var in list(os.environ):
        if var.startswith("JIXIAO_LLM_") or var == "JIXIAO_DEBUG":
            monkeypatch.delenv(var, raising=False)
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))  # no stray .env from the developer's directory


@pytest.fixture
def store(tmp_path: Path):
    """A session store of its own (the workspace tests and the UI's input checks)."""
    from assistant.workspace import SessionStore

    return SessionStore(tmp_path / "sessions")


@pytest.fixture
def seed(store):
    """A session opened on the seed case; test modules with another meaning of "seed" override it."""
    from assistant.io import load_case

    return store.create(load_case(SEED_CASE))


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run ``jixiao ARGS`` in process through the real entry point (error handling included)."""
    from assistant.cli import main

    def run(*args: str) -> CliResult:
        code = 0
        try:
            main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
