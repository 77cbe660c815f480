"""Fixtures for the browser tests: one app server per module, one browser per module, a fresh context
(fresh profile storage) per test, and a record of every request the page made."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.ui.harness import CHROMIUM, CHROMIUM_ARGS, AppServer, browser_missing


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    reason = browser_missing()
    if reason:
        pytest.fail(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        instance = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    """The app as an officer starts it (no model configured), on its own port and data directory."""
    with AppServer(tmp_path_factory.mktemp("ui-home")) as server:
        yield server


class PageRecorder:
    """Requests the page sent, so a test can prove the UI needs nothing beyond the local server."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def external(self) -> list[str]:
        local = ("http://127.0.0.1:", "ws://127.0.0.1:", "data:", "blob:", "about:")
        return [url for url in self.urls if not url.startswith(local)]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="zh-CN", accept_downloads=True
    )
    context.set_default_timeout(30000)
    recorder = PageRecorder()
    tab = context.new_page()
    tab.on("request", lambda request: recorder.urls.append(request.url))
    tab.recorder = recorder
    yield tab
    context.close()
