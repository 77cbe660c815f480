"""What every tab's handlers share: the open sessions, the panels to refresh and the session-id holders."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import gradio as gr

from assistant.ui.panels import Panels, render_all
from assistant.ui.registry import Sessions
from assistant.workspace import Workspace

SET_URL_JS = """
(sid) => {
  if (sid) {
    const url = new URL(window.location.href);
    if (url.searchParams.get("s") !== sid) {
      url.searchParams.set("s", sid);
      window.history.replaceState(null, "", url.toString());
    }
  }
  return [];
}
"""


@dataclass
class Context:
    sessions: Sessions
    samples: dict[str, Path]
    sid: gr.Textbox
    last: gr.BrowserState
    panels: Panels | None = None

    @property
    def p(self) -> Panels:
        assert self.panels is not None, "panels are wired after every tab is built"
        return self.panels

    def switched(self, ws: Workspace) -> dict[Any, Any]:
        """Updates after the page switches to ``ws``: remember its id here and in the browser, show it."""
        return {self.sid: ws.id, self.last: ws.id, **render_all(ws, self.p)}

    def session_outputs(self) -> list[Any]:
        return [self.sid, self.last, *self.p.all()]

    def follow(self, event: Any) -> None:
        """After an event that may switch sessions, put the session id in the address bar (``?s=``)."""
        event.then(None, inputs=[self.sid], js=SET_URL_JS, api_visibility="private")
