"""Tests of the example site's dashboards, written with ``dashboards.testing`` (pytest-django)."""

# imports-start
import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from dashboards.testing import (
    AccessRefused,
    arender_dashboard,
    get_component_value,
    render_component,
    render_dashboard,
)
from examples.components.dashboards import ComponentsDashboard
from examples.model_dashboards.dashboards import CustomerDashboard, ProductDashboard
from examples.permissions.dashboards import MembersDashboard, StaffDashboard
from examples.shop.models import Customer

# imports-end


# fixtures-start
@pytest.fixture
def member(django_user_model):
    """A user who is not staff; pass it as ``user=`` to see a dashboard as them."""
    return django_user_model.objects.create_user("member")


# fixtures-end


# permissions-start
def test_anonymous_visitors_are_refused(db):
    with pytest.raises(AccessRefused) as refused:
        render_dashboard(MembersDashboard)
    assert refused.value.response["Location"].startswith("/accounts/login/")


def test_members_are_greeted(member):
    assert "Hello member." in render_dashboard(MembersDashboard, user=member)


def test_members_are_not_staff(member):
    with pytest.raises(PermissionDenied):
        render_dashboard(StaffDashboard, user=member)


# permissions-end


# components-start
def test_deferred_component_renders_its_value(db):
    html = render_component(ComponentsDashboard, "deferred")
    assert "Loaded after the page, by htmx." in html


def test_search_echoes_the_filters(db):
    value = get_component_value(ComponentsDashboard, "search", filters={"q": "tea"})
    assert value == "You searched for 'tea'."


# components-end


# model-dashboard-start
def test_customer_dashboard_summarises_the_customer(db):
    ada = Customer.objects.create(
        name="Ada", email="ada@example.com", country="GB", joined="2026-01-05"
    )
    summary = get_component_value(CustomerDashboard, "summary", lookup=ada.pk)
    assert summary == "Ada (GB), ada@example.com"
    assert get_component_value(CustomerDashboard, "orders", lookup=ada.pk)["text"] == "0"


def test_unknown_product_is_404(db):
    with pytest.raises(Http404):
        render_dashboard(ProductDashboard, slug="no-such-product")


# model-dashboard-end


# async-start
async def test_components_dashboard_renders_from_async_code():
    html = await arender_dashboard(ComponentsDashboard)
    assert "Hello, visitor!" in html


# async-end
