"""``Dashboard`` and ``ModelDashboard``: classes whose attributes are components."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping, MutableMapping
from typing import TYPE_CHECKING, Any, ClassVar

from asgiref.sync import sync_to_async
from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.forms.widgets import MediaDefiningClass
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.urls import URLPattern, URLResolver, reverse
from django.utils.module_loading import import_string
from django.utils.safestring import SafeString
from django.utils.text import slugify

from dashboards.cache import reads_without_blocking
from dashboards.component.base import Component
from dashboards.component.layout import Card, ComponentLayout
from dashboards.config import Config
from dashboards.exceptions import ComponentNotFoundError
from dashboards.inputs import Inputs, request_filters
from dashboards.log import logger
from dashboards.meta import ClassWithAppConfigMeta, DashboardOptions, ModelDashboardOptions
from dashboards.permissions import BasePermission
from dashboards.registry import Registrable
from dashboards.resolver import Placement, aresolve, resolve

__all__ = [
    "BoundComponents",
    "Dashboard",
    "ModelDashboard",
    "default_permission_classes",
]

_DEFAULT_PERMISSIONS: list[list[type[BasePermission]]] = []


@receiver(setting_changed)
def _forget_default_permissions(setting: str, **kwargs: Any) -> None:
    """Import the default permission classes again when a test changes the setting."""
    if setting == "DASHBOARDS_DEFAULT_PERMISSION_CLASSES":
        _DEFAULT_PERMISSIONS.clear()


def default_permission_classes() -> list[type[BasePermission]]:
    """The classes ``DASHBOARDS_DEFAULT_PERMISSION_CLASSES`` names (imported once)."""
    if not _DEFAULT_PERMISSIONS:
        classes = []
        for dotted_path in Config().DASHBOARDS_DEFAULT_PERMISSION_CLASSES:
            try:
                classes.append(import_string(dotted_path))
            except ImportError as error:
                raise ImproperlyConfigured(
                    f"DASHBOARDS_DEFAULT_PERMISSION_CLASSES: cannot import {dotted_path!r}."
                ) from error
        _DEFAULT_PERMISSIONS.append(classes)
    return _DEFAULT_PERMISSIONS[0]


#: Which of ``get_<key>_value``/``get_<key>_defer`` each dashboard class has, by (class, key).
_VALUE_METHODS: dict[tuple[type, str], tuple[str, str] | None] = {}


def with_value_methods(owner: Any, key: str, component: Component) -> Component:
    """Give a component copy the ``get_<key>_value`` (else ``get_<key>_defer``) method of its
    dashboard (an instance, or the class for a look at the declaration), as its value."""
    found: tuple[str, str] | None = None
    if not isinstance(owner, type):  # an instance may have the methods as attributes
        own = getattr(owner, "__dict__", {})
        for field, name in (("value", f"get_{key}_value"), ("defer", f"get_{key}_defer")):
            if callable(own.get(name)):
                found = (field, name)
                break
    if found is None:
        cls = owner if isinstance(owner, type) else type(owner)
        try:
            found = _VALUE_METHODS[(cls, key)]
        except KeyError:  # looked up once per class and key
            names = (("value", f"get_{key}_value"), ("defer", f"get_{key}_defer"))
            found = _VALUE_METHODS[(cls, key)] = next(
                ((field, name) for field, name in names if callable(getattr(cls, name, None))),
                None,
            )
    if found is not None:
        component.fill_by_binding(**{found[0]: getattr(owner, found[1])})
    return component


class BoundComponents(MutableMapping[str, Component]):
    """A dashboard instance's components by key: its class's declarations, each copied for this
    request (bound) the first time it is read, so a request that needs one component of many binds
    one. Components set on it are bound when read, too."""

    def __init__(
        self, declared: Mapping[str, Component], bind: Callable[[str, Component], Component]
    ) -> None:
        # The class's declarations, copied before the first change (most requests make none).
        self._declared: Mapping[str, Component] = declared
        self._own: dict[str, Component] | None = None
        self._bound: dict[str, Component] = {}
        self._bind = bind

    def __getitem__(self, key: str) -> Component:
        component = self._bound.get(key)
        if component is None:
            component = self._bound[key] = self._bind(key, self._declared[key])
        return component

    def _declarations(self) -> dict[str, Component]:
        """This instance's own dict of declarations, to change."""
        if self._own is None:
            self._own = dict(self._declared)
            self._declared = self._own
        return self._own

    def __setitem__(self, key: str, component: Component) -> None:
        self._declarations()[key] = component
        self._bound.pop(key, None)

    def __delitem__(self, key: str) -> None:
        del self._declarations()[key]
        self._bound.pop(key, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._declared)

    def __len__(self) -> int:
        return len(self._declared)

    def __contains__(self, key: object) -> bool:
        return key in self._declared

    def __repr__(self) -> str:
        return f"{type(self).__name__}({list(self._declared)})"

    def bound(self) -> dict[str, Component]:
        """The components bound so far."""
        return self._bound

    def guarded(self) -> list[str]:
        """The keys of the components with permission classes of their own, read as they are
        now (bound or not) without binding any."""
        bound = self._bound
        return [
            key
            for key, component in self._declared.items()
            if (bound.get(key) or component).permission_classes
        ]


