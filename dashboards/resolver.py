"""Compute component values: concurrently where it pays, and with no event loop or thread trip
where it does not.

Each component says where its value runs (:class:`Placement`). A request resolves its
components with :func:`resolve` from sync code or :func:`aresolve` from async code:

- from sync code (a WSGI request), values that need no event loop run right here, one after
  another, with no loop and no thread; only when some value is async (or asks for a worker
  thread) does the request start one event loop, which awaits those values concurrently;
- from async code (an ASGI request), literal and async values run on the running loop, and
  every sync value of the request runs in one trip to the request's thread, beside them.

Each value has its own timeout; one that raises or times out becomes that component's error
state, and never reaches its siblings or the page.
"""

from __future__ import annotations

import asyncio
import enum
import inspect
import threading
import time
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asgiref.sync import async_to_sync, sync_to_async

from dashboards.cache import afetch, fetch, peek
from dashboards.log import logger

if TYPE_CHECKING:
    from dashboards.component.base import Component
    from dashboards.inputs import Inputs

__all__ = [
    "Completions",
    "Placement",
    "Resolution",
    "aresolve",
    "cached",
    "compute",
    "is_awaitable",
    "needs_event_loop",
    "needs_request_thread",
    "resolve",
    "resolve_as_completed",
]


class Placement(enum.Enum):
    """Where a component's value is computed."""

    #: A literal: nothing to call, ready anywhere.
    LITERAL = "literal"
    #: An async callable: awaited on the event loop.
    ASYNC = "async"
    #: A sync callable for the request's thread (the ORM and test transactions are safe there).
    THREAD = "thread"
    #: A sync callable for a worker thread (``thread_sensitive=False``), run beside the others.
    WORKER = "worker"
    #: A cached value, looked up on the loop (the cache reads without blocking); on a miss it
    #: is computed where its value runs (``Component.get_value_placement``).
    CACHED = "cached"


@dataclass(frozen=True)
class Resolution:
    """The outcome of computing one component's value: the value, or the error that replaced it."""

    value: Any = None
    error: BaseException | None = None
    call_deferred: bool = False

    @property
    def timed_out(self) -> bool:
        """Whether the value failed because it took longer than the component's timeout."""
        return isinstance(self.error, TimeoutError)


#: Types of values that are never awaitable (most values are one of them).
_NEVER_AWAITABLE = frozenset({str, int, float, bool, type(None), dict, list, tuple})


def is_awaitable(value: Any) -> bool:
    """``inspect.isawaitable``, answered at once for the plain types most values are."""
    return type(value) not in _NEVER_AWAITABLE and inspect.isawaitable(value)


def needs_event_loop(components: Iterable[Component], call_deferred: bool) -> bool:
    """Whether any of the values must be awaited (async, or run on a worker thread)."""
    return any(
        c.get_placement(call_deferred) in (Placement.ASYNC, Placement.WORKER) for c in components
    )


def needs_request_thread(components: Iterable[Component], call_deferred: bool) -> bool:
    """Whether any of the values is sync code for the request's thread."""
    return any(c.get_placement(call_deferred) is Placement.THREAD for c in components)


def _store(
    inputs: Inputs,
    component: Component,
    call_deferred: bool,
    value: Any = None,
    error: BaseException | None = None,
) -> None:
    """Record a component's value (or its error state): the only writer of ``resolutions``."""
    if error is not None:
        logger.error(
            "Component %r of %s failed",
            component.key,
            component.dashboard.__name__ if component.dashboard else "no dashboard",
            exc_info=error,
        )
    resolution = Resolution(value=value, error=error, call_deferred=call_deferred)
    inputs.resolutions[(component.key, call_deferred)] = resolution


async def _await(awaitable: Awaitable[Any]) -> Any:
    """Await anything awaitable (lets ``async_to_sync`` finish a returned coroutine)."""
    return await awaitable


def compute(component: Component, inputs: Inputs, call_deferred: bool) -> Any:
    """One value, computed here from sync code; an async part is run to completion."""
    value = component.compute_value(inputs, call_deferred)
    if is_awaitable(value):
        value = async_to_sync(_await)(value)
    return value


def cached(component: Component, inputs: Inputs, call_deferred: bool) -> bool:
    """Whether the value comes through the cache: the component asks for it, its value is
    not a literal, and a view has checked this request's permissions."""
    return (
        inputs.permitted
        and component.cache is not None
        and component.dashboard is not None
        and component.get_value_placement(call_deferred) is not Placement.LITERAL
    )


def _compute_here(component: Component, inputs: Inputs, call_deferred: bool) -> Any:
    """One value from sync code: from the cache (computed once when missing), or computed."""
    if not cached(component, inputs, call_deferred):
        return compute(component, inputs, call_deferred)
    return fetch(
        component, inputs, call_deferred, lambda: compute(component, inputs, call_deferred)
    )


async def _acompute(component: Component, inputs: Inputs, call_deferred: bool) -> Any:
    """One value from async code: from the cache (computed once when missing), or computed."""
    if not cached(component, inputs, call_deferred):
        return await component.acompute_value(inputs, call_deferred)

    async def miss() -> Any:
        if component.get_value_placement(call_deferred) is Placement.THREAD:
            return await sync_to_async(compute, thread_sensitive=True)(
                component, inputs, call_deferred
            )
        return await component.acompute_value(inputs, call_deferred)

    return await afetch(component, inputs, call_deferred, miss)


def _found_in_memory(component: Component, inputs: Inputs, call_deferred: bool) -> bool:
    """Store the value if an in-process cache holds it (no coroutine, no timeout to arm)."""
    if not cached(component, inputs, call_deferred):
        return False
    found, value = peek(component, inputs, call_deferred)
    if found:
        _store(inputs, component, call_deferred, value=value)
    return found


