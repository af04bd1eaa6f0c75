"""``Inputs``: what one request gives a dashboard's components and layout, passed down to them.

The view builds one per request (through :meth:`Dashboard.get_inputs
<dashboards.dashboard.Dashboard.get_inputs>`) and hands it to the layout, which hands it to each
component. Components and layout objects read their inputs from it, never from their dashboard,
the request's attributes or the template context.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest

if TYPE_CHECKING:
    from dashboards.component.base import Component
    from dashboards.resolver import Resolution

__all__ = ["Inputs", "request_filters"]


def request_filters(request: HttpRequest | None) -> dict[str, Any]:
    """The filters value callables receive: the request's GET (or POST) data as a dict."""
    if request is None:
        return {}
    data = request.GET if request.method in ("GET", "HEAD") else request.POST
    return data.dict()


@dataclass(eq=False)
class Inputs:
    """One request's inputs of a dashboard's components, and the values computed from them."""

    #: The request being answered (None when rendering outside a request).
    request: HttpRequest | None = None
    #: The dashboard instance of this request (its class identifies the component URLs).
    dashboard: Any = None
    #: A ``ModelDashboard``'s object, else None.
    object: Any = None
    #: The request's query (or form) data, as value callables receive it.
    filters: dict[str, Any] = field(default_factory=dict)
    #: The bound ``Meta.filterset_class`` (django-filter), validated; None without one.
    filterset: Any = None
    #: This request's components by key, built once per request (each bound when first read).
    components: Mapping[str, Component] = field(default_factory=dict)
    #: Forms submitted in this request (``FormComponentView``): the value each form shows.
    submitted: dict[str, Any] = field(default_factory=dict)
    #: What each component's value came to, by ``(key, call_deferred)``: written by the resolver.
    resolutions: dict[tuple[str | None, bool], Resolution] = field(default_factory=dict)
    #: Whether a view has checked this request's permissions (the dashboard's, the object's
    #: and each component's): cached values are read only then. Written by the views' prepare.
    permitted: bool = False
    #: The keys of the components a streamed page shows as slots, which the rest of the
    #: response fills as their values resolve (written by the page view only, before it renders).
    streamed: frozenset[str | None] = frozenset()

    @cached_property
    def value_kwargs(self) -> dict[str, Any]:
        """The keyword arguments value callables may take: ``request``, ``object``, ``filters``,
        and ``filterset`` when the dashboard declares ``Meta.filterset_class``."""
        kwargs = {"request": self.request, "object": self.object, "filters": self.filters}
        if self.filterset is not None:
            kwargs["filterset"] = self.filterset
        return kwargs

    @cached_property
    def query_string(self) -> str:
        """The page's query string, which deferred and polled components carry along."""
        return self.request.GET.urlencode() if self.request is not None else ""

    def resolution(self, component: Component, call_deferred: bool) -> Resolution | None:
        """The resolution of a component for this kind of call, if it was computed."""
        return self.resolutions.get((component.key, call_deferred))
