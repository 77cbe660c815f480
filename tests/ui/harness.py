"""Run ``python app.py`` for real in a subprocess, and drive it with Debian chromium through Playwright.

``AppServer`` starts the app on a free 127.0.0.1 port with its own JIXIAO_HOME and stops it by pid;
``open_app`` and ``edit_cell`` are the browser moves the UI tests share. Browser tests fail (with the
reason) when the chromium binary or the playwright package is missing: ``make test`` installs both, so a
missing browser is a broken set-up, not a test to pass by skipping.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 90


def browser_missing() -> str | None:
    """Why browser tests cannot run here, or None."""
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"未找到 chromium（{CHROMIUM}）：运行 make system-deps（Debian: apt-get install chromium）"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "未安装 playwright：运行 make setup（pip install -e '.[dev]'）"
    return None


# Every browser test goes through the ``browser`` fixture, which fails when the browser is missing.
needs_browser = pytest.mark.usefixtures("browser")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """``python app.py`` in a subprocess with its own home and port."""

    def __init__(
        self,
        home: Path,
        port: int | None = None,
        env: dict[str, str] | None = None,
        args: tuple[str, ...] = (),
    ) -> None:
        self.home = Path(home)
        self.args = args
        self.port = port or free_port()
        self.extra = dict(env or {})
        self.process: subprocess.Popen[bytes] | None = None
        self.log = self.home / f"server-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def environment(self) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "GRADIO_"))}
        env.update(
            {
                "JIXIAO_HOME": str(self.home),
                "JIXIAO_PORT": str(self.port),
                "PYTHONUNBUFFERED": "1",
                "NO_PROXY": "127.0.0.1,localhost",
                "no_proxy": "127.0.0.1,localhost",
            }
        )
        env.update(self.extra)
        return env

    def start(self) -> AppServer:
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(ROOT / "app.py"), *self.args],
                cwd=ROOT,
                env=self.environment(),
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"app exited with {self.process.returncode}:\n{self.output()}")
            try:
                with urllib.request.urlopen(self.url, timeout=2):
                    return self
            except urllib.error.HTTPError:
                return self  # it answers (e.g. 401): it is up
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"app did not start within {STARTUP_SECONDS}s:\n{self.output()}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=15)

    def kill(self) -> None:
        """SIGKILL, as a crash or a power cut would: nothing gets a chance to save on the way out."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=15)

    def output(self) -> str:
        try:
            return self.log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


# --- browser moves -----------------------------------------------------------------------------------


def open_app(page: Any, url: str) -> str:
    """Open the app, wait until a session is shown and named in the address; return the session id."""
    page.goto(url, wait_until="load")
    page.wait_for_function("new URL(location.href).searchParams.get('s')?.length === 32", timeout=30000)
    page.locator("#projects-table").get_by_test_id("cell-0-1").wait_for(timeout=30000)
    return page.evaluate("new URL(location.href).searchParams.get('s')")


def cell(page: Any, table: str, row: int, col: int) -> Any:
    """A table cell's text (without the menu and selection buttons a selected cell grows)."""
    return page.locator(f"#{table}").get_by_test_id(f"cell-{row}-{col}").locator("span[data-editable]")


def edit_cell(page: Any, table: str, row: int, col: int, text: str) -> None:
    """Double-click a table cell, replace its text and confirm with Enter, as an officer would."""
    target = page.locator(f"#{table}").get_by_test_id(f"cell-{row}-{col}")
    target.scroll_into_view_if_needed()
    target.dblclick()
    editor = page.locator(f"#{table} textarea[aria-label='Edit cell']")
    editor.wait_for()
    editor.fill(text)
    editor.press("Enter")


def show_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def chart_texts(page: Any) -> list[str]:
    """The words drawn in the budget chart (axis labels, legend), read from its SVG."""
    return page.locator("#budget-chart svg").first.evaluate(
        "svg => Array.from(svg.querySelectorAll('text')).map((t) => t.textContent)"
    )


def session_file(home: Path, session_id: str) -> Path:
    return home / "sessions" / session_id / "session.json"


def bot_messages(page: Any) -> Any:
    return page.locator("#chatbot [data-testid=bot]")


def say(page: Any, message: str) -> str:
    """Type a chat message and press Enter as an officer would; return the assistant's finished reply."""
    before = bot_messages(page).count()
    box = page.locator("#chat-input textarea")
    box.fill(message)
    box.press("Enter")
    page.wait_for_function(
        """(n) => {
            const bots = document.querySelectorAll('#chatbot [data-testid=bot]');
            return bots.length > n && !bots[bots.length - 1].innerText.includes('正在处理');
        }""",
        arg=before,
        timeout=60000,
    )
    page.wait_for_function("() => document.querySelector('#chat-input textarea').value === ''")
    return bot_messages(page).last.inner_text()


def pick_option(page: Any, dropdown: str, option: str) -> None:
    """Open a dropdown (by elem id) and choose the option whose text contains ``option``."""
    page.locator(f"#{dropdown} input").click()
    page.get_by_role("option", name=option, exact=False).first.click()


def saved_session(home: Path, session_id: str) -> dict[str, Any]:
    import json

    return json.loads(session_file(home, session_id).read_text(encoding="utf-8"))


def saved_session_when(
    home: Path, session_id: str, ready: Callable[[dict[str, Any]], bool], seconds: float = 30
) -> dict[str, Any]:
    """The saved session once ``ready`` holds: the page shows a reply before the server's save lands (a clean-clone
    CI run once took longer than 15 seconds for it, the test alone 16 s locally: the wait is generous, not exact)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            saved = saved_session(home, session_id)
            if ready(saved):
                return saved
        except (OSError, ValueError, LookupError):
            pass  # not written yet, caught mid-replace, or an earlier save without the part ``ready`` reads
        if time.monotonic() > deadline:
            return saved_session(home, session_id)
        time.sleep(0.2)


def current_session(page: Any) -> str:
    return page.evaluate("new URL(location.href).searchParams.get('s')")
