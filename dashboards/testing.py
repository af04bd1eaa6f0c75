"""Helpers for your tests: render a dashboard or a component, or compute a value, as the views do.

Each helper builds a GET request with Django's ``RequestFactory`` (``filters`` become its query
string), runs it through the view's own ``prepare`` (permissions, per-request instance, object
lookup, component permissions), then does what the view does. No URLconf or test client needed.

- A refused request raises :class:`~django.core.exceptions.PermissionDenied`: a logged-in user's
  refusal is the permission's own ``PermissionDenied``; when the permission answers with a response
  instead (an anonymous visitor's login redirect), it is an :class:`AccessRefused` holding it.
- A missing object (ModelDashboards) or component key raises :class:`~django.http.Http404`.
- The sync helpers work as the views do under WSGI: database work happens in the calling thread,
  so a test's transaction and data are visible; the async ones run the sync helper in the
  request thread (``sync_to_async``), so the same holds there.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.views import ComponentView, DashboardMixin, DashboardView

__all__ = [  # noqa: RUF022  (the order of the docs)
    "render_dashboard",
    "render_component",
    "get_component_value",
    "arender_dashboard",
    "arender_component",
    "aget_component_value",
    "AccessRefused",
]


class AccessRefused(PermissionDenied):
    """A permission refused the request and answered with ``response`` (e.g. a login redirect)."""

    def __init__(self, response: HttpResponseBase) -> None:
        self.response = response
        location = response.get("Location")
        super().__init__(
            f"Refused with status {response.status_code}" + (f" to {location}" if location else "")
        )


def _request(
    path: str, user: AbstractBaseUser | AnonymousUser | None, filters: dict[str, Any] | None
) -> HttpRequest:
    """A GET request to ``path`` by ``user`` (anonymous if None), with ``filters`` as its query."""
    request = RequestFactory().get(path, data=filters or {})
    user = AnonymousUser() if user is None else user
    # django-stubs types request.user as the project's user model; a test may pass any user.
    request.user = user  # type: ignore[assignment]

    async def auser() -> Any:
        return user

    request.auser = auser
    request.session = import_module(settings.SESSION_ENGINE).SessionStore()
    return request


def _lookup(dashboard_class: type[Dashboard], kwargs: dict[str, Any]) -> Any:
    """The object lookup in ``kwargs``, under the dashboard's ``lookup_kwarg`` or ``lookup``."""
    lookup_kwarg = dashboard_class._meta.lookup_kwarg
    return kwargs.get(lookup_kwarg, kwargs.get("lookup"))


def _page_path(dashboard_class: type[Dashboard], kwargs: dict[str, Any]) -> str:
    """The URL of the dashboard's page, or ``/`` when it has none in the URLconf."""
    try:
        if issubclass(dashboard_class, ModelDashboard):
            lookup_kwarg = dashboard_class._meta.lookup_kwarg
            return reverse(
                f"dashboards:{dashboard_class.get_slug()}_detail",
                kwargs={lookup_kwarg: _lookup(dashboard_class, kwargs)},
            )
        return dashboard_class.get_absolute_url()
    except NoReverseMatch:
        return "/"


def _component_kwargs(
    dashboard_class: type[Dashboard], key: str, kwargs: dict[str, Any]
) -> dict[str, Any]:
    """The URL kwargs the component's endpoint gets (the caller's kwargs among them)."""
    return {
        "app_label": dashboard_class._meta.app_label,
        "dashboard": dashboard_class.class_name(),
        **kwargs,
        "component": key,
    }


def _component_path(dashboard_class: type[Dashboard], key: str, kwargs: dict[str, Any]) -> str:
    """The URL of the component's endpoint, or ``/`` when it has none in the URLconf."""
    args = [dashboard_class._meta.app_label, dashboard_class.class_name(), key]
    lookup = _lookup(dashboard_class, kwargs)
    if issubclass(dashboard_class, ModelDashboard) and lookup is not None:
        args.insert(2, lookup)
    try:
        return reverse("dashboards:dashboard_component", args=args)
    except NoReverseMatch:
        return "/"


def _prepared(
    view_class: type[DashboardMixin],
    dashboard_class: type[Dashboard],
    request: HttpRequest,
    url_kwargs: dict[str, Any],
) -> Any:
    """The view, set up and prepared as ``dispatch`` does; raises for a refused request."""
    view = view_class(dashboard_class=dashboard_class)  # type: ignore[call-arg]
    view.setup(request, **url_kwargs)
    denied = view.prepare(request)
    if denied is not None:
        raise AccessRefused(denied)
    return view


def _content(response: Any) -> str:
    """The body of a view's (template) response, rendered."""
    if hasattr(response, "render"):
        response.render()
    content: bytes = response.content
    return content.decode(response.charset)


def render_dashboard(
    dashboard_class: type[Dashboard],
    user: AbstractBaseUser | AnonymousUser | None = None,
    filters: dict[str, Any] | None = None,
    **kwargs: Any,
) -> str:
    """The HTML page ``DashboardView`` serves to ``user`` with ``filters`` as its query string."""
    request = _request(_page_path(dashboard_class, kwargs), user, filters)
    view = _prepared(DashboardView, dashboard_class, request, kwargs)
    return _content(view.get(request, **kwargs))


def render_component(
    dashboard_class: type[Dashboard],
    key: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    filters: dict[str, Any] | None = None,
    **kwargs: Any,
) -> str:
    """The HTML ``ComponentView`` serves for component ``key`` (deferred value and dependents)."""
    url_kwargs = _component_kwargs(dashboard_class, key, kwargs)
    request = _request(_component_path(dashboard_class, key, kwargs), user, filters)
    view = _prepared(ComponentView, dashboard_class, request, url_kwargs)
    return _content(view.get(request, **url_kwargs))


def get_component_value(
    dashboard_class: type[Dashboard],
    key: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    filters: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """The value ``ComponentView`` computes for component ``key``; raises the value's exception."""
    url_kwargs = _component_kwargs(dashboard_class, key, kwargs)
    request = _request(_component_path(dashboard_class, key, kwargs), user, filters)
    view = _prepared(ComponentView, dashboard_class, request, url_kwargs)
    view.dashboard.resolve([view.component], call_deferred=True)
    resolution = view.resolution()
    if resolution.error is not None:
        raise resolution.error
    return resolution.value


async def arender_dashboard(
    dashboard_class: type[Dashboard],
    user: AbstractBaseUser | AnonymousUser | None = None,
    filters: dict[str, Any] | None = None,
    **kwargs: Any,
) -> str:
    """:func:`render_dashboard` for async tests (it runs where the ORM may run)."""
    return await sync_to_async(render_dashboard)(dashboard_class, user, filters, **kwargs)


async def arender_component(
    dashboard_class: type[Dashboard],
    key: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    filters: dict[str, Any] | None = None,
    **kwargs: Any,
) -> str:
    """:func:`render_component` for async tests (it runs where the ORM may run)."""
    return await sync_to_async(render_component)(dashboard_class, key, user, filters, **kwargs)


async def aget_component_value(
    dashboard_class: type[Dashboard],
    key: str,
    user: AbstractBaseUser | AnonymousUser | None = None,
    filters: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Any:
    """:func:`get_component_value` for async tests (it runs where the ORM may run)."""
    return await sync_to_async(get_component_value)(dashboard_class, key, user, filters, **kwargs)
