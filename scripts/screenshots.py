"""Take the README screenshots of the workspace: docs/ui-data.png, ui-chat.png (the interview), ui-report.png, ui-audit.png.

Starts ``python app.py`` on a free port with a throw-away JIXIAO_HOME (no model configured), drives Debian
chromium through Playwright and saves the screens. Run: ``.venv/bin/python scripts/screenshots.py``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHROMIUM = os.environ.get("JIXIAO_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]  # fmt: skip
VIEWPORT = {"width": 1440, "height": 1000}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(home: Path, port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JIXIAO_", "GRADIO_"))}
    env.update({"JIXIAO_HOME": str(home), "JIXIAO_PORT": str(port), "NO_PROXY": "127.0.0.1"})
    process = subprocess.Popen([sys.executable, str(ROOT / "app.py")], cwd=ROOT, env=env)
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("应用未能在 90 秒内启动")


def open_app(page: Page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function("new URL(location.href).searchParams.get('s')?.length === 32")
    page.locator("#projects-table").get_by_test_id("cell-0-1").wait_for()


def tab(page: Page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def shoot(page: Page, name: str, full: bool = False) -> None:
    page.wait_for_timeout(600)  # let the chart and fonts settle before the picture
    page.screenshot(path=str(DOCS / name), full_page=full)
    print(f"已保存 docs/{name}")


def data_screen(page: Page, url: str) -> None:
    """A sample with indicators: both tables, live scores and the budget chart."""
    open_app(page, url)
    page.locator("#sample-pick input").click()
    page.get_by_role("option", name="安澜", exact=False).first.click()
    page.click("#open-sample")
    expect(page.locator("#session-title")).to_contain_text("安澜")
    shoot(page, "ui-data.png", full=True)


def seed_screens(page: Page, url: str) -> None:
    open_app(page, url)
    tab(page, "对话")
    expect(page.locator("#chat-progress")).to_contain_text("还差")
    box = page.locator("#chat-input textarea")
    # The interview: the first two questions answered in everyday words, then a question about the data.
    for message in (
        "钱没花完主要是因为设备采购流标了，重新招标拖到了12月",
        "明年提前做好采购计划，加快验收和付款进度",
        "执行率不到90%的项目有几个？",
    ):
        box.fill(message)
        box.press("Enter")
        expect(page.locator("#chatbot")).to_contain_text(message)
        expect(page.locator("#chat-input textarea")).to_have_value("")
        page.wait_for_function("!document.querySelector('#chatbot').innerText.includes('正在处理')")
    expect(page.locator("#chatbot")).to_contain_text("执行率低于 90% 的项目有 1 个")
    shoot(page, "ui-chat.png")

    tab(page, "报告")
    page.click("#draft-btn")
    expect(page.locator("#findings-list .jx-finding").first).to_be_visible()
    page.locator("#findings-list a.jx-goto").first.click()
    page.evaluate(
        "window.scrollTo(0, document.querySelector('#report-preview').getBoundingClientRect().top + window.scrollY - 120)"
    )
    shoot(page, "ui-report.png")

    tab(page, "审核")
    page.locator("#audit-report-file input[type=file]").set_input_files(
        str(ROOT / "eval_data" / "seed_yushui_2022" / "report.txt")
    )
    expect(page.locator("#audit-msg")).to_contain_text("已读取")
    page.click("#audit-run")  # checked against its own score table (the default)
    expect(page.locator("#audit-findings .jx-finding").first).to_be_visible()
    page.locator("#audit-findings a.jx-goto").first.click()
    page.evaluate(
        "window.scrollTo(0, document.querySelector('#audit-msg').getBoundingClientRect().top + window.scrollY - 80)"
    )
    shoot(page, "ui-audit.png")


def main() -> int:
    DOCS.mkdir(exist_ok=True)
    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="jixiao-shots-") as home:
        app = start_app(Path(home), port)
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
                for take in (data_screen, seed_screens):
                    context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", device_scale_factor=1)
                    context.set_default_timeout(30000)
                    take(context.new_page(), url)
                    context.close()
                browser.close()
        finally:
            app.terminate()
            app.wait(timeout=15)
    return 0


if __name__ == "__main__":
    sys.exit(main())
