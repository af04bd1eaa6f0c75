"""The live example in a browser, under ASGI: the page changes when orders are published.

The session's live server is a WSGI server, where live components poll; these tests use the
``asgi_site`` fixture: the example site under uvicorn, over the same test database.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import component, main_thread_database

PAGE = "/dashboards/live/ordersarrivingdashboard/"


@pytest.fixture(scope="module", autouse=True)
def _forget_placed_orders(django_db_setup, django_db_blocker):
    """Delete the orders these tests place: other modules count the shop's 10,000."""
    from examples.shop.models import Order

    with main_thread_database(django_db_blocker):
        last = Order.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    yield
    with main_thread_database(django_db_blocker):
        Order.objects.filter(pk__gt=last).delete()


def open_live_page(page: Page, url: str) -> None:
    """Open the page, and return once its event stream is open (the server subscribed)."""
    with page.expect_response(lambda response: "/@live/" in response.url) as stream:
        page.goto(url + PAGE)
    assert stream.value.status == 200
    assert stream.value.headers["content-type"].startswith("text/event-stream")


def order_count(page: Page) -> int:
    return int(component(page, "count").locator(".stat__title").inner_text().replace(",", ""))


def test_page_updates_when_an_order_is_published(page: Page, asgi_site: str, django_db_blocker):
    open_live_page(page, asgi_site)
    before = order_count(page)
    from examples.live.orders import place_order

    with main_thread_database(django_db_blocker):
        order = place_order()  # its post_save signal publishes "orders"
    expect(component(page, "count").locator(".stat__title")).to_have_text(f"{before + 1:,}")
    expect(component(page, "latest")).to_contain_text(order.customer.name)
    expect(component(page, "per_minute").locator(".js-plotly-plot")).to_have_count(1)


def test_button_places_an_order_that_every_open_page_shows(page: Page, asgi_site: str):
    page.goto(asgi_site + "/accounts/login/")
    page.get_by_label("Username").fill("member")
    page.get_by_label("Password").fill("member")
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    other = page.context.new_page()
    open_live_page(other, asgi_site)
    open_live_page(page, asgi_site)
    before = order_count(page)
    page.get_by_role("button", name="Place an order").click()
    for viewer in (page, other):
        expect(component(viewer, "count").locator(".stat__title")).to_have_text(f"{before + 1:,}")
    other.close()
