"""Resolve component values concurrently, each with its own timeout and its own error state."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from asgiref.sync import async_to_sync
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
        logger.exception(
            "Component %r of %s failed",
            component.key,
            component.dashboard.__name__ if component.dashboard else "no dashboard",
        )
        resolution = Resolution(error=error, call_deferred=call_deferred)
    else:
        resolution = Resolution(value=value, call_deferred=call_deferred)
    component.resolution = resolution
    return resolution


async def resolve_all(
    components: Iterable[Component],
    request: HttpRequest | None,
    *,
    call_deferred: bool = False,
    filters: dict[str, Any] | None = None,
) -> list[Resolution]:
    """Resolve several components concurrently: the page takes as long as its slowest value."""
    return list(
        await asyncio.gather(
            *(
                resolve(component, request, call_deferred=call_deferred, filters=filters)
                for component in components
            )
        )
    )


def resolve_sync(
    component: Component,
    request: HttpRequest | None,
    *,
    call_deferred: bool = False,
    filters: dict[str, Any] | None = None,
) -> Resolution:
    """Resolve one component from sync code (a template rendered outside the async views)."""
    return async_to_sync(resolve)(component, request, call_deferred=call_deferred, filters=filters)
