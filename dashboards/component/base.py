"""The ``Component`` base class: what every dashboard component shares.

A component is declared on a dashboard class; each request gets its own copy (:meth:`Component.bind`),
computes its value from the request's :class:`~dashboards.inputs.Inputs` (:meth:`Component.compute_value`)
and renders it (:meth:`Component.render`). The resolver decides where the value runs; the parent passes
the inputs down.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Self

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.exceptions import SynchronousOnlyOperation
from django.core.signals import setting_changed
from django.db.models import QuerySet
from django.dispatch import receiver
from django.forms.widgets import Media, MediaDefiningClass, Script
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.safestring import SafeString
from django.utils.text import slugify

from dashboards.cache import Cache, as_cache, reads_without_blocking
from dashboards.component.cta import CTA as CTA
from dashboards.component.rendering import render_template
from dashboards.component.values import (
    call_in_worker_thread,
    call_kwargs,
    dataclass_to_dict,
    is_async_callable,
)
from dashboards.component.values import (
    value_render_encoder as value_render_encoder,
)
from dashboards.config import DEFAULT_COMPONENT_CLASSES, Config, css_classes_for
from dashboards.exceptions import DashboardError
from dashboards.export import Download, ExportFormat, available_formats, download_links
from dashboards.inputs import Inputs, request_filters
from dashboards.live import LIVE_JS, SSE_JS, streams_live, topics_of
from dashboards.log import logger
from dashboards.resolver import Placement, Resolution, compute, is_awaitable, resolve

if TYPE_CHECKING:
    from dashboards.dashboard import Dashboard

# ``CTA`` and ``value_render_encoder`` are importable from here too, as in django-dashboards;
# they are documented where they live.
__all__ = ["Component", "Downloadable"]


#: The fields a dashboard fills in when it binds a component to a request; equality ignores them.
BINDING_FIELDS = frozenset(
    {"key", "verbose_name", "dashboard", "object", "render_type", "dependent_components"}
)


@dataclass(repr=False, eq=False)
class Component(metaclass=MediaDefiningClass):
    """A dashboard component: a value (or a deferred value) rendered through a template.

    Components compare equal when their declared fields are equal: what binding to a request
    adds (key, names, dashboard, object, default CSS classes, ``get_<key>_value`` methods) is
    ignored, so a request's components equal the class's declarations. A subclass that is a
    dataclass should pass ``eq=False`` to keep this equality.
    """

    template_name: str | None = None
    value: Any = None
    defer: Any = None
    defer_url: Callable[..., str] | None = None
    defer_loading_template_name: str = "dashboards/components/loading.html"
    dependents: list[str] | None = None
    cta: CTA | None = None
    key: str | None = field(default=None, compare=False)
    verbose_name: str | None = field(default=None, compare=False)
    dashboard: type[Dashboard] | None = field(default=None, compare=False)
    object: Any = field(default=None, compare=False)
    render_type: str | None = field(default=None, compare=False)
    serializable: bool = True
    icon: str | None = None
    css_classes: str | dict[str, str] | None = None
    grid_css_classes: str | None = None
    poll_rate: int | float | None = None
    trigger_on: str | None = None
    dependent_components: list[Component] | None = field(default=None, compare=False)
    #: Seconds the value may take; None uses ``DASHBOARDS_COMPONENT_TIMEOUT``.
    timeout: float | None = None
    #: Permission classes of this component alone, checked after the dashboard's; users they
    #: refuse never see it on the page, and its endpoints answer them like a refused page.
    permission_classes: list[type] | None = None
    #: Run a sync value callable on the request's own thread (safe for the ORM and test
    #: transactions). False runs it on a worker thread, concurrently with its siblings.
    thread_sensitive: bool = True
    #: Keep the value in Django's cache: seconds, or a :class:`~dashboards.cache.Cache`. None
    #: computes it for every request.
    cache: Cache | float | None = None
    #: Topics (a string, or several) whose ``dashboards.live.publish`` re-renders this
    #: component on every open page that shows it (see ``dashboards.live``).
    live: str | tuple[str, ...] | list[str] | None = None

    #: When ``css_classes`` is a string, store it under this key of the class dict (Form, tables).
    css_string_key: ClassVar[str | None] = None
    #: Template of the error state shown in the component's slot when its value fails.
    error_template_name: ClassVar[str] = "dashboards/components/error.html"
    #: Template of the wrapper around every component.
    wrapper_template_name: ClassVar[str] = "dashboards/components/component.html"
    #: Template of the slot a streamed page shows while the value is still resolving.
    stream_slot_template_name: ClassVar[str] = "dashboards/components/stream_slot.html"
    #: Template of the value streamed into that slot once it has resolved.
    stream_fill_template_name: ClassVar[str] = "dashboards/components/stream_fill.html"
    #: Whether preparing this component for a page (its media, its value) runs sync code that
    #: may query the database, such as building a form: such a request prepares off the loop.
    prepares_on_thread: ClassVar[bool] = False

    if TYPE_CHECKING:
        # Set on the class by MediaDefiningClass from the inner ``Media`` (and the bases').
        @property
        def media(self) -> Media: ...

    def __repr__(self) -> str:
        return f"{self.key}={self.value!r}"

    def __str__(self) -> str:
        return self.render({})

    def __eq__(self, other: object) -> bool:
        """Equal when of the same class with equal declared fields (see the class docstring)."""
        if not isinstance(other, Component) or other.__class__ is not self.__class__:
            return NotImplemented
        return self.declared_fields() == other.declared_fields()

    # Unhashable, as a dataclass with ``eq`` is (defining ``__eq__`` would imply it too).
    __hash__ = None  # type: ignore[assignment]

    def declared_fields(self) -> tuple[Any, ...]:
        """The values of the compared fields as declared, before binding filled any in."""
        return tuple(
            self.declared_value(f.name)
            for f in dataclasses.fields(self)
            if f.compare and f.name not in BINDING_FIELDS
        )

    def declared_value(self, name: str) -> Any:
        """A field's declared value: the value it had before binding set it, while it keeps the
        value binding gave it (a value changed since then is the value)."""
        value = getattr(self, name)
        filled = self.__dict__.get("_filled_by_binding", {}).get(name)
        if filled is not None and value is filled[0]:
            return filled[1]
        return value

    def fill_by_binding(self, **values: Any) -> None:
        """Set fields for a request, remembering their declared values for equality."""
        previous = self.__dict__.get("_filled_by_binding")
        filled = dict(previous) if previous else {}
        for name, value in values.items():
            # Nothing filled yet (a fresh copy): each field holds its declared value.
            declared = self.declared_value(name) if previous else getattr(self, name)
            filled[name] = (value, declared)
            setattr(self, name, value)
        self.__dict__["_filled_by_binding"] = filled

    # -- binding ---------------------------------------------------------------------------

    def bind(self, dashboard: type[Dashboard], key: str, obj: Any = None) -> Self:
        """This component's copy for one request of ``dashboard``; the declaration is never changed."""
        if self.dashboard is None and "_placements" not in self.__dict__:
            self._learn_placements()
        bound = object.__new__(type(self))  # a shallow copy, without copy.copy's protocol
        state = bound.__dict__
        state.update(self.__dict__)
        state.pop("_url_cache", None)
        # ``_placements`` stays: each is kept with the value's source, which binding may replace.
        state["dashboard"] = dashboard
        state["key"] = key
        state["verbose_name"] = self.verbose_name or key
        state["render_type"] = self.render_type or type(self).__name__
        state["object"] = obj
        state["dependent_components"] = None
        filled: dict[str, Any] = {
            "css_classes": self.get_css_classes(),
            "dependents": list(self.dependents) if self.dependents else None,
        }
        if self.grid_css_classes is None:
            filled["grid_css_classes"] = default_grid_css()
        bound.fill_by_binding(**filled)
        return bound

    def get_css_classes(self) -> str | dict[str, str] | None:
        """The CSS classes: the declared ones merged over the class's defaults from the settings."""
        declared = self.css_classes
        defaults: str | dict[str, str] | None = default_css_classes(type(self))
        if defaults is not None and isinstance(defaults, dict):
            defaults = dict(defaults)  # the caller may change it
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

    def get_live_topics(self) -> tuple[str, ...]:
        """The topics this component is live on (none unless ``live`` is set)."""
        return topics_of(self.live)

    def get_poll_rate(self, inputs: Inputs | None = None) -> int | float | None:
        """Seconds between refreshes: ``poll_rate``; for a live component on a page that cannot
        stream (WSGI), ``DASHBOARDS_LIVE_POLL_RATE``."""
        if self.poll_rate or not self.live or inputs is None or streams_live(inputs.request):
            return self.poll_rate
        return Config().DASHBOARDS_LIVE_POLL_RATE

    def htmx_trigger_on(self) -> str:
        """The htmx trigger prefix for ``trigger_on``, e.g. ``"click from:body, "``."""
        return f"{self.trigger_on} from:body, " if self.trigger_on else ""

    def get_timeout(self) -> float | None:
        """Seconds the value may take before the component shows its error state."""
        return self.timeout if self.timeout is not None else default_timeout()

    # -- values ----------------------------------------------------------------------------

    def get_source(self, call_deferred: bool = False) -> Any:
        """What the value comes from: ``defer`` when fetching a deferred component, else ``value``."""
        if call_deferred and self.is_deferred and self.defer is not None:
            return self.defer
        return self.value

    @staticmethod
    def get_filters(request: HttpRequest | None) -> dict[str, Any]:
        """The filters a value callable receives: the request's GET (or POST) data as a dict."""
        return request_filters(request)

    def get_value_function(self, call_deferred: bool = False) -> Callable[..., Any] | None:
        """The callable that computes the value (a serializer's ``serialize``), or None for a literal."""
        source = self.get_source(call_deferred)
        if hasattr(source, "serialize"):
            return source.serialize  # type: ignore[no-any-return]
        return source if callable(source) else None

    def get_cache(self) -> Cache | None:
        """How the value is cached (``cache`` as a :class:`~dashboards.cache.Cache`), or None."""
        return as_cache(self.cache)

    def get_placement(self, call_deferred: bool = False) -> Placement:
        """Where the value is looked up or runs: a cached value is looked up on the loop when the
        cache reads without blocking (else on the request's thread); see ``get_value_placement``."""
        placement = self.get_value_placement(call_deferred)
        if self.cache is None or placement is Placement.LITERAL:
            return placement
        return Placement.CACHED if reads_without_blocking() else Placement.THREAD

    def get_value_placement(self, call_deferred: bool = False) -> Placement:
        """Where the value runs: nowhere (a literal), on the loop, or on the request's or a worker thread."""
        source = self.get_source(call_deferred)
        known = self.__dict__.get("_placements") or {}
        cached = known.get(call_deferred)
        if cached is not None and cached[0] is source and cached[1] == self.thread_sensitive:
            return cached[2]  # type: ignore[no-any-return]  # asked several times a request
        placement = self._find_placement(call_deferred)
        # A new dict: a copy's placements never change its declaration's (they share the dict).
        self.__dict__["_placements"] = {
            **known,
            call_deferred: (source, self.thread_sensitive, placement),
        }
        return placement

    def _learn_placements(self) -> None:
        """Work out a declaration's placements once, for each copy to start from (only with
        the base class's ways of finding them, which read nothing binding sets)."""
        cls = type(self)
        if (
            cls.get_source is Component.get_source
            and cls.get_value_function is Component.get_value_function
            and cls._find_placement is Component._find_placement
        ):
            self.get_value_placement(False)
            self.get_value_placement(True)
        else:
            self.__dict__["_placements"] = {}

    def _find_placement(self, call_deferred: bool) -> Placement:
        """``get_value_placement`` without its memo."""
        func = self.get_value_function(call_deferred)
        if func is None:
            source = self.get_source(call_deferred)
            return Placement.THREAD if isinstance(source, QuerySet) else Placement.LITERAL
        if is_async_callable(func):
            return Placement.ASYNC
        return Placement.THREAD if self.thread_sensitive else Placement.WORKER

    def get_value_kwargs(self, inputs: Inputs) -> dict[str, Any]:
        """The keyword arguments value callables may take (see :attr:`~dashboards.inputs.Inputs.value_kwargs`)."""
        return inputs.value_kwargs

    def compute_value(self, inputs: Inputs, call_deferred: bool) -> Any:
        """The value for ``inputs``, or an awaitable of it when the value is async.

        The one path for every kind of value: a literal is taken as it is, a callable called
        with the keyword arguments it accepts; the resolver awaits what is awaitable.
        """
        func = self.get_value_function(call_deferred)
        if func is None:
            raw = self.get_source(call_deferred)
        elif self.get_value_placement(call_deferred) is Placement.WORKER:
            raw = sync_to_async(call_in_worker_thread, thread_sensitive=False)(
                func, call_kwargs(func, self.get_value_kwargs(inputs))
            )
        else:
            raw = func(**call_kwargs(func, self.get_value_kwargs(inputs)))
        if is_awaitable(raw):
            return self._finish_awaited(raw, inputs)
        return self.finish_value(raw, inputs)

    async def acompute_value(self, inputs: Inputs, call_deferred: bool) -> Any:
        """The value for ``inputs``, from async code (see :meth:`Component.compute_value`)."""
        value = self.compute_value(inputs, call_deferred)
        return await value if is_awaitable(value) else value

    async def _finish_awaited(self, awaitable: Any, inputs: Inputs) -> Any:
        """Await a value, then finish it (off the loop when finishing it may query)."""
        raw = await awaitable
        while is_awaitable(raw):
            raw = await raw
        if self.finishes_on_thread(raw):
            finish = sync_to_async(self.finish_value, thread_sensitive=self.thread_sensitive)
            return await finish(raw, inputs)
        return self.finish_value(raw, inputs)

    def finish_value(self, raw: Any, inputs: Inputs) -> Any:
        """Turn what the value callable returned into the component's value."""
        return self.prepare_value(raw)

    def finishes_on_thread(self, raw: Any) -> bool:
        """Whether finishing ``raw`` may query the database (so it runs off the event loop)."""
        return False

    def prepare_value(self, value: Any) -> Any:
        """Turn a dataclass result into a dict (nested dataclasses, Enums and QuerySets converted)."""
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            return dataclass_to_dict(value)
        return value

    def get_inputs(
        self, request: HttpRequest | None = None, filters: dict[str, Any] | None = None
    ) -> Inputs:
        """Inputs for this component alone, for code that has a request but no dashboard view."""
        return Inputs(
            request=request,
            object=self.object,
            filters=request_filters(request) if filters is None else filters,
            components={self.key: self} if self.key else {},
        )

    def get_value(
        self,
        request: HttpRequest | None = None,
        call_deferred: bool = False,
        filters: dict[str, Any] | None = None,
    ) -> Any:
        """Compute the value from sync code; an async value callable is run to completion."""
        return compute(self, self.get_inputs(request, filters), call_deferred)

    async def aget_value(
        self,
        request: HttpRequest | None = None,
        call_deferred: bool = False,
        filters: dict[str, Any] | None = None,
    ) -> Any:
        """Compute the value from async code: async callables are awaited, sync ones run off the loop."""
        inputs = self.get_inputs(request, filters)
        if self.get_value_placement(call_deferred) is Placement.THREAD:
            return await sync_to_async(compute, thread_sensitive=True)(self, inputs, call_deferred)
        return await self.acompute_value(inputs, call_deferred)

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

    async def adenied_by(self, request: HttpRequest) -> Any:
        """``denied_by`` from async code (permission classes answer through ``ahas_permission``)."""
        for permission in self.get_permissions():
            if not await permission.ahas_permission(request=request, dashboard=self.dashboard):
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
        """The URL that serves this component alone (``defer_url`` when set).

        Worked out once per copy (a page asks for it several times), and again if what it is
        built from changes.
        """
        identity = (self.dashboard, self.key, self.object, self.defer_url)
        cached = self.__dict__.get("_url_cache")
        if cached is not None and cached[0] == identity:
            return cached[1]  # type: ignore[no-any-return]
        args = self.get_reverse_args()
        if self.defer_url:
            url = self.defer_url(reverse_args=args)
        else:
            url = reverse_component(get_urlconf(), get_script_prefix(), *args)
        self.__dict__["_url_cache"] = (identity, url)
        return url

    def get_fetch_url(self, inputs: Inputs | None = None) -> str:
        """The URL htmx fetches this component from: its URL plus the page's query string.

        Carrying the query string keeps filter state (``?status=paid``) for deferred and polled
        components, so they show the same data as the rest of the page.
        """
        url = self.get_absolute_url()
        query = inputs.query_string if inputs is not None else ""
        if not query:
            return url
        return f"{url}{'&' if '?' in url else '?'}{query}"

    @property
    def template_id(self) -> str:
        """A page-unique id derived from the component's URL (slugified once per URL)."""
        return slug_of_url(self.get_absolute_url())

    # -- media -----------------------------------------------------------------------------

    def get_media(self) -> Media:
        """The component's CSS and JS, plus its serializer's when it has one."""
        media = self.media
        if self.live:  # deferred, as htmx is (django-htmx's tag): they run after it
            scripts = [Script(SSE_JS, defer=True), Script(LIVE_JS, defer=True)]
            media = media + Media(js=scripts)  # type: ignore[arg-type]  # stubs: str only
        for source in (self.value, self.defer):
            source_media = getattr(source, "get_media", None)
            if callable(source_media) and isinstance(source, type):
                media = media + source().get_media()
        return media

    # -- rendering -------------------------------------------------------------------------

    def get_resolution(self, inputs: Inputs, call_deferred: bool) -> Resolution:
        """This request's resolution of the value, computed now if the view has not yet."""
        resolution = inputs.resolution(self, call_deferred)
        if resolution is None:
            resolve([self], inputs, call_deferred)
            resolution = inputs.resolutions[(self.key, call_deferred)]
        return resolution

    def render_error(self, request: HttpRequest | None, resolution: Resolution) -> SafeString:
        """Render the error state shown in place of a failed value."""
        return render_template(
            self.error_template_name,
            {"request": request, "component": self, "resolution": resolution},
        )

    def render_value(
        self, context: Any = None, call_deferred: bool = False, inputs: Inputs | None = None
    ) -> SafeString:
        """Render the value (or the loading placeholder, or the error state) with ``template_name``."""
        if inputs is None:
            inputs = self.get_inputs(_context_get(context, "request"))
        if self.is_deferred and not call_deferred:
            return render_template(self.defer_loading_template_name, {"component": self})
        if self.key in inputs.streamed and not call_deferred:
            return render_template(
                self.stream_slot_template_name,
                {"component": self, "template_id": self.template_id},
            )
        return self.render_resolution(inputs, call_deferred)

    def render_resolution(self, inputs: Inputs, call_deferred: bool = False) -> SafeString:
        """Render this request's value (computed now if it is not yet), or its error state."""
        resolution = self.get_resolution(inputs, call_deferred)
        if resolution.error is not None:
            return self.render_error(inputs.request, resolution)
        try:
            return render_template(
                self.get_template_name(call_deferred),
                self.get_template_context(inputs, resolution.value),
            )
        except SynchronousOnlyOperation:
            raise  # the view renders again where the ORM may run
        except Exception as error:
            # A template that fails on this value breaks this component only, not the page.
            logger.exception("Component %r failed to render", self.key)
            return self.render_error(
                inputs.request, Resolution(error=error, call_deferred=call_deferred)
            )

    def render_stream_fill(self, inputs: Inputs) -> SafeString:
        """Render the resolved value of a streamed page's slot, to send after the page."""
        return render_template(
            self.stream_fill_template_name,
            {
                "component": self,
                "template_id": self.template_id,
                "rendered_value": self.render_resolution(inputs),
            },
        )

    def get_template_name(self, call_deferred: bool = False) -> str:
        """The value's template: a serializer's own ``template_name`` if it has one, else ours."""
        source = self.get_source(call_deferred)
        if hasattr(source, "serialize"):
            return getattr(source, "template_name", None) or self.template_name  # type: ignore[return-value]
        return self.template_name  # type: ignore[return-value]

    def get_value_context(self, request: HttpRequest | None, value: Any) -> dict[str, Any]:
        """The context of the value's template (``value`` is an alias of ``rendered_value``)."""
        return {
            "request": request,
            "component": self,
            "rendered_value": value,
            "value": value,
            "template_id": self.template_id,
        }

    def get_template_context(self, inputs: Inputs, value: Any) -> dict[str, Any]:
        """The context of the value's template for this request (override to use more inputs)."""
        return self.get_value_context(inputs.request, value)

    def get_refresh_trigger(self, inputs: Inputs | None = None) -> str | None:
        """The htmx trigger that refreshes a non-deferred component in place (poll or event)."""
        triggers = [f"{self.trigger_on} from:body"] if self.trigger_on else []
        poll_rate = self.get_poll_rate(inputs)
        if poll_rate:
            triggers.append(f"every {poll_rate}s")
        return ", ".join(triggers) or None

    def render(
        self,
        context: Any = None,
        htmx: bool | None = None,
        call_deferred: bool = False,
        oob: bool = False,
        inputs: Inputs | None = None,
    ) -> SafeString:
        """Render the component in its wrapper: a placeholder that htmx fills, or the value itself.

        ``inputs`` are the request's (the layout passes them); without them the component
        computes its value for the context's request alone. ``oob`` marks the value for an htmx
        out-of-band swap (dependents in a component response).
        """
        if inputs is None:
            inputs = self.get_inputs(_context_get(context, "request"))
        if htmx is None:
            htmx = self.is_deferred and not call_deferred
        rendered_value = (
            "" if htmx else self.render_value(call_deferred=call_deferred, inputs=inputs)
        )
        on_page = not call_deferred and not self.is_deferred
        refresh_trigger = self.get_refresh_trigger(inputs) if on_page else None
        poll_rate = self.get_poll_rate(inputs)
        return render_template(
            self.wrapper_template_name,
            {
                "request": inputs.request,
                "component": self,
                "template_id": self.template_id,
                "object": self.object,
                "cta": self.cta,
                "is_deferred": self.is_deferred,
                "htmx": htmx,
                "defer_url": self.get_fetch_url(inputs),
                "trigger_on": self.htmx_trigger_on(),
                "poll_rate": f"every {poll_rate}s" if poll_rate else None,
                "defer_loading_template_name": self.defer_loading_template_name,
                "rendered_value": rendered_value,
                "refresh_trigger": refresh_trigger,
                "oob": oob,
                # Nothing around the value: the template takes its short way.
                "plain": not (self.cta or refresh_trigger or oob),
            },
        )


