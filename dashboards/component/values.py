"""Calling value callables: which keyword arguments they take, and turning results into data.

Nothing here knows about requests or threads; :mod:`dashboards.resolver` decides where a value
runs, and :class:`~dashboards.component.base.Component` what it is computed from.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Callable
from enum import Enum
from functools import cache
from types import CodeType, FunctionType, MethodType
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.utils.safestring import SafeString

__all__ = [
    "accepted_kwargs",
    "call_in_worker_thread",
    "call_kwargs",
    "dataclass_to_dict",
    "is_async_callable",
    "value_render_encoder",
]


def value_render_encoder(data: list[tuple[str, Any]]) -> dict[str, Any]:
    """``dict_factory`` for ``dataclasses.asdict``: Enums become their value, QuerySets lists."""

    def convert(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, QuerySet):
            return list(value)
        return value

    return {key: convert(value) for key, value in data}


#: Types with nothing inside to convert.
_LEAVES = frozenset({str, int, float, bool, type(None), SafeString})


def dataclass_to_dict(value: Any) -> Any:
    """Like ``dataclasses.asdict`` with ``value_render_encoder``, without copying the leaves.

    ``asdict`` deep-copies every value it reaches; a serialized table's thousands of cells made
    that the slowest step of a table request.
    """
    if type(value) in _LEAVES:
        return value  # most of a table's cells: nothing to convert
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value_render_encoder(
            [(f.name, dataclass_to_dict(getattr(value, f.name))) for f in dataclasses.fields(value)]
        )
    if isinstance(value, list | tuple):
        return type(value)(dataclass_to_dict(item) for item in value)
    if isinstance(value, dict):
        return {key: dataclass_to_dict(item) for key, item in value.items()}
    return value


@cache
def _names_of_code(code: CodeType) -> frozenset[str] | None:
    """The keyword-passable parameter names of a code object; None when it takes ``**kwargs``.

    Cached by code object: there is one per ``def`` or ``lambda`` in the source, however many
    functions, bound methods or per-request closures are made from it, so the cache stays small
    and keeps nothing made for a request alive.
    """
    if code.co_flags & inspect.CO_VARKEYWORDS:
        return None
    first = code.co_posonlyargcount
    return frozenset(code.co_varnames[first : code.co_argcount + code.co_kwonlyargcount])


def accepted_kwargs(func: Callable[..., Any]) -> frozenset[str] | None:
    """Names of the keyword arguments ``func`` accepts, or None when it takes ``**kwargs``."""
    target = getattr(func, "__func__", func)
    if hasattr(target, "__wrapped__"):
        target = inspect.unwrap(target)
    code = getattr(target, "__code__", None)
    if isinstance(code, CodeType):
        return _names_of_code(code)
    try:  # callable instances, partials, builtins: rare, and not cached
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return None
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return None
    return frozenset(
        p.name
        for p in parameters
        if p.kind in (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    )


def call_kwargs(func: Callable[..., Any], kwargs: dict[str, Any]) -> dict[str, Any]:
    """The subset of ``kwargs`` that ``func`` accepts (all of them when it takes ``**kwargs``)."""
    accepted = accepted_kwargs(func)
    if accepted is None:
        return kwargs
    return {key: value for key, value in kwargs.items() if key in accepted}


def call_in_worker_thread(func: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """Call ``func`` on a worker thread, then close the database connections it opened there.

    Django closes the request thread's connections when the request ends, but never a worker
    thread's: without this, each ``thread_sensitive=False`` value could leave one open.
    """
    try:
        return func(**kwargs)
    finally:
        connections.close_all()


def is_async_callable(func: Any) -> bool:
    """Whether calling ``func`` returns a coroutine (async functions, methods and ``__call__``)."""
    if inspect.iscoroutinefunction(func):
        return True
    if isinstance(func, FunctionType | MethodType):
        return False  # the usual case: their ``__call__`` is never a coroutine function
    return inspect.iscoroutinefunction(getattr(func, "__call__", None))  # noqa: B004
