"""The UI's one error edge: a user's mistake becomes its Chinese message, anything else a plain apology.

Handlers are wrapped with ``guarded``: an ``InputError`` is shown as is (it was written for the officer);
any other exception is logged server-side with the API key redacted and shown as “内部错误…”, never as a
traceback. ``JIXIAO_DEBUG=1`` adds the exception type to the message for developers.
"""

from __future__ import annotations

import functools
import inspect
import logging
import os
import traceback
from collections.abc import Callable
from typing import Any

import gradio as gr

from assistant.errors import JixiaoError

log = logging.getLogger("jixiao.ui")
INTERNAL = "内部错误：操作没有完成，已保存的数据未受影响。请重试；如仍出错，请联系管理员查看服务器日志。"


def redact_secrets(text: str) -> str:
    """Remove the configured model API key from ``text`` (best effort: bad settings change nothing)."""
    try:
        from assistant.llm.settings import load_llm_settings

        return load_llm_settings().redact(text)
    except Exception:  # settings themselves may be invalid; nothing to redact then
        key = os.environ.get("JIXIAO_LLM_API_KEY")
        return text.replace(key, "***") if key and len(key) >= 4 else text


def user_message(exc: BaseException) -> str:
    """What the officer sees for ``exc``; logs the details of unexpected errors."""
    if isinstance(exc, JixiaoError):
        return str(exc)
    log.error("unexpected error in UI handler:\n%s", redact_secrets("".join(traceback.format_exception(exc))))
    if os.environ.get("JIXIAO_DEBUG"):
        return f"{INTERNAL}（{type(exc).__name__}）"
    return INTERNAL


def to_gradio_error(exc: BaseException) -> gr.Error:
    title = "输入有误" if isinstance(exc, JixiaoError) else "出错了"
    return gr.Error(user_message(exc), title=title, print_exception=False)


def guarded(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a Gradio handler (plain or generator) so that no traceback ever reaches the page."""
    if inspect.isgeneratorfunction(fn):

        @functools.wraps(fn)
        def gen_wrapper(*args: Any, **kwargs: Any) -> Any:
            try:
                yield from fn(*args, **kwargs)
            except gr.Error:
                raise
            except Exception as exc:
                raise to_gradio_error(exc) from None

        return gen_wrapper

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except Exception as exc:
            raise to_gradio_error(exc) from None

    return wrapper
