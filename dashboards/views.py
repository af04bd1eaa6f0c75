"""Views serving a dashboard's page and its components (as HTML partials or JSON).

Each view runs sync or async by how it is called, so a request pays for no bridge it does not
use. The routes ``dashboards.urls`` builds (:meth:`DashboardMixin.as_route`) resolve to a plain
view in a thread with no event loop (WSGI) and to an async one on the event loop (ASGI):

- sync: the request is prepared, its values computed and its page rendered right here; only
  a request with async values starts an event loop, once, to await them together;
- async: a request whose dashboard, permissions and values need no sync code is answered on the
  loop with no thread trip; otherwise its sync code runs in one trip.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable, Sequence
from inspect import isawaitable, iscoroutinefunction
from typing import TYPE_CHECKING, Any, ClassVar, Protocol

from asgiref.sync import sync_to_async
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, SynchronousOnlyOperation
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms import Media
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.template.response import SimpleTemplateResponse
from django.urls import URLPattern, path
from django.utils.cache import patch_vary_headers
from django.utils.decorators import classonlymethod
from django.utils.functional import classproperty
from django.views import View
from django.views.generic.base import ContextMixin, TemplateResponseMixin
from django_htmx.middleware import HtmxDetails

from dashboards.component.base import Component
from dashboards.component.form import Form
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.exceptions import DashboardNotFoundError
from dashboards.inputs import Inputs
from dashboards.log import logger
from dashboards.permissions import answers_async
from dashboards.resolver import (
    Completions,
    Placement,
    Resolution,
    needs_event_loop,
    needs_request_thread,
    resolve_as_completed,
)
from dashboards.utils import get_dashboard_class

__all__ = [
    "ComponentView",
    "DashboardMixin",
    "DashboardObjectMixin",
    "DashboardView",
    "FormComponentView",
    "HasValueProtocol",
    "LoopAwarePattern",
    "is_ajax",
    "is_htmx",
]


class HasValueProtocol(Protocol):
    """Anything with a ``get_value`` like a component's (kept for django-dashboards code)."""

    def get_value(self, request: HttpRequest | None = None, call_deferred: bool = False) -> Any:
        """Return the value."""


def is_ajax(request: HttpRequest) -> bool:
    """Whether the request asks for JSON the way jQuery/DataTables do (``X-Requested-With``)."""
    return request.META.get("HTTP_X_REQUESTED_WITH") == "XMLHttpRequest"


#: Whether each view class is async (its handlers do not change once it is defined).
_ASYNC_VIEWS: dict[type, bool] = {}
#: Whether each (view class, dashboard class) prepares on the event loop.
_ON_LOOP: dict[tuple[type, type], bool] = {}


@receiver(setting_changed)
def _forget_on_loop(setting: str, **kwargs: Any) -> None:
    """Work out again which requests prepare on the loop when a test changes the settings."""
    if setting.startswith("DASHBOARDS_"):
        _ON_LOOP.clear()


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx made the request for a fragment: not a boosted full-page navigation, nor a
    history restore (``HX-History-Restore-Request``), which both need the full page."""
    htmx = getattr(request, "htmx", None) or HtmxDetails(request)
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def encode_json(value: Any) -> str:
    """``value`` as JSON: plain data through the json module's own encoder, the rest (dates,
    decimals, UUIDs, lazy strings) through Django's."""
    try:
        return json.dumps(value)
    except TypeError:
        return json.dumps(value, cls=DjangoJSONEncoder)


def denial(allowed: bool | HttpResponseBase) -> HttpResponseBase | None:
    """None when a permission check passed, else the response to send (403 if it gave none)."""
    if allowed is True:
        return None
    if isinstance(allowed, HttpResponseBase):
        return allowed
    raise PermissionDenied


def event_loop_running() -> bool:
    """Whether this thread is running an event loop (an ASGI request is handled on one)."""
    # asyncio's low-level form of get_running_loop(), which answers None instead of raising:
    # under WSGI this is asked on every request, and a raised RuntimeError costs more.
    return asyncio._get_running_loop() is not None


