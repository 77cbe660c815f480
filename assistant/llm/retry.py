"""Retries for model calls: which failures are worth another try, how long to wait, and the run's call budget.

Transient failures (timeouts, dropped or refused connections, HTTP 429 and 5xx, an unreadable response body)
are retried with exponential backoff and full jitter, at most ``max_retries`` times; a 429's ``Retry-After`` is
honoured up to a cap. Every attempt, first or retried, takes one call from the run's shared ``CallBudget``,
which also holds the run's deadline: no attempt starts, and no wait is begun, past it.
What happened is recorded as ``RetryEvent``s in a ``RetryReport`` ("第五部分：429 限流，1.0 秒后重试") for the
report's notes. Other failures (400, 401, 403, 404) are not retried. The openai/httpx exception types are
inspected by name and attribute, so this module imports neither.
"""

from __future__ import annotations

import asyncio
import email.utils
import random
import threading
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TypeVar

from assistant.errors import JixiaoError
from assistant.llm.settings import LLMSettings, redact

T = TypeVar("T")


class ModelCallError(JixiaoError):
    """A model call failed for good (not retryable, or retries used up); the message is Chinese and redacted."""

    def __init__(self, message: str, *, kind: str = "error", attempts: int = 0) -> None:
        super().__init__(message)
        self.kind = kind
        self.attempts = attempts


class BudgetExhausted(ModelCallError):
    """The run used its ``call_budget``; remaining sections fall back to the template."""


