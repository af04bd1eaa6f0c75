"""Resolve component values concurrently, each with its own timeout and its own error state."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asgiref.sync import async_to_sync, sync_to_async
from django.http import HttpRequest

from dashboards.log import logger

if TYPE_CHECKING:
    from dashboards.component.base import Component


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


async def resolve(
    component: Component,
    request: HttpRequest | None,
    *,
    call_deferred: bool = False,
    filters: dict[str, Any] | None = None,
) -> Resolution:
    """Compute one component's value within its timeout; store and return the resolution.

    An exception (or the timeout) is logged and becomes the component's error state, so it
    never reaches the page or the siblings resolving beside it.
    """
    try:
        async with asyncio.timeout(component.get_timeout()):
            value = await component.aget_value(
                request=request, call_deferred=call_deferred, filters=filters
            )
    except Exception as error:
        return _failed(component, error, call_deferred)
    return _succeeded(component, value, call_deferred)


def _succeeded(component: Component, value: Any, call_deferred: bool) -> Resolution:
    """Store a computed value as the component's resolution."""
    resolution = Resolution(value=value, call_deferred=call_deferred)
    component.resolution = resolution
    return resolution


def _failed(component: Component, error: Exception, call_deferred: bool) -> Resolution:
    """Log a component's failure and store it as the component's error state."""
    logger.error(
        "Component %r of %s failed",
        component.key,
        component.dashboard.__name__ if component.dashboard else "no dashboard",
        exc_info=error,
    )
    resolution = Resolution(error=error, call_deferred=call_deferred)
    component.resolution = resolution
    return resolution


def unresolved(components: Iterable[Component], call_deferred: bool = False) -> list[Component]:
    """The components that hold no resolution yet for this kind of call."""
    return [c for c in components if c.get_resolution(call_deferred) is None]


def resolve_on_request_thread(
    components: list[Component],
    request: HttpRequest | None,
    *,
    call_deferred: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[Resolution]:
    """Compute sync values one after another on the request's thread, each checked for time.

    A sync callable cannot be interrupted, so one that overran its timeout still finishes; its
    value is then discarded for the timed-out error state, as an async one's would be.
    """
    resolutions = []
    for component in components:
        started = time.monotonic()
        try:
            value = component.get_value(
                request=request, call_deferred=call_deferred, filters=filters
            )
        except Exception as error:
            resolutions.append(_failed(component, error, call_deferred))
            continue
        timeout = component.get_timeout()
        if timeout is not None and time.monotonic() - started > timeout:
            resolutions.append(_failed(component, TimeoutError(), call_deferred))
            continue
        resolutions.append(_succeeded(component, value, call_deferred))
    return resolutions


async def resolve_all(
    components: Iterable[Component],
    request: HttpRequest | None,
    *,
    call_deferred: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[Resolution]:
    """Resolve several components concurrently: the page takes as long as its slowest value.

    Async values (and literals) run on the event loop together; sync values that belong on the
    request's thread run there in one trip, beside them.
    """
    components = list(components)
    on_thread: list[Component] = []
    elsewhere: list[Component] = []
    for component in components:
        on_request_thread = component.resolves_on_request_thread(call_deferred)
        (on_thread if on_request_thread else elsewhere).append(component)
    tasks = [
        resolve(component, request, call_deferred=call_deferred, filters=filters)
        for component in elsewhere
    ]
    if on_thread:
        tasks.append(
            sync_to_async(resolve_on_request_thread, thread_sensitive=True)(
                on_thread, request, call_deferred=call_deferred, filters=filters
            )
        )
    await asyncio.gather(*tasks)
    return [component.resolution for component in components]


def resolve_sync(
    component: Component,
    request: HttpRequest | None,
    *,
    call_deferred: bool = False,
    filters: dict[str, Any] | None = None,
) -> Resolution:
    """Resolve one component from sync code (a template rendered outside the async views)."""
    return async_to_sync(resolve)(component, request, call_deferred=call_deferred, filters=filters)
