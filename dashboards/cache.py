"""The component cache: values kept in Django's cache framework, computed once when missing.

A component declares ``cache=60`` (seconds) or ``cache=Cache(...)``. Its value is then looked
up in the cache named by ``DASHBOARDS_CACHE`` before it is computed, under a key made of the
dashboard, the component, the object, the filters and (unless ``vary_on`` leaves it out) the
user. A missing value is computed once however many requests ask for it at the same time
(:mod:`dashboards.singleflight`). :func:`invalidate` drops the values of a component.

The resolver calls :func:`fetch` (sync code) or :func:`afetch` (async code) for a request whose
view has checked its permissions; nothing else reads the cache.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import logging
import math
import re
import secrets
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from asgiref.sync import sync_to_async
from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT, BaseCache
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured, SynchronousOnlyOperation
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.translation import get_language

from dashboards.config import Config
from dashboards.exceptions import ComponentNotFoundError
from dashboards.log import logger
from dashboards.singleflight import (
    Abandoned,
    Flight,
    await_outcome,
    claim,
    land,
    poll_intervals,
    wait_outcome,
)

if TYPE_CHECKING:
    from dashboards.component.base import Component
    from dashboards.inputs import Inputs

__all__ = [
    "ANY",
    "VARY_ON",
    "Cache",
    "afetch",
    "ainvalidate",
    "as_cache",
    "fetch",
    "get_store",
    "invalidate",
    "peek",
    "reads_without_blocking",
]

#: What ``vary_on`` may name, besides the dashboard, component, object and filters every key has.
VARY_ON = frozenset({"user", "language"})
#: ``invalidate``'s default: every object, or every set of filters.
ANY: Any = type("Any", (), {"__repr__": lambda self: "ANY"})()
#: Seconds a waiter in another process waits for a value whose component has no timeout.
DEFAULT_LOCK_TIMEOUT = 30.0
_MISSING = object()


@dataclass(frozen=True)
class Cache:
    """How a component's value is cached: ``cache=Cache(timeout=60, vary_on=())``."""

    #: Seconds a value is kept; None keeps it for the cache alias's own default ``TIMEOUT``.
    timeout: float | None = None
    #: What else the value depends on: ``"user"`` (each user gets their own value) and
    #: ``"language"`` (the active language). Without ``"user"``, users share one value.
    vary_on: tuple[str, ...] = ("user",)
    #: A string, or a callable taking ``request``, ``object``, ``filters`` (as value callables
    #: do) and returning one, added to the key (a version, a tenant).
    key: str | Callable[..., str] | None = None
    #: Seconds a request waits for another process computing the value before it computes the
    #: value itself; None: the component's timeout.
    lock_timeout: float | None = None

    def __post_init__(self) -> None:
        vary_on: Any = self.vary_on  # a list, or one name, is taken too
        object.__setattr__(
            self, "vary_on", (vary_on,) if isinstance(vary_on, str) else tuple(vary_on)
        )
        unknown = set(self.vary_on) - VARY_ON
        if unknown:
            raise ImproperlyConfigured(
                f"Cache(vary_on=...) names {sorted(unknown)}; it may name {sorted(VARY_ON)}."
            )
        for name in ("timeout", "lock_timeout"):
            seconds = getattr(self, name)
            if seconds is not None and not _positive(seconds):
                raise ImproperlyConfigured(f"Cache({name}={seconds!r}) must be seconds above 0.")
        if self.key is not None and not (isinstance(self.key, str) or callable(self.key)):
            raise ImproperlyConfigured("Cache(key=...) must be a string or a callable.")


def _positive(seconds: Any) -> bool:
    """Whether ``seconds`` is a number of seconds above 0 (not a bool)."""
    return isinstance(seconds, int | float) and not isinstance(seconds, bool) and seconds > 0


def as_cache(setting: Cache | float | None) -> Cache | None:
    """A component's ``cache`` field as a :class:`Cache` (a number is its timeout), or None."""
    if setting is None or isinstance(setting, Cache):
        return setting
    if _positive(setting):
        return Cache(timeout=setting)
    raise ImproperlyConfigured(f"cache={setting!r}: give seconds above 0, or a Cache(...).")


# -- the cache backend -------------------------------------------------------------------------

_without_blocking: dict[str, bool] = {}
_in_memory: dict[str, BaseCache] = {}


@receiver(setting_changed)
def _forget_backends(setting: str, **kwargs: Any) -> None:
    """Look at the backend again when a test changes the caches."""
    if setting in ("CACHES", "DASHBOARDS_CACHE"):
        _without_blocking.clear()
        _in_memory.clear()


