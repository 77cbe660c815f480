"""The one small interface the drafter talks to: ``ChatClient.complete``/``acomplete`` (messages in, ``Answer`` out).

Behind it sits a langchain chat model, by default ``ChatOpenAI`` against any OpenAI-compatible endpoint
(``build_chat_model``); tests may pass any langchain chat model instead. The client owns retries
(``assistant.llm.retry``; the HTTP client's own retries are off), the run's call and time budget, a total
time limit per streamed answer (``answer_timeout``: the HTTP timeout only bounds each read), the token limit
of each call (``max_tokens``: a section sizes its own) and says when an answer was cut off at it
(``Answer.cut_off``: the caller continues it), and token streaming:
with ``on_token`` the answer is streamed and each piece passed on as ``on_token(stream_id, text)``; an empty
``text`` means "discard what this stream showed so far" (sent before a retry or a re-ask).
langchain is imported inside functions only.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from assistant.llm.gate import PriorityGate, next_ticket
from assistant.llm.retry import (
    CallBudget,
    RetryPolicy,
    RetryReport,
    acall_with_retry,
    call_with_retry,
)
from assistant.llm.settings import LLMSettings

Message = tuple[str, str]  # (role, content); role is system, user or assistant
TokenCallback = Callable[[str, str], None]
RESET = ""  # on_token(stream_id, RESET): forget the text streamed so far for this stream

log = logging.getLogger("assistant.llm")


@dataclass(frozen=True)
class Answer:
    """A model's reply: its text, and whether it stopped at the token limit (``finish_reason`` "length")."""

    text: str
    cut_off: bool = False


def build_chat_model(settings: LLMSettings) -> Any:
    """A ``ChatOpenAI`` for the configured endpoint: no client retries, ``max_tokens`` sent both ways."""
    from langchain_openai import ChatOpenAI
    from pydantic import SecretStr

    return ChatOpenAI(
        base_url=settings.base_url,
        # An explicit key (a dummy for key-less local servers), so OPENAI_API_KEY never goes to a custom URL.
        api_key=settings.api_key or SecretStr("EMPTY"),
        model=settings.model or "",
        timeout=settings.timeout,
        max_retries=0,
        temperature=settings.temperature,
        max_tokens=settings.max_tokens,
        # Some OpenAI-compatible servers ignore langchain's max_completion_tokens.
        extra_body={"max_tokens": settings.max_tokens},
    )


