"""Menus: sections of links to dashboards (and anything else), rendered per request.

A menu is declared once, at import time, and rendered for every request. ``MenuItem.render``
sets this request's state on the item, as in django-dashboards (``visible``, ``selected``,
``open``, ``parent`` and the visible ``children``); ``Menu.render`` renders a copy of each item
that ``get_items`` returns, so two requests never see each other's menu, even when ``get_items``
returns the same objects every time.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from django.core.exceptions import DisallowedHost
from django.http import Http404, HttpRequest
from django.urls import ResolverMatch, resolve

from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.registry import Registrable, registry
from dashboards.utils import safe_url

__all__ = [
    "DashboardMenu",
    "DashboardMenuItem",
    "Menu",
    "MenuItem",
    "is_current_url",
    "make_dashboard_item",
]


def _site_path(url: str, request: HttpRequest) -> str | None:
    """The path ``url`` points to on this site; None for another site, a fragment or no URL."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https"):
        return None  # mailto:, tel:, javascript: ...
    if parts.netloc:
        try:
            host = request.get_host()
        except DisallowedHost:
            return None
        if parts.netloc != host:
            return None
    if not parts.path:
        return None  # "#", "#top", "?page=2" or ""
    return urljoin(request.path, parts.path)


def _resolve(path: str, request: HttpRequest) -> ResolverMatch | None:
    """Resolve a path of this site (with the script prefix, like ``request.path``); None if no route."""
    script_name = request.META.get("SCRIPT_NAME", "").rstrip("/")
    if script_name:
        if not path.startswith(script_name + "/"):
            return None
        path = path[len(script_name) :]
    try:
        return resolve(path, getattr(request, "urlconf", None))
    except Http404:  # Resolver404
        return None


def is_current_url(url: str, request: HttpRequest) -> bool:
    """Whether ``url`` is the page of ``request``.

    It is when its path is the request's path, or when it resolves on this site to the same view
    (URL name and namespace) with the same arguments. External URLs, fragments such as ``#`` and
    paths no route matches are never current, and never raise.
    """
    path = _site_path(str(url or ""), request)
    if path is None:
        return False
    if path == request.path:
        return True
    current = getattr(request, "resolver_match", None)
    if current is None:
        return False
    match = _resolve(path, request)
    return (
        match is not None
        and match.view_name == current.view_name
        and match.args == current.args
        and match.kwargs == current.kwargs
    )


@dataclass
class MenuItem:
    """A link in a menu, possibly with children.

    ``children`` is a list of items or a callable taking the request and returning one.
    ``check_func(request)`` decides whether the item is shown. ``visible``, ``selected`` and
    ``open`` describe a rendered item: ``selected`` when its URL is the current page, ``open``
    when one of its descendants is selected.
    """

    title: str
    url: str = ""
    children: list[MenuItem] | Callable[[HttpRequest], list[MenuItem]] | None = None
    check_func: Callable[[HttpRequest], bool] | None = None
    visible: bool = True
    open: bool = False
    selected: bool = False
    parent: MenuItem | None = field(default=None, repr=False, compare=False)

    def __str__(self) -> str:
        return str(self.title)

    def check(self, request: HttpRequest) -> bool:
        """Set (and return) ``visible`` from ``check_func``; without one, ``visible`` stays as declared."""
        if self.check_func is not None:
            self.visible = bool(self.check_func(request))
        return self.visible

    def get_children(self, request: HttpRequest) -> list[MenuItem] | None:
        """The declared children, calling ``children`` with the request when it is callable."""
        if callable(self.children):
            return list(self.children(request))
        return self.children

    def render(self, request: HttpRequest) -> MenuItem:
        """Render this item for ``request``, as django-dashboards did: set ``visible`` (from the
        check), ``selected`` when its URL is the current page, ``children`` to the visible rendered
        children (calling ``children`` when it is callable), each child's ``parent``, and ``open``
        when a descendant is selected. Returns the item itself.

        A parent without a URL of its own whose children are all hidden is hidden too. The item is
        changed: render a :meth:`request_copy` of an item shared between requests (as
        ``Menu.render`` does).
        """
        if not self.check(request):
            return self
        self.url = safe_url(self.url, default="#")  # never a javascript: link built from data
        if is_current_url(self.url, request):
            self.selected = True
        children = self.get_children(request)
        if children is None:
            return self
        for child in children:
            child.parent = self
            child.render(request)
        self.children = [child for child in children if child.visible]
        if any(child.selected or child.open for child in self.children):
            self.open = True
        if not self.children and not self.url:
            self.visible = False
        return self

    def request_copy(self) -> MenuItem:
        """A copy of this item and its listed children (a callable ``children`` is kept, to be
        called when the copy renders), for one request to render."""
        item = copy.copy(self)
        if isinstance(self.children, list):
            item.children = [child.request_copy() for child in self.children]
        return item