class LoopAwarePattern(URLPattern):
    """A URL pattern with a sync and an async view of one class.

    It resolves to the async view on a thread that runs an event loop (Django's ASGI handler
    resolves there) and to the sync one elsewhere (WSGI), so Django wraps neither.
    """

    def __init__(self, base: URLPattern, async_callback: Callable[..., Any]) -> None:
        super().__init__(base.pattern, base.callback, base.default_args, base.name)
        self.async_callback = async_callback

    def resolve(self, path: str) -> Any:
        """Match ``path``; the match's view is the one for the calling thread."""
        match = super().resolve(path)
        if match is not None and event_loop_running():
            match.func = self.async_callback
        return match


def split_page(page: str) -> tuple[str, str]:
    """A page cut before its ``</body>``, where a streamed page's late values go (at the end of a
    page that has none)."""
    end = page.rfind("</body>")
    if end == -1:
        return page, ""
    return page[:end], page[end:]


async def _finish(response: Any) -> HttpResponseBase:
    """Await what a handler returned until it is a response (the old recipe returns a coroutine)."""
    while isawaitable(response):
        response = await response
    finished: HttpResponseBase = response
    return finished


def rendered(response: HttpResponseBase) -> HttpResponseBase:
    """A template response rendered now, as a plain response.

    An async view answers with it so that Django does not make a thread trip to render a
    template response that is already rendered.
    """
    if not isinstance(response, SimpleTemplateResponse):
        return response
    response.render()
    plain = HttpResponse(response.content, status=response.status_code, headers=response.headers)
    plain.cookies = response.cookies
    plain.templates = getattr(response, "templates", [])  # type: ignore[attr-defined]
    plain.context_data = response.context_data  # type: ignore[attr-defined]
    return plain