def to_langchain(messages: Sequence[Message]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    return [kinds[role](content=content) for role, content in messages]


def message_text(message: Any) -> str:
    """The text of an AI message or chunk, whatever shape its content has (None for a refusal → "")."""
    content = getattr(message, "content", message)
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for block in content:
            if isinstance(block, str):
                parts.append(block)
            elif isinstance(block, dict) and block.get("type") in (None, "text"):
                parts.append(str(block.get("text", "")))
        return "".join(parts)
    return str(content)


_GATES: dict[tuple[str, int], PriorityGate] = {}
_GATES_LOCK = threading.Lock()


def request_gate(settings: LLMSettings) -> PriorityGate:
    """One gate per endpoint for the whole process: a batch drafting many cases at once keeps at most
    ``max_inflight`` requests in flight, the oldest run's first, while each case's CPU work overlaps the
    others' waiting."""
    key = (settings.base_url or "", settings.max_inflight)
    with _GATES_LOCK:
        gate = _GATES.get(key)
        if gate is None:
            gate = _GATES[key] = PriorityGate(settings.max_inflight)
        return gate


_MODELS: dict[tuple[Any, ...], Any] = {}
_MAX_MODELS = 8


def shared_chat_model(settings: LLMSettings) -> Any:
    """``build_chat_model``, once per distinct configuration in the process: runs share its HTTP connection
    pool (kept-alive connections, one TLS set-up) instead of building a client per case."""
    key = (settings.model_dump_json(), settings.secret())  # the dump masks the key; the tuple stays in memory
    with _GATES_LOCK:
        model = _MODELS.get(key)
    if model is None:
        model = build_chat_model(settings)  # outside the lock: the first build imports langchain (slow)
        with _GATES_LOCK:
            if len(_MODELS) >= _MAX_MODELS:  # a long-lived UI whose settings keep changing
                _MODELS.clear()
            model = _MODELS.setdefault(key, model)
    return model


class ChatClient:
    """Chat completions with retries, a shared call budget and optional streaming."""

    def __init__(
        self,
        settings: LLMSettings,
        *,
        chat_model: Any | None = None,
        budget: CallBudget | None = None,
        report: RetryReport | None = None,
        policy: RetryPolicy | None = None,
    ) -> None:
        self.settings = settings
        self._model = chat_model
        self.budget = budget or CallBudget(settings.call_budget, settings.run_timeout)
        self.report = report or RetryReport()
        self.policy = policy or RetryPolicy.from_settings(settings)
        self.priority = next_ticket()  # older runs are served first at the process-wide request gate
        self.sleep: Callable[[float], None] | None = None  # tests may replace the waits
        self.asleep: Callable[[float], Any] | None = None

    @property
    def model(self) -> Any:
        if self._model is None:
            self._model = shared_chat_model(self.settings)
        return self._model

    def redact(self, text: object) -> str:
        return self.settings.redact(text)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        label: str,
        stream_id: str | None = None,
        on_token: TokenCallback | None = None,
        max_tokens: int | None = None,
    ) -> Answer:
        """The model's answer to ``messages``; raises ``ModelCallError``/``BudgetExhausted`` when it fails."""
        lc_messages = to_langchain(messages)
        sink = _Sink(stream_id or label, on_token)
        limits = self._limits(max_tokens)
        gate = request_gate(self.settings)

        def once() -> Answer:
            _ = self.model  # built (langchain imported) before taking a slot, not while holding one
            with gate.hold(self.priority):  # held for the request only, never across a retry's wait
                return attempt()

        def attempt() -> Answer:
            if on_token is None:
                return _answer(self.model.invoke(lc_messages, **limits))
            clock = _AnswerClock(self.settings.answer_timeout)
            parts, last = [], None
            for chunk in self.model.stream(lc_messages, **limits):
                clock.check()
                sink.emit(message_text(chunk))
                parts.append(message_text(chunk))
                last = chunk if _finish_reason(chunk) else last
            return _answer(last, "".join(parts))

        kwargs: dict[str, Any] = {"sleep": self.sleep} if self.sleep else {}
        answer = call_with_retry(
            once,
            label=label,
            policy=self.policy,
            budget=self.budget,
            report=self.report,
            secrets=(self.settings.secret(),),
            before_retry=sink.reset,
            **kwargs,
        )
        log.debug("%s：收到 %d 字%s", label, len(answer.text), "（截断）" if answer.cut_off else "")
        return answer

    async def acomplete(
        self,
        messages: Sequence[Message],
        *,
        label: str,
        stream_id: str | None = None,
        on_token: TokenCallback | None = None,
        max_tokens: int | None = None,
    ) -> Answer:
        """The async twin of ``complete``."""
        lc_messages = to_langchain(messages)
        sink = _Sink(stream_id or label, on_token)
        limits = self._limits(max_tokens)
        gate = request_gate(self.settings)

        async def once() -> Answer:
            _ = self.model  # built before taking a slot, not while holding one
            while not gate.try_acquire(self.priority):  # polling keeps cancellation from leaking a slot
                await asyncio.sleep(0.005)
            try:
                return await attempt()
            finally:
                gate.release()

        async def attempt() -> Answer:
            if on_token is None:
                return _answer(await self.model.ainvoke(lc_messages, **limits))
            clock = _AnswerClock(self.settings.answer_timeout)
            parts, last = [], None
            async for chunk in self.model.astream(lc_messages, **limits):
                clock.check()
                sink.emit(message_text(chunk))
                parts.append(message_text(chunk))
                last = chunk if _finish_reason(chunk) else last
            return _answer(last, "".join(parts))

        kwargs: dict[str, Any] = {"sleep": self.asleep} if self.asleep else {}
        answer = await acall_with_retry(
            once,
            label=label,
            policy=self.policy,
            budget=self.budget,
            report=self.report,
            secrets=(self.settings.secret(),),
            before_retry=sink.reset,
            **kwargs,
        )
        log.debug("%s：收到 %d 字%s", label, len(answer.text), "（截断）" if answer.cut_off else "")
        return answer

    def _limits(self, max_tokens: int | None) -> dict[str, Any]:
        """Per-call token limit (never above the configured one), sent both ways like ``build_chat_model``."""
        if max_tokens is None:
            return {}
        limit = max(16, min(max_tokens, self.settings.max_tokens))
        return {"max_tokens": limit, "extra_body": {"max_tokens": limit}}


def _answer(message: Any, streamed: str | None = None) -> Answer:
    """The reply's text (``streamed`` when it came in pieces) and whether it stopped at the token limit."""
    text = streamed if streamed is not None else (message_text(message) if message is not None else "")
    return Answer(text, _finish_reason(message) == "length")


def _finish_reason(message: Any) -> str | None:
    metadata = getattr(message, "response_metadata", None) or {}
    reason = metadata.get("finish_reason") if isinstance(metadata, dict) else None
    return reason if isinstance(reason, str) else None


class AnswerTimeout(TimeoutError):
    """A streamed answer still arriving after ``answer_timeout`` (each read was quick, the whole was not)."""


class _AnswerClock:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.started = time.monotonic()

    def check(self) -> None:
        if time.monotonic() - self.started > self.seconds:
            raise AnswerTimeout(f"streamed answer exceeded {self.seconds:g} s")


class _Sink:
    """Passes streamed pieces on, and a reset when a failed attempt had shown some."""

    def __init__(self, stream_id: str, on_token: TokenCallback | None) -> None:
        self.stream_id = stream_id
        self.on_token = on_token
        self.shown = False

    def emit(self, text: str) -> None:
        if self.on_token is not None and text:
            self.shown = True
            self.on_token(self.stream_id, text)

    def reset(self) -> None:
        if self.on_token is not None and self.shown:
            self.shown = False
            self.on_token(self.stream_id, RESET)
