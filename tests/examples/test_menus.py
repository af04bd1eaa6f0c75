"""The menus example: every dashboard page shows the menu the menus page of the docs describes."""

import re
from datetime import date

import pytest

from dashboards.menus.registry import menu_registry
from dashboards.registry import registry
from examples.shop.models import Customer

pytestmark = pytest.mark.django_db

QUICKSTART = "/dashboards/quickstart/firstdashboard/"
STAFF = "/dashboards/permissions/staffdashboard/"


def menu_of(response) -> str:
    """The page's menu, with the whitespace between tags removed."""
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('<nav class="dashboard-menu" aria-label="Dashboards">')
    return re.sub(r">\s+<", "><", html[start : html.index("</nav>", start)])


def section(name: str, active: bool = False) -> str:
    """The opening of a section of the menu."""
    state = ' is-active"><details open>' if active else '"><details>'
    return f'<li class="dashboard-menu__section{state}<summary>{name}</summary>'


@pytest.fixture
def customer():
    return Customer.objects.create(
        name="Ada", email="ada@example.com", country="GB", joined=date(2026, 1, 5)
    )


def test_a_dashboard_page_shows_a_section_per_example_app(client):
    menu = menu_of(client.get(QUICKSTART))
    for name in ("Components", "Async", "Forms", "Filters", "Dynamic dashboards", "This site"):
        assert section(name) in menu
    assert '<a href="/dashboards/components/componentsdashboard/">Components</a>' in menu


def test_every_example_app_with_dashboards_has_a_menu():
    labels = {dashboard._meta.app_label for dashboard in registry.get_all_items()}
    labels.discard("testapp")
    assert labels
    for label in labels:
        assert menu_registry.get_by_app_label(label), f"no menu lists the {label} dashboards"


def test_the_current_dashboard_is_marked_and_its_section_is_open(client):
    menu = menu_of(client.get(QUICKSTART))
    assert section("Quickstart", active=True) in menu
    assert f'<a href="{QUICKSTART}" aria-current="page">First dashboard</a>' in menu
    assert menu.count('aria-current="page"') == 2  # here and under "Start here"


def test_a_nested_item_for_the_current_page_opens_its_parent(client):
    menu = menu_of(client.get(QUICKSTART))
    assert "<details open><summary>Start here</summary>" in menu
    assert f'<a href="{QUICKSTART}" aria-current="page">The quickstart dashboard</a>' in menu
    other = menu_of(client.get("/dashboards/components/componentsdashboard/"))
    assert "<details><summary>Start here</summary>" in other
    assert section("Components", active=True) in other


def test_external_and_fragment_links_render(client):
    menu = menu_of(client.get(QUICKSTART))
    assert '<a href="https://docs.djangoproject.com/">Django documentation</a>' in menu
    assert '<a href="#">Back to top</a>' in menu
    assert '<a href="/">All examples</a>' in menu


def test_anonymous_visitors_see_only_what_they_may_open(client):
    menu = menu_of(client.get(QUICKSTART))
    assert section("Permissions") not in menu  # every permissions dashboard needs a login
    assert "Staff notes" not in menu
    # Callable children: a login link back to this page.
    assert '<a href="/accounts/login/?next=%2Fdashboards%2Fquickstart%2Ffirstdashboard%2F">' in menu


def test_members_see_the_members_dashboard_but_not_the_staff_one(client, member):
    client.force_login(member)
    menu = menu_of(client.get(QUICKSTART))
    assert section("Permissions") in menu
    assert "Members only</a>" in menu
    assert "Staff only</a>" not in menu
    assert "Analysts only</a>" not in menu
    assert "Staff notes" not in menu
    assert '<span class="dashboard-menu__label">Signed in as member</span>' in menu


def test_staff_see_the_staff_dashboard_and_the_staff_only_item(client, staff_user):
    client.force_login(staff_user)
    menu = menu_of(client.get(STAFF))
    assert section("Permissions", active=True) in menu
    assert f'<a href="{STAFF}" aria-current="page">Staff only</a>' in menu
    # The check_func item links to the same page, so it is marked too.
    assert f'<a href="{STAFF}" aria-current="page">Staff notes</a>' in menu


def test_model_dashboards_are_listed_only_on_a_page_about_an_object_of_their_model(
    client, customer
):
    assert "Model dashboards" not in menu_of(client.get(QUICKSTART))
    url = customer.get_absolute_url()
    menu = menu_of(client.get(url))
    assert section("Model dashboards", active=True) in menu
    assert f'<a href="{url}" aria-current="page">CustomerDashboard</a>' in menu
    assert "ProductDashboard" not in menu
    assert "AccountDashboard" not in menu


@pytest.mark.django_db(transaction=True)
async def test_the_menu_renders_under_asgi(async_client, django_user_model):
    member = await django_user_model.objects.acreate_user("asgi-member", password="pw")
    await async_client.aforce_login(member)
    response = await async_client.get(QUICKSTART)
    menu = menu_of(response)
    assert "Members only</a>" in menu
    assert "Signed in as asgi-member" in menu
