"""Security of the non-UI parts: output paths cannot escape, the API key never shows, nothing but the configured
endpoint is ever contacted, outputs are private to their owner. (XML, zip and YAML safety are in
``test_report_input.py``, ``test_xlsx_input.py`` and ``test_case_input.py``.)
"""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest

from assistant.fsutil import atomic_write_text, safe_name
from tests.conftest import SEED_CASE
from tests.fault_server import TrapProxy, echo_secret, good
from tests.llm_server import LLMServer, by_section
from tests.robustness.conftest import child_env, run_jixiao

SECRET = "sk-secret-xyz"


# --- paths --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc", "etc"),
        ("..", "case"),
        ("/etc/passwd", "etc_passwd"),
        ("..\\..\\Windows\\System32", "Windows_System32"),
        (".bashrc", "bashrc"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("a\x00b", "a_b"),
        ("单位/../../x", "单位_.._.._x"),
        ("", "case"),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    cleaned = safe_name(name)
    assert cleaned == expected
    assert (
        "/" not in cleaned
        and "\\" not in cleaned
        and cleaned not in (".", "..")
        and not cleaned.startswith(".")
    )


def test_safe_name_limits_length_in_bytes() -> None:
    assert len(safe_name("测" * 500).encode("utf-8")) <= 200
    assert len(safe_name("a" * 500)) <= 80


def test_batch_output_folders_stay_inside_out(tmp_path: Path) -> None:
    """Odd case file names and a unit named ../../etc: one folder per case, all directly under --out."""
    cases = tmp_path / "in"
    cases.mkdir()
    names = [
        "..yaml",
        ".hidden.yaml",
        "a;rm -rf ~.yaml",
        "CON.yaml",
        "x" * 150 + ".yaml",
        "单位 名称（二〇二三）.yaml",
    ]
    text = SEED_CASE.read_text(encoding="utf-8").replace(
        "单位名称: 中共新余市渝水区委组织部", "单位名称: '../../etc'"
    )
    paths = []
    for name in names:
        path = cases / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    out = tmp_path / "out"
    run = run_jixiao("batch", *paths, "--out", out, "--llm", "off")
    assert run.code == 0, run.stdout + run.stderr
    folders = sorted(p.name for p in out.iterdir())
    assert len(folders) == len(names)
    assert all(p.parent == out and p.is_dir() and not p.name.startswith(".") for p in out.iterdir()), folders
    assert {p.name for p in tmp_path.iterdir()} == {"in", "out"}
    assert not (tmp_path.parent / "etc").exists()


def test_outputs_are_private_to_their_owner(tmp_path: Path) -> None:
    path = atomic_write_text(tmp_path / "report.md", "内容")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    run = run_jixiao("draft", SEED_CASE, "--out", tmp_path / "out", "--llm", "off")
    assert run.code == 0, run.stderr
    for written in (tmp_path / "out").iterdir():
        assert stat.S_IMODE(written.stat().st_mode) & 0o077 == 0, written


# --- the API key --------------------------------------------------------------------------------------


def _leaky_server() -> LLMServer:
    """Every way a server can hand the key back: error bodies (401, 500, 429) and an answer that quotes it."""
    return LLMServer(
        responder=by_section(
            {
                "项目概况": [echo_secret(401)],
                "项目绩效目标": [echo_secret(500)] * 10,
                "各项目绩效目标完成情况": [echo_secret(None)] * 10,
                "偏差原因和改进措施": [echo_secret(429), echo_secret(None)],
            },
            default=good,
        )
    )


def _everything_written(folder: Path) -> str:
    texts = []
    for path in folder.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            texts.append(data.decode("utf-8", "replace"))
            if path.suffix in (".docx", ".xlsx"):
                import zipfile

                with zipfile.ZipFile(path) as archive:
                    texts += [archive.read(n).decode("utf-8", "replace") for n in archive.namelist()]
    return "\n".join(texts)


def test_api_key_never_shows(tmp_path: Path) -> None:
    with _leaky_server() as server:
        env = child_env(
            JIXIAO_LLM_BASE_URL=server.base_url,
            JIXIAO_LLM_MODEL="m",
            JIXIAO_LLM_API_KEY=SECRET,
            JIXIAO_LLM_TIMEOUT="2",
            JIXIAO_LLM_MAX_RETRIES="2",
            JIXIAO_LLM_BACKOFF_BASE="0.01",
            JIXIAO_LLM_RETRY_AFTER_CAP="0.05",
            OPENAI_LOG="debug",  # the openai client's own request logging, on
        )
        out = tmp_path / "out"
        draft = run_jixiao(
            "draft", SEED_CASE, "--out", out, "--llm", "on", "--format", "md,docx,xlsx", env=env
        )
        batch = run_jixiao("batch", SEED_CASE, "--out", tmp_path / "batch", "--llm", "on", env=env)
        assert all(r.headers.get("authorization") == f"Bearer {SECRET}" for r in server.chat_requests)
    assert draft.code == 0, draft.stdout + draft.stderr
    assert batch.code == 0, batch.stdout + batch.stderr
    shown = draft.stdout + draft.stderr + batch.stdout + batch.stderr
    assert "401 鉴权失败" in shown and "500 服务端错误" in shown
    assert "回复中含有接口密钥" in shown  # the echoing answer was refused, not published
    assert SECRET not in shown
    written = _everything_written(tmp_path)
    assert "report.md" in str(list(out.iterdir())) and SECRET not in written
    assert json.loads((out / "audit.json").read_text(encoding="utf-8"))["summary"]["error"] == 0


def test_bad_settings_never_echo_the_key(tmp_path: Path) -> None:
    env = child_env(
        JIXIAO_LLM_BASE_URL="http://127.0.0.1:9/v1", JIXIAO_LLM_MODEL="m", JIXIAO_LLM_API_KEY=SECRET
    )
    env["JIXIAO_LLM_TIMEOUT"] = f"not-a-number-{SECRET}"
    run = run_jixiao("draft", SEED_CASE, "--out", tmp_path / "out", "--llm", "on", env=env)
    run.assert_refused("JIXIAO_LLM_TIMEOUT")
    assert SECRET not in run.stdout + run.stderr


# --- no other host ------------------------------------------------------------------------------------


def test_no_request_to_any_host_but_the_endpoint(tmp_path: Path) -> None:
    """Every proxy points at a trap; only the local endpoint is exempt (NO_PROXY). Nothing may reach the trap,
    and the endpoint sees chat completions only."""
    with TrapProxy() as trap, LLMServer(default=good) as server:
        proxies = {
            var: trap.url for var in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")
        }
        offline = child_env(**proxies, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
        online = {**offline, "JIXIAO_LLM_BASE_URL": server.base_url, "JIXIAO_LLM_MODEL": "m"}
        assert run_jixiao("score", SEED_CASE, env=offline).code == 0
        assert run_jixiao("draft", SEED_CASE, "--out", tmp_path / "t", "--llm", "off", env=offline).code == 0
        assert run_jixiao("check", tmp_path / "t" / "report.docx", "--data", SEED_CASE, env=offline).code == 0
        run = run_jixiao("draft", SEED_CASE, "--out", tmp_path / "m", "--llm", "on", env=online)
        assert run.code == 0, run.stdout + run.stderr
        assert "模型辅助" in run.stdout
        seen = [(r.method, r.path) for r in server.requests]
    assert trap.seen == []
    assert seen and set(seen) == {("POST", "/v1/chat/completions")}


def test_the_trap_would_catch_a_stray_request(tmp_path: Path) -> None:
    """The check above can fail: a client that honours the proxy variables is caught by the trap."""
    import urllib.request

    with TrapProxy() as trap:
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": trap.url}))
        with pytest.raises(OSError):
            opener.open("http://example.invalid/telemetry", timeout=5)
    assert trap.seen and "example.invalid" in trap.seen[0]


def test_case_file_cannot_point_the_rules_at_an_unknown_id(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    shutil.copy(SEED_CASE, path)
    text = path.read_text(encoding="utf-8").replace(
        "评分规则: national_2020", "评分规则: ../../../etc/passwd"
    )
    path.write_text(text, encoding="utf-8")
    run_jixiao("score", path).assert_refused("未知的评分规则", "字段「评分规则」", str(path))
