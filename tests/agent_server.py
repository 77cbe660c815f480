"""The scripted OpenAI-compatible server (``tests/llm_server.py``) taught to answer with ``tool_calls``.

``ToolReply.calls(("update_field", {...}), …)`` answers with function calls (JSON, or SSE deltas when the
request streams, arguments split across chunks like real servers do); every other ``Reply`` works as before.

    with AgentServer(responder=script) as server:
        server.push(ToolReply.calls(("update_field", {"project": "七一", ...})), "已修改。")
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from typing import Any

from tests.llm_server import LLMServer, Reply, _Handler


@dataclass
class ToolReply(Reply):
    """A reply carrying function calls (and optionally some text before them)."""

    tool_calls: list[tuple[str, dict[str, Any] | str]] = field(default_factory=list)

    @classmethod
    def calls(cls, *calls: tuple[str, dict[str, Any] | str], content: str = "") -> ToolReply:
        """``args`` may be a dict, or a raw string (to send arguments that are not valid JSON)."""
        return cls(content=content, tool_calls=list(calls), finish_reason="tool_calls")

    def wire_calls(self) -> list[dict[str, Any]]:
        return [
            {
                "id": f"call_{n}",
                "type": "function",
                "function": {
                    "name": name,
                    "arguments": args if isinstance(args, str) else json.dumps(args, ensure_ascii=False),
                },
            }
            for n, (name, args) in enumerate(self.tool_calls, 1)
        ]


class _ToolHandler(_Handler):
    def _completion(self, reply: Reply) -> dict[str, Any]:
        payload = super()._completion(reply)
        if isinstance(reply, ToolReply) and reply.tool_calls:
            message = payload["choices"][0]["message"]
            message["tool_calls"] = reply.wire_calls()
            message["content"] = reply.content or None
        return payload

    def _send_stream(self, reply: Reply) -> None:
        if not (isinstance(reply, ToolReply) and reply.tool_calls):
            super()._send_stream(reply)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        first: dict[str, Any] = {"role": "assistant", "content": reply.content or ""}
        self._chunk(self._event(first, None))
        for index, call in enumerate(reply.wire_calls()):
            arguments = call["function"]["arguments"]
            half = len(arguments) // 2
            head = {
                "index": index,
                "id": call["id"],
                "type": "function",
                "function": {"name": call["function"]["name"], "arguments": arguments[:half]},
            }
            self._chunk(self._event({"tool_calls": [head]}, None))
            tail = {"index": index, "function": {"arguments": arguments[half:]}}
            self._chunk(self._event({"tool_calls": [tail]}, None))
        self._chunk(self._event({}, "tool_calls"))
        self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()


class AgentServer(LLMServer):
    """``LLMServer`` whose handler also speaks tool calls."""

    def start(self) -> AgentServer:
        handler = type("Handler", (_ToolHandler,), {"server_ref": self})
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True

        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="agent-server", daemon=True
        )
        self._thread.start()
        return self
