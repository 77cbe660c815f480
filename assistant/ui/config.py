"""Server settings for the web UI from ``JIXIAO_*`` environment variables (no gradio import here).

``JIXIAO_HOST`` (default 127.0.0.1, never all interfaces unless asked), ``JIXIAO_PORT`` (default 7860),
``JIXIAO_AUTH`` ("user:pass,user2:pass2", optional login on every route) and the upload limits. A bad value
is an ``InputError`` with a Chinese message, so ``python app.py`` fails with one line, not a traceback.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from assistant.errors import InputError

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
MAX_UPLOAD = "10mb"
CASE_TYPES = [".yaml", ".yml", ".json", ".xlsx"]
REPORT_TYPES = [".txt", ".md", ".docx", ".pdf"]
REPO_ROOT = Path(__file__).resolve().parents[2]
SAMPLES_DIR = REPO_ROOT / "eval_data"
SAMPLE_CASE = SAMPLES_DIR / "seed_yushui_2022" / "data.yaml"


@dataclass(frozen=True)
class UIConfig:
    """Where to listen and who may log in."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    auth: list[tuple[str, str]] = field(default_factory=list)
    max_file_size: str = MAX_UPLOAD


def jixiao_home() -> Path:
    """The data directory (sessions, exports, UI secret): ``$JIXIAO_HOME`` or ``~/.jixiao``."""
    return Path(os.environ.get("JIXIAO_HOME") or Path.home() / ".jixiao").expanduser()


def parse_auth(text: str | None) -> list[tuple[str, str]]:
    """ "user:pass,user2:pass2" → [(user, pass), …]; empty means no login. Passwords may contain ':'."""
    if not text or not text.strip():
        return []
    pairs = []
    for item in text.split(","):
        item = item.strip()
        user, sep, password = item.partition(":")
        if not item or not sep or not user.strip() or not password:
            raise InputError.single(
                "JIXIAO_AUTH 格式应为“用户名:密码”，多个用英文逗号分隔（如 officer:secret,reviewer:secret2）"
            )
        pairs.append((user.strip(), password))
    return pairs


def parse_port(text: str | None, name: str = "JIXIAO_PORT") -> int:
    if text is None or not text.strip():
        return DEFAULT_PORT
    try:
        port = int(text.strip())
    except ValueError:
        raise InputError.single(f"{name} 应为 1–65535 之间的整数（当前为「{text}」）") from None
    if not 1 <= port <= 65535:
        raise InputError.single(f"{name} 应为 1–65535 之间的整数（当前为「{text}」）")
    return port


USAGE = f"""用法：python app.py [--host 地址] [--port 端口]

启动绩效自评助手网页（默认 http://{DEFAULT_HOST}:{DEFAULT_PORT}，已载入示例案例）。

选项：
  --host 地址   监听地址（默认 {DEFAULT_HOST}，只允许本机访问；也可用环境变量 JIXIAO_HOST）
  --port 端口   监听端口（默认 {DEFAULT_PORT}；也可用环境变量 JIXIAO_PORT）
  -h, --help    显示本帮助并退出

登录（JIXIAO_AUTH）、数据目录（JIXIAO_HOME）与模型服务（JIXIAO_LLM_*）见 README。"""


class HelpRequested(Exception):
    """``python app.py --help``: print USAGE and stop, exit 0."""


class _Parser(argparse.ArgumentParser):
    """argparse that says what is wrong in Chinese (its own messages are English) and never exits by itself."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise InputError.single(f"命令行参数有误：{_chinese(message)}（运行 python app.py --help 查看用法）")


def _chinese(message: str) -> str:
    if message.startswith("unrecognized arguments: "):
        return "不认识的参数 " + message.removeprefix("unrecognized arguments: ")
    if message.startswith("argument ") and "expected one argument" in message:
        return message.removeprefix("argument ").split(":")[0] + " 后面需要给出一个值"
    return message


def command_line(argv: Sequence[str]) -> dict[str, str]:
    """``--host`` / ``--port`` given on the command line (they win over the environment)."""
    parser = _Parser(add_help=False, allow_abbrev=False)
    parser.add_argument("-h", "--help", action="store_true")
    parser.add_argument("--host")
    parser.add_argument("--port")
    options = parser.parse_args(list(argv))
    if options.help:
        raise HelpRequested
    return {key: value for key in ("host", "port") if (value := getattr(options, key)) is not None}


def load_ui_config(argv: Sequence[str] = ()) -> UIConfig:
    """Read the UI settings from the command line, then the environment."""
    given = command_line(argv)
    host = (given.get("host") or os.environ.get("JIXIAO_HOST") or DEFAULT_HOST).strip() or DEFAULT_HOST
    port = (
        parse_port(given["port"], "--port") if "port" in given else parse_port(os.environ.get("JIXIAO_PORT"))
    )
    return UIConfig(host=host, port=port, auth=parse_auth(os.environ.get("JIXIAO_AUTH")))


def bundled_samples(root: Path = SAMPLES_DIR) -> dict[str, Path]:
    """Sample cases shipped in eval_data: label (directory name) → data file."""
    if not root.is_dir():
        return {}
    return {path.parent.name: path for path in sorted(root.glob("*/data.yaml"))}


def browser_secret(home: Path | None = None) -> str:
    """A per-installation key for the browser's remembered session id (kept in JIXIAO_HOME, mode 0600).

    It must survive restarts: with a fresh random key each start the browser could not read the id back.
    """
    import secrets

    from assistant.fsutil import atomic_write_text

    path = (home or jixiao_home()) / "ui-secret"
    try:
        text = path.read_text(encoding="utf-8").strip()
        if len(text) >= 16:
            return text
    except OSError:
        pass
    text = secrets.token_hex(16)
    atomic_write_text(path, text + "\n")
    try:
        path.chmod(0o600)
    except OSError:
        pass
    return text
