"""The app's defaults over plain HTTP (no browser): loopback only, login on every route when JIXIAO_AUTH
is set — the page, its config, the API and file downloads — an upload size limit, and Chinese one-line
errors for bad settings."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.ui.harness import ROOT, AppServer, free_port

USERS = "officer:s3cret-pass,reviewer:another:pass"


@pytest.fixture(scope="module")
def locked(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app with logins and no JIXIAO_HOST (so the default bind is in force)."""
    with AppServer(tmp_path_factory.mktemp("locked-home"), env={"JIXIAO_AUTH": USERS}) as server:
        yield server


def listening_addresses(port: int) -> list[str]:
    """Local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found = []
    for name in ("tcp", "tcp6"):
        path = Path("/proc/net") / name
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A = LISTEN
                found.append(address)
    return found


def test_default_bind_is_loopback_only(locked: AppServer) -> None:
    if not Path("/proc/net/tcp").exists():
        pytest.skip("没有 /proc/net/tcp，无法检查监听地址")
    addresses = listening_addresses(locked.port)
    assert addresses == ["0100007F"]  # 127.0.0.1, and nothing on 0.0.0.0 or ::


def test_login_required_for_page_config_api_and_files(locked: AppServer) -> None:
    # A file the app could serve for download (exports are copied into gradio's cache like this).
    export = locked.home / "cache" / "jixiao-exports" / ("a" * 32) / "报告.md"
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_text("# 绩效自评报告\n", encoding="utf-8")
    file_url = f"{locked.url}gradio_api/file={export}"

    with httpx.Client(timeout=10, trust_env=False) as anonymous:
        page = anonymous.get(locked.url)
        assert '"auth_required":true' in page.text.replace(" ", "")
        assert "项目表" not in page.text and "projects-table" not in page.text
        assert anonymous.get(f"{locked.url}config").status_code == 401
        assert anonymous.get(f"{locked.url}gradio_api/info").status_code == 401
        assert anonymous.get(file_url).status_code == 401
        upload = anonymous.post(f"{locked.url}gradio_api/upload", files={"files": ("a.yaml", b"x: 1")})
        assert upload.status_code == 401
        wrong = anonymous.post(f"{locked.url}login", data={"username": "officer", "password": "nope"})
        assert wrong.status_code == 400
        assert anonymous.get(file_url).status_code == 401

    with httpx.Client(timeout=10, trust_env=False) as officer:
        # The second account's password contains ':' — only the first ':' separates user and password.
        login = officer.post(f"{locked.url}login", data={"username": "reviewer", "password": "another:pass"})
        assert login.status_code == 200
        assert officer.get(f"{locked.url}config").status_code == 200
        download = officer.get(file_url)
        assert download.status_code == 200
        assert download.text == "# 绩效自评报告\n"
        page = officer.get(locked.url)
        assert "projects-table" in page.text  # the real app, once logged in


def test_upload_size_limit(locked: AppServer) -> None:
    with httpx.Client(timeout=30, trust_env=False) as officer:
        assert officer.post(
            f"{locked.url}login", data={"username": "officer", "password": "s3cret-pass"}
        ).is_success
        small = officer.post(f"{locked.url}gradio_api/upload", files={"files": ("case.yaml", b"a: 1\n")})
        assert small.status_code == 200
        big = officer.post(
            f"{locked.url}gradio_api/upload", files={"files": ("case.yaml", b"#" * (11 * 1024 * 1024))}
        )
        assert big.status_code == 413


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("JIXIAO_PORT", "http", "JIXIAO_PORT 应为 1–65535 之间的整数"),
        ("JIXIAO_PORT", "70000", "JIXIAO_PORT 应为 1–65535 之间的整数"),
        ("JIXIAO_AUTH", "officer", "JIXIAO_AUTH 格式应为“用户名:密码”"),
        ("JIXIAO_AUTH", "officer:,x:y", "JIXIAO_AUTH 格式应为“用户名:密码”"),
    ],
)
def test_bad_settings_exit_2_with_chinese_message(
    tmp_path: Path, variable: str, value: str, message: str
) -> None:
    env = AppServer(tmp_path).environment()
    env[variable] = value
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--prot", "8080"], "不认识的参数 --prot 8080"),
        (["--port"], "--port 后面需要给出一个值"),
        (["--port", "http"], "--port 应为 1–65535 之间的整数"),
    ],
)
def test_bad_command_line_exits_2_with_chinese_message(tmp_path: Path, args: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py"), *args],
        cwd=ROOT,
        env=AppServer(tmp_path).environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "usage:" not in result.stderr


def test_help_says_how_to_start_in_chinese(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "app.py"), "--help"],
        cwd=ROOT,
        env=AppServer(tmp_path).environment(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0 and result.stdout.startswith("用法：python app.py"), result.stdout
    assert "--port 端口" in result.stdout and not result.stderr


def test_the_port_on_the_command_line_wins_over_the_environment(tmp_path: Path) -> None:
    """`python app.py --port P` listens on P even when JIXIAO_PORT names another port."""
    port = free_port()
    server = AppServer(tmp_path, port=port, env={"JIXIAO_PORT": str(free_port())}, args=("--port", str(port)))
    try:
        server.start()  # waits for an answer on `port`, fails if the server listens elsewhere
        assert f"http://127.0.0.1:{port}" in server.output()
    finally:
        server.stop()


def test_the_terminal_shows_no_third_party_request_lines(locked: AppServer) -> None:
    """What the officer sees in the terminal is the app's own Chinese start line, not the English request log of
    the HTTP libraries underneath (which would also name a configured model endpoint's address)."""
    httpx.get(locked.url, timeout=30)
    output = locked.output()
    assert "绩效自评助手已启动" in output, output
    assert "HTTP Request" not in output, output
