"""Async views serving a dashboard's page and its components (as HTML partials or JSON)."""

from __future__ import annotations

import json
from inspect import isawaitable, iscoroutinefunction
from typing import Any, Protocol

from asgiref.sync import sync_to_async
from django.core.exceptions import PermissionDenied, SynchronousOnlyOperation
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase, JsonResponse
from django.template.response import TemplateResponse
from django.utils.functional import classproperty
from django.views import View

from dashboards.component.base import Component
from dashboards.component.form import Form
from dashboards.dashboard import Dashboard
from dashboards.exceptions import DashboardNotFoundError
from dashboards.log import logger
from dashboards.resolver import (
    Resolution,
    resolve,
    resolve_all,
    resolve_on_request_thread,
    unresolved,
)
from dashboards.utils import get_dashboard_class


class HasValueProtocol(Protocol):
    """Anything with a ``get_value`` like a component's."""

    def get_value(self, request: HttpRequest | None = None, call_deferred: bool = False) -> Any:
        """Return the value."""


def is_ajax(request: HttpRequest) -> bool:
    """Whether the request asks for JSON the way jQuery/DataTables do."""
    return request.headers.get("x-requested-with") == "XMLHttpRequest"


def is_htmx(request: HttpRequest) -> bool:
    """Whether htmx made the request (and it is not a boosted full-page navigation)."""
    return (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-Boosted") != "true"
    )


def denial(allowed: bool | HttpResponseBase) -> HttpResponseBase | None:
    """None when a permission check passed, else the response to send (403 if it gave none)."""
    if allowed is True:
        return None
    if isinstance(allowed, HttpResponseBase):
        return allowed
    raise PermissionDenied


