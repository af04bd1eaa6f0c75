"""Single flight: concurrent requests for the same missing value compute it once.

In one process, the first request for a key leads: it computes the value, and every other
request for that key waits for its outcome instead of computing it too. The flights are
``concurrent.futures.Future`` objects, so a waiter may be a coroutine on any event loop (an
ASGI server's, or the one a WSGI request starts for its async values) or a plain thread (a WSGI
worker): one registry serves them all.

Across processes, the leader takes a lock through the cache backend's ``add`` (atomic on every
backend Django ships). A process that finds the lock taken polls the cache for the value, and
computes it itself once the lock's timeout has passed (its holder may have died).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import threading
import time
from collections.abc import Iterator
from typing import Any

__all__ = [
    "POLL_INTERVALS",
    "Abandoned",
    "Flight",
    "await_outcome",
    "claim",
    "land",
    "poll_intervals",
    "wait_outcome",
]

#: How long a waiter in another process sleeps between looks at the cache: short at first,
#: then at most the last interval, until the lock's timeout.
POLL_INTERVALS = (0.01, 0.02, 0.05, 0.1)

_flights: dict[str, concurrent.futures.Future[Any]] = {}
_lock = threading.Lock()


class Abandoned(Exception):  # noqa: N818 - what happened to the flight, not an error of yours
    """The leader stopped before it had an outcome (its request was cancelled): waiters compute
    the value themselves."""


class Flight:
    """One request's part in computing the value of a key: the leader's, or a waiter's."""

    def __init__(self, key: str, future: concurrent.futures.Future[Any], leads: bool) -> None:
        self.key = key
        self.future = future
        #: Whether this request computes the value (else it waits for the leader's outcome).
        self.leads = leads


def claim(key: str) -> Flight:
    """Join the flight of ``key`` in this process, or lead a new one."""
    with _lock:
        future = _flights.get(key)
        if future is not None:
            return Flight(key, future, leads=False)
        future = _flights[key] = concurrent.futures.Future()
        return Flight(key, future, leads=True)


def land(flight: Flight, value: Any = None, error: BaseException | None = None) -> None:
    """Hand the leader's outcome to its waiters and close the flight (leaders only).

    An error that is not an ``Exception`` (the leader's task cancelled, the process stopping)
    reaches the waiters as :class:`Abandoned`.
    """
    with _lock:
        if _flights.get(flight.key) is flight.future:
            del _flights[flight.key]
    if flight.future.done():
        return
    if error is not None:
        flight.future.set_exception(error if isinstance(error, Exception) else Abandoned())
    else:
        flight.future.set_result(value)


def wait_outcome(flight: Flight, timeout: float | None) -> Any:
    """The leader's value, waited for from sync code (its error is raised here)."""
    try:
        return flight.future.result(timeout)
    except concurrent.futures.TimeoutError:
        raise TimeoutError from None


async def await_outcome(flight: Flight) -> Any:
    """The leader's value, awaited on this event loop (its error is raised here).

    Cancelling the waiter (its own timeout) leaves the leader's computation alone.
    """
    waited = asyncio.wrap_future(flight.future)
    waited.add_done_callback(_retrieve)
    return await asyncio.shield(waited)


def _retrieve(future: asyncio.Future[Any]) -> None:
    """Mark an outcome nobody awaits any more as seen (asyncio would log it as unretrieved)."""
    if not future.cancelled():
        future.exception()


def poll_intervals(deadline: float) -> Iterator[float]:
    """Seconds to sleep between looks at the cache, until ``deadline`` (``time.monotonic()``)."""
    step = 0
    while (left := deadline - time.monotonic()) > 0:
        yield min(POLL_INTERVALS[min(step, len(POLL_INTERVALS) - 1)], left)
        step += 1