@dataclass
class DashboardMenuItem(MenuItem):
    """A link to a dashboard, shown only to users its permissions allow.

    For a ``ModelDashboard``, ``object`` is the object the link is about, and the dashboard's
    object permissions must allow it too. A ``check_func``, if given, must also pass.
    """

    dashboard: type[Dashboard] = field(kw_only=True)
    object: Any = field(default=None, kw_only=True)

    def check(self, request: HttpRequest) -> bool:
        """Set (and return) ``visible``: the dashboard's permissions (and ``check_func``) allow it."""
        allowed = self.dashboard.has_permissions(request, handle=False) is True
        if allowed and self.object is not None:
            instance = self.dashboard(object=self.object, request=request)
            allowed = instance.has_object_permissions(request, handle=False) is True
        if allowed and self.check_func is not None:
            allowed = bool(self.check_func(request))
        self.visible = allowed
        return allowed


def make_dashboard_item(
    dashboard: type[Dashboard],
    obj: Any = None,
    title: str | None = None,
    children: list[MenuItem] | Callable[[HttpRequest], list[MenuItem]] | None = None,
) -> DashboardMenuItem:
    """A menu item linking to ``dashboard`` (to ``obj``'s page for a ``ModelDashboard``).

    ``title`` defaults to the dashboard's ``Meta.verbose_name`` (which defaults to ``Meta.name``).
    """
    if title is None:
        title = str(dashboard._meta.verbose_name)
    if issubclass(dashboard, ModelDashboard):
        if obj is None:
            raise TypeError(
                f"{dashboard.__name__} is a ModelDashboard: make_dashboard_item() needs obj."
            )
        url = dashboard(object=obj).get_absolute_url()
        return DashboardMenuItem(
            title=title, url=url, children=children, dashboard=dashboard, object=obj
        )
    return DashboardMenuItem(
        title=title, url=dashboard.get_absolute_url(), children=children, dashboard=dashboard
    )


class Menu(Registrable):
    """A section of the menu: ``name`` is its heading, ``get_items`` returns its items.

    Register it with ``menu_registry`` in your app's ``dashboard_menu.py``.
    """

    #: The section's heading (the class name when empty).
    name: str = ""

    @classmethod
    def get_id(cls) -> str:
        """The registry id: the class name."""
        return cls.__name__

    @classmethod
    def get_name(cls) -> str:
        """The section's heading."""
        return str(cls.name or cls.get_id())

    @classmethod
    def get_items(cls, obj: Any = None) -> list[MenuItem]:
        """The items of this menu; ``obj`` is the object of the current ``ModelDashboard`` page."""
        raise NotImplementedError(f"{cls.__name__} must define get_items().")

    @classmethod
    def render(cls, request: HttpRequest, obj: Any = None) -> list[MenuItem]:
        """This request's copies of the items the user may see, rendered."""
        rendered = [item.request_copy().render(request) for item in cls.get_items(obj)]
        return [item for item in rendered if item.visible]


class DashboardMenu(Menu):
    """A menu of the registered dashboards of the app ``app_label`` that have ``include_in_menu``.

    A ``ModelDashboard`` is listed only on a page about an object of its model.
    """

    #: The label of the app whose dashboards this menu lists.
    app_label: str = ""

    @classmethod
    def get_items(cls, obj: Any = None) -> list[MenuItem]:
        """An item per menu dashboard of the app (per ``obj`` for a ``ModelDashboard``)."""
        items: list[MenuItem] = []
        for dashboard in registry.get_by_app_label(cls.app_label):
            if not dashboard._meta.include_in_menu:
                continue
            if issubclass(dashboard, ModelDashboard):
                model = dashboard._meta.model
                if obj is not None and model is not None and isinstance(obj, model):
                    items.append(make_dashboard_item(dashboard, obj))
            else:
                items.append(make_dashboard_item(dashboard))
        return items