class DashboardObjectMixin:
    """Find the dashboard, check its permissions and build this request's instance, for every handler.

    ``dispatch`` is async; handlers may be ``async def`` (ours are) or plain ``def`` (run off the
    event loop), so subclasses override any of them either way.
    """

    dashboard_class: type[Dashboard] | None = None
    #: This request's dashboard instance, built by ``dispatch`` before the handler runs.
    dashboard: Dashboard
    http_method_names: list[str]

    @classproperty
    def view_is_async(cls) -> bool:  # noqa: N805
        """Always async: ``dispatch`` awaits async handlers and runs sync ones in a thread."""
        return True

    def get_dashboard_class(self) -> type[Dashboard]:
        """The dashboard class: given to ``as_view``, or looked up from the URL; else 404."""
        if self.dashboard_class is not None:
            return self.dashboard_class
        kwargs = self.kwargs  # type: ignore[attr-defined]
        try:
            return get_dashboard_class(kwargs.get("app_label", ""), kwargs.get("dashboard", ""))
        except DashboardNotFoundError as error:
            raise Http404(str(error)) from None

    def get_dashboard_kwargs(self) -> dict[str, Any]:
        """Keyword arguments of the dashboard's constructor: the request and the URL kwargs."""
        return {"request": self.request, **self.kwargs}  # type: ignore[attr-defined]

    def prepare(self, request: HttpRequest) -> HttpResponseBase | None:
        """Check permissions and build ``self.dashboard``; return a response to send instead, if any."""
        dashboard_class = self.get_dashboard_class()
        denied = denial(dashboard_class.has_permissions(request, handle=True))
        if denied is not None:
            return denied
        self.dashboard = dashboard_class(**self.get_dashboard_kwargs())
        self.dashboard.request = request
        denied = denial(self.dashboard.has_object_permissions(request, handle=True))
        if denied is not None:
            return denied
        self.forbidden_components = self.dashboard.remove_forbidden_components(request)
        filterset = self.dashboard.get_filterset()
        if filterset is not None:
            filterset.is_valid()  # validate here, where the ORM may run, not in async code
        return None

    def resolve_on_this_thread(
        self, request: HttpRequest, components: list[Component], call_deferred: bool
    ) -> None:
        """Resolve ``components`` now, in ``prepare``'s trip to the request's thread, if none of
        them needs the event loop: the request then makes no second trip for its values."""
        if any(component.resolves_on_event_loop(call_deferred) for component in components):
            return
        resolve_on_request_thread(
            components,
            request,
            call_deferred=call_deferred,
            filters=self.dashboard.get_filters(request),
        )

    async def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Prepare the dashboard (404/permissions) off the event loop, then run the handler."""
        method = request.method.lower()
        if method in self.http_method_names:
            handler = getattr(self, method, self.http_method_not_allowed)  # type: ignore[attr-defined]
        else:
            handler = self.http_method_not_allowed  # type: ignore[attr-defined]
        if handler != self.http_method_not_allowed and method != "options":  # type: ignore[attr-defined]
            denied = await sync_to_async(self.prepare)(request)
            if denied is not None:
                return denied
        if iscoroutinefunction(handler):
            response = await handler(request, *args, **kwargs)
        else:
            response = await sync_to_async(handler)(request, *args, **kwargs)
        # A handler may return another handler's coroutine without awaiting it, as the
        # django-dashboards async recipe's ``post`` does (``return self.get(...)``).
        while isawaitable(response):
            response = await response
        return response


class DashboardView(DashboardObjectMixin, View):
    """A dashboard's page (its layout alone when htmx asks for it)."""

    template_name = "dashboards/dashboard.html"
    partial_template_name = "dashboards/dashboard_partial.html"

    def get_template_names(self) -> list[str]:
        """The full page, or the partial for htmx requests."""
        if is_htmx(self.request):  # type: ignore[attr-defined]
            return [self.partial_template_name]
        return [self.template_name]

    def prepare(self, request: HttpRequest) -> HttpResponseBase | None:
        """Also collect the page's media here, off the event loop: a form's media builds the form."""
        denied = super().prepare(request)
        if denied is None:
            self.media = self.dashboard.get_media()
            if type(self).get is DashboardView.get:
                on_page = self.dashboard.get_page_components()
                self.resolve_on_this_thread(request, on_page, call_deferred=False)
        return denied

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The page's context: the dashboard, its media (CSS and JS) and the view."""
        return {
            "dashboard": self.dashboard,
            "media": self.media,
            "filterset": self.dashboard.get_filterset(),
            "view": self,
            **kwargs,
        }

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Resolve every non-deferred value concurrently, then render the page."""
        pending = unresolved(self.dashboard.get_page_components())
        if pending:
            await self.dashboard.aresolve(request, components=pending)
        return TemplateResponse(request, self.get_template_names(), self.get_context_data())


class ComponentView(DashboardObjectMixin, View):
    """One component of a dashboard: its HTML (with its dependents, out of band) or its JSON."""

    template_name = "dashboards/components/partial.html"
    #: The requested component of this request's dashboard, found by ``dispatch``.
    component: Component

    def prepare(self, request: HttpRequest) -> HttpResponseBase | None:
        """Also find the component; an unknown key is a 404."""
        denied = super().prepare(request)
        if denied is not None:
            return denied
        key = self.kwargs.get("component")  # type: ignore[attr-defined]
        forbidden = self.forbidden_components.get(key)
        if forbidden is not None:
            permission = forbidden.denied_by(request)
            return denial(permission.handle_no_permission(request, type(self.dashboard)))
        try:
            self.component = self.dashboard.get_component(key)
        except KeyError:
            raise Http404(
                f"Component {key} does not exist in dashboard {self.dashboard.class_name()}"
            ) from None
        if self.uses_default_handler(request):
            self.resolve_on_this_thread(request, self.get_components_to_render(), True)
        return None

    def uses_default_handler(self, request: HttpRequest) -> bool:
        """Whether ``ComponentView``'s own handler answers (custom views compute what they need)."""
        handler = getattr(type(self), request.method.lower(), None)
        return handler is ComponentView.get or (
            handler is ComponentView.post and type(self).get is ComponentView.get
        )

    async def aresolve_component(self, request: HttpRequest) -> Resolution:
        """The component's resolution for this request (computed in ``prepare`` if it could be)."""
        return self.component.get_resolution(True) or await resolve(
            self.component,
            request,
            call_deferred=True,
            filters=self.dashboard.get_filters(request),
        )

    def get_components_to_render(self) -> list[Component]:
        """The component and its dependents."""
        return [self.component, *(self.component.dependent_components or [])]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        """The partial's context: the component, the dashboard and the view."""
        return {"component": self.component, "dashboard": self.dashboard, "view": self, **kwargs}

    async def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Render the component's value (JSON for ``X-Requested-With: XMLHttpRequest``)."""
        if is_ajax(request):
            resolution = await self.aresolve_component(request)
            try:
                return self.json_response(resolution)  # plain data encodes right here
            except SynchronousOnlyOperation:  # a lazy queryset in the value: encode it in a thread
                return await sync_to_async(self.json_response)(resolution)
        pending = unresolved(self.get_components_to_render(), call_deferred=True)
        if pending:
            filters = self.dashboard.get_filters(request)
            await resolve_all(pending, request, call_deferred=True, filters=filters)
        return TemplateResponse(request, [self.template_name], self.get_context_data())

    async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The same as GET, with the filters taken from the POST data."""
        return await self.get(request, *args, **kwargs)

    def json_response(self, resolution: Resolution) -> HttpResponse:
        """The value as JSON; a failed value answers ``{"error": ...}`` with status 500 (504 if slow)."""
        if resolution.error is None:
            try:
                body = json.dumps(self.component.to_json(resolution.value), cls=DjangoJSONEncoder)
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

    def prepare(self, request: HttpRequest) -> HttpResponseBase | None:
        """Also check that the component is a form; anything else is a 404."""
        denied = super().prepare(request)
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

    async def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Validate and save; answer the form (fresh after a save) and its refreshed dependents."""
        form, saved = await sync_to_async(self.process_form)(request)
        if is_ajax(request):
            return await sync_to_async(self.form_json_response)(form, saved)
        if saved:
            form = await sync_to_async(self.component.get_form)(None)
        self.component.resolution = Resolution(
            value=self.component.make_value(form, saved=saved), call_deferred=True
        )
        await resolve_all(
            self.component.dependent_components or [],
            request,
            call_deferred=True,
            filters=self.dashboard.get_filters(request),
        )
        return TemplateResponse(request, [self.template_name], self.get_context_data())

    def form_json_response(self, form: Any, saved: bool) -> JsonResponse:
        """The JSON answer to a POST: success, and the form's fields and errors."""
        value = self.component.to_json(self.component.make_value(form, saved=saved))
        return JsonResponse({"success": saved, **value}, status=200 if saved else 400)
