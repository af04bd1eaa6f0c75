"""The event stream of a page with live components, and the element that opens it.

One stream per page: :class:`LiveView` is served at the page's URL plus ``@live/``, with the
page's query string (its filters). It checks the permissions when the stream opens, then waits
for the topics of the page's live components; when one is published, it builds the page's
dashboard again for this request (permissions checked again, with the user loaded afresh from
the session), re-renders the components live on that topic, and sends their HTML as one
server-sent event, which htmx's SSE extension swaps into the page (out of band, by id).
"""

from __future__ import annotations

import asyncio
import copy
import re
import threading
from collections.abc import AsyncIterator, Iterable
from typing import Any, ClassVar

from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied, SynchronousOnlyOperation
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    QueryDict,
    StreamingHttpResponse,
)
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views import View

from dashboards.component.base import Component
from dashboards.config import Config
from dashboards.dashboard import Dashboard
from dashboards.live import (
    CLOSE,
    Subscription,
    get_broker,
    install_shutdown_handlers,
    shutting_down,
    streams_live,
)
from dashboards.log import logger
from dashboards.views import DashboardMixin

__all__ = [
    "LAST_EVENT_ID_PARAMETER",
    "LiveView",
    "format_event",
    "live_keys",
    "open_streams",
    "stream_element",
    "stream_url",
]

#: The query parameter by which live.js passes the last event id when htmx opens a new stream.
LAST_EVENT_ID_PARAMETER = "last-event-id"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_open_streams = 0
_open_lock = threading.Lock()


def format_event(data: str, event: str | None = None, event_id: str | None = None) -> str:
    """One server-sent event: its name, id and data lines."""
    lines = [f"event: {event}"] if event else []
    if event_id:
        lines.append(f"id: {event_id}")
    lines.extend(f"data: {line}" for line in _LINE_BREAK.split(data))
    return "\n".join(lines) + "\n\n"


def live_keys(components: Iterable[tuple[str, Component]]) -> dict[str, tuple[str, ...]]:
    """The topics of each live component, by key."""
    return {key: topics for key, c in components if (topics := c.get_live_topics())}


def stream_url(dashboard: Dashboard) -> str:
    """The URL of the event stream of a dashboard's page: the page's query string (its filters),
    and the id of the latest publish, so that the stream sends at once what is published between
    the page and the stream."""
    args: list[Any] = [dashboard._meta.app_label, dashboard.class_name()]
    if dashboard.object is not None:
        args.append(getattr(dashboard.object, dashboard._meta.lookup_field))
    url = reverse("dashboards:dashboard_live", args=args)
    query = QueryDict(dashboard.get_inputs().query_string, mutable=True)
    query[LAST_EVENT_ID_PARAMETER] = get_broker().current_event_id()
    return f"{url}?{query.urlencode()}"


def stream_element(dashboard: Dashboard) -> SafeString:
    """The hidden element that opens the page's event stream: empty for a page with no live
    component, or one that cannot stream (served under WSGI: live components poll there)."""
    inputs = dashboard.get_inputs()
    if not streams_live(inputs.request) or not live_keys(inputs.components.items()):
        return mark_safe("")
    html = render_to_string("dashboards/live/stream.html", {"url": stream_url(dashboard)})
    return mark_safe(html)  # noqa: S308 - a template's output, escaped there


async def _afresh_request(request: HttpRequest) -> HttpRequest:
    """A copy of the stream's request with its session and user loaded afresh, so that each
    re-render checks the permissions of the user as they are now (logged out, permissions
    changed)."""
    fresh = copy.copy(request)
    session = getattr(request, "session", None)
    if session is not None and hasattr(request, "user"):
        from django.contrib.auth import aget_user

        fresh.session = type(session)(session.session_key)
        user = await aget_user(fresh)

        async def auser() -> Any:
            return user

        fresh.user = user
        fresh.auser = auser
    return fresh