class Downloadable(Component):
    """Base of the components whose data downloads (``Table``, ``Chart``): the formats they
    offer and the links to them. Each subclass declares ``export_formats`` and ``get_export``."""

    if TYPE_CHECKING:
        #: The formats the data can be downloaded in; an empty tuple turns the downloads off.
        export_formats: tuple[str, ...]

    def get_export_formats(self) -> list[ExportFormat]:
        """The formats of ``export_formats`` that can be written here (their extra installed)."""
        return available_formats(self.export_formats)

    def get_downloads(self, params: dict[str, Any]) -> list[Download]:
        """The links that download the data, carrying ``params`` (the request's filters, and a
        table's searches and sort); none outside a dashboard or without the export URLs."""
        if self.dashboard is None:
            return []
        return download_links(self.get_export_formats(), self.get_reverse_args(), params)


_defaults: dict[Any, Any] = {}


@lru_cache(maxsize=4096)
def reverse_component(urlconf: str | None, prefix: str, *args: Any) -> str:
    """The URL of a component's endpoint, remembered across requests.

    Reversing a namespaced URL costs tens of microseconds, once per component per page; the
    answer depends only on the URLconf, the script prefix and the arguments (the cache is
    emptied when a test changes the URLconf).
    """
    return reverse("dashboards:dashboard_component", urlconf=urlconf, args=args)


