"""Tests of dashboards.testing: rendering and values as the views give them, permissions included."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.testing import (
    AccessRefused,
    aget_component_value,
    arender_component,
    arender_dashboard,
    get_component_value,
    render_component,
    render_dashboard,
)
from tests.testapp.dashboards import (
    ChildOneDashboard,
    FailingDashboard,
    FormsTestDashboard,
    MembersOnlyDashboard,
    NotYourUserDashboard,
    QuietlyDeniedDashboard,
    StaffExtrasDashboard,
    StaffOnlyDashboard,
    UserDashboard,
    ValueMethodDashboard,
)

pytestmark = pytest.mark.django_db

#: No dashboards routes: the helpers still work, with requests to ``/``.
urlpatterns: list = []


async def whoami(request, **kwargs) -> str:
    """An async value that reads the user the async way."""
    return (await request.auser()).get_username() or "anonymous"


def count_visits(request, **kwargs) -> int:
    """A value that uses the session."""
    request.session["visits"] = request.session.get("visits", 0) + 1
    return request.session["visits"]


class RequestDashboard(Dashboard):
    """Not registered: the helpers take any dashboard class."""

    user = Text(value=whoami)
    visits = Text(value=count_visits)
    path = Text(value=lambda request, **kwargs: f"path {request.path}")

    class Meta:
        app_label = "testapp"


# -- render_dashboard ----------------------------------------------------------------------


def test_render_dashboard_returns_the_page_html():
    html = render_dashboard(ChildOneDashboard)
    assert "<html" in html
    assert "third, overridden" in html


def test_render_dashboard_leaves_deferred_components_as_placeholders():
    html = render_dashboard(ChildOneDashboard)
    assert "second, deferred" not in html
    assert 'hx-get="/dashboards/testapp/childonedashboard/@component/second/"' in html


def test_render_dashboard_passes_filters_to_values():
    assert "echo:ann" in render_dashboard(FormsTestDashboard, filters={"name": "ann"})


def test_render_dashboard_requests_the_dashboard_url():
    html = render_dashboard(ValueMethodDashboard)
    assert "method value for /dashboards/testapp/valuemethoddashboard/" in html


def test_render_dashboard_of_an_unregistered_dashboard_requests_the_root():
    assert '<div class="dashboard-text">path /</div>' in render_dashboard(RequestDashboard)


def test_render_dashboard_refuses_anonymous_users_with_the_login_redirect():
    with pytest.raises(AccessRefused) as refused:
        render_dashboard(MembersOnlyDashboard)
    assert refused.value.response.status_code == 302
    location = refused.value.response["Location"]
    assert location == "/accounts/login/?next=/dashboards/testapp/membersonlydashboard/"
    assert location in str(refused.value)


def test_access_refused_is_a_permission_denied():
    assert issubclass(AccessRefused, PermissionDenied)


def test_access_refused_without_a_location_names_the_status():
    from django.http import HttpResponseForbidden

    assert str(AccessRefused(HttpResponseForbidden())) == "Refused with status 403"


def test_render_dashboard_raises_permission_denied_for_a_refused_user(member):
    with pytest.raises(PermissionDenied) as refused:
        render_dashboard(StaffOnlyDashboard, user=member)
    assert not isinstance(refused.value, AccessRefused)


def test_render_dashboard_raises_permission_denied_when_the_handler_gives_no_response():
    with pytest.raises(PermissionDenied):
        render_dashboard(QuietlyDeniedDashboard)


def test_render_dashboard_renders_for_an_allowed_user(staff_user):
    assert "staff only" in render_dashboard(StaffOnlyDashboard, user=staff_user)


def test_render_dashboard_hides_components_the_user_may_not_see(member, staff_user):
    assert "for staff" not in render_dashboard(FormsTestDashboard, user=member)
    assert "for staff" in render_dashboard(FormsTestDashboard, user=staff_user)


def test_render_dashboard_of_a_model_dashboard_uses_the_lookup_kwarg(member):
    assert "member" in render_dashboard(UserDashboard, username="member")


def test_render_dashboard_of_a_model_dashboard_accepts_lookup(member):
    html = render_dashboard(UserDashboard, lookup="member")
    assert '<div class="dashboard-text">member</div>' in html


def test_render_dashboard_of_a_missing_object_raises_http404():
    with pytest.raises(Http404):
        render_dashboard(UserDashboard, username="nobody")


def test_render_dashboard_checks_object_permissions(member, staff_user):
    assert "member" in render_dashboard(NotYourUserDashboard, user=member, lookup="member")
    with pytest.raises(PermissionDenied):
        render_dashboard(NotYourUserDashboard, user=member, lookup="staff")


def test_render_dashboard_builds_the_dashboard_per_request(staff_user):
    assert "staff secret" in render_dashboard(StaffExtrasDashboard, user=staff_user)
    assert "staff secret" not in render_dashboard(StaffExtrasDashboard)


# -- render_component ----------------------------------------------------------------------


def test_render_component_renders_the_deferred_value():
    html = render_component(ChildOneDashboard, "second")
    assert "second, deferred" in html
    assert "<html" not in html


def test_render_component_includes_dependents_out_of_band():
    html = render_component(FormsTestDashboard, "filter", filters={"name": "ann"})
    assert 'hx-swap-oob="true"><div class="dashboard-text">echo:ann</div>' in html


def test_render_component_renders_a_failed_value_as_its_error_state():
    html = render_component(FailingDashboard, "broken")
    assert "This component could not be loaded." in html


def test_render_component_of_a_model_dashboard_uses_the_lookup(member):
    html = render_component(UserDashboard, "deferred_username", lookup="member")
    assert "deferred member" in html


def test_render_component_of_an_unknown_key_raises_http404():
    with pytest.raises(Http404):
        render_component(ChildOneDashboard, "nosuchcomponent")


def test_render_component_refuses_anonymous_users_of_the_dashboard():
    with pytest.raises(AccessRefused):
        render_component(MembersOnlyDashboard, "deferred_secret")


def test_render_component_refuses_users_the_component_forbids(member):
    with pytest.raises(PermissionDenied):
        render_component(FormsTestDashboard, "deferred_staff_only", user=member)


def test_render_component_renders_for_users_the_component_allows(staff_user):
    html = render_component(FormsTestDashboard, "deferred_staff_only", user=staff_user)
    assert "deferred staff" in html


# -- get_component_value -------------------------------------------------------------------


def test_get_component_value_returns_the_resolved_value():
    value = get_component_value(ChildOneDashboard, "fourth")
    assert value["text"] == "4"


def test_get_component_value_computes_deferred_values():
    assert get_component_value(ChildOneDashboard, "second") == "second, deferred"


def test_get_component_value_uses_the_dashboards_value_methods():
    assert get_component_value(ValueMethodDashboard, "later") == "method defer"


def test_get_component_value_requests_the_component_url():
    value = get_component_value(ValueMethodDashboard, "greeting")
    assert value == "method value for /dashboards/testapp/valuemethoddashboard/@component/greeting/"


def test_get_component_value_passes_filters_to_the_value():
    assert get_component_value(FormsTestDashboard, "echo", filters={"name": "bo"}) == "echo:bo"


def test_get_component_value_raises_the_components_exception():
    with pytest.raises(ZeroDivisionError):
        get_component_value(FailingDashboard, "broken")


def test_get_component_value_raises_timeout_error_for_a_slow_value():
    with pytest.raises(TimeoutError):
        get_component_value(FailingDashboard, "slow")


def test_get_component_value_refuses_anonymous_users():
    with pytest.raises(AccessRefused):
        get_component_value(MembersOnlyDashboard, "deferred_secret")


def test_get_component_value_of_a_model_dashboard_uses_the_lookup_kwarg(member):
    assert get_component_value(UserDashboard, "username", username="member") == "member"


def test_get_component_value_of_a_missing_object_raises_http404():
    with pytest.raises(Http404):
        get_component_value(UserDashboard, "username", username="nobody")


def test_get_component_value_finds_components_added_per_request(staff_user):
    assert get_component_value(StaffExtrasDashboard, "secret", user=staff_user) == "staff secret"
    with pytest.raises(Http404):
        get_component_value(StaffExtrasDashboard, "secret")


def test_get_component_value_gives_async_values_the_user(member):
    assert get_component_value(RequestDashboard, "user", user=member) == "member"


def test_get_component_value_gives_values_a_fresh_session():
    assert get_component_value(RequestDashboard, "visits") == 1
    assert get_component_value(RequestDashboard, "visits") == 1


def test_get_component_value_without_dashboards_urls_requests_the_root(settings):
    settings.ROOT_URLCONF = __name__
    assert get_component_value(ValueMethodDashboard, "greeting") == "method value for /"


# -- async twins ---------------------------------------------------------------------------


async def test_arender_dashboard_returns_the_page_html():
    assert "third, overridden" in await arender_dashboard(ChildOneDashboard)


async def test_arender_dashboard_refuses_anonymous_users():
    with pytest.raises(AccessRefused):
        await arender_dashboard(MembersOnlyDashboard)


@pytest.mark.django_db(transaction=True)
async def test_arender_dashboard_renders_for_an_allowed_user(member):
    assert "members only" in await arender_dashboard(MembersOnlyDashboard, user=member)


@pytest.mark.django_db(transaction=True)
async def test_arender_dashboard_of_a_model_dashboard_uses_the_lookup(member):
    assert "member" in await arender_dashboard(UserDashboard, username="member")


async def test_arender_component_renders_the_deferred_value():
    assert "second, deferred" in await arender_component(ChildOneDashboard, "second")


async def test_arender_component_refuses_anonymous_users():
    with pytest.raises(AccessRefused):
        await arender_component(MembersOnlyDashboard, "deferred_secret")


async def test_aget_component_value_returns_the_resolved_value():
    assert await aget_component_value(ChildOneDashboard, "second") == "second, deferred"


async def test_aget_component_value_passes_filters_to_the_value():
    value = await aget_component_value(FormsTestDashboard, "echo", filters={"name": "cy"})
    assert value == "echo:cy"


async def test_aget_component_value_raises_the_components_exception():
    with pytest.raises(ZeroDivisionError):
        await aget_component_value(FailingDashboard, "broken")
