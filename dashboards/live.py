"""Live components: publish a topic, and every open page showing a component declared
``live="topic"`` re-renders it and receives the HTML over its event stream.

:func:`publish` (from sync code) and :func:`apublish` (from async code) may be called from
anywhere: a view, a ``post_save`` signal, a management command, a worker thread. The broker
(``DASHBOARDS_LIVE_BROKER``) carries each publish to the streams that subscribe to its topic: the
default :class:`InProcessBroker` reaches the streams of the process that publishes;
``dashboards.live_redis.RedisBroker`` reaches every process connected to one Redis.

Each publish gets an event id, ``<epoch>:<sequence>``: a stream that reconnects with a
``Last-Event-ID`` asks the broker which of its topics were published since, and re-sends those
components' current state.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import secrets
import signal
import threading
from collections import OrderedDict
from collections.abc import Iterable
from types import FrameType
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.handlers.asgi import ASGIRequest
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.http import HttpRequest
from django.utils.module_loading import import_string

from dashboards.config import Config
from dashboards.log import logger

__all__ = [
    "CLOSE",
    "LIVE_JS",
    "SSE_JS",
    "Broker",
    "InProcessBroker",
    "Subscription",
    "apublish",
    "close_streams",
    "get_broker",
    "install_shutdown_handlers",
    "parse_event_id",
    "publish",
    "shutting_down",
    "streams_live",
    "topics_of",
]

#: htmx's SSE extension (the npm package htmx-ext-sse, vendored), as a static path.
SSE_JS = "dashboards/vendor/htmx-ext-sse/sse.min.js"
#: Our part of the page: resumes from the last event when htmx opens a new event stream.
LIVE_JS = "dashboards/js/live.js"
#: What a subscription's queue receives when its stream must end (server shutdown).
CLOSE = ("", -1)


def topics_of(live: Any) -> tuple[str, ...]:
    """The topics a component's ``live`` declares: none, one string, or several."""
    if not live:
        return ()
    if isinstance(live, str):
        return (live,)
    topics = tuple(live)
    if not all(isinstance(topic, str) and topic for topic in topics):
        raise ImproperlyConfigured(f"live must be a topic string or strings, not {live!r}.")
    return topics


def streams_live(request: HttpRequest | None) -> bool:
    """Whether a page of this request updates its live components over an event stream.

    Only an ASGI server can hold a stream open without holding a thread; under WSGI live
    components poll instead (``DASHBOARDS_LIVE_POLL_RATE``).
    """
    return isinstance(request, ASGIRequest)


def parse_event_id(event_id: str | None) -> tuple[str, int] | None:
    """``(epoch, sequence)`` from an event id such as ``3f9a:42``; None for anything else."""
    if not event_id:
        return None
    epoch, _, sequence = event_id.strip().partition(":")
    if not epoch or not sequence.isdigit():
        return None
    return epoch, int(sequence)


class Subscription:
    """One stream's subscription: the publishes of its topics, queued on its event loop."""

    def __init__(self, broker: Broker, topics: Iterable[str]) -> None:
        self.broker = broker
        self.topics = frozenset(topics)
        self.loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[tuple[str, int]] = asyncio.Queue()
        _OPEN.add(self)

    def deliver(self, topic: str, sequence: int) -> None:
        """Queue a publish for the stream, from any thread."""
        with contextlib.suppress(RuntimeError):  # the loop is closed: the stream is gone
            self.loop.call_soon_threadsafe(self.queue.put_nowait, (topic, sequence))

    async def get(self) -> list[tuple[str, int]]:
        """Wait for the next publish; return it with every other one queued meanwhile."""
        items = [await self.queue.get()]
        while not self.queue.empty():
            items.append(self.queue.get_nowait())
        return items

    def close(self) -> None:
        """Stop receiving publishes."""
        _OPEN.discard(self)
        self.broker.unsubscribe(self)


#: The subscriptions of the open streams of this process (changed on their loops only).
_OPEN: set[Subscription] = set()
_SHUTDOWN = threading.Event()


