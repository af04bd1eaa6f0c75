"""The ``Component`` base class and the ``CTA`` link: what every dashboard component shares."""

from __future__ import annotations

import copy
import dataclasses
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Any, ClassVar, Self

from asgiref.sync import async_to_sync, sync_to_async
from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.forms.widgets import Media, MediaDefiningClass
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.text import slugify

from dashboards.config import DEFAULT_COMPONENT_CLASSES, Config, css_classes_for
from dashboards.exceptions import DashboardError
from dashboards.log import logger
from dashboards.resolver import Resolution

if TYPE_CHECKING:
    from dashboards.dashboard import Dashboard

__all__ = ["CTA", "Component", "value_render_encoder"]


def value_render_encoder(data: list[tuple[str, Any]]) -> dict[str, Any]:
    """``dict_factory`` for ``dataclasses.asdict``: Enums become their value, QuerySets lists."""

    def convert(value: Any) -> Any:
        if isinstance(value, Enum):
            return value.value
        if isinstance(value, QuerySet):
            return list(value)
        return value

    return {key: convert(value) for key, value in data}


def dataclass_to_dict(value: Any) -> Any:
    """Like ``dataclasses.asdict`` with ``value_render_encoder``, without copying the leaves.

    ``asdict`` deep-copies every value it reaches; a serialized table's thousands of cells made
    that the slowest step of a table request.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value_render_encoder(
            [(f.name, dataclass_to_dict(getattr(value, f.name))) for f in dataclasses.fields(value)]
        )
    if isinstance(value, list | tuple):
        return type(value)(dataclass_to_dict(item) for item in value)
    if isinstance(value, dict):
        return {key: dataclass_to_dict(item) for key, item in value.items()}
    return value


@dataclass
class CTA:
    """A call-to-action link around a component: a URL, a callable of the object, or a dashboard."""

    href: str | Callable[[Any], str] | None = None
    dashboard: str | type[Dashboard] | None = None

    def get_href(self, obj: Any = None) -> str | None:
        """Return the link: the dashboard's URL (its detail URL with ``obj``), else ``href``."""
        if self.dashboard:
            dashboard = (
                import_string(self.dashboard) if isinstance(self.dashboard, str) else self.dashboard
            )
            if obj is not None:
                lookup = getattr(obj, dashboard._meta.lookup_field)
                return reverse_lazy(f"dashboards:{dashboard.get_slug()}_detail", args=[lookup])
            return reverse_lazy(f"dashboards:{dashboard.get_slug()}")
        if callable(self.href):
            return self.href(obj)
        return self.href


@cache
def _accepted_kwargs(func: Callable) -> frozenset[str] | None:
    """Names of the keyword arguments ``func`` accepts, or None when it takes ``**kwargs``."""
    try:
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