class CallBudget:
    """How many model calls, and until when, the whole run may still make; shared by every section and thread.

    ``seconds`` (``JIXIAO_LLM_RUN_TIMEOUT``) starts counting when the budget is made, i.e. at the start of the
    run: no attempt starts and no retry waits past it, so a run lasts at most ``seconds`` plus one request.
    """

    def __init__(
        self, limit: int, seconds: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.used = 0
        self.seconds = seconds
        self._clock = clock
        self._deadline = None if seconds is None else clock() + seconds
        self._lock = threading.Lock()

    @property
    def remaining(self) -> int:
        return max(self.limit - self.used, 0)

    def seconds_left(self) -> float | None:
        """Time left before the run's deadline (None: no deadline)."""
        return None if self._deadline is None else self._deadline - self._clock()

    def out_of_time(self) -> BudgetExhausted:
        return BudgetExhausted(
            f"模型调用总时限已到（{self.seconds:g} 秒，JIXIAO_LLM_RUN_TIMEOUT）", kind="time_budget"
        )

    def take(self) -> None:
        """Count one call, or raise ``BudgetExhausted`` when none is left or the run's time is up."""
        with self._lock:
            left = self.seconds_left()
            if left is not None and left <= 0:
                raise self.out_of_time()
            if self.used >= self.limit:
                raise BudgetExhausted(
                    f"模型调用次数已达本次上限（{self.limit} 次，JIXIAO_LLM_CALL_BUDGET）", kind="budget"
                )
            self.used += 1


@dataclass(frozen=True)
class RetryEvent:
    """One retried failure: where (``label``), which attempt failed, why, and the wait before the next."""

    label: str
    attempt: int
    kind: str
    reason: str
    delay: float

    def __str__(self) -> str:
        return f"{self.label}：{self.reason}，{self.delay:.1f} 秒后重试（第 {self.attempt} 次重试）"


@dataclass
class RetryReport:
    """Every retry of a run, in the order they happened (thread-safe)."""

    events: list[RetryEvent] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def add(self, event: RetryEvent) -> None:
        with self._lock:
            self.events.append(event)

    def lines(self) -> list[str]:
        with self._lock:
            return [str(event) for event in self.events]


@dataclass(frozen=True)
class Failure:
    """A classified exception: a short kind, a Chinese reason, whether to retry, a server-asked wait."""

    kind: str
    reason: str
    retryable: bool
    retry_after: float | None = None


@dataclass
class RetryPolicy:
    """Backoff for attempt ``n`` (1-based retry number): uniform in [0, min(cap, base·2^(n-1))]."""

    max_retries: int = 3
    backoff_base: float = 1.0
    backoff_cap: float = 20.0
    retry_after_cap: float = 30.0
    rng: random.Random = field(default_factory=random.Random, repr=False)

    @classmethod
    def from_settings(cls, settings: LLMSettings) -> RetryPolicy:
        return cls(
            settings.max_retries, settings.backoff_base, settings.backoff_cap, settings.retry_after_cap
        )

    def delay(self, retry: int, failure: Failure) -> float:
        if failure.retry_after is not None:
            return max(0.0, min(failure.retry_after, self.retry_after_cap))
        ceiling = min(self.backoff_cap, self.backoff_base * (2 ** (retry - 1)))
        return self.rng.uniform(0, ceiling)


def classify(exc: BaseException) -> Failure:
    """Sort an exception from the openai/httpx stack into retryable or not, with a Chinese reason."""
    names = {cls.__name__ for cls in type(exc).__mro__}
    status = _status(exc)
    if status is not None and status < 400:
        status = None  # a 200 whose body could not be read: judged below as malformed
    if "APITimeoutError" in names or "TimeoutException" in names or isinstance(exc, TimeoutError):
        return Failure("timeout", "请求超时", True)
    if status == 429 or "RateLimitError" in names:
        return Failure("rate_limit", "429 限流", True, _retry_after(exc))
    if status is not None and status >= 500:
        return Failure("server", f"{status} 服务端错误", True, _retry_after(exc))
    if status is not None:
        return Failure("status", _status_reason(status), False)
    if "APIConnectionError" in names or "TransportError" in names or isinstance(exc, ConnectionError):
        return Failure("connection", "连接失败或中断", True)
    if "APIResponseValidationError" in names or isinstance(exc, ValueError):
        # JSONDecodeError is a ValueError; so is langchain's "No generation chunks were returned".
        return Failure("malformed", "返回内容无法解析", True)
    return Failure("error", f"调用出错（{type(exc).__name__}）", False)


def call_with_retry(
    fn: Callable[[], T],
    *,
    label: str,
    policy: RetryPolicy,
    budget: CallBudget,
    report: RetryReport,
    secrets: tuple[str | None, ...] = (),
    sleep: Callable[[float], None] = time.sleep,
    before_retry: Callable[[], None] | None = None,
) -> T:
    """Run ``fn`` with retries; raise ``ModelCallError`` (or ``BudgetExhausted``) when it fails for good."""
    retry = 0
    while True:
        budget.take()
        try:
            return fn()
        except Exception as exc:
            wait = _next_wait(exc, retry, label, policy, report, secrets, budget)
        retry += 1
        if before_retry:
            before_retry()
        sleep(wait)


async def acall_with_retry(
    fn: Callable[[], Awaitable[T]],
    *,
    label: str,
    policy: RetryPolicy,
    budget: CallBudget,
    report: RetryReport,
    secrets: tuple[str | None, ...] = (),
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    before_retry: Callable[[], None] | None = None,
) -> T:
    """The async twin of ``call_with_retry``."""
    retry = 0
    while True:
        budget.take()
        try:
            return await fn()
        except Exception as exc:
            wait = _next_wait(exc, retry, label, policy, report, secrets, budget)
        retry += 1
        if before_retry:
            before_retry()
        await sleep(wait)


def _next_wait(
    exc: Exception,
    retry: int,
    label: str,
    policy: RetryPolicy,
    report: RetryReport,
    secrets: tuple[str | None, ...],
    budget: CallBudget | None = None,
) -> float:
    """Record a retry and return its wait, or raise the final ``ModelCallError`` (never leaking a secret).

    A wait that would end past the run's deadline is not started: the call gives up at once.
    """
    if isinstance(exc, ModelCallError):
        raise exc
    failure = classify(exc)
    if not failure.retryable:
        raise ModelCallError(
            redact(f"{failure.reason}，不再重试", *secrets), kind=failure.kind, attempts=retry + 1
        ) from None
    if retry >= policy.max_retries:
        tries = f"已重试 {retry} 次仍失败" if retry else "未重试"
        raise ModelCallError(
            redact(f"{failure.reason}，{tries}", *secrets), kind=failure.kind, attempts=retry + 1
        ) from None
    wait = policy.delay(retry + 1, failure)
    left = budget.seconds_left() if budget is not None else None
    if budget is not None and left is not None and wait >= left:
        raise budget.out_of_time() from None
    report.add(RetryEvent(redact(label, *secrets), retry + 1, failure.kind, failure.reason, wait))
    return wait


def _status(exc: BaseException) -> int | None:
    code = getattr(exc, "status_code", None)
    if isinstance(code, int):
        return code
    response = getattr(exc, "response", None)
    code = getattr(response, "status_code", None)
    return code if isinstance(code, int) else None


def _retry_after(exc: BaseException) -> float | None:
    """Seconds from a ``Retry-After`` (or ``retry-after-ms``) header, if the server sent one."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    try:
        millis = headers.get("retry-after-ms")
        if millis is not None:
            return max(float(millis) / 1000, 0.0)
        value = headers.get("retry-after")
    except Exception:
        return None
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(when.timestamp() - time.time(), 0.0)


def _status_reason(status: int) -> str:
    reasons = {
        400: "400 请求被拒绝（请检查模型名称和参数）",
        401: "401 鉴权失败（请检查 JIXIAO_LLM_API_KEY）",
        403: "403 无权访问该模型",
        404: "404 接口或模型不存在（请检查 JIXIAO_LLM_BASE_URL 和 JIXIAO_LLM_MODEL）",
        413: "413 请求过长",
    }
    return reasons.get(status, f"HTTP {status} 错误")