class Broker:
    """Carries publishes to subscriptions; this one within the process (the base of the others)."""

    def __init__(self, history: int = 10_000) -> None:
        #: Events ids of an earlier process (or broker) have another epoch.
        self.epoch = secrets.token_hex(4)
        self.history = history
        self._lock = threading.Lock()
        self._sequence = 0
        self._horizon = 0  # the last sequence of a topic forgotten to keep ``history`` topics
        self._published: OrderedDict[str, int] = OrderedDict()
        self._subscriptions: dict[str, set[Subscription]] = {}

    # -- publishing ------------------------------------------------------------------------

    def publish(self, topic: str) -> int:
        """Publish ``topic`` from sync code; return its sequence number."""
        return self.record(topic)

    async def apublish(self, topic: str) -> int:
        """Publish ``topic`` from async code; return its sequence number."""
        return self.record(topic)

    def record(self, topic: str, sequence: int | None = None) -> int:
        """Remember that ``topic`` was published (now, or as ``sequence``) and tell its subscribers."""
        with self._lock:
            if sequence is None:
                self._sequence += 1
                sequence = self._sequence
            else:
                self._sequence = max(self._sequence, sequence)
            self._published.pop(topic, None)
            self._published[topic] = sequence
            while len(self._published) > self.history:
                _, forgotten = self._published.popitem(last=False)
                self._horizon = max(self._horizon, forgotten)
            subscribers = list(self._subscriptions.get(topic, ()))
        for subscription in subscribers:
            subscription.deliver(topic, sequence)
        return sequence

    # -- subscribing -----------------------------------------------------------------------

    async def subscribe(self, topics: Iterable[str]) -> Subscription:
        """A subscription to ``topics`` for a stream on the running event loop."""
        subscription = Subscription(self, topics)
        with self._lock:
            for topic in subscription.topics:
                self._subscriptions.setdefault(topic, set()).add(subscription)
        return subscription

    def unsubscribe(self, subscription: Subscription) -> None:
        """Forget a subscription."""
        with self._lock:
            for topic in subscription.topics:
                subscribers = self._subscriptions.get(topic)
                if subscribers is not None:
                    subscribers.discard(subscription)
                    if not subscribers:
                        del self._subscriptions[topic]

    def subscriber_count(self) -> int:
        """How many subscriptions are open in this process."""
        with self._lock:
            return len({s for subscribers in self._subscriptions.values() for s in subscribers})

    # -- resuming --------------------------------------------------------------------------

    def current_event_id(self) -> str:
        """The id of the latest publish, from sync code (a page names it to its stream, which
        then sends what was published between the page and the stream)."""
        with self._lock:
            return f"{self.epoch}:{self._sequence}"

    async def event_id(self) -> str:
        """The id of the latest publish (a stream's id before it has sent anything)."""
        return self.current_event_id()

    async def published_since(self, topics: Iterable[str], event_id: str) -> set[str] | None:
        """Which of ``topics`` were published after ``event_id``; None when that cannot be told
        (an id of another epoch, or older than the history kept): then assume all of them."""
        parsed = parse_event_id(event_id)
        with self._lock:
            if parsed is None or parsed[0] != self.epoch or parsed[1] > self._sequence:
                return None
            if parsed[1] < self._horizon:
                return None
            return {t for t in topics if self._published.get(t, 0) > parsed[1]}


#: The default broker's name.
InProcessBroker = Broker


_BROKERS: dict[str, Broker] = {}


@receiver(setting_changed)
def _forget_broker(setting: str, **kwargs: Any) -> None:
    """Build the broker again when a test changes its settings."""
    if setting.startswith("DASHBOARDS_LIVE_"):
        _BROKERS.clear()


def get_broker() -> Broker:
    """The broker ``DASHBOARDS_LIVE_BROKER`` names (one per process)."""
    path = Config().DASHBOARDS_LIVE_BROKER
    broker = _BROKERS.get(path)
    if broker is None:
        try:
            broker_class = import_string(path)
        except ImportError as error:
            raise ImproperlyConfigured(
                f"DASHBOARDS_LIVE_BROKER: cannot import {path!r} ({error})."
            ) from error
        broker = _BROKERS.setdefault(path, broker_class())
    return broker


def publish(topic: str) -> None:
    """Tell every open page with a component live on ``topic`` to re-render it (sync code)."""
    get_broker().publish(topic)


async def apublish(topic: str) -> None:
    """``publish`` from async code."""
    await get_broker().apublish(topic)


# -- ending the streams ----------------------------------------------------------------------


def _close_on_loop(subscriptions: list[Subscription]) -> None:
    """End the streams of these subscriptions (on their loop)."""
    for subscription in subscriptions:
        subscription.queue.put_nowait(CLOSE)


def close_streams() -> None:
    """End every open stream of this process (from any thread, or a signal handler)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[Subscription]] = {}
    for subscription in list(_OPEN):
        by_loop.setdefault(subscription.loop, []).append(subscription)
    for loop, subscriptions in by_loop.items():
        with contextlib.suppress(RuntimeError):  # a closed loop has no streams left
            loop.call_soon_threadsafe(_close_on_loop, subscriptions)


def shutting_down() -> bool:
    """Whether the process received SIGINT or SIGTERM (new streams are refused)."""
    return _SHUTDOWN.is_set()


def _chain_handler(signum: int) -> None:
    """Put a handler that ends the streams in front of the process's handler of ``signum``."""
    previous = signal.getsignal(signum)
    if getattr(previous, "dashboards_live", False):
        return

    def handler(number: int, frame: FrameType | None) -> None:
        _SHUTDOWN.set()
        close_streams()
        if callable(previous):
            previous(number, frame)
        elif previous == signal.SIG_DFL:
            signal.signal(number, signal.SIG_DFL)
            os.kill(os.getpid(), number)

    handler.dashboards_live = True  # type: ignore[attr-defined]
    signal.signal(signum, handler)


def install_shutdown_handlers() -> None:
    """End the open streams when the server stops (SIGINT, SIGTERM), before its own handler runs.

    An ASGI server waits for open responses to end before it stops; a stream never ends by
    itself. Called when a stream opens; only the main thread may set signal handlers, so
    elsewhere it does nothing (call :func:`close_streams` from your server's shutdown instead).
    """
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            _chain_handler(signum)
        except (ValueError, OSError):  # pragma: no cover - a platform without the signal
            logger.debug("Cannot handle signal %s", signum)
