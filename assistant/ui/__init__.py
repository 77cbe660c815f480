"""The officer's web workspace (Gradio): the only package that imports gradio.

``build_app`` assembles the page (``layout``) from one module per tab (``data_tab``, ``chat_tab``,
``report_tab``, ``audit_tab``, ``sessions_tab``); ``panels`` fills the shared views from a session,
``views`` renders tables and HTML without gradio, ``guard`` is the error edge, ``server`` launches it
with the settings from ``config``. Sessions themselves live in ``assistant.workspace``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import gradio as gr


def build_app(*args: Any, **kwargs: Any) -> gr.Blocks:
    """See ``assistant.ui.layout.build_app`` (imported lazily: gradio is slow to import)."""
    from assistant.ui.layout import build_app as build

    return build(*args, **kwargs)


__all__ = ["build_app"]