def _in_process(store: BaseCache) -> bool:
    """Whether the backend keeps its values in this process's memory (reading it never blocks)."""
    return isinstance(store, LocMemCache | DummyCache)


def get_store() -> BaseCache:
    """The cache that ``DASHBOARDS_CACHE`` names.

    Django makes a backend instance per thread and per request task; an in-process cache's
    instances all share one store and lock, so one instance serves every request here.
    """
    alias = Config().DASHBOARDS_CACHE
    store = _in_memory.get(alias)
    if store is None:
        store = caches[alias]
        if _in_process(store):
            _in_memory[alias] = store
    return store


def _native_async(store: BaseCache) -> bool:
    """Whether the backend has async methods of its own (Django's run the sync ones in a thread)."""
    return type(store).aget is not BaseCache.aget


def reads_without_blocking(alias: str | None = None) -> bool:
    """Whether the cache can be read on an event loop: it lives in this process's memory, or its
    backend has async methods of its own. Other backends (Redis, Memcached, a database) are
    read from a thread."""
    answer = _without_blocking.get(alias or "")  # "": the alias DASHBOARDS_CACHE names
    if answer is None:
        store = caches[alias or Config().DASHBOARDS_CACHE]
        answer = _in_process(store) or _native_async(store)
        _without_blocking[alias or ""] = answer
    return answer


async def _acall(store: BaseCache, name: str, *args: Any) -> Any:
    """Call a cache method from async code: its async twin when the backend has its own, the
    sync one right here when it does not block, else the sync one in a thread."""
    if _native_async(store):
        return await getattr(store, f"a{name}")(*args)
    if _in_process(store):
        return getattr(store, name)(*args)
    return await sync_to_async(getattr(store, name), thread_sensitive=True)(*args)


def _failed(action: str, error: Exception) -> None:
    """Log a cache backend that failed: the value is then computed as if it were not cached."""
    logger.warning(
        "Component cache: %s failed: %r", action, error, exc_info=logger.isEnabledFor(logging.DEBUG)
    )


# -- keys ----------------------------------------------------------------------------------------


def _digest(*parts: str | tuple[tuple[str, str], ...] | None) -> str:
    """A short hash of strings, None and tuples of them (keys stay short and safe for every
    backend); their ``repr`` is exact and cheaper than JSON."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def _readable(text: str) -> str:
    """``text`` cut to 40 characters of letters, digits, ``.``, ``_`` and ``-`` (memcached-safe)."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", text)[:40]


def _object_part(obj: Any) -> str | None:
    """What identifies a dashboard's object in a key: its model and primary key."""
    if obj is None:
        return None
    meta = getattr(obj, "_meta", None)
    if meta is not None and hasattr(obj, "pk"):
        return f"{meta.label_lower}:{obj.pk}"
    return f"{type(obj).__qualname__}:{obj}"