class Dashboard(Registrable, ClassWithAppConfigMeta, metaclass=MediaDefiningClass):
    """A dashboard: declare components as class attributes; each request gets its own copies."""

    #: The declared components, in declaration order (parents' first); an instance holds copies.
    components: MutableMapping[str, Component] = {}
    #: The view class of the page (``DashboardView``, set when the dashboards app is ready);
    #: set it on a dashboard to serve its page with a view class of your own.
    page_view_class: ClassVar[Any] = None
    #: Where each declared component's value runs, by (key, call_deferred, whether the cache
    #: reads without blocking) (each class's own).
    _declared_placements: ClassVar[dict[tuple[str, bool, bool], Placement | None]]

    #: The options a dashboard's Meta may set (see :class:`~dashboards.meta.DashboardOptions`).
    options_class = DashboardOptions
    _meta: ClassVar[DashboardOptions]

    class Meta:
        abstract = True

    class Layout:
        components: ComponentLayout | None = None

    class Media:
        js = ("dashboards/js/dashboard.js",)
        css = {"all": ("dashboards/css/dashboards.css",)}

    if TYPE_CHECKING:
        # Set on the class by MediaDefiningClass from the inner ``Media`` (and the bases').
        @property
        def media(self) -> forms.Media: ...

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        collected: dict[str, Component] = {}
        for base in reversed(cls.__bases__):
            collected.update(getattr(base, "components", None) or {})
        for name, value in cls.__dict__.items():
            if isinstance(value, Component):
                collected[name] = value
        cls.components = collected
        if "Layout" not in cls.__dict__:
            # A Layout of its own, so that assigning ``self.Layout.components`` in one
            # dashboard never changes the layout of another.
            # mypy refuses any assignment to a name bound by a class statement.
            cls.Layout = type("Layout", (cls.Layout,), {})  # type: ignore[misc, assignment]

    @classmethod
    def postprocess_meta(
        cls, current_meta: dict[str, Any], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        """Default ``include_in_menu`` to ``not abstract``."""
        resolved = super().postprocess_meta(current_meta, resolved)
        if "include_in_menu" not in current_meta:
            resolved["include_in_menu"] = not resolved["abstract"]
        return resolved

    #: The request this instance answers (None outside a request).
    request: HttpRequest | None
    #: A ``ModelDashboard``'s object, else None.
    object: Any
    #: This instance's layout; None until ``get_layout()`` copies ``Layout.components``.
    layout: ComponentLayout | None
    #: The keyword arguments this instance was built with (the request and the URL's).
    kwargs: dict[str, Any]
    #: This request's bound filterset; written by ``get_filterset()`` only.
    _filterset: Any
    #: This request's inputs; written by ``get_inputs()`` only.
    _inputs: Inputs | None
    #: The page's media; written by ``get_media()`` only.
    _media: forms.Media | None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        request = kwargs.get("request")
        if request is None:
            request = next((arg for arg in args if isinstance(arg, HttpRequest)), None)
        self.request = request
        self.kwargs = kwargs
        self._filterset = None
        self._inputs = None
        self._media = None
        self.object = kwargs.get("object")
        if self.object is None:
            self.object = self.get_object(**kwargs)
        self.layout = None
        self.components = BoundComponents(type(self).components, self.bind_component)

    def __str__(self) -> str:
        return str(self._meta.name)

    # -- identity and URLs -----------------------------------------------------------------

    @classmethod
    def class_name(cls) -> str:
        """The lower-cased class name, as used in URLs."""
        return cls.__name__.lower()

    @classmethod
    def get_slug(cls) -> str:
        """``{app_label}_{classname}``, the URL name of the dashboard's page."""
        return f"{slugify(cls._meta.app_label)}_{slugify(cls.__name__)}"

    @classmethod
    def get_id(cls) -> str:
        """The registry id (the slug)."""
        return cls.get_slug()

    @classmethod
    def page_path(cls, suffix: str = "", name_suffix: str = "") -> URLPattern:
        """The route of this dashboard's page: ``<app_label>/<classname>/<suffix>``."""
        view_class = cls.page_view_class
        if view_class is None:
            raise ImproperlyConfigured(
                f"{cls.__name__} has no page view: add 'dashboards' to INSTALLED_APPS, or set "
                "page_view_class."
            )
        return view_class.as_route(  # type: ignore[no-any-return]
            f"{cls._meta.app_label}/{cls.class_name()}/{suffix}",
            name=f"{cls.get_slug()}{name_suffix}",
            dashboard_class=cls,
        )

    @classmethod
    def get_urls(cls) -> list[URLPattern | URLResolver]:
        """The route of this dashboard's page."""
        return [cls.page_path()]

    @classmethod
    def get_absolute_url(cls) -> str:
        """The URL of this dashboard's page."""
        return reverse(f"dashboards:{cls.get_slug()}")

    def get_object(self, **kwargs: Any) -> Any:
        """The object this dashboard is about; None for a plain dashboard."""
        return None

    # -- components ------------------------------------------------------------------------

    def bind_component(self, key: str, component: Component) -> Component:
        """This instance's copy of a component, with ``get_<key>_value``/``_defer`` methods bound."""
        return with_value_methods(self, key, component.bind(type(self), key, self.object))

    def get_components_dict(self) -> MutableMapping[str, Component]:
        """This instance's components by key (each bound to this request when first read)."""
        components = self.components
        if not isinstance(components, BoundComponents):  # a dict set in ``__init__``
            components = BoundComponents(components, self.bind_component)
            self.components = components
        for key, component in list(components.bound().items()):
            if component.object is not self.object:  # the object was set after it was read
                components[key] = component.bind(type(self), key, self.object)
        return components

    def get_components(self) -> list[Component]:
        """This instance's components in order, with ``dependents`` resolved to components."""
        components = self.get_components_dict()
        for component in components.values():
            self.bind_dependents(component)
        return list(components.values())

    def bind_dependents(self, component: Component) -> list[Component]:
        """Resolve a component's ``dependents`` keys to this instance's components."""
        if not component.dependents:
            return []
        components = self.get_components_dict()
        missing = [key for key in component.dependents if key not in components]
        if missing:
            logger.warning("%s.%s names unknown dependents %s", self, component.key, missing)
        component.dependent_components = [
            components[key] for key in component.dependents if key in components
        ]
        return component.dependent_components

    def get_component(self, key: str) -> Component:
        """One component of this instance; ``ComponentNotFoundError`` (a ``KeyError``) without it."""
        self.get_components()
        try:
            return self.components[key]
        except KeyError:
            raise ComponentNotFoundError(
                f"{type(self).__name__} has no component {key!r}."
            ) from None

    # -- permissions -----------------------------------------------------------------------

    @classmethod
    def get_dashboard_permissions(cls) -> list[BasePermission]:
        """Instances of ``Meta.permission_classes``, else of ``DASHBOARDS_DEFAULT_PERMISSION_CLASSES``."""
        classes = cls._meta.permission_classes or default_permission_classes()
        return [permission() for permission in classes]

    @classmethod
    async def ahas_permissions(
        cls, request: HttpRequest, handle: bool = True
    ) -> bool | HttpResponse:
        """``has_permissions`` from async code (each permission's ``ahas_permission``)."""
        for permission in cls.get_dashboard_permissions():
            if not await permission.ahas_permission(request=request, dashboard=cls):
                return permission.handle_no_permission(request, cls) if handle else False
        return True

    @classmethod
    def has_permissions(cls, request: HttpRequest, handle: bool = True) -> bool | HttpResponse:
        """True when every permission allows the request; else the denial (or False if not ``handle``)."""
        for permission in cls.get_dashboard_permissions():
            if not permission.has_permission(request=request, dashboard=cls):
                return permission.handle_no_permission(request, cls) if handle else False
        return True

    def has_object_permissions(
        self, request: HttpRequest, handle: bool = True
    ) -> bool | HttpResponse:
        """True when every permission allows the request on this dashboard's object."""
        if self.object is None:
            return True
        for permission in self.get_dashboard_permissions():
            if not permission.has_object_permission(request, type(self), self.object):
                return permission.handle_no_permission(request, type(self)) if handle else False
        return True

    def guarded_components(self) -> list[str]:
        """The keys of the components with permission classes of their own (read without
        binding the others)."""
        components = self.get_components_dict()
        assert isinstance(components, BoundComponents)  # get_components_dict() makes it so
        return components.guarded()

    def remove_forbidden_components(
        self, request: HttpRequest, forbidden: dict[str, Component] | None = None
    ) -> dict[str, Component]:
        """Drop the components whose own permissions refuse the request; return them by key.

        ``forbidden`` is given when the permissions were already checked (from async code).
        """
        if forbidden is None:
            forbidden = {
                key: self.components[key]
                for key in self.guarded_components()
                if self.components[key].denied_by(request) is not None
            }
        for key in forbidden:
            del self.components[key]
        return forbidden

    # -- filters ---------------------------------------------------------------------------

    def get_filters(self, request: HttpRequest | None) -> dict[str, Any]:
        """The filters value callables receive: the request's query (or form) data."""
        return request_filters(request)

    def get_filterset_queryset(self) -> Any:
        """The queryset the filter bar filters; None lets the FilterSet use its model's."""
        return None

    def get_filterset(self) -> Any:
        """This request's bound ``Meta.filterset_class`` (django-filter), or None without one.

        Built once per instance from the request's query string, so the filter state lives in
        the URL and every component, deferred ones included, sees the same filters.
        """
        filterset_class = getattr(self._meta, "filterset_class", None)
        if filterset_class is None:
            return None
        if self._filterset is None:
            request = self.request
            data = request.GET if request is not None and request.GET else None
            self._filterset = filterset_class(
                data=data, queryset=self.get_filterset_queryset(), request=request
            )
        return self._filterset

    # -- this request's inputs -------------------------------------------------------------

    def get_inputs(self) -> Inputs:
        """This request's inputs, built once: the components (dependents resolved), the object,
        the filters and the filterset, which every component and layout object is handed."""
        if self._inputs is None:
            components: Mapping[str, Component]
            if type(self).get_components is Dashboard.get_components:
                components = self.get_components_dict()  # bound as they are read
            else:  # an override decides the components
                components = {component.key: component for component in self.get_components()}  # type: ignore[misc]
            self._inputs = Inputs(
                request=self.request,
                dashboard=self,
                object=self.object,
                filters=self.get_filters(self.request),
                filterset=self.get_filterset(),
                components=components,
            )
        return self._inputs

    @classmethod
    def streams(cls) -> bool:
        """Whether the page streams under ASGI: ``Meta.stream``, else ``DASHBOARDS_STREAM``."""
        stream = cls._meta.stream
        return Config().DASHBOARDS_STREAM if stream is None else bool(stream)

    @classmethod
    def prepares_on_event_loop(cls) -> bool:
        """Whether building this dashboard for a request runs no code that may query the database.

        True for a plain dashboard with no ``__init__``, ``get_object`` or filter bar of its own
        and no component that prepares on a thread (a form): such a request is prepared right on
        the event loop under ASGI.
        """
        return (
            cls.__init__ is Dashboard.__init__
            and cls.get_object is Dashboard.get_object
            and cls.get_components is Dashboard.get_components
            and getattr(cls._meta, "filterset_class", None) is None
            and not any(c.prepares_on_thread for c in cls.components.values())
        )

    @classmethod
    def declared_placement(cls, key: str, call_deferred: bool = False) -> Placement | None:
        """Where the declared component ``key``'s value runs (its ``get_<key>_value`` or
        ``get_<key>_defer`` method included), without binding it; None for an unknown key."""
        cache = cls.__dict__.get("_declared_placements")
        if cache is None:
            cache = {}
            cls._declared_placements = cache
        memo = (key, call_deferred, reads_without_blocking())  # the caches' settings may change
        if memo not in cache:
            declared = cls.components.get(key)
            placement = None
            if declared is not None:
                probe = with_value_methods(cls, key, copy.copy(declared))
                placement = probe.get_placement(call_deferred)
            cache[memo] = placement
        return cache[memo]  # type: ignore[no-any-return]

    # -- values and rendering --------------------------------------------------------------

    def get_page_components(self) -> list[Component]:
        """The components whose values render with the page (the ones not deferred)."""
        return [c for c in self.get_inputs().components.values() if not c.is_deferred]

    def pending(self, components: list[Component], call_deferred: bool = False) -> list[Component]:
        """Those of ``components`` whose value this request has not computed yet (nor streams
        after the page)."""
        inputs = self.get_inputs()
        resolutions, streamed = inputs.resolutions, inputs.streamed
        return [
            c
            for c in components
            if (c.key, call_deferred) not in resolutions
            and (call_deferred or c.key not in streamed)
        ]

    def resolve(
        self, components: list[Component] | None = None, call_deferred: bool = False
    ) -> None:
        """Compute the values of ``components`` (default: the page's) from sync code."""
        if components is None:
            components = self.get_page_components()
        resolve(self.pending(components, call_deferred), self.get_inputs(), call_deferred)

    async def aresolve(
        self,
        request: HttpRequest | None = None,
        components: list[Component] | None = None,
        call_deferred: bool = False,
    ) -> None:
        """Compute the values of ``components`` (default: the page's) concurrently, from async code."""
        if request is not None and self.request is None:
            self.request = request
        if components is None:
            components = self.get_page_components()
        await aresolve(self.pending(components, call_deferred), self.get_inputs(), call_deferred)

    def get_context(self, **kwargs: Any) -> dict[str, Any]:
        """The template context of ``render``; override to add to it."""
        return kwargs

    def get_media(self) -> forms.Media:
        """The dashboard's CSS and JS plus every component's (collected once per instance)."""
        if self._media is None:
            media = self.media
            for component in self.get_inputs().components.values():
                media = media + component.get_media()
            self._media = media
        return self._media

    def get_layout(self) -> ComponentLayout:
        """This instance's layout: ``Layout.components``, or a Card around each component.

        The class's layout is copied on first use, after ``__init__`` has run, so a layout set in
        ``__init__`` (``self.layout = ...``) is used for this request only.
        """
        if self.layout is None and self.Layout.components is not None:
            self.layout = copy.deepcopy(self.Layout.components)
        if self.layout is not None:
            return self.layout
        return ComponentLayout(
            *(
                Card(key, grid_css_classes=component.grid_css_classes)
                for key, component in self.get_inputs().components.items()
            )
        )

    def render(self, request: HttpRequest | None = None, template_name: str | None = None) -> str:
        """Render the dashboard's components (values not yet computed are computed now, together)."""
        if request is not None and self.request is None:
            self.request = request
        inputs = self.get_inputs()
        self.resolve()
        context = self.get_context(request=request, media=self.get_media(), call_deferred=False)
        if template_name:
            context["dashboard"] = self
            return render_to_string(template_name, context, request=request)
        return self.get_layout().render(self, context, inputs)

    async def arender(
        self, request: HttpRequest | None = None, template_name: str | None = None
    ) -> SafeString:
        """Render from async code: resolve the values concurrently, then render off the event loop."""
        await self.aresolve(request)
        return await sync_to_async(self.render)(request, template_name)  # type: ignore[return-value]


class ModelDashboard(Dashboard):
    """A dashboard about one model instance, served at ``<app>/<dashboard>/<lookup>/``."""

    options_class = ModelDashboardOptions
    _meta: ClassVar[ModelDashboardOptions]

    class Meta:
        abstract = True

    def get_queryset(self) -> Any:
        """The objects this dashboard may show: ``Meta.model``'s default manager, unless overridden."""
        model = getattr(self._meta, "model", None)
        if model is None:
            raise ImproperlyConfigured(f"{type(self).__name__} needs Meta.model or get_queryset().")
        return model._default_manager.all()

    def get_object(self, **kwargs: Any) -> Any:
        """The object named by the URL's lookup.

        As in django-dashboards, a lookup that matches no object raises the model's
        ``DoesNotExist`` (so does a value that is not valid for the field); the views answer 404.
        """
        lookup_kwarg = self._meta.lookup_kwarg
        lookup = kwargs.get(lookup_kwarg, kwargs.get("lookup"))
        if lookup is None:
            raise AttributeError(f"{lookup_kwarg} not in kwargs")
        queryset = self.get_queryset()
        try:
            return queryset.get(**{self._meta.lookup_field: lookup})
        except (ValueError, ValidationError):
            raise queryset.model.DoesNotExist(
                f"No {type(self).__name__} object matches {lookup!r}."
            ) from None

    def get_absolute_url(self) -> str:  # type: ignore[override]
        """The URL of this object's dashboard, built from ``lookup_field``."""
        lookup = getattr(self.object, self._meta.lookup_field)
        return reverse(
            f"dashboards:{self.get_slug()}_detail", kwargs={self._meta.lookup_kwarg: lookup}
        )

    @classmethod
    def get_urls(cls) -> list[URLPattern | URLResolver]:
        """The route of each object's dashboard."""
        return [cls.page_path(f"<str:{cls._meta.lookup_kwarg}>/", "_detail")]