class LiveView(DashboardMixin, View):
    """The event stream of a dashboard's page: the HTML of its live components, re-rendered for
    this request whenever one of their topics is published."""

    http_method_names: ClassVar[list[str]] = ["get"]  # type: ignore[misc]
    #: The page's live components' topics by key, found when the stream opens.
    topics: dict[str, tuple[str, ...]]
    #: The name of the events that carry HTML (the page's element swaps them in).
    event_name: ClassVar[str] = "live"
    #: The name of the event after which the page closes its stream (permission withdrawn).
    close_event_name: ClassVar[str] = "close"
    #: Milliseconds the browser waits before it reconnects a dropped stream.
    retry: ClassVar[int] = 2000

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        """Take live.js's last event id out of the query string, which holds the page's filters."""
        self.last_event_id = request.headers.get("Last-Event-ID")
        if LAST_EVENT_ID_PARAMETER in request.GET:
            query = request.GET.copy()
            fallback = query.pop(LAST_EVENT_ID_PARAMETER)[-1]
            self.last_event_id = self.last_event_id or fallback
            request.GET = QueryDict(query.urlencode())
        super().setup(request, *args, **kwargs)

    def prepare_view(self, request: HttpRequest) -> HttpResponseBase | None:
        """Find the page's live components this request may see; none is a 404."""
        self.topics = live_keys(self.inputs.components.items())
        if not self.topics:
            raise Http404(f"{self.dashboard.class_name()} has no live component.")
        return None

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Open the stream (503 when the process holds the most streams it may, or is stopping)."""
        global _open_streams
        if not streams_live(request):
            return HttpResponse(
                "Live updates need an ASGI server; this page polls instead.", status=204
            )
        with _open_lock:
            full = _open_streams >= Config().DASHBOARDS_LIVE_MAX_STREAMS
            if not full and not shutting_down():
                _open_streams += 1
        if full or shutting_down():
            refused = HttpResponse("Too many open streams; try again later.", status=503)
            refused["Retry-After"] = "10"
            return refused
        install_shutdown_handlers()
        try:
            subscription = await get_broker().subscribe(
                {topic for topics in self.topics.values() for topic in topics}
            )
        except BaseException:
            _release()
            raise
        response = StreamingHttpResponse(
            self.stream(subscription), content_type="text/event-stream; charset=utf-8"
        )
        response["Cache-Control"] = "no-cache"
        response["X-Accel-Buffering"] = "no"  # nginx: send each event as it comes
        return response

    async def stream(self, subscription: Subscription) -> AsyncIterator[str]:
        """The events: missed updates first (``Last-Event-ID``), then one per publish, with
        heartbeat comments in between; it ends when the server stops or the permission goes."""
        try:
            yield f"retry: {self.retry}\n: open\n\n"
            broker = get_broker()
            if self.last_event_id:
                topics = set(subscription.topics)
                changed = await broker.published_since(topics, self.last_event_id)
                keys = self.keys_for(topics if changed is None else changed)
                if keys:
                    event = await self.render_event(keys, await broker.event_id())
                    yield event
                    if event.startswith(f"event: {self.close_event_name}"):
                        return
            heartbeat = Config().DASHBOARDS_LIVE_HEARTBEAT
            while True:
                try:
                    async with asyncio.timeout(heartbeat):
                        published = await subscription.get()
                except TimeoutError:
                    yield ": heartbeat\n\n"
                    continue
                if CLOSE in published:
                    return
                keys = self.keys_for(topic for topic, _ in published)
                event_id = f"{broker.epoch}:{max(sequence for _, sequence in published)}"
                event = await self.render_event(keys, event_id)
                yield event
                if event.startswith(f"event: {self.close_event_name}"):
                    return
        finally:
            subscription.close()
            _release()

    def keys_for(self, topics: Iterable[str]) -> list[str]:
        """The keys of the live components of any of ``topics``."""
        wanted = set(topics)
        return [key for key, topics_of in self.topics.items() if wanted.intersection(topics_of)]

    async def render_event(self, keys: list[str], event_id: str) -> str:
        """The event re-rendering ``keys`` for this request; the close event when the request
        may no longer see the page."""
        html = await self.render_live(keys)
        if html is None:
            return format_event("", self.close_event_name, event_id)
        return format_event(html, self.event_name, event_id)

    async def render_live(self, keys: list[str]) -> str | None:
        """The HTML of the components ``keys`` for this request, as the page shows it now, with
        the permissions checked again; None when they refuse."""
        request = await _afresh_request(self.request)
        view = type(self)(dashboard_class=self.get_dashboard_class())
        view.setup(request, *self.args, **self.kwargs)
        try:
            if view.prepares_on_event_loop():
                denied = await view.aprepare(request)
            else:
                denied = await sync_to_async(view.prepare)(request)
        except (PermissionDenied, Http404):
            denied = HttpResponse(status=403)
        if denied is not None:
            logger.info("A live stream of %s ended: %s", view.get_dashboard_class(), denied)
            return None
        components = [view.inputs.components[key] for key in keys if key in view.topics]
        await view.dashboard.aresolve(components=components, call_deferred=True)
        try:
            return view.render_components(components)
        except SynchronousOnlyOperation:  # a template queried the database: render off the loop
            return await sync_to_async(view.render_components)(components)

    def render_components(self, components: list[Component]) -> str:
        """The components' HTML, each marked to replace its element on the page (out of band)."""
        return "".join(
            component.render(htmx=False, call_deferred=True, oob=True, inputs=self.inputs)
            for component in components
        )


def _release() -> None:
    """Count a stream as closed."""
    global _open_streams
    with _open_lock:
        _open_streams -= 1


def open_streams() -> int:
    """How many streams this process holds open."""
    return _open_streams
