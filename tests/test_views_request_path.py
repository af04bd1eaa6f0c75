"""Tests of the views' request path: no event loop or thread trip where none is needed (counted),
nothing made for a request outliving it, and views callable like any Django view."""

import asyncio
import gc

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.test import AsyncRequestFactory, RequestFactory
from django.urls import resolve

from dashboards.component import BasicTable, Text
from dashboards.dashboard import Dashboard
from dashboards.registry import registry
from dashboards.views import ComponentView, DashboardView
from tests.testapp.dashboards import ChildOneDashboard, ValueMethodDashboard
from tests.trips import count_trips

pytestmark = pytest.mark.django_db

PAGE = "/dashboards/testapp/childonedashboard/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def anonymous(request):
    """Give a factory-made request the user the auth middleware would."""
    user = AnonymousUser()
    request.user = user

    async def auser():
        return user

    request.auser = auser
    return request


# -- WSGI: a plain view, and an event loop only for async values ----------------------------


def test_a_wsgi_page_of_literal_and_sync_values_starts_no_event_loop_and_no_thread(client):
    with count_trips() as trips:
        response = client.get(PAGE)
    assert response.status_code == 200
    assert (trips.event_loops, trips.thread_trips) == (0, 0)


def test_a_wsgi_component_fetch_starts_no_event_loop_and_no_thread(client):
    with count_trips() as trips:
        html = client.get(PAGE + "@component/second/", HTTP_HX_REQUEST="true")
        json = client.get(PAGE + "@component/second/", **XHR)
    assert b"second, deferred" in html.content
    assert json.json() == "second, deferred"
    assert (trips.event_loops, trips.thread_trips) == (0, 0)


def test_a_wsgi_page_with_async_values_starts_one_event_loop(client):
    with count_trips() as trips:
        response = client.get("/dashboards/testapp/asyncvaluesdashboard/")
    assert response.content.decode().count("awaited") == 3
    assert trips.event_loops == 1


def test_a_view_called_from_sync_code_returns_a_response():
    request = anonymous(RequestFactory().get(PAGE))
    response = DashboardView.as_view(dashboard_class=ChildOneDashboard)(request)
    response.render()
    assert response.status_code == 200
    assert b"third, overridden" in response.content


def test_a_component_view_called_from_sync_code_returns_a_response():
    request = anonymous(RequestFactory().get(PAGE + "@component/second/"))
    view = ComponentView.as_view()
    response = view(request, app_label="testapp", dashboard="childonedashboard", component="second")
    response.render()
    assert b"second, deferred" in response.content


# -- ASGI: the async view, with no thread trip unless sync code must run ---------------------


async def call_on_the_loop(path, headers=None):
    """Resolve ``path`` from the event loop, as Django's ASGI handler does, and call the view."""
    match = resolve(path)
    request = anonymous(AsyncRequestFactory().get(path, headers=headers))
    return match, await match.func(request, *match.args, **match.kwargs)


async def test_urls_resolve_to_the_async_view_on_an_event_loop():
    match = resolve(PAGE)
    assert asyncio.iscoroutinefunction(match.func)


def test_urls_resolve_to_the_sync_view_without_an_event_loop():
    assert not asyncio.iscoroutinefunction(resolve(PAGE).func)


async def test_an_asgi_component_fetch_of_a_literal_makes_no_thread_trip():
    with count_trips() as trips:
        _, response = await call_on_the_loop(
            PAGE + "@component/first/", {"X-Requested-With": "XMLHttpRequest"}
        )
    assert response.content == b'"first"'
    assert (trips.thread_trips, trips.event_loops) == (0, 0)


async def test_an_asgi_page_of_literals_makes_no_thread_trip():
    with count_trips() as trips:
        _, response = await call_on_the_loop("/dashboards/testapp/asyncvaluesdashboard/")
    assert response.status_code == 200
    assert response.content.decode().count("awaited") == 3
    assert (trips.thread_trips, trips.event_loops) == (0, 0)


async def test_an_asgi_request_with_sync_values_makes_one_thread_trip():
    with count_trips() as trips:
        _, response = await call_on_the_loop(PAGE + "@component/second/", {"HX-Request": "true"})
    assert b"second, deferred" in response.content
    assert trips.thread_trips == 1


async def test_an_asgi_request_for_a_form_dashboard_runs_its_sync_code_in_one_trip():
    with count_trips() as trips:
        _, response = await call_on_the_loop("/dashboards/testapp/formstestdashboard/")
    assert response.status_code == 200
    assert trips.thread_trips == 1


# -- nothing made for a request outlives it ----------------------------------------------------


def live(kind):
    gc.collect()
    return sum(isinstance(obj, kind) for obj in gc.get_objects())


