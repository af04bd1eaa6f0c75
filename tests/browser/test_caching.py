"""The caching example in a browser: the report stays the same across reloads until an order is
saved, which invalidates it."""

from playwright.sync_api import Page, expect

from tests.browser.helpers import component, main_thread_database

PAGE = "/dashboards/caching/cachedreportdashboard/"


def computed_at(page: Page) -> str:
    """When the shown report was computed (its sub-text)."""
    report = component(page, "report")
    expect(report).to_contain_text("computed at")
    return report.inner_text().split("computed at")[1].strip()


def test_the_report_stays_the_same_across_reloads_until_an_order_is_saved(
    page: Page, django_db_blocker
):
    from examples.shop.models import Order

    assert page.goto(PAGE).ok
    first = computed_at(page)
    page.reload()
    assert computed_at(page) == first
    with main_thread_database(django_db_blocker):
        Order.objects.order_by("pk").first().save()  # post_save: the report is forgotten
    page.reload()
    assert computed_at(page) != first