def call_kwargs(func: Callable, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The subset of ``kwargs`` that ``func`` accepts (all of them when it takes ``**kwargs``)."""
    try:
        accepted = _accepted_kwargs(func)
    except TypeError:  # unhashable callables (e.g. some callable instances)
        accepted = None
    if accepted is None:
        return kwargs
    return {key: value for key, value in kwargs.items() if key in accepted}


def call_in_worker_thread(func: Callable, kwargs: dict[str, Any]) -> Any:
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
    return inspect.iscoroutinefunction(func) or inspect.iscoroutinefunction(
        getattr(func, "__call__", None)  # noqa: B004
    )


@dataclass(repr=False)
class Component(metaclass=MediaDefiningClass):
    """A dashboard component: a value (or a deferred value) rendered through a template."""

    template_name: str | None = None
    value: Any = None
    defer: Any = None
    defer_url: Callable[..., str] | None = None
    defer_loading_template_name: str = "dashboards/components/loading.html"
    dependents: list[str] | None = None
    cta: CTA | None = None
    key: str | None = None
    verbose_name: str | None = None
    dashboard: type[Dashboard] | None = None
    object: Any = None
    render_type: str | None = None
    serializable: bool = True
    icon: str | None = None
    css_classes: str | dict[str, str] | None = None
    grid_css_classes: str | None = None
    poll_rate: int | float | None = None
    trigger_on: str | None = None
    dependent_components: list[Component] | None = None
    #: Seconds the value may take; None uses ``DASHBOARDS_COMPONENT_TIMEOUT``.
    timeout: float | None = None
    #: Permission classes of this component alone, checked after the dashboard's; users they
    #: refuse never see it on the page, and its endpoints answer them like a refused page.
    permission_classes: list[type] | None = None
    #: Run a sync value callable on the request's own thread (safe for the ORM and test
    #: transactions). False runs it on a worker thread, concurrently with its siblings.
    thread_sensitive: bool = True
    #: The dashboard instance this copy belongs to (set when a dashboard binds it).
    dashboard_instance: Dashboard | None = field(default=None, compare=False)
    #: The outcome of the last resolution (value or error), set by ``dashboards.resolver``.
    resolution: Resolution | None = field(default=None, compare=False)

    #: When ``css_classes`` is a string, store it under this key of the class dict (Form, tables).
    css_string_key: ClassVar[str | None] = None
    #: Template of the error state shown in the component's slot when its value fails.
    error_template_name: ClassVar[str] = "dashboards/components/error.html"
    #: Template of the wrapper around every component.
    wrapper_template_name: ClassVar[str] = "dashboards/components/component.html"

    def __repr__(self) -> str:
        return f"{self.key}={self.value!r}"

    def __str__(self) -> str:
        return self.render({})

    # -- binding ---------------------------------------------------------------------------

    def bind(self, dashboard: Dashboard, key: str) -> Self:
        """Return this component's copy for one dashboard instance; the declaration is never changed."""
        bound = copy.copy(self)
        bound.dashboard = type(dashboard)
        bound.dashboard_instance = dashboard
        bound.key = key
        bound.verbose_name = self.verbose_name or key
        bound.render_type = self.render_type or type(self).__name__
        bound.object = dashboard.object
        bound.css_classes = self.get_css_classes()
        if bound.grid_css_classes is None:
            bound.grid_css_classes = Config().DASHBOARDS_DEFAULT_GRID_CSS
        bound.dependents = list(self.dependents) if self.dependents else None
        bound.dependent_components = None
        bound.resolution = None
        return bound

    def get_css_classes(self) -> str | dict[str, str] | None:
        """The CSS classes: the declared ones merged over the class's defaults from the settings."""
        defaults = css_classes_for(
            type(self),
            DEFAULT_COMPONENT_CLASSES,
            getattr(settings, "DASHBOARDS_COMPONENT_CLASSES", None),
        )
        declared = self.css_classes
        if isinstance(declared, str) and self.css_string_key:
            declared = {self.css_string_key: declared}
        if isinstance(declared, dict):
            return (
                {**(defaults or {}), **declared} if isinstance(defaults, dict) else dict(declared)
            )
        if declared is None:
            return defaults
        return declared

    # -- state -----------------------------------------------------------------------------

    @property
    def is_deferred(self) -> bool:
        """Whether the value is fetched after the page loads (``defer`` or ``defer_url`` is set)."""
        return bool(self.defer or self.defer_url)

    @property
    def dashboard_class(self) -> str | None:
        """The lower-cased class name of the dashboard, as used in URLs."""
        return self.dashboard.class_name() if self.dashboard else None

    def htmx_poll_rate(self) -> str | None:
        """The htmx polling trigger, e.g. ``every 5s``."""
        return f"every {self.poll_rate}s" if self.poll_rate else None

    def htmx_trigger_on(self) -> str:
        """The htmx trigger prefix for ``trigger_on``, e.g. ``"click from:body, "``."""
        return f"{self.trigger_on} from:body, " if self.trigger_on else ""

    def get_timeout(self) -> float | None:
        """Seconds the value may take before the component shows its error state."""
        return self.timeout if self.timeout is not None else Config().DASHBOARDS_COMPONENT_TIMEOUT

    # -- values ----------------------------------------------------------------------------

    def get_source(self, call_deferred: bool = False) -> Any:
        """What the value comes from: ``defer`` when fetching a deferred component, else ``value``."""
        if call_deferred and self.is_deferred and self.defer is not None:
            return self.defer
        return self.value

    @staticmethod
    def get_filters(request: HttpRequest | None) -> dict[str, Any]:
        """The filters a value callable receives: the request's GET (or POST) data as a dict."""
        if request is None:
            return {}
        data = request.GET if request.method in ("GET", "HEAD") else request.POST
        return data.dict()

    def get_value_kwargs(
        self, request: HttpRequest | None, filters: dict[str, Any] | None
    ) -> dict[str, Any]:
        """The keyword arguments value callables may receive.

        ``request``, ``object`` and ``filters`` always; ``filterset`` too when the dashboard
        declares ``Meta.filterset_class`` (its ``qs`` is the filtered queryset).
        """
        if filters is None:
            filters = self.get_filters(request)
        kwargs = {"request": request, "object": self.object, "filters": filters}
        if self.dashboard_instance is not None:
            filterset = self.dashboard_instance.get_filterset()
            if filterset is not None:
                kwargs["filterset"] = filterset
        return kwargs

    def get_value_function(self, call_deferred: bool = False) -> Callable | None:
        """The callable that computes the value (a serializer's ``serialize``), or None for a literal."""
        source = self.get_source(call_deferred)
        if hasattr(source, "serialize"):
            return source.serialize
        return source if callable(source) else None

    def get_value_call(
        self,
        request: HttpRequest | None,
        call_deferred: bool,
        filters: dict[str, Any] | None,
    ) -> tuple[Callable | None, Any]:
        """What to call for the value and with which kwargs; ``(None, literal)`` for a literal."""
        func = self.get_value_function(call_deferred)
        if func is None:
            return None, self.get_source(call_deferred)
        return func, call_kwargs(func, self.get_value_kwargs(request, filters))

    def prepare_value(self, value: Any) -> Any:
        """Turn a dataclass result into a dict (nested dataclasses, Enums and QuerySets converted)."""
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclass_to_dict(value)
        return value

    def resolves_on_request_thread(self, call_deferred: bool = False) -> bool:
        """Whether computing the value is sync code for the request's own thread.

        The resolver runs all such values of a request in one trip to that thread (they would
        run one after another there anyway) instead of one trip each.
        """
        func = self.get_value_function(call_deferred)
        return self.thread_sensitive and func is not None and not is_async_callable(func)

    def resolves_on_event_loop(self, call_deferred: bool = False) -> bool:
        """Whether the value is awaited on the event loop (async, or sync on a worker thread)."""
        if self.resolves_on_request_thread(call_deferred):
            return False
        return self.get_value_function(call_deferred) is not None

    async def aget_value(
        self,
        request: HttpRequest | None = None,
        call_deferred: bool = False,
        filters: dict[str, Any] | None = None,
    ) -> Any:
        """Compute the value from async code: async callables are awaited, sync ones run off the loop."""
        func, kwargs = self.get_value_call(request, call_deferred, filters)
        if func is None:
            value = kwargs
        elif is_async_callable(func):
            value = await func(**kwargs)
        else:
            if self.thread_sensitive:
                value = await sync_to_async(func, thread_sensitive=True)(**kwargs)
            else:
                value = await sync_to_async(call_in_worker_thread, thread_sensitive=False)(
                    func, kwargs
                )
            if inspect.isawaitable(value):
                value = await value
        return self.prepare_value(value)

    def get_value(
        self,
        request: HttpRequest | None = None,
        call_deferred: bool = False,
        filters: dict[str, Any] | None = None,
    ) -> Any:
        """Compute the value from sync code; an async value callable is run to completion."""
        func, kwargs = self.get_value_call(request, call_deferred, filters)
        if func is None:
            value = kwargs
        elif is_async_callable(func):
            value = async_to_sync(func)(**kwargs)
        else:
            value = func(**kwargs)
            if inspect.isawaitable(value):
                value = async_to_sync(_await)(value)
        return self.prepare_value(value)

    def to_json(self, value: Any) -> Any:
        """The resolved value as JSON-ready data for the component's JSON answer."""
        return value

    # -- permissions -----------------------------------------------------------------------

    def get_permissions(self) -> list[Any]:
        """Instances of this component's own ``permission_classes`` (none: the dashboard's apply)."""
        return [permission() for permission in self.permission_classes or []]

    def denied_by(self, request: HttpRequest) -> Any:
        """The first of this component's permissions that refuses the request, or None."""
        for permission in self.get_permissions():
            if not permission.has_permission(request=request, dashboard=self.dashboard):
                return permission
        return None

    # -- URLs ------------------------------------------------------------------------------

    def get_reverse_args(self) -> list[Any]:
        """The URL arguments of this component: app label, dashboard, [object lookup,] key."""
        if self.dashboard is None:
            raise DashboardError(f"Component {self.key!r} is not bound to a dashboard.")
        args: list[Any] = [self.dashboard._meta.app_label, self.dashboard_class, self.key]
        if self.object is not None:
            args.insert(2, getattr(self.object, self.dashboard._meta.lookup_field))
        return args

    def get_absolute_url(self) -> str:
        """The URL that serves this component alone (``defer_url`` when set)."""
        args = self.get_reverse_args()
        cache_key = (*args, self.defer_url)
        cached = self.__dict__.get("_url_cache")
        if cached is not None and cached[0] == cache_key:
            return cached[1]  # a page renders each component's URL several times
        if self.defer_url:
            url = self.defer_url(reverse_args=args)
        else:
            url = reverse("dashboards:dashboard_component", args=args)
        self.__dict__["_url_cache"] = (cache_key, url)
        return url

    def get_fetch_url(self) -> str:
        """The URL htmx fetches this component from: its URL plus the page's query string.

        Carrying the query string keeps filter state (``?status=paid``) for deferred and polled
        components, so they show the same data as the rest of the page.
        """
        url = self.get_absolute_url()
        request = getattr(self.dashboard_instance, "request", None)
        query = request.GET.urlencode() if request is not None else ""
        if not query:
            return url
        return f"{url}{'&' if '?' in url else '?'}{query}"

    @property
    def template_id(self) -> str:
        """A page-unique id derived from the component's URL."""
        return slugify(self.get_absolute_url())

    # -- media -----------------------------------------------------------------------------

    def get_media(self) -> Media:
        """The component's CSS and JS, plus its serializer's when it has one."""
        media = self.media
        for source in (self.value, self.defer):
            source_media = getattr(source, "get_media", None)
            if callable(source_media) and isinstance(source, type):
                media = media + source().get_media()
        return media

    # -- rendering -------------------------------------------------------------------------

    def get_resolution(self, call_deferred: bool) -> Resolution | None:
        """The resolution stored for this kind of call, if the dashboard already resolved it."""
        resolution = self.resolution
        if resolution is not None and resolution.call_deferred == call_deferred:
            return resolution
        return None

    def render_error(self, context: Any, resolution: Resolution) -> SafeString:
        """Render the error state shown in place of a failed value."""
        return render_to_string(
            self.error_template_name,
            {
                "request": _context_get(context, "request"),
                "component": self,
                "resolution": resolution,
            },
        )

    def render_value(self, context: Any, call_deferred: bool = False) -> SafeString:
        """Render the value (or the loading placeholder, or the error state) with ``template_name``."""
        request = _context_get(context, "request")
        if self.is_deferred and not call_deferred:
            return render_to_string(self.defer_loading_template_name, {"component": self})
        resolution = self.get_resolution(call_deferred)
        if resolution is None:
            from dashboards.resolver import resolve_sync

            resolution = resolve_sync(self, request, call_deferred=call_deferred)
        if resolution.error is not None:
            return self.render_error(context, resolution)
        try:
            return render_to_string(
                self.get_template_name(call_deferred),
                self.get_value_context(request, resolution.value),
            )
        except Exception as error:
            # A template that fails on this value breaks this component only, not the page.
            logger.exception("Component %r failed to render", self.key)
            return self.render_error(
                context, Resolution(error=error, call_deferred=resolution.call_deferred)
            )

    def get_template_name(self, call_deferred: bool = False) -> str:
        """The value's template: a serializer's own ``template_name`` if it has one, else ours."""
        source = self.get_source(call_deferred)
        if hasattr(source, "serialize"):
            return getattr(source, "template_name", None) or self.template_name
        return self.template_name

    def get_value_context(self, request: HttpRequest | None, value: Any) -> dict[str, Any]:
        """The context of the value's template (``value`` is an alias of ``rendered_value``)."""
        return {
            "request": request,
            "component": self,
            "rendered_value": value,
            "value": value,
            "template_id": self.template_id,
        }

    def get_refresh_trigger(self) -> str | None:
        """The htmx trigger that refreshes a non-deferred component in place (poll or event)."""
        triggers = [f"{self.trigger_on} from:body"] if self.trigger_on else []
        if self.poll_rate:
            triggers.append(f"every {self.poll_rate}s")
        return ", ".join(triggers) or None

    def render(
        self,
        context: Any,
        htmx: bool | None = None,
        call_deferred: bool = False,
        oob: bool = False,
    ) -> str:
        """Render the component in its wrapper: a placeholder that htmx fills, or the value itself.

        ``oob`` marks the value for an htmx out-of-band swap (dependents in a component response).
        """
        if htmx is None:
            htmx = self.is_deferred and not call_deferred
        rendered_value = "" if htmx else self.render_value(context, call_deferred=call_deferred)
        on_page = not call_deferred and not self.is_deferred
        return render_to_string(
            self.wrapper_template_name,
            {
                "request": _context_get(context, "request"),
                "component": self,
                "template_id": self.template_id,
                "object": self.object,
                "cta": self.cta,
                "is_deferred": self.is_deferred,
                "htmx": htmx,
                "defer_url": self.get_fetch_url(),
                "trigger_on": self.htmx_trigger_on(),
                "poll_rate": self.htmx_poll_rate(),
                "defer_loading_template_name": self.defer_loading_template_name,
                "rendered_value": rendered_value,
                "refresh_trigger": self.get_refresh_trigger() if on_page else None,
                "oob": oob,
            },
        )


async def _await(awaitable: Any) -> Any:
    """Await anything awaitable (lets ``async_to_sync`` run a returned coroutine)."""
    return await awaitable


def _context_get(context: Any, key: str) -> Any:
    """Read ``key`` from a dict or a template ``Context``."""
    try:
        return context.get(key)
    except AttributeError:
        return None