def test_requests_leave_no_dashboard_or_request_alive(client):
    url = "/dashboards/testapp/valuemethoddashboard/"
    for _ in range(3):  # warm up: URL resolver, template and signature caches
        client.get(url)
        client.get(url + "@component/later/", **XHR)
    dashboards_before, requests_before = live(Dashboard), live(HttpRequest)
    for _ in range(200):
        client.get(url)
        client.get(url + "@component/later/", **XHR)
    assert live(ValueMethodDashboard) == 0
    assert live(Dashboard) <= dashboards_before
    assert live(HttpRequest) <= requests_before


async def lazy_usernames(**kwargs):
    return get_user_model().objects.values_list("username", flat=True)


class QueryingTemplateDashboard(Dashboard):
    """Its table's value is a lazy queryset: rendering it queries the database."""

    users = BasicTable(value=get_user_model().objects.values("username"))
    lazy = Text(defer=lazy_usernames)

    class Meta:
        app_label = "testapp"


@pytest.fixture
def querying_dashboard():
    registry.register(QueryingTemplateDashboard)
    yield "/dashboards/testapp/queryingtemplatedashboard/@component/"
    registry.remove(QueryingTemplateDashboard)


async def test_an_asgi_template_that_queries_renders_in_a_thread(querying_dashboard):
    await get_user_model().objects.acreate(username="rendered-in-a-thread")
    with count_trips() as trips:
        _, response = await call_on_the_loop(querying_dashboard + "users/", {"HX-Request": "true"})
    assert response.status_code == 200
    assert trips.thread_trips == 1  # the queryset and the template that lists it, together
    assert "rendered-in-a-thread" in response.content.decode()


async def test_an_asgi_answer_that_queries_on_the_loop_is_rendered_again_in_one_trip(
    querying_dashboard,
):
    await get_user_model().objects.acreate(username="listed-lazily")
    with count_trips() as trips:
        _, response = await call_on_the_loop(querying_dashboard + "lazy/", {"HX-Request": "true"})
    assert "listed-lazily" in response.content.decode()
    assert trips.thread_trips == 1


def test_the_component_dict_is_built_a_fixed_number_of_times_whatever_the_page_size(monkeypatch):
    calls = []
    real = Dashboard.get_components_dict

    def counted(self):
        calls.append(type(self).__name__)
        return real(self)

    monkeypatch.setattr(Dashboard, "get_components_dict", counted)

    def calls_for(size):
        namespace = {f"t{i}": Text(value=str(i)) for i in range(size)}
        namespace["Meta"] = type("Meta", (), {"app_label": "testapp"})
        dashboard_class = type(f"Sized{size}", (Dashboard,), namespace)
        request = anonymous(RequestFactory().get("/"))
        response = DashboardView.as_view(dashboard_class=dashboard_class)(request)
        response.render()
        return calls.count(dashboard_class.__name__)

    assert calls_for(3) == calls_for(30)


# -- views composed from Django's mixins --------------------------------------------------------


class MarkedResponse(TemplateResponse):
    """A response class a project might use."""


def test_a_dashboard_view_takes_extra_context_and_a_response_class():
    view = DashboardView.as_view(
        dashboard_class=ChildOneDashboard,
        extra_context={"marker": "from extra_context"},
        response_class=MarkedResponse,
    )
    response = view(anonymous(RequestFactory().get(PAGE)))
    assert isinstance(response, MarkedResponse)
    assert response.context_data["marker"] == "from extra_context"
    assert response.context_data["dashboard"].__class__ is ChildOneDashboard


def test_get_dashboard_builds_the_requests_dashboard():
    class ObjectView(DashboardView):
        def get_dashboard(self):
            dashboard = super().get_dashboard()
            dashboard.components["added_by_the_view"] = Text(value="added by the view")
            return dashboard

    view = ObjectView.as_view(dashboard_class=ChildOneDashboard)
    response = view(anonymous(RequestFactory().get(PAGE)))
    response.render()
    assert b"added by the view" in response.content


async def test_an_asgi_component_for_a_logged_in_user_checks_permissions_with_no_thread_trip():
    # Not saved: the async ORM would write it outside this test's transaction, for good.
    user = get_user_model()(username="member")
    path = "/dashboards/testapp/membersonlydashboard/@component/secret/"
    match = resolve(path)
    request = AsyncRequestFactory().get(path, headers={"HX-Request": "true"})

    async def auser():
        return user

    request.auser = auser
    with count_trips() as trips:
        response = await match.func(request, *match.args, **match.kwargs)
    assert response.status_code == 200
    assert "members only" in response.content.decode()
    assert trips.thread_trips == 0
    assert request.user is user  # set for sync permission code, so it never queries


async def test_an_asgi_page_refuses_an_anonymous_user_with_no_thread_trip():
    path = "/dashboards/testapp/membersonlydashboard/"
    match = resolve(path)
    with count_trips() as trips:
        response = await match.func(anonymous(AsyncRequestFactory().get(path)), **match.kwargs)
    assert response.status_code == 302
    assert trips.thread_trips == 0
