"""A process-wide cap on model requests in flight that serves the oldest run first.

A batch drafts many cases at once, each with several sections. With a plain semaphore every case advances
evenly, so all of them finish together and their CPU work (checking answers, rendering) piles up at the end,
when no request is waiting to hide it. Serving the run that started first lets cases finish one after
another: while one renders, the next ones' requests are already in flight.
"""

from __future__ import annotations

import heapq
import itertools
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_tickets = itertools.count()


def next_ticket() -> int:
    """A number that orders runs by when they started (lower = older = served first)."""
    return next(_tickets)


class PriorityGate:
    """At most ``slots`` holders at once; blocked callers are admitted lowest ``priority`` first (FIFO within
    one priority)."""

    def __init__(self, slots: int) -> None:
        if slots < 1:
            raise ValueError("slots must be at least 1")
        self.slots = slots
        self._held = 0
        self._waiting: list[tuple[int, int]] = []  # heap of (priority, arrival)
        self._arrivals = itertools.count()
        self._cond = threading.Condition()

    @property
    def held(self) -> int:
        return self._held

    def acquire(self, priority: int) -> None:
        """Block until a slot is free and no caller with a lower priority (or same, earlier) is waiting."""
        with self._cond:
            entry = (priority, next(self._arrivals))
            heapq.heappush(self._waiting, entry)
            try:
                while not (self._held < self.slots and self._waiting[0] == entry):
                    self._cond.wait()
            except BaseException:
                self._waiting.remove(entry)
                heapq.heapify(self._waiting)
                self._cond.notify_all()
                raise
            heapq.heappop(self._waiting)
            self._held += 1
            if self._held < self.slots and self._waiting:
                self._cond.notify_all()  # the next in line may fit too

    def try_acquire(self, priority: int) -> bool:
        """Take a slot without blocking if one is free and nobody more urgent is waiting for it."""
        with self._cond:
            if self._held >= self.slots or (self._waiting and self._waiting[0] < (priority, -1)):
                return False
            self._held += 1
            return True

    def release(self) -> None:
        with self._cond:
            if self._held <= 0:
                raise ValueError("release without acquire")
            self._held -= 1
            self._cond.notify_all()

    @contextmanager
    def hold(self, priority: int) -> Iterator[None]:
        self.acquire(priority)
        try:
            yield
        finally:
            self.release()