@receiver(setting_changed)
def _forget_defaults(setting: str, **kwargs: Any) -> None:
    """Read the CSS defaults again when a test changes the settings they come from."""
    if setting.startswith("DASHBOARDS_"):
        _defaults.clear()
    if setting == "ROOT_URLCONF":
        reverse_component.cache_clear()


@lru_cache(maxsize=4096)
def slug_of_url(url: str) -> str:
    """A component URL as an id (remembered across requests: every copy of a component asks)."""
    return slugify(url)


def default_css_classes(
    klass: type,
    table: dict[str, Any] = DEFAULT_COMPONENT_CLASSES,
    setting: str = "DASHBOARDS_COMPONENT_CLASSES",
) -> Any:
    """The default CSS classes of a class: ``table``'s, merged with the ``setting``'s.

    Read once per class and setting (and again when a test changes the settings): the result
    is shared, so callers copy it before changing it.
    """
    try:
        return _defaults[(klass, setting)]
    except KeyError:
        defaults = css_classes_for(klass, table, getattr(settings, setting, None))
        _defaults[(klass, setting)] = defaults
        return defaults


def default_grid_css() -> str:
    """``DASHBOARDS_DEFAULT_GRID_CSS`` (read once, and again when the settings change)."""
    try:
        return _defaults["grid"]  # type: ignore[no-any-return]
    except KeyError:
        grid = _defaults["grid"] = Config().DASHBOARDS_DEFAULT_GRID_CSS
        return grid


def default_timeout() -> float | None:
    """``DASHBOARDS_COMPONENT_TIMEOUT`` (read once, and again when the settings change)."""
    try:
        return _defaults["timeout"]  # type: ignore[no-any-return]
    except KeyError:
        timeout = _defaults["timeout"] = Config().DASHBOARDS_COMPONENT_TIMEOUT
        return timeout


def _context_get(context: Any, key: str) -> Any:
    """Read ``key`` from a dict or a template ``Context`` (None from anything else)."""
    try:
        return context.get(key)
    except AttributeError:
        return None
