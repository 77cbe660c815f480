"""Start the workspace: read the settings, build the page, launch on 127.0.0.1 unless told otherwise.

Hardening lives here: analytics off, login on every route when ``JIXIAO_AUTH`` is set (pages, API, file
downloads), an upload size limit, no error details in the page, no API/footer links, no run history kept in
the browser, no server-side rendering process.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

from assistant.errors import InputError
from assistant.ui.config import USAGE, HelpRequested, UIConfig, jixiao_home, load_ui_config

log = logging.getLogger("jixiao.ui")


def prepare_environment() -> None:
    """Environment gradio reads at import time: analytics off, its file cache inside JIXIAO_HOME."""
    os.environ["GRADIO_ANALYTICS_ENABLED"] = "False"
    os.environ.setdefault("GRADIO_TEMP_DIR", str(jixiao_home() / "cache"))
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")


def launch_options(config: UIConfig) -> dict[str, Any]:
    from assistant.ui.style import CSS, TOAST_JS, theme

    return {
        "server_name": config.host,
        "server_port": config.port,
        "auth": config.auth or None,
        "auth_message": "请输入用户名和密码（由管理员在 JIXIAO_AUTH 中设置）。" if config.auth else None,
        "max_file_size": config.max_file_size,
        "show_error": False,
        "theme": theme(),
        "css": CSS,
        "js": TOAST_JS,
        "footer_links": [],
        "run_history": False,
        "ssr_mode": False,
        "mcp_server": False,
        "enable_monitoring": False,
        "share": False,
        "inbrowser": False,
        "quiet": True,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """``python app.py [--host H] [--port P]``: 0 when the server stops normally (or after ``--help``), 2 for a
    bad setting or option (printed in Chinese)."""
    try:
        config = load_ui_config(sys.argv[1:] if argv is None else argv)
    except HelpRequested:
        print(USAGE)
        return 0
    except InputError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    prepare_environment()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for library in (
        "httpx",
        "httpcore",
        "urllib3",
    ):  # their request lines are English and name endpoint addresses
        logging.getLogger(library).setLevel(logging.WARNING)
    from assistant.ui.layout import build_app

    demo = build_app()
    demo.queue(default_concurrency_limit=4)
    login = f"，需登录（{len(config.auth)} 个账号）" if config.auth else ""
    print(f"绩效自评助手已启动：http://{config.host}:{config.port}{login}（按 Ctrl+C 停止）", flush=True)
    demo.launch(**launch_options(config))
    return 0
