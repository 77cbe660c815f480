"""The process-wide request gate (a cap on requests in flight, oldest run first) and the shared chat model."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from assistant.llm.client import ChatClient, request_gate, shared_chat_model
from assistant.llm.gate import PriorityGate
from assistant.llm.settings import LLMSettings
from tests.llm_server import LLMServer, Reply


def wait_until(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


def waiting(gate: PriorityGate) -> int:
    with gate._cond:
        return len(gate._waiting)


def test_never_more_holders_than_slots() -> None:
    gate = PriorityGate(3)
    inside, peak, lock = 0, 0, threading.Lock()

    def work(priority: int) -> None:
        nonlocal inside, peak
        with gate.hold(priority):
            with lock:
                inside += 1
                peak = max(peak, inside)
            time.sleep(0.01)
            with lock:
                inside -= 1

    threads = [threading.Thread(target=work, args=(i % 4,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert peak == 3 and gate.held == 0


def test_waiters_are_admitted_lowest_priority_first_fifo_within_one() -> None:
    gate = PriorityGate(1)
    gate.acquire(0)
    order: list[str] = []

    def take(priority: int, name: str) -> None:
        gate.acquire(priority)
        order.append(name)
        gate.release()

    arrivals = [(5, "late run"), (1, "old run, first ask"), (3, "middle run"), (1, "old run, second ask")]
    threads = []
    for count, (priority, name) in enumerate(arrivals, start=1):
        threads.append(threading.Thread(target=take, args=(priority, name)))
        threads[-1].start()
        wait_until(lambda n=count: waiting(gate) == n)
    gate.release()
    for t in threads:
        t.join()
    assert order == ["old run, first ask", "old run, second ask", "middle run", "late run"]


def test_try_acquire_yields_to_a_more_urgent_waiter() -> None:
    gate = PriorityGate(1)
    gate.acquire(0)
    assert not gate.try_acquire(0)  # full
    blocked = threading.Thread(target=lambda: (gate.acquire(2), gate.release()))
    blocked.start()
    wait_until(lambda: waiting(gate) == 1)
    gate.release()
    blocked.join()
    assert gate.try_acquire(9) and gate.held == 1
    waiter = threading.Thread(target=lambda: (gate.acquire(2), gate.release()))
    waiter.start()
    wait_until(lambda: waiting(gate) == 1)
    gate.release()  # the waiter (2) is more urgent than a poller at 5, not than one at 1
    waiter.join()
    assert gate.try_acquire(1)
    gate.release()
    with pytest.raises(ValueError):
        gate.release()


def test_the_run_that_started_first_is_served_first() -> None:
    """Two clients (two cases of a batch) queue at a full gate; the older one's request goes out first."""
    with LLMServer(responder=lambda request: Reply(content="好")) as server:
        settings = LLMSettings(base_url=server.base_url, model="m", max_inflight=1, max_retries=0)
        older, newer = ChatClient(settings), ChatClient(settings)
        gate = request_gate(settings)
        gate.acquire(-1)  # the gate is full until both have queued
        threads = [
            threading.Thread(target=client.complete, args=([("user", label)],), kwargs={"label": label})
            for client, label in ((newer, "newer"), (older, "older"))
        ]
        for count, thread in enumerate(threads, start=1):
            thread.start()
            wait_until(lambda n=count: waiting(gate) == n, seconds=30)  # the first also imports langchain
        gate.release()
        for thread in threads:
            thread.join()
        assert [r.contents("user")[0] for r in server.chat_requests] == ["older", "newer"]


def test_runs_share_one_chat_model_per_configuration() -> None:
    base = {"base_url": "http://127.0.0.1:9/v1", "model": "m"}
    first = shared_chat_model(LLMSettings(**base, api_key="sk-one"))
    assert shared_chat_model(LLMSettings(**base, api_key="sk-one")) is first
    assert shared_chat_model(LLMSettings(**base, api_key="sk-two")) is not first  # a key change is seen
    assert shared_chat_model(LLMSettings(**base, api_key="sk-one", temperature=0.9)) is not first


def test_a_batch_builds_the_shared_model_before_its_workers_only_when_it_will_use_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from assistant.llm import client
    from assistant.llm.settings import load_llm_settings
    from assistant.pipeline import prepare_llm

    monkeypatch.setattr(client, "_MODELS", {})
    prepare_llm("auto")  # no endpoint configured
    prepare_llm("on")  # nor here: the per-case error says so in Chinese, not the warm-up
    assert client._MODELS == {}
    monkeypatch.setenv("JIXIAO_LLM_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("JIXIAO_LLM_MODEL", "m")
    prepare_llm("off")
    assert client._MODELS == {}
    prepare_llm("auto")
    [built] = client._MODELS.values()
    assert shared_chat_model(load_llm_settings()) is built
