"""Tests of dashboards.views: pages, component partials and JSON, 404s, permissions, errors."""

import json
from urllib.parse import quote

import pytest
from django.http import HttpResponse
from django.test import override_settings
from django.urls import path

from dashboards.urls import COMPONENT_PATTERN
from dashboards.views import ComponentView, DashboardView
from tests.testapp.dashboards import ChildOneDashboard

pytestmark = pytest.mark.django_db

PAGE = "/dashboards/testapp/childonedashboard/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


def test_page_renders_under_the_wsgi_test_client(client):
    response = client.get(PAGE)
    assert response.status_code == 200
    assert b"third, overridden" in response.content
    assert b"<html" in response.content


async def test_page_renders_under_the_async_client(async_client):
    response = await async_client.get(PAGE)
    assert response.status_code == 200
    assert b"third, overridden" in response.content


def test_page_includes_the_dashboard_media(client):
    content = client.get(PAGE).content.decode()
    assert "/static/dashboards/css/dashboards.css" in content
    assert "/static/django_htmx/htmx-2" in content


def test_page_for_htmx_is_the_layout_only(client):
    response = client.get(PAGE, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b"third, overridden" in response.content


def test_unknown_page_is_404(client):
    assert client.get("/dashboards/testapp/nosuchdashboard/").status_code == 404


def test_component_route_of_an_unknown_dashboard_is_404(client):
    response = client.get("/dashboards/testapp/nosuchdashboard/@component/first/")
    assert response.status_code == 404


def test_unknown_component_is_404(client):
    assert client.get(PAGE + "@component/nosuchcomponent/").status_code == 404


def test_deferred_component_renders_its_deferred_value(client):
    response = client.get(PAGE + "@component/second/")
    assert response.status_code == 200
    assert b"second, deferred" in response.content
    assert b'id="component-dashboardstestappchildonedashboardcomponentsecond-inner"' in (
        response.content
    )


def test_component_post_behaves_like_get(client):
    response = client.post(PAGE + "@component/second/")
    assert response.status_code == 200
    assert b"second, deferred" in response.content


def test_component_answers_json_for_xmlhttprequest(client):
    response = client.get(PAGE + "@component/fourth/", **XHR)
    assert response["Content-Type"] == "application/json"
    assert response.json()["text"] == "4"


def test_deferred_component_json_is_its_deferred_value(client):
    response = client.get(PAGE + "@component/second/", **XHR)
    assert response.json() == "second, deferred"


def test_failing_component_renders_an_error_state_and_the_rest_of_the_page(client):
    response = client.get("/dashboards/testapp/failingdashboard/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "still here" in content
    assert "This component could not be loaded." in content


def test_slow_component_renders_a_timeout_state(client):
    content = client.get("/dashboards/testapp/failingdashboard/").content.decode()
    assert "This component took too long to load." in content


def test_failing_component_endpoint_answers_the_error_state_not_a_500(client):
    response = client.get("/dashboards/testapp/failingdashboard/@component/broken_deferred/")
    assert response.status_code == 200
    assert b"This component could not be loaded." in response.content


def test_failing_component_json_is_an_error_object(client):
    response = client.get("/dashboards/testapp/failingdashboard/@component/broken/", **XHR)
    assert response.status_code == 500
    assert response.json() == {"error": "This component could not be loaded."}


def test_slow_component_json_is_a_504(client):
    response = client.get("/dashboards/testapp/failingdashboard/@component/slow/", **XHR)
    assert response.status_code == 504


def test_value_that_cannot_be_json_encoded_is_an_error_object(client):
    response = client.get("/dashboards/testapp/failingdashboard/@component/not_json/", **XHR)
    assert response.status_code == 500
    assert response.json() == {"error": "The value of this component cannot be encoded as JSON."}


def test_permission_handler_that_returns_no_response_gives_403(client):
    assert client.get("/dashboards/testapp/quietlydenieddashboard/").status_code == 403


def test_object_permission_refuses_another_users_dashboard(client, member, staff_user):
    client.force_login(member)
    assert client.get("/dashboards/testapp/notyouruserdashboard/member/").status_code == 200
    assert client.get("/dashboards/testapp/notyouruserdashboard/staff/").status_code == 403
    url = "/dashboards/testapp/notyouruserdashboard/staff/@component/username/"
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/dashboards/testapp/membersonlydashboard/",
        "/dashboards/testapp/membersonlydashboard/@component/secret/",
        "/dashboards/testapp/membersonlydashboard/@component/deferred_secret/",
    ],
)
def test_anonymous_user_is_sent_to_login_from_page_and_components(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={quote(url)}"


@pytest.mark.parametrize(
    "url",
    [
        "/dashboards/testapp/staffonlydashboard/",
        "/dashboards/testapp/staffonlydashboard/@component/secret/",
    ],
)
def test_logged_in_user_without_permission_gets_403_on_page_and_components(client, member, url):
    client.force_login(member)
    response = client.get(url)
    assert response.status_code == 403
    assert b"staff only" not in response.content


def test_denied_json_request_gets_the_same_answer_as_the_page(client, member):
    client.force_login(member)
    url = "/dashboards/testapp/staffonlydashboard/@component/secret/"
    assert client.get(url, **XHR).status_code == 403


@pytest.mark.django_db(transaction=True)
async def test_permission_is_checked_under_the_async_client(async_client, member):
    await async_client.aforce_login(member)
    response = await async_client.get("/dashboards/testapp/staffonlydashboard/")
    assert response.status_code == 403


def test_logged_in_member_sees_the_members_dashboard(client, member):
    client.force_login(member)
    response = client.get("/dashboards/testapp/membersonlydashboard/")
    assert response.status_code == 200
    assert b"members only" in response.content


def test_staff_only_component_added_in_init_never_reaches_a_later_anonymous_request(
    client, staff_user
):
    url = "/dashboards/testapp/staffextrasdashboard/"
    client.force_login(staff_user)
    assert b"staff secret" in client.get(url).content
    client.logout()
    assert b"staff secret" not in client.get(url).content
    assert client.get(url + "@component/secret/").status_code == 404


def test_model_dashboard_page_uses_the_custom_lookup_kwarg(client, member):
    response = client.get("/dashboards/testapp/userdashboard/member/")
    assert response.status_code == 200
    assert b"member" in response.content


def test_model_dashboard_component_route_works_with_a_custom_lookup_kwarg(client, member):
    response = client.get("/dashboards/testapp/userdashboard/member/@component/deferred_username/")
    assert response.status_code == 200
    assert b"deferred member" in response.content


def test_model_dashboard_deferred_url_contains_the_lookup_field(client, member):
    content = client.get("/dashboards/testapp/userdashboard/member/").content.decode()
    assert 'hx-get="/dashboards/testapp/userdashboard/member/@component/deferred_username/"' in (
        content
    )


def test_model_dashboard_missing_object_is_404_on_page_and_component(client):
    assert client.get("/dashboards/testapp/userdashboard/nobody/").status_code == 404
    url = "/dashboards/testapp/userdashboard/nobody/@component/username/"
    assert client.get(url).status_code == 404


class SyncComponentView(ComponentView):
    """A subclass with plain sync handlers, like the old library's custom views."""

    def get(self, request, *args, **kwargs):
        return HttpResponse(f"sync view of {self.component.key}")

    def post(self, request, *args, **kwargs):
        return self.get(request, *args, **kwargs)


class SeedRecipeComponentView(ComponentView):
    """The old docs' async view, minus its asyncio hack: ``post`` forgets to await ``get``."""

    async def get(self, request, *args, **kwargs):
        return HttpResponse("Async<br/>" + self.component.key)

    async def post(self, *args, **kwargs):
        return self.get(*args, **kwargs)


urlpatterns = [
    path("seed/" + COMPONENT_PATTERN, SeedRecipeComponentView.as_view(), name="seed-component"),
    path("sync/" + COMPONENT_PATTERN, SyncComponentView.as_view(), name="sync-component"),
    path("page/", DashboardView.as_view(dashboard_class=ChildOneDashboard), name="page"),
    path("nodashboard/", DashboardView.as_view(), name="no-dashboard"),
]
with_custom_views = override_settings(ROOT_URLCONF="tests.test_views_urls")


@with_custom_views
def test_subclass_with_sync_handlers_works(client):
    response = client.get("/sync/testapp/childonedashboard/@component/first/")
    assert response.content == b"sync view of first"


@with_custom_views
def test_the_old_async_recipe_works_even_with_its_unawaited_post(client):
    url = "/seed/testapp/childonedashboard/@component/first/"
    assert client.get(url).content == b"Async<br/>first"
    assert client.post(url).content == b"Async<br/>first"


@with_custom_views
def test_custom_component_view_applies_the_dashboard_permissions(client, member):
    client.force_login(member)
    response = client.get("/sync/testapp/staffonlydashboard/@component/secret/")
    assert response.status_code == 403


@with_custom_views
def test_custom_component_view_of_an_unknown_component_is_404(client):
    assert client.get("/sync/testapp/childonedashboard/@component/nope/").status_code == 404


@with_custom_views
def test_dashboard_view_with_a_dashboard_class_serves_it_anywhere(client):
    response = client.get("/page/")
    assert response.status_code == 200
    assert b"third, overridden" in response.content


@with_custom_views
def test_dashboard_view_without_a_dashboard_class_is_404(client):
    assert client.get("/nodashboard/").status_code == 404


def test_options_request_is_answered(client):
    response = client.options(PAGE)
    assert response.status_code == 200
    assert "GET" in response["Allow"]


def test_method_not_allowed_is_405(client):
    assert client.delete(PAGE).status_code == 405


def test_head_request_is_answered(client):
    assert client.head(PAGE).status_code == 200


def test_json_errors_are_valid_json(client):
    response = client.get("/dashboards/testapp/failingdashboard/@component/broken/", **XHR)
    assert json.loads(response.content)["error"]


FORMS = "/dashboards/testapp/formstestdashboard/"
COUNTED = "/dashboards/testapp/counteddashboard/"


def test_form_route_get_renders_the_form_and_its_dependents_out_of_band(client):
    response = client.get(FORMS + "filter/@form/", {"name": "ada"})
    content = response.content.decode()
    assert 'value="ada"' in content
    assert 'hx-swap-oob="true"' in content
    assert "echo:ada" in content


def test_form_post_saves_and_refreshes_dependents_with_the_posted_data(client):
    from tests.testapp.dashboards import SAVED

    response = client.post(FORMS + "action/@form/", {"name": "grace"})
    content = response.content.decode()
    assert SAVED[-1] == "grace"
    assert "Saved." in content
    assert 'value="grace"' not in content  # a fresh form after a save
    assert "echo:grace" in content


def test_invalid_form_post_re_renders_the_form_with_its_errors(client):
    response = client.post(FORMS + "action/@form/", {"name": "bad"})
    assert response.status_code == 200
    assert b"Not that name." in response.content
    assert b'value="bad"' in response.content


def test_form_post_json_answers_success_and_fields(client):
    response = client.post(FORMS + "action/@form/", {"name": "linus"}, **XHR)
    assert response.json()["success"] is True
    assert response.json()["form"][0]["name"] == "name"


def test_invalid_form_post_json_is_a_400_with_errors(client):
    response = client.post(FORMS + "action/@form/", {"name": "bad"}, **XHR)
    assert response.status_code == 400
    assert response.json()["errors"]["name"][0]["message"] == "Not that name."


def test_form_component_json_is_real_json(client):
    response = client.get(FORMS + "@component/filter/", **XHR)
    assert response.json()["action"] == FORMS + "filter/@form/"


def test_form_post_without_a_csrf_token_is_refused():
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(FORMS + "action/@form/", {"name": "x"})
    assert response.status_code == 403


def test_form_route_of_a_component_that_is_not_a_form_is_404(client):
    assert client.get(FORMS + "echo/@form/").status_code == 404


def test_component_with_its_own_permission_is_left_out_of_the_page(client, member):
    client.force_login(member)
    content = client.get(FORMS).content.decode()
    assert "echo:" in content
    assert "for staff" not in content
    assert "deferred_staff_only" not in content


def test_component_with_its_own_permission_is_shown_to_allowed_users(client, staff_user):
    client.force_login(staff_user)
    assert b"for staff" in client.get(FORMS).content


def test_component_endpoint_refuses_users_its_permission_refuses(client, member):
    client.force_login(member)
    assert client.get(FORMS + "@component/deferred_staff_only/").status_code == 403
    client.logout()
    response = client.get(FORMS + "@component/deferred_staff_only/")
    assert response.status_code == 302


def test_deferred_component_urls_carry_the_page_query_string(client, staff_user):
    client.force_login(staff_user)
    content = client.get(FORMS, {"name": "x"}).content.decode()
    assert (
        'hx-get="/dashboards/testapp/formstestdashboard/@component/deferred_staff_only/?name=x"'
        in (content)
    )


def test_model_dashboard_form_route_works_with_a_custom_lookup_kwarg(client, member):
    url = "/dashboards/testapp/userdashboard/member/rename/@form/"
    page = client.get("/dashboards/testapp/userdashboard/member/").content.decode()
    assert f'hx-post="{url}"' in page
    response = client.post(url, {"name": "renamed"})
    assert response.status_code == 200
    assert b"Saved." in response.content
    assert b">member<" in response.content  # the dependent, re-rendered for the same object


def test_model_dashboard_form_route_of_a_missing_object_is_404(client):
    url = "/dashboards/testapp/userdashboard/nobody/rename/@form/"
    assert client.post(url, {"name": "x"}).status_code == 404


@pytest.mark.django_db(transaction=True)
async def test_concurrent_requests_for_two_objects_never_mix(member, staff_user):
    import asyncio

    from django.test import AsyncClient

    async def fetch(username):
        response = await AsyncClient().get(f"/dashboards/testapp/userdashboard/{username}/")
        return response.content.decode()

    pages = await asyncio.gather(*(fetch(name) for name in ["member", "staff"] * 5))
    for name, page in zip(["member", "staff"] * 5, pages, strict=True):
        other = "staff" if name == "member" else "member"
        assert f">{name}<" in page
        assert f">{other}<" not in page


def test_sync_values_are_computed_once_per_request(client):
    from tests.testapp.dashboards import CALLS

    CALLS.clear()
    client.get(COUNTED)
    client.get(COUNTED + "@component/counted/")
    client.get(COUNTED + "@component/counted/", **XHR)
    assert CALLS == ["counted", "counted", "counted"]


@pytest.mark.parametrize(
    "url",
    [
        "/dashboards/testapp/userdashboard/@component/username/",
        "/dashboards/testapp/userdashboard/username/@form/",
        "/dashboards/testapp/userdashboard/@component/nothing/",
    ],
)
def test_model_dashboard_component_route_without_the_object_is_404(client, member, url):
    assert client.get(url).status_code == 404
    assert client.get(url, **XHR).status_code == 404


async def test_model_dashboard_component_route_without_the_object_is_404_under_asgi(
    async_client, member
):
    response = await async_client.get("/dashboards/testapp/userdashboard/@component/username/")
    assert response.status_code == 404


PAGE_VARY = {"hx-request", "hx-boosted", "hx-history-restore-request"}


def vary_of(response):
    return {header.strip().lower() for header in response.get("Vary", "").split(",")}


@pytest.mark.parametrize("headers", [{}, {"HTTP_HX_REQUEST": "true"}])
def test_page_varies_on_the_htmx_headers(client, headers):
    assert vary_of(client.get(PAGE, **headers)) >= PAGE_VARY


async def test_page_varies_on_the_htmx_headers_under_asgi(async_client):
    response = await async_client.get(PAGE, headers={"HX-Request": "true"})
    assert vary_of(response) >= PAGE_VARY


def test_htmx_history_restore_gets_the_full_page(client):
    response = client.get(PAGE, HTTP_HX_REQUEST="true", HTTP_HX_HISTORY_RESTORE_REQUEST="true")
    assert b"<html" in response.content


@pytest.mark.parametrize("headers", [{}, XHR, {"HTTP_HX_REQUEST": "true"}])
def test_component_varies_on_x_requested_with(client, headers):
    response = client.get(PAGE + "@component/second/", **headers)
    assert "x-requested-with" in vary_of(response)


async def test_component_json_varies_on_x_requested_with_under_asgi(async_client):
    response = await async_client.get(
        PAGE + "@component/second/", headers={"X-Requested-With": "XMLHttpRequest"}
    )
    assert "x-requested-with" in vary_of(response)


def test_form_post_json_varies_on_x_requested_with(client):
    response = client.post(FORMS + "action/@form/", {"name": "linus"}, **XHR)
    assert "x-requested-with" in vary_of(response)