def _resolve_here(components: list[Component], inputs: Inputs, call_deferred: bool) -> None:
    """Compute values one after another on this thread, each checked against its timeout.

    A sync callable cannot be interrupted, so one that overran its timeout still finishes; its
    value is then discarded for the timed-out error state, as an async one's would be.
    """
    for component in components:
        started = time.monotonic()
        try:
            value = _compute_here(component, inputs, call_deferred)
        except Exception as error:
            _store(inputs, component, call_deferred, error=error)
            continue
        if time.monotonic() - started > (component.get_timeout() or float("inf")):
            _store(inputs, component, call_deferred, error=TimeoutError())
        else:
            _store(inputs, component, call_deferred, value=value)


async def _resolve_one(component: Component, inputs: Inputs, call_deferred: bool) -> None:
    """Await one value within its timeout."""
    try:
        async with asyncio.timeout(component.get_timeout()):
            value = await _acompute(component, inputs, call_deferred)
    except Exception as error:
        _store(inputs, component, call_deferred, error=error)
    else:
        _store(inputs, component, call_deferred, value=value)


def _by_placement(
    components: Iterable[Component], call_deferred: bool
) -> tuple[list[Component], list[Component], list[Component]]:
    """The components in three lists: literal values, sync ones for the request's thread, and
    the ones to await (async, or on a worker thread)."""
    here: list[Component] = []
    on_thread: list[Component] = []
    awaited: list[Component] = []
    for component in components:
        placement = component.get_placement(call_deferred)
        if placement is Placement.LITERAL:
            here.append(component)
        elif placement is Placement.THREAD:
            on_thread.append(component)
        else:
            awaited.append(component)
    return here, on_thread, awaited


async def aresolve(
    components: Iterable[Component], inputs: Inputs, call_deferred: bool = False
) -> None:
    """Resolve values from async code: the request takes as long as its slowest value.

    Literals are stored at once; async values and worker-thread ones are awaited together; the
    sync values for the request's thread run there in one trip, beside them.
    """
    here, on_thread, awaited = _by_placement(components, call_deferred)
    _resolve_here(here, inputs, call_deferred)
    tasks = [
        _resolve_one(component, inputs, call_deferred)
        for component in awaited
        if not _found_in_memory(component, inputs, call_deferred)
    ]
    if on_thread:
        trip = sync_to_async(_resolve_here, thread_sensitive=True)
        tasks.append(trip(on_thread, inputs, call_deferred))
    if len(tasks) == 1:
        await tasks[0]
    elif tasks:
        await asyncio.gather(*tasks)


def resolve(components: Iterable[Component], inputs: Inputs, call_deferred: bool = False) -> None:
    """Resolve values from sync code: here, with no event loop, unless a value needs one.

    With an async (or worker-thread) value, one event loop resolves them all concurrently, and
    the sync values come back to this thread to run.
    """
    components = list(components)
    if needs_event_loop(components, call_deferred):
        async_to_sync(aresolve)(components, inputs, call_deferred)
    else:
        _resolve_here(components, inputs, call_deferred)


def resolve_as_completed(
    components: Iterable[Component], inputs: Inputs, call_deferred: bool = False
) -> Completions:
    """Start resolving from async code, and iterate over the components whose values were not
    ready at once, each as soon as its value (or error state) is stored.

    Literal values are stored before this returns; the others run as in :func:`aresolve`
    (async ones concurrently, the sync ones in one trip to the request's thread, stored one by
    one). Closing the iterator early, as a streamed response does when its client goes away,
    cancels the values still running, and the trip stops before its next value.
    """
    loop = asyncio.get_running_loop()
    here, on_thread, awaited = _by_placement(components, call_deferred)
    _resolve_here(here, inputs, call_deferred)
    stored: asyncio.Queue[Component] = asyncio.Queue()
    stopped = threading.Event()

    async def await_one(component: Component) -> None:
        await _resolve_one(component, inputs, call_deferred)
        stored.put_nowait(component)

    def run_on_thread(components: list[Component]) -> None:
        for component in components:
            if stopped.is_set():
                return
            _resolve_here([component], inputs, call_deferred)
            loop.call_soon_threadsafe(stored.put_nowait, component)

    tasks = [loop.create_task(await_one(component)) for component in awaited]
    if on_thread:
        trip = sync_to_async(run_on_thread, thread_sensitive=True)
        tasks.append(loop.create_task(trip(on_thread)))
    return Completions(stored, len(awaited) + len(on_thread), tasks, stopped)


class Completions:
    """The components of :func:`resolve_as_completed`, as their values are stored.

    ``aclose()`` stops the values still running, whether or not iteration has begun (an async
    generator's ``aclose()`` runs no cleanup before it has started).
    """

    def __init__(
        self,
        stored: asyncio.Queue[Component],
        count: int,
        tasks: list[asyncio.Task[None]],
        stopped: threading.Event,
    ) -> None:
        self._stored = stored
        self._left = count
        self._tasks = tasks
        self._stopped = stopped

    def __aiter__(self) -> Completions:
        return self

    async def __anext__(self) -> Component:
        if not self._left:
            raise StopAsyncIteration
        try:
            component = await self._stored.get()
        except BaseException:  # cancelled: the client went away
            await self.aclose()
            raise
        self._left -= 1
        return component

    async def aclose(self) -> None:
        """Cancel the values still running (the thread trip stops before its next value) and
        end the iteration."""
        self._left = 0
        self._stopped.set()
        for task in self._tasks:
            task.cancel()