class DashboardMixin(ContextMixin):
    """The logic every dashboard view shares: find the dashboard, check its permissions and build
    this request's instance and inputs before any value is computed.

    Handlers may be plain ``def`` (ours are) or ``async def``: a class with an async handler is
    an async view, as any Django view would be, and is prepared before its handler runs.
    """

    dashboard_class: type[Dashboard] | None = None
    #: This request's dashboard instance, built by ``prepare``.
    dashboard: Dashboard
    #: This request's inputs, which the dashboard passes down to its components.
    inputs: Inputs
    #: The components whose own permissions refuse this request, by key.
    forbidden_components: dict[str, Component]
    request: HttpRequest
    kwargs: dict[str, Any]
    #: This class's own handlers, which have an async twin (``handle``/``ahandle``).
    default_handlers: ClassVar[tuple[str, ...]] = ()
    #: The request headers the answer depends on, sent in its ``Vary`` header so that no cache
    #: gives one kind of answer to a request for another.
    vary_headers: ClassVar[tuple[str, ...]] = ()

    if TYPE_CHECKING:
        # What the mixin uses of ``View``, which every dashboard view subclasses too (typed as
        # django-stubs types it; defined here only for type checkers, so View's are the ones run).
        http_method_names: Sequence[str]

        @classmethod
        def as_view(cls, **initkwargs: Any) -> Callable[..., HttpResponseBase]: ...

        def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None: ...

        def http_method_not_allowed(
            self, request: HttpRequest, *args: Any, **kwargs: Any
        ) -> HttpResponse: ...

    @classproperty
    def view_is_async(cls: type[DashboardMixin]) -> bool:  # noqa: N805
        """Whether any handler is ``async def``: then the whole view is async, as Django's are."""
        try:
            return _ASYNC_VIEWS[cls]
        except KeyError:
            is_async = _ASYNC_VIEWS[cls] = any(
                iscoroutinefunction(getattr(cls, method, None))
                for method in cls.http_method_names
                if method != "options"
            )
            return is_async

    @classonlymethod
    def as_async_view(cls, **initkwargs: Any) -> Callable[..., Any]:  # noqa: N805
        """The view as an async function, whichever its handlers are (for the event loop)."""
        sync_view = cls.as_view(**initkwargs)
        if iscoroutinefunction(sync_view):
            return sync_view

        async def view(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            self = cls(**initkwargs)
            self.setup(request, *args, **kwargs)
            return await self.adispatch(request, *args, **kwargs)

        view.view_class = cls  # type: ignore[attr-defined]
        view.view_initkwargs = initkwargs  # type: ignore[attr-defined]
        view.__doc__ = cls.__doc__
        view.__module__ = cls.__module__
        view.__name__ = sync_view.__name__
        view.__qualname__ = sync_view.__qualname__
        return view

    @classonlymethod
    def as_route(
        cls,  # noqa: N805
        route: str,
        name: str | None = None,
        **initkwargs: Any,
    ) -> URLPattern:
        """A ``path()`` to this view that serves it sync under WSGI and async under ASGI."""
        base = path(route, cls.as_view(**initkwargs), name=name)
        if iscoroutinefunction(base.callback):
            return base
        return LoopAwarePattern(base, cls.as_async_view(**initkwargs))

    # -- the dashboard of this request -----------------------------------------------------

    def get_dashboard_class(self) -> type[Dashboard]:
        """The dashboard class: given to ``as_view``, or looked up from the URL; else 404."""
        if self.dashboard_class is not None:
            return self.dashboard_class
        try:
            self.dashboard_class = get_dashboard_class(
                self.kwargs.get("app_label", ""), self.kwargs.get("dashboard", "")
            )
        except DashboardNotFoundError as error:
            raise Http404(str(error)) from None
        return self.dashboard_class

    def get_dashboard_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of the dashboard's constructor: the request and the URL kwargs."""
        return {"request": self.request, **self.kwargs}

    def get_dashboard(self) -> Dashboard:
        """This request's dashboard instance; 404 for a ``ModelDashboard`` with no object named."""
        dashboard_class = self.get_dashboard_class()
        kwargs = self.get_dashboard_kwargs()
        if issubclass(dashboard_class, ModelDashboard) and kwargs.get("object") is None:
            lookup_kwarg = dashboard_class._meta.lookup_kwarg
            if kwargs.get(lookup_kwarg, kwargs.get("lookup")) is None:
                raise Http404(f"{dashboard_class.__name__} needs an object in the URL.")
        try:
            dashboard = dashboard_class(**kwargs)
        except ObjectDoesNotExist as error:  # ModelDashboard.get_object found no object
            raise Http404(str(error)) from None
        dashboard.request = self.request
        return dashboard

    def prepare(self, request: HttpRequest) -> HttpResponseBase | None:
        """Check permissions and build the dashboard and its inputs; a response to send instead, if any."""
        dashboard_class = self.get_dashboard_class()
        denied = denial(dashboard_class.has_permissions(request, handle=True))
        if denied is not None:
            return denied
        self.dashboard = self.get_dashboard()
        denied = denial(self.dashboard.has_object_permissions(request, handle=True))
        if denied is not None:
            return denied
        self.forbidden_components = self.dashboard.remove_forbidden_components(request)
        self.inputs = self.dashboard.get_inputs()
        self.inputs.permitted = True  # permissions checked: cached values may be read now
        if self.inputs.filterset is not None:
            self.inputs.filterset.is_valid()  # validate here, where the ORM may run
        return self.prepare_view(request)

    def prepares_on_event_loop(self) -> bool:
        """Whether ``aprepare`` can build this request on the event loop: no sync code to run.

        It depends on the classes and the settings only, so it is worked out once per view and
        dashboard class (and again when a test changes the settings).
        """
        dashboard_class = self.get_dashboard_class()
        key = (type(self), dashboard_class)
        answer = _ON_LOOP.get(key)
        if answer is None:
            answer = _ON_LOOP[key] = self._prepares_on_event_loop(dashboard_class)
        return answer

    def _prepares_on_event_loop(self, dashboard_class: type[Dashboard]) -> bool:
        """``prepares_on_event_loop``, worked out."""
        if type(self).get_dashboard is not DashboardMixin.get_dashboard:
            return False
        if not dashboard_class.prepares_on_event_loop():
            return False
        permissions = [type(p) for p in dashboard_class.get_dashboard_permissions()]
        for component in dashboard_class.components.values():
            permissions.extend(component.permission_classes or [])
        return all(answers_async(permission) for permission in permissions)

    def get_declared_keys(self, request: HttpRequest) -> list[str]:
        """The keys of the declared components whose values this request's answer shows."""
        return []

    def computes_on_request_thread(self, request: HttpRequest) -> bool:
        """Whether the request's values (as its dashboard class declares them) are all sync code
        for the request's thread: then preparing on the loop would only add to the one trip."""
        dashboard_class = self.get_dashboard_class()
        placements = {
            dashboard_class.declared_placement(key, self.call_deferred)
            for key in self.get_declared_keys(request)
        }
        return Placement.THREAD in placements and not (
            placements & {Placement.ASYNC, Placement.WORKER}
        )

    async def aprepare(self, request: HttpRequest) -> HttpResponseBase | None:
        """``prepare`` on the event loop, for a request ``prepares_on_event_loop`` allows."""
        auser = getattr(request, "auser", None)
        if auser is not None:
            request.user = await auser()  # sync permission code later reads it without a query
        dashboard_class = self.get_dashboard_class()
        denied = denial(await dashboard_class.ahas_permissions(request, handle=True))
        if denied is not None:
            return denied
        self.dashboard = self.get_dashboard()
        forbidden = {}
        for key in self.dashboard.guarded_components():
            component = self.dashboard.components[key]
            if await component.adenied_by(request) is not None:
                forbidden[key] = component
        self.forbidden_components = self.dashboard.remove_forbidden_components(
            request, forbidden=forbidden
        )
        self.inputs = self.dashboard.get_inputs()
        self.inputs.permitted = True  # permissions checked: cached values may be read now
        return self.prepare_view(request)

    def prepare_view(self, request: HttpRequest) -> HttpResponseBase | None:
        """Hook: what this view prepares once the dashboard is built (e.g. find the component)."""
        return None

    # -- dispatch --------------------------------------------------------------------------

    def get_handler(self, request: HttpRequest) -> Callable[..., Any]:
        """The handler of the request's method (``http_method_not_allowed`` for others)."""
        method = request.method.lower() if request.method else ""
        if method in self.http_method_names:
            return getattr(self, method, self.http_method_not_allowed)
        return self.http_method_not_allowed

    def needs_prepare(self, request: HttpRequest, handler: Callable[..., Any]) -> bool:
        """Whether the handler needs the dashboard (not for OPTIONS or a refused method)."""
        return handler != self.http_method_not_allowed and request.method != "OPTIONS"

    def handles_by_default(self, handler: Callable[..., Any]) -> bool:
        """Whether ``handler`` is one of the library's own, unchanged, which have an async twin.

        A subclass that overrides any of them (``post`` calls ``get``) answers through its own.
        """
        base = next(k for k in type(self).__mro__ if "default_handlers" in k.__dict__)
        names = base.__dict__["default_handlers"]
        if any(getattr(type(self), name) is not getattr(base, name) for name in names):
            return False
        return any(getattr(handler, "__func__", None) is getattr(base, name) for name in names)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        """Prepare the dashboard (404, permissions), then run the handler, sync or async."""
        if self.view_is_async:
            return self.adispatch(request, *args, **kwargs)
        handler = self.get_handler(request)
        if self.needs_prepare(request, handler):
            denied = self.prepare(request)
            if denied is not None:
                return denied
        return handler(request, *args, **kwargs)

    async def adispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """``dispatch`` from the event loop: at most one thread trip, none where none is needed."""
        handler = self.get_handler(request)
        if not self.needs_prepare(request, handler):
            if iscoroutinefunction(handler):
                return await _finish(handler(request, *args, **kwargs))
            return await sync_to_async(handler)(request, *args, **kwargs)  # type: ignore[no-any-return]
        on_loop = self.prepares_on_event_loop()
        if iscoroutinefunction(handler):  # a subclass's async handler: prepare, then await it
            denied = await self.aprepare_where_it_can(request, on_loop)
            if denied is not None:
                return denied
            return await _finish(handler(request, *args, **kwargs))
        if self.streams(request) and self.handles_by_default(handler):
            denied = await self.aprepare_where_it_can(request, on_loop)
            if denied is not None:
                return denied
            return await self.astream(request)
        if (
            on_loop
            and self.handles_by_default(handler)
            and not self.computes_on_request_thread(request)
        ):
            denied = await self.aprepare(request)
            if denied is not None:
                return denied
            return await self.ahandle(request)
        # Sync code to run: all of it (prepare, handler, rendering) in one trip.
        return await sync_to_async(self.dispatch_in_thread)(request, handler, *args, **kwargs)

    async def aprepare_where_it_can(
        self, request: HttpRequest, on_loop: bool
    ) -> HttpResponseBase | None:
        """``prepare`` from the event loop: on the loop when ``on_loop``, else in one trip."""
        if on_loop:
            return await self.aprepare(request)
        return await sync_to_async(self.prepare)(request)

    def dispatch_in_thread(
        self, request: HttpRequest, handler: Callable[..., Any], *args: Any, **kwargs: Any
    ) -> HttpResponseBase:
        """Prepare, handle and render a request on the thread an async dispatch sent it to."""
        denied = self.prepare(request)
        if denied is not None:
            return denied
        return rendered(handler(request, *args, **kwargs))

    # -- the default answer: compute the values, then respond -------------------------------

    #: Whether this view computes deferred values (a component's) or the page's.
    call_deferred: ClassVar[bool] = False

    def get_components_to_resolve(self, request: HttpRequest) -> list[Component]:
        """The components whose values this request's answer shows."""
        raise NotImplementedError

    def respond(self, request: HttpRequest) -> HttpResponseBase:
        """The answer, once the values are computed."""
        raise NotImplementedError

    def vary(self, response: HttpResponseBase) -> HttpResponseBase:
        """``response`` with ``vary_headers`` added to its ``Vary`` header."""
        if response.has_header("Vary"):
            patch_vary_headers(response, self.vary_headers)
        else:  # the usual case, without parsing a header that is not there
            response.headers["Vary"] = ", ".join(self.vary_headers)
        return response

    def handle(self, request: HttpRequest) -> HttpResponseBase:
        """The default answer, from sync code."""
        components = self.get_components_to_resolve(request)
        self.dashboard.resolve(components, call_deferred=self.call_deferred)
        return self.respond(request)

    async def ahandle(self, request: HttpRequest) -> HttpResponseBase:
        """The default answer, from the event loop, with at most one thread trip.

        Values that are all sync are computed and the answer rendered in one trip; otherwise the
        values are awaited (the sync ones in one trip beside them), and the answer is rendered on
        the loop, or in one trip when rendering queries the database.
        """
        components = self.get_components_to_resolve(request)
        if not needs_event_loop(components, self.call_deferred) and needs_request_thread(
            components, self.call_deferred
        ):
            return await sync_to_async(self.handle_rendered)(request)
        await self.dashboard.aresolve(components=components, call_deferred=self.call_deferred)
        return await self.arespond(request)

    async def arespond(self, request: HttpRequest) -> HttpResponseBase:
        """``respond`` from the event loop: rendered there, or in one trip when rendering
        queries the database."""
        try:
            return rendered(self.respond(request))
        except SynchronousOnlyOperation:  # nothing was sent: answer again where the ORM may run
            return await sync_to_async(self.respond_rendered)(request)

    def streams(self, request: HttpRequest) -> bool:
        """Whether the answer streams (see :meth:`DashboardView.astream`); not by default."""
        return False

    async def astream(self, request: HttpRequest) -> HttpResponseBase:
        """The answer as a stream, from the event loop (for views whose ``streams`` says so)."""
        raise NotImplementedError

    def handle_rendered(self, request: HttpRequest) -> HttpResponseBase:
        """``handle``, with the answer rendered (for a thread trip of an async view)."""
        return rendered(self.handle(request))

    def respond_rendered(self, request: HttpRequest) -> HttpResponseBase:
        """``respond``, with the answer rendered (for a thread trip of an async view)."""
        return rendered(self.respond(request))


#: The django-dashboards name of :class:`DashboardMixin`.
DashboardObjectMixin = DashboardMixin


class DashboardView(DashboardMixin, TemplateResponseMixin, View):
    """A dashboard's page (its layout alone when htmx asks for it)."""

    template_name = "dashboards/dashboard.html"
    partial_template_name = "dashboards/dashboard_partial.html"
    default_handlers = ("get",)
    vary_headers = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request")
    #: The page's CSS and JS (the dashboard's and its components'), collected by ``prepare``.
    media: Media

    def get_template_names(self) -> list[str]:
        """The full page, or the partial for htmx requests."""
        if is_htmx(self.request):
            return [self.partial_template_name]
        return super().get_template_names()

    def prepare_view(self, request: HttpRequest) -> HttpResponseBase | None:
        """Collect the page's media (a form's media builds the form: sync code)."""
        self.media = self.dashboard.get_media()
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The page's context: the dashboard, its media (CSS and JS), the filter bar and the view."""
        kwargs.setdefault("dashboard", self.dashboard)
        kwargs.setdefault("media", self.media)
        kwargs.setdefault("filterset", self.inputs.filterset)
        return super().get_context_data(**kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Compute every non-deferred value (async ones together), then render the page."""
        return self.handle(request)

    def get_declared_keys(self, request: HttpRequest) -> list[str]:
        """The page's declared components that are not deferred."""
        return [
            key
            for key, component in self.get_dashboard_class().components.items()
            if not component.is_deferred
        ]

    def get_components_to_resolve(self, request: HttpRequest) -> list[Component]:
        """The components shown on the page (the ones not deferred)."""
        return self.dashboard.get_page_components()

    def respond(self, request: HttpRequest) -> HttpResponseBase:
        """The page (its layout alone for htmx)."""
        return self.vary(self.render_to_response(self.get_context_data()))

    def streams(self, request: HttpRequest) -> bool:
        """Whether the page streams: its dashboard says so, and htmx is not asking for it (htmx
        swaps a whole answer in at once)."""
        return self.get_dashboard_class().streams() and not is_htmx(request)

    async def astream(self, request: HttpRequest) -> HttpResponseBase:
        """The page at once, with a slot for each value still resolving; then, in the same
        response, each value's HTML as it resolves (in the order they finish), which
        ``dashboard.js`` moves into its slot. Without JavaScript the values show below the page.

        A page whose values were all ready is sent whole. A client that goes away cancels the
        values still running.
        """
        components = self.get_components_to_resolve(request)
        resolving = resolve_as_completed(components, self.inputs, call_deferred=False)
        self.inputs.streamed = frozenset(
            component.key
            for component in components
            if self.inputs.resolution(component, call_deferred=False) is None
        )
        try:
            page = await self.arespond(request)
        except BaseException:
            await resolving.aclose()
            raise
        # All values ready at once, or a response of the view's own making: send it whole.
        if not self.inputs.streamed or not isinstance(page, HttpResponse):
            await resolving.aclose()
            return page
        head, tail = split_page(page.content.decode(page.charset))
        response = StreamingHttpResponse(
            self.stream_page(head, resolving, tail), status=page.status_code
        )
        for header, value in page.items():
            if header.lower() != "content-length":
                response[header] = value
        response.cookies = page.cookies
        return response

    async def stream_page(self, head: str, resolving: Completions, tail: str) -> AsyncIterator[str]:
        """The chunks of a streamed page: the page up to ``</body>``, each value as it resolves,
        then the rest. Closed early (the client went away), it stops the values still running."""
        try:
            yield head
            async for component in resolving:
                if component.key in self.inputs.streamed:
                    yield await self.arender_fill(component)
            yield tail
        finally:
            await resolving.aclose()

    async def arender_fill(self, component: Component) -> str:
        """A resolved value's HTML for its slot, rendered on the loop (in a trip if it queries)."""
        try:
            return component.render_stream_fill(self.inputs)
        except SynchronousOnlyOperation:
            return await sync_to_async(component.render_stream_fill)(self.inputs)


class ComponentView(DashboardMixin, TemplateResponseMixin, View):
    """One component of a dashboard: its HTML (with its dependents, out of band) or its JSON."""

    template_name = "dashboards/components/partial.html"
    default_handlers: ClassVar[tuple[str, ...]] = ("get", "post")
    vary_headers = ("X-Requested-With",)
    call_deferred = True
    #: The requested component of this request's dashboard, found by ``prepare``.
    component: Component

    def get_partial_component(self) -> Component:
        """The component the URL names; 404 when the dashboard has none by that key."""
        key: str | None = self.kwargs.get("component")
        component = self.inputs.components.get(key) if key is not None else None
        if component is None:
            raise Http404(
                f"Component {key} does not exist in dashboard {self.dashboard.class_name()}"
            )
        return component

    def prepare_view(self, request: HttpRequest) -> HttpResponseBase | None:
        """Find the component; a refused one answers like a refused page, an unknown one 404."""
        forbidden = self.forbidden_components.get(self.kwargs.get("component"))  # type: ignore[arg-type]
        if forbidden is not None:
            permission = forbidden.denied_by(request)
            return denial(permission.handle_no_permission(request, type(self.dashboard)))
        self.component = self.get_partial_component()
        self.dashboard.bind_dependents(self.component)
        return None

    def get_components_to_render(self) -> list[Component]:
        """The component and its dependents."""
        return [self.component, *(self.component.dependent_components or [])]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The partial's context: the component, the dashboard and the view."""
        kwargs.setdefault("component", self.component)
        kwargs.setdefault("dashboard", self.dashboard)
        return super().get_context_data(**kwargs)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Render the component's value (JSON for ``X-Requested-With: XMLHttpRequest``)."""
        return self.handle(request)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """The same as GET, with the filters taken from the POST data."""
        return self.get(request, *args, **kwargs)

    def get_declared_keys(self, request: HttpRequest) -> list[str]:
        """The component's key, and for HTML its declared dependents'."""
        key = self.kwargs.get("component")
        declared = self.get_dashboard_class().components.get(key)  # type: ignore[arg-type]
        if declared is None:
            return []
        return [key, *([] if is_ajax(request) else declared.dependents or [])]  # type: ignore[list-item]

    def get_components_to_resolve(self, request: HttpRequest) -> list[Component]:
        """The component, and for HTML its dependents."""
        return [self.component] if is_ajax(request) else self.get_components_to_render()

    def respond(self, request: HttpRequest) -> HttpResponseBase:
        """The value as JSON (for ``X-Requested-With: XMLHttpRequest``), else as HTML."""
        if is_ajax(request):
            return self.vary(self.json_response(self.resolution()))
        return self.vary(self.render_to_response(self.get_context_data()))

    def resolution(self) -> Resolution:
        """This request's resolution of the component's deferred value."""
        return self.component.get_resolution(self.inputs, call_deferred=True)

    def json_response(self, resolution: Resolution) -> HttpResponse:
        """The value as JSON; a failed value answers ``{"error": ...}`` with status 500 (504 if slow)."""
        if resolution.error is None:
            try:
                body = encode_json(self.component.to_json(resolution.value))
            except TypeError:
                logger.exception("Component %r value is not JSON serializable", self.component.key)
            else:
                return HttpResponse(body, content_type="application/json")
            return JsonResponse(
                {"error": "The value of this component cannot be encoded as JSON."}, status=500
            )
        if resolution.timed_out:
            return JsonResponse({"error": "This component took too long to load."}, status=504)
        return JsonResponse({"error": "This component could not be loaded."}, status=500)


class FormComponentView(ComponentView):
    """A ``Form`` component's ``@form`` route: GET re-renders it, POST validates and saves it.

    Either way the answer holds the form (with its errors, if any) and, out of band, every
    dependent re-rendered with the submitted data as its ``filters``.
    """

    component: Form
    default_handlers: ClassVar[tuple[str, ...]] = ()

    def prepare_view(self, request: HttpRequest) -> HttpResponseBase | None:
        """Also check that the component is a form; anything else is a 404."""
        denied = super().prepare_view(request)
        if denied is None and not isinstance(self.component, Form):
            raise Http404(f"Component {self.component.key} is not a form")
        return denied

    def process_form(self, request: HttpRequest) -> tuple[Any, bool]:
        """Bind the form to the POST data, and save it when it is valid."""
        form = self.component.get_form(request)
        if form.is_valid():
            form.save()
            return form, True
        return form, False

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Validate and save; answer the form (fresh after a save) and its refreshed dependents."""
        form, saved = self.process_form(request)
        if is_ajax(request):
            return self.vary(self.form_json_response(form, saved))
        if saved:
            form = self.component.get_form(None)
        self.inputs.submitted[self.component.key] = self.component.make_value(form, saved=saved)  # type: ignore[index]
        return self.handle(request)

    def form_json_response(self, form: Any, saved: bool) -> JsonResponse:
        """The JSON answer to a POST: success, and the form's fields and errors."""
        value = self.component.to_json(self.component.make_value(form, saved=saved))
        return JsonResponse({"success": saved, **value}, status=200 if saved else 400)
