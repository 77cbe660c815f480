"""Over plain HTTP (no browser): the app serves downloads only from gradio's file cache, never the session store
or other server files; gradio's analytics are switched off before gradio is imported."""

from __future__ import annotations

import os
from collections.abc import Iterator

import httpx
import pytest

from assistant.ui.server import prepare_environment
from tests.ui.harness import AppServer


@pytest.fixture(scope="module")
def open_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    with AppServer(tmp_path_factory.mktemp("downloads-home")) as server:
        yield server


def test_downloads_come_only_from_the_gradio_cache(open_app: AppServer) -> None:
    home = open_app.home
    export = home / "cache" / "jixiao-exports" / ("b" * 32) / "报告.md"
    export.parent.mkdir(parents=True, exist_ok=True)
    export.write_text("# 绩效自评报告\n", encoding="utf-8")
    private = home / "sessions" / ("c" * 32) / "session.json"
    private.parent.mkdir(parents=True, exist_ok=True)
    private.write_text('{"secret": "未公开数据"}', encoding="utf-8")
    with httpx.Client(timeout=10, trust_env=False) as client:
        served = client.get(f"{open_app.url}gradio_api/file={export}")
        assert served.status_code == 200 and served.text == "# 绩效自评报告\n"
        for path in (private, "/etc/passwd", f"{home}/cache/../sessions/{'c' * 32}/session.json"):
            refused = client.get(f"{open_app.url}gradio_api/file={path}")
            assert refused.status_code in (403, 404), (path, refused.status_code)
            assert "未公开数据" not in refused.text and "root:" not in refused.text


def test_gradio_analytics_are_off(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GRADIO_TEMP_DIR", "HF_HUB_OFFLINE", "HF_HUB_DISABLE_TELEMETRY"):
        monkeypatch.setenv(name, "kept")
    monkeypatch.setenv("GRADIO_ANALYTICS_ENABLED", "True")  # even when the deployment turned them on
    prepare_environment()
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