def _filters_part(filters: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The filters as a request gives them (names and values as strings), in order of name."""
    return tuple(sorted((str(name), str(value)) for name, value in filters.items()))


@lru_cache(maxsize=4096)
def _name(dashboard: Any, component: str) -> str:
    """The readable part of a component's keys: app label, dashboard, component, and a hash."""
    label = f"{dashboard._meta.app_label}.{dashboard.class_name()}"
    return f"{_readable(label)}:{_readable(component)}:{_digest(label, component)[:12]}"


@lru_cache(maxsize=4096)
def _scopes(
    name: str, obj: str | None, filters: tuple[tuple[str, str], ...]
) -> tuple[str, str, str]:
    """The keys of the generation tokens a value depends on: the component's, the object's and
    the object-and-filters' (invalidating replaces one)."""
    base = f"dashboards:gen:{name}"
    return base, f"{base}:o:{_digest(obj)}", f"{base}:f:{_digest(obj, filters)}"


def user_part(request: HttpRequest | None) -> str:
    """Who the request is from, in a key: the user's primary key, or ``anon``."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return "anon"
    return str(user.pk)


async def auser_part(request: HttpRequest | None) -> str:
    """``user_part`` from async code (a user not loaded yet is loaded off the loop)."""
    try:
        return user_part(request)
    except SynchronousOnlyOperation:
        return await sync_to_async(user_part, thread_sensitive=True)(request)


def _call_with(func: Callable[..., Any], kwargs: dict[str, Any]) -> Any:
    """Call ``func`` with those of ``kwargs`` it takes (all of them if it takes ``**kwargs``)."""
    parameters = inspect.signature(func).parameters.values()
    if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters):
        return func(**kwargs)
    names = {p.name for p in parameters}
    return func(**{k: v for k, v in kwargs.items() if k in names})


@dataclass
class Entry:
    """Where one component's value for one request lives in the cache."""

    policy: Cache
    name: str
    scopes: tuple[str, str, str]
    #: Everything the value's key depends on, besides the generation tokens.
    parts: tuple[Any, ...]
    timeout: float | None

    @classmethod
    def of(cls, component: Component, inputs: Inputs, call_deferred: bool, user: str) -> Entry:
        """The entry of ``component``'s value for this request."""
        policy = component.get_cache()
        assert policy is not None  # only cached components get here
        name = _name(component.dashboard, str(component.key))
        obj, filters = _object_part(inputs.object), _filters_part(inputs.filters)
        uses_defer = call_deferred and component.is_deferred and component.defer is not None
        custom = policy.key
        if callable(custom):
            custom = str(_call_with(custom, inputs.value_kwargs))
        parts = (
            "defer" if uses_defer else "value",  # a page and its fetch share a value
            obj,
            filters,
            user if "user" in policy.vary_on else None,
            get_language() if "language" in policy.vary_on else None,
            custom,
        )
        return cls(policy, name, _scopes(name, obj, filters), parts, component.get_timeout())

    @cached_property
    def key(self) -> str:
        """The value's key (it is stored with the generation tokens it was computed under)."""
        return f"dashboards:value:{self.name}:{_digest(*self.parts)}"

    @property
    def lock_timeout(self) -> float:
        """Seconds another process's lock on computing the value holds."""
        return self.policy.lock_timeout or self.timeout or DEFAULT_LOCK_TIMEOUT

    @property
    def set_timeout(self) -> Any:
        """The timeout to store the value with (the alias's default when the policy has none)."""
        return DEFAULT_TIMEOUT if self.policy.timeout is None else self.policy.timeout


def _new_tokens(scopes: tuple[str, ...], found: dict[str, Any]) -> dict[str, str]:
    """Tokens for the scopes that have none yet (a new generation)."""
    return {scope: secrets.token_hex(8) for scope in scopes if scope not in found}


def _current(stored: Any, tokens: tuple[str, ...]) -> Any:
    """The value of what the cache held, if it was stored under these tokens, else missing."""
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == tokens:
        return stored[1]
    return _MISSING


def _read(store: BaseCache, entry: Entry) -> tuple[tuple[str, ...], Any]:
    """In one read, the current generation tokens (made when missing) and the value stored
    under them (or missing)."""
    found = store.get_many([*entry.scopes, entry.key])
    for scope, token in _new_tokens(entry.scopes, found).items():
        if store.add(scope, token, None):
            found[scope] = token
        else:  # another request made one first
            found[scope] = store.get(scope, token)
    tokens = tuple(str(found[scope]) for scope in entry.scopes)
    return tokens, _current(found.get(entry.key), tokens)


async def _aread(store: BaseCache, entry: Entry) -> tuple[tuple[str, ...], Any]:
    """``_read`` from async code."""
    found = await _acall(store, "get_many", [*entry.scopes, entry.key])
    for scope, token in _new_tokens(entry.scopes, found).items():
        if await _acall(store, "add", scope, token, None):
            found[scope] = token
        else:
            found[scope] = await _acall(store, "get", scope, token)
    tokens = tuple(str(found[scope]) for scope in entry.scopes)
    return tokens, _current(found.get(entry.key), tokens)


def peek(component: Component, inputs: Inputs, call_deferred: bool) -> tuple[bool, Any]:
    """``(True, value)`` when an in-process cache holds the component's value, else
    ``(False, None)``: a plain call, so that a warm hit costs about what a literal does."""
    store = get_store()
    if not _in_process(store):
        return False, None
    try:
        entry = Entry.of(component, inputs, call_deferred, user_part(inputs.request))
        value = _read(store, entry)[1]
    except Exception:  # afetch meets the same error, and reports it
        return False, None
    return (value is not _MISSING), (None if value is _MISSING else value)


def _lock_key(key: str) -> str:
    """The key of the lock on computing the value at ``key``."""
    return f"{key}:lock"


# -- reading, or computing once ------------------------------------------------------------------


def fetch(
    component: Component, inputs: Inputs, call_deferred: bool, compute: Callable[[], Any]
) -> Any:
    """The component's cached value, else ``compute()``'s, computed once and then cached."""
    store = get_store()
    entry = Entry.of(component, inputs, call_deferred, user_part(inputs.request))
    try:
        tokens, value = _read(store, entry)
    except Exception as error:
        _failed("reading", error)
        return compute()
    if value is not _MISSING:
        return value
    flight = claim(_flight_key(entry, tokens))
    if not flight.leads:
        try:
            return wait_outcome(flight, component.get_timeout())
        except Abandoned:
            return compute()
    try:
        value = _lead(store, entry, tokens, compute)
    except BaseException as error:
        land(flight, error=error)
        raise
    land(flight, value)
    return value


def _flight_key(entry: Entry, tokens: tuple[str, ...]) -> str:
    """What identifies a computation in this process: the cache, the key and its generation."""
    return f"{Config().DASHBOARDS_CACHE}:{entry.key}:{':'.join(tokens)}"


def _lead(
    store: BaseCache, entry: Entry, tokens: tuple[str, ...], compute: Callable[[], Any]
) -> Any:
    """Compute and cache the value, unless another process holds the lock: then wait for its
    value, and compute it here once the lock's timeout has passed."""
    lock = _lock_key(entry.key)
    try:
        locked = store.add(lock, secrets.token_hex(8), math.ceil(entry.lock_timeout))
    except Exception as error:
        _failed("locking", error)
        locked = True
    if not locked:
        for pause in poll_intervals(time.monotonic() + entry.lock_timeout):
            time.sleep(pause)
            value = _current(store.get(entry.key), tokens)
            if value is not _MISSING:
                return value
    try:
        value = compute()
        try:
            store.set(entry.key, (tokens, value), entry.set_timeout)
        except Exception as error:
            _failed("storing", error)
    finally:
        if locked:
            _delete(store, lock)
    return value


def _delete(store: BaseCache, key: str) -> None:
    """Delete a key, logging a backend that fails."""
    try:
        store.delete(key)
    except Exception as error:
        _failed("unlocking", error)


async def afetch(
    component: Component,
    inputs: Inputs,
    call_deferred: bool,
    compute: Callable[[], Awaitable[Any]],
) -> Any:
    """``fetch`` from async code: a cache that does not block is read right on the loop."""
    store = get_store()
    entry = Entry.of(component, inputs, call_deferred, await auser_part(inputs.request))
    try:
        tokens, value = await _aread(store, entry)
    except Exception as error:
        _failed("reading", error)
        return await compute()
    if value is not _MISSING:
        return value
    flight: Flight = claim(_flight_key(entry, tokens))
    if not flight.leads:
        try:
            return await await_outcome(flight)
        except Abandoned:
            return await compute()
    try:
        value = await _alead(store, entry, tokens, compute)
    except BaseException as error:
        land(flight, error=error)
        raise
    land(flight, value)
    return value


async def _alead(
    store: BaseCache,
    entry: Entry,
    tokens: tuple[str, ...],
    compute: Callable[[], Awaitable[Any]],
) -> Any:
    """``_lead`` from async code."""
    lock = _lock_key(entry.key)
    timeout = math.ceil(entry.lock_timeout)
    try:
        locked = await _acall(store, "add", lock, secrets.token_hex(8), timeout)
    except Exception as error:
        _failed("locking", error)
        locked = True
    if not locked:
        for pause in poll_intervals(time.monotonic() + entry.lock_timeout):
            await asyncio.sleep(pause)
            value = _current(await _acall(store, "get", entry.key), tokens)
            if value is not _MISSING:
                return value
    try:
        value = await compute()
        try:
            await _acall(store, "set", entry.key, (tokens, value), entry.set_timeout)
        except Exception as error:
            _failed("storing", error)
    finally:
        if locked:
            try:
                await _acall(store, "delete", lock)
            except Exception as error:
                _failed("unlocking", error)
    return value


# -- invalidation --------------------------------------------------------------------------------


def _scope(dashboard: Any, component: str, obj: Any, filters: Any) -> str:
    """The generation key that ``invalidate`` replaces for these arguments."""
    dashboard_class: Any = dashboard if isinstance(dashboard, type) else type(dashboard)
    if component not in dashboard_class.components:
        raise ComponentNotFoundError(f"{dashboard_class.__name__} has no component {component!r}.")
    scopes = _scopes(
        _name(dashboard_class, component),
        None if obj is ANY else _object_part(obj),
        () if filters is ANY else _filters_part(filters),
    )
    if filters is not ANY:
        return scopes[2]
    return scopes[0] if obj is ANY else scopes[1]


def invalidate(dashboard: Any, component: str, *, object: Any = ANY, filters: Any = ANY) -> None:
    """Drop the cached values of a dashboard's component, for every user.

    Without ``object`` and ``filters``, every value of the component goes; with ``object``, its
    values for that object (whatever the filters); with ``filters`` (a dict, as a request's
    query gives them), its values for those filters and that object (None when not given).
    """
    get_store().delete(_scope(dashboard, component, object, filters))


async def ainvalidate(
    dashboard: Any,
    component: str,
    *,
    object: Any = ANY,
    filters: Any = ANY,
) -> None:
    """``invalidate`` from async code."""
    await _acall(get_store(), "delete", _scope(dashboard, component, object, filters))
