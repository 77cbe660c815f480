"""A scripted OpenAI-compatible HTTP server on 127.0.0.1 for tests and benchmarks (stdlib only).

It speaks ``POST /v1/chat/completions`` (JSON, or SSE when ``stream: true``) and ``GET /v1/models``, records
every request (path, headers, JSON body) and answers from a script: a queue of ``Reply``s, a responder
function of the request, or a default. A ``Reply`` can be text, an HTTP status with headers (429 +
Retry-After, 500, 503), a delay (for timeouts), a malformed body, an empty answer, a connection dropped
half-way through the response or closed without one, or an answer trickled out slowly (``chunk_delay``).

    with LLMServer(responder=competent) as server:      # or the ``llm_server`` pytest fixture
        settings = LLMSettings(base_url=server.base_url, model="test", _env_file=None)

``LLMServer.fixed_latency(ms)`` answers every request with a valid slot-only text after ``ms`` milliseconds
(for benchmarks). ``competent_answer(request)`` builds that text from the section prompt itself (it reads the
must-cover list, the slot list and the markers to keep), so it passes the drafter's checks.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# --- replies -----------------------------------------------------------------------------------------


@dataclass
class Reply:
    """One scripted answer."""

    content: str | None = ""
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    raw: bytes | None = None  # the body as-is (malformed JSON, HTML error pages)
    drop: bool = False  # send part of the response, then close the connection
    finish_reason: str = "stop"
    chunk_delay: float = 0.0  # pause between streamed chunks or body pieces (slow overall)
    hangup: bool = False  # close the connection without sending any response

    @classmethod
    def text(cls, content: str, delay: float = 0.0) -> Reply:
        return cls(content=content, delay=delay)

    @classmethod
    def error(cls, status: int, retry_after: float | str | None = None, message: str = "error") -> Reply:
        headers = {} if retry_after is None else {"Retry-After": str(retry_after)}
        body = json.dumps({"error": {"message": message, "type": "server_error", "code": status}})
        return cls(status=status, headers=headers, raw=body.encode())

    @classmethod
    def malformed(cls) -> Reply:
        return cls(raw=b'{"id": "x", "choices": [{"message": {"content": "\xe6\x9c\xaa')

    @classmethod
    def empty(cls) -> Reply:
        return cls(content="")

    @classmethod
    def dropped(cls) -> Reply:
        return cls(content="连接将在回答中途断开。" * 20, drop=True)

    @classmethod
    def slow(cls, seconds: float, content: str = "迟到的回答。") -> Reply:
        return cls(content=content, delay=seconds)

    @classmethod
    def trickle(cls, content: str, chunk_delay: float) -> Reply:
        return cls(content=content, chunk_delay=chunk_delay)

    @classmethod
    def hung_up(cls) -> Reply:
        return cls(hangup=True)


ReplyLike = Reply | str
Responder = Callable[["Recorded"], ReplyLike | None]


@dataclass
class Recorded:
    """A request as the server saw it."""

    method: str
    path: str
    headers: dict[str, str]
    raw: bytes
    body: dict[str, Any] | None

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list((self.body or {}).get("messages") or [])

    def contents(self, role: str | None = None) -> list[str]:
        return [str(m.get("content") or "") for m in self.messages if role is None or m.get("role") == role]

    @property
    def system(self) -> str:
        return "\n".join(self.contents("system"))

    @property
    def prompt(self) -> str:
        """The first user message: the section prompt."""
        users = self.contents("user")
        return users[0] if users else ""

    @property
    def last(self) -> str:
        """The last user message (the re-ask, when there is one)."""
        users = self.contents("user")
        return users[-1] if users else ""

    @property
    def is_reask(self) -> bool:
        return len(self.contents("user")) > 1

    @property
    def stream(self) -> bool:
        return bool((self.body or {}).get("stream"))

    @property
    def heading(self) -> str:
        """The section heading the prompt asks for, without its number (四、 / （一） / 1.)."""
        return section_heading(self.prompt)


def section_heading(prompt: str) -> str:
    match = re.search(r"请撰写报告中“(.+?)”一节", prompt)
    if not match:
        return ""
    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", match.group(1))


# --- the server --------------------------------------------------------------------------------------


class LLMServer:
    """An OpenAI-compatible chat server on a random free port, answering from a script."""

    def __init__(
        self,
        responder: Responder | None = None,
        *,
        default: ReplyLike | Responder | None = None,
        model: str = "scripted-model",
        chunk_chars: int = 8,
    ) -> None:
        self.responder = responder
        self.default = default
        self.model = model
        self.chunk_chars = chunk_chars
        self.queue: deque[ReplyLike] = deque()
        self.requests: list[Recorded] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- lifecycle ---

    @classmethod
    def fixed_latency(cls, ms: float, **kwargs: Any) -> LLMServer:
        """Every request answered with ``competent_answer`` after ``ms`` milliseconds."""

        def answer(request: Recorded) -> Reply:
            return Reply(content=competent_answer(request), delay=ms / 1000)

        return cls(responder=answer, **kwargs)

    def start(self) -> LLMServer:
        handler = type("Handler", (_Handler,), {"server_ref": self})
        self._httpd = _Server(("127.0.0.1", 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="llm-server", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> LLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._httpd is not None, "server not started"
        return self._httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    # --- script ---

    def push(self, *replies: ReplyLike) -> None:
        with self._lock:
            self.queue.extend(replies)

    @property
    def chat_requests(self) -> list[Recorded]:
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def next_reply(self, request: Recorded) -> Reply:
        reply: ReplyLike | None = None
        if self.responder is not None:
            reply = self.responder(request)
        if reply is None:
            with self._lock:
                reply = self.queue.popleft() if self.queue else None
        if reply is None:
            default = self.default
            reply = default(request) if callable(default) else default
        if reply is None:
            reply = Reply.error(500, message="script exhausted")
        return Reply.text(reply) if isinstance(reply, str) else reply

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def wait(self, seconds: float) -> None:
        self._stopping.wait(seconds)


class _Server(ThreadingHTTPServer):
    # socketserver's default listen backlog is 5: a burst of new connections beyond it has its SYNs dropped
    # and retried a second later, a delay no real model server (nginx, uvicorn: 511 and up) would add.
    request_queue_size = 512


class _Handler(BaseHTTPRequestHandler):
    server_ref: LLMServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        return

    def _read(self) -> Recorded:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        headers = {k.lower(): v for k, v in self.headers.items()}
        return Recorded(self.command, self.path, headers, raw, body)

    def do_GET(self) -> None:
        request = self._read()
        self.server_ref.record(request)
        if self.path.rstrip("/").endswith("/models"):
            payload = {"object": "list", "data": [{"id": self.server_ref.model, "object": "model"}]}
            self._send_json(200, payload)
        else:
            self._send_json(404, {"error": {"message": "not found"}})

    def do_POST(self) -> None:
        request = self._read()
        self.server_ref.record(request)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._send_json(404, {"error": {"message": "not found"}})
            return
        reply = self.server_ref.next_reply(request)
        if reply.delay:
            self.server_ref.wait(reply.delay)
        if reply.hangup:
            self.close_connection = True
            return
        try:
            if reply.status != 200 or reply.raw is not None:
                self._send_raw(reply)
            elif request.stream:
                self._send_stream(reply)
            else:
                self._send_completion(reply)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            pass  # the client gave up (timeout): nothing to do

    # --- writers ---

    def _send_json(self, status: int, payload: dict[str, Any]) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _send_raw(self, reply: Reply) -> None:
        body = reply.raw or b""
        self.send_response(reply.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _completion(self, reply: Reply) -> dict[str, Any]:
        return {
            "id": "chatcmpl-scripted",
            "object": "chat.completion",
            "created": int(time.time()),
            "model": self.server_ref.model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": reply.content},
                    "finish_reason": reply.finish_reason,
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }

    def _send_completion(self, reply: Reply) -> None:
        body = json.dumps(self._completion(reply), ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if reply.drop:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            self.close_connection = True
            return
        if reply.chunk_delay:
            for start in range(0, len(body), 64):
                self.wfile.write(body[start : start + 64])
                self.wfile.flush()
                self.server_ref.wait(reply.chunk_delay)
            return
        self.wfile.write(body)

    def _send_stream(self, reply: Reply) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        for name, value in reply.headers.items():
            self.send_header(name, value)
        self.end_headers()
        text = reply.content or ""
        size = self.server_ref.chunk_chars
        pieces = [text[i : i + size] for i in range(0, len(text), size)] or [""]
        if reply.drop:
            pieces = pieces[: max(1, len(pieces) // 2)]
        for n, piece in enumerate(pieces):
            delta: dict[str, Any] = {"content": piece}
            if n == 0:
                delta["role"] = "assistant"
            self._chunk(self._event(delta, None))
            if reply.chunk_delay:
                self.server_ref.wait(reply.chunk_delay)
        if reply.drop:
            self.wfile.write(b'40\r\ndata: {"trunc')  # half a chunk, then the connection goes away
            self.wfile.flush()
            self.close_connection = True
            return
        self._chunk(self._event({}, reply.finish_reason))
        self._chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _event(self, delta: dict[str, Any], finish: str | None) -> bytes:
        payload = {
            "id": "chatcmpl-scripted",
            "object": "chat.completion.chunk",
            "created": int(time.time()),
            "model": self.server_ref.model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return b"data: " + json.dumps(payload, ensure_ascii=False).encode() + b"\n\n"

    def _chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


# --- scripts -----------------------------------------------------------------------------------------


def by_section(
    script: dict[str, Iterable[ReplyLike | Responder]],
    default: ReplyLike | Responder | None = None,
) -> Responder:
    """A responder answering each section (keyed by its heading without number) from its own queue.

    Sections are drafted concurrently, so one global queue would be served in no fixed order. A queue item
    may be a function of the request. When a section's queue is empty, ``default`` answers.
    """
    queues = {heading: deque(items) for heading, items in script.items()}
    lock = threading.Lock()

    def respond(request: Recorded) -> ReplyLike | None:
        with lock:
            queue = queues.get(request.heading)
            item = queue.popleft() if queue else None
        if item is None:
            item = default
        return item(request) if callable(item) else item

    return respond


_LINE = re.compile(r"^- (.*)$", re.M)
_SLOT_LINE = re.compile(r"^(\{\{[^{}]+\}\}) = ", re.M)
_MARK = re.compile(r"【待(?:补充|核实)：[^】]*】")


def prompt_slots(prompt: str) -> set[str]:
    """The slot keys the prompt lists as available."""
    return {m.group(1)[2:-2] for m in _SLOT_LINE.finditer(prompt)}


def competent_answer(request: Recorded | str, opening: str = "") -> str:
    """A valid slot-only section text built from the prompt: what a careful model would write.

    For each must-cover line naming a project it writes the template's own sentence shapes (figures,
    indicator sentences, quoted causes and measures via slots) and keeps every 【待补充】 marker.
    """
    prompt = request.prompt if isinstance(request, Recorded) else request
    slots = prompt_slots(prompt)
    paragraphs = [opening] if opening else []
    for line in _LINE.findall(prompt):
        paragraphs.extend(_cover(line, slots))
    keep = re.search(r"以下标记必须原样写入正文[^：]*：(.+)", prompt)
    written = "".join(paragraphs)
    if keep:
        missing = [m for m in _MARK.findall(keep.group(1)) if m not in written]
        if missing:
            paragraphs.append("".join(missing))
    if not paragraphs:
        paragraphs.append("{{unit.self}}各项目均按计划执行，未发现明显偏离绩效目标的情况。")
    return "\n\n".join(paragraphs)


def _cover(line: str, slots: set[str]) -> list[str]:
    match = re.match(r"\{\{(p\d+)\.label\}\}：(.*)", line)
    if not match:
        if "{{unit.background}}" in line:
            return ["{{unit.background}}。"]
        if "各项目均按计划执行" in line:
            return ["{{unit.self}}各项目均按计划执行，未发现明显偏离绩效目标的情况。"]
        return []
    p, rest = match.groups()
    label = "{{" + p + ".label}}"
    out = []

    def has(key: str) -> bool:
        return key in slots

    if "全年预算数、全年执行数" in rest or "低于{{rules.explain_rate_below}}%" in rest:
        money = "{{unit.money_unit}}"
        clauses = [f"全年预算数{{{{{p}.budget}}}}{money}", f"全年执行数{{{{{p}.executed}}}}{money}"]
        if has(f"{p}.rate"):
            clauses.append(f"预算执行率{{{{{p}.rate}}}}%")
        if "低于{{rules.explain_rate_below}}%" in rest:
            clauses.append("低于{{rules.explain_rate_below}}%")
        if "自评得分和等级" in rest and has(f"{p}.score") and has(f"{p}.grade"):
            clauses.append(f"自评得分{{{{{p}.score}}}}分，等级为“{{{{{p}.grade}}}}”")
        out.append(label + "，".join(clauses) + "。")
    for key in ("background", "goal", "outcome"):
        if "{{" + f"{p}.{key}" + "}}" in rest:
            word = {"background": "背景", "goal": "年度总体目标", "outcome": "实际完成情况"}[key]
            out.append(f"{label}{word}：{{{{{p}.{key}}}}}。")
    if "未填报年度总体目标" in rest:
        out.append(f"{label}尚未填报年度总体目标。")
    if "设置绩效指标" in rest and has(f"{p}.indicators"):
        out.append(f"{label}设置绩效指标{{{{{p}.indicators}}}}个。")
    for i in re.findall(r"“\{\{(" + p + r"\.i\d+)\.name\}\}”", rest):
        out.append(_indicator(label, i, slots))
    notes = re.findall(r"\{\{(" + p + r"\.i\d+)\.note\}\}", rest)
    for i in notes:
        out.append(f"{label}“{{{{{i}.name}}}}”指标偏差原因分析及改进措施：{{{{{i}.note}}}}。")
    for key, word in (("cause", "偏差原因"), ("measure", "改进措施")):
        if "{{" + f"{p}.{key}" + "}}" in rest:
            out.append(f"{label}{word}：{{{{{p}.{key}}}}}。")
    marks = list(dict.fromkeys(_MARK.findall(rest)))
    for mark in marks:
        word = "偏差原因" if "偏差原因" in mark else "改进措施" if "改进措施" in mark else "有关情况"
        out.append(f"{label}{word}：{mark}。")
    if not out:
        out.append(f"{label}有关情况见事实表填报内容。")
    return out


def _indicator(label: str, i: str, slots: set[str]) -> str:
    head = f"{label}“{{{{{i}.name}}}}”指标"
    unit = f"{{{{{i}.unit}}}}" if f"{i}.unit" in slots else ""
    if f"{i}.tier" in slots:
        clauses = [head + f"评价为“{{{{{i}.tier}}}}”"]
    elif f"{i}.target" in slots and f"{i}.actual" in slots:
        clauses = [head + f"年度指标值{{{{{i}.target}}}}{unit}", f"实际完成值{{{{{i}.actual}}}}{unit}"]
        if f"{i}.completion" in slots:
            clauses.append(f"完成率{{{{{i}.completion}}}}%")
    else:
        clauses = [head + "已按计划评价"]
    if f"{i}.score" in slots:
        clauses.append(f"得分{{{{{i}.score}}}}分（分值{{{{{i}.points}}}}分）")
    return "，".join(clauses) + "。"
