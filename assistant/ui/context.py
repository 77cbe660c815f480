"""What every tab's handlers share: the open sessions, the panels to refresh and the session-id holders.

Switching sessions (upload, sample, the sessions tab, a page load) goes through ``switched``: the chat is opened
with the interview's first question if it is empty, every panel is redrawn with its message lines cleared, and
each tab that keeps its own state in the session (``on_switch``) shows that session's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
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
Restorer = Callable[[Workspace], dict[Any, Any]]


@dataclass
class Context:
    sessions: Sessions
    samples: dict[str, Path]
    sid: gr.Textbox
    last: gr.BrowserState
    message_lines: list[Any] = field(default_factory=list)  # cleared on a switch (e.g. the sessions tab's)
    panels: Panels | None = None
    _restorers: list[tuple[list[Any], Restorer]] = field(default_factory=list)

    @property
    def p(self) -> Panels:
        assert self.panels is not None, "panels are wired after every tab is built"
        return self.panels

    def on_switch(self, outputs: list[Any], restore: Restorer) -> None:
        """Register a tab's own session state (``outputs`` filled by ``restore``) to show on every switch."""
        self._restorers.append((outputs, restore))

    def switched(self, ws: Workspace) -> dict[Any, Any]:
        """Updates after the page switches to ``ws``: remember its id here and in the browser, show it."""
        from assistant.chat import greet

        greet(ws)
        updates: dict[Any, Any] = {self.sid: ws.id, self.last: ws.id, **render_all(ws, self.p)}
        updates.update({line: "" for line in self.message_lines})
        for _, restore in self._restorers:
            updates.update(restore(ws))
        return updates

    def session_outputs(self) -> list[Any]:
        extra = [c for outputs, _ in self._restorers for c in outputs]
        seen: list[Any] = []
        for component in [self.sid, self.last, *self.p.all(), *self.message_lines, *extra]:
            if all(component is not other for other in seen):
                seen.append(component)
        return seen

    def follow(self, event: Any) -> None:
        """After an event that may switch sessions, put the session id in the address bar (``?s=``)."""
        event.then(None, inputs=[self.sid], js=SET_URL_JS, api_visibility="private")
