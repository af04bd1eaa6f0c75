"""The filters example in a browser: the filter bar changes the URL and every component."""

from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import Page, expect

from tests.browser.helpers import component, load_deferred

URL = "/dashboards/filters/ordersdashboard/"


def test_a_filter_changes_the_url_and_the_components_and_survives_a_reload(page: Page):
    page.goto(URL)
    load_deferred(page)
    orders = component(page, "orders").locator(".stat__title")
    revenue = component(page, "revenue").locator(".stat__title")
    expect(orders).to_have_text("10,000")
    all_revenue = revenue.inner_text()

    page.get_by_label("Status").select_option("shipped")

    page.wait_for_url("**/ordersdashboard/?*status=shipped*")
    assert urlsplit(page.url).path == URL
    assert parse_qs(urlsplit(page.url).query)["status"] == ["shipped"]
    expect(orders).not_to_have_text("10,000")
    expect(revenue).not_to_have_text(all_revenue)
    shipped = orders.inner_text()
    shipped_revenue = revenue.inner_text()
    load_deferred(page)
    latest = component(page, "latest")
    expect(latest).to_contain_text("(shipped)")
    expect(latest).not_to_contain_text("(pending)")

    page.reload()
    load_deferred(page)
    expect(page.get_by_label("Status")).to_have_value("shipped")
    expect(orders).to_have_text(shipped)
    expect(revenue).to_have_text(shipped_revenue)
    expect(component(page, "latest")).not_to_contain_text("(paid)")


def test_filters_combine_and_reset(page: Page):
    page.goto(URL + "?status=refunded")
    orders = component(page, "orders").locator(".stat__title")
    refunded = int(orders.inner_text().replace(",", ""))

    page.get_by_label("Country").fill("fr")
    page.get_by_label("Country").press("Enter")
    page.wait_for_url("**country=fr*")
    expect(orders).not_to_have_text(f"{refunded:,}")
    assert 0 < int(orders.inner_text().replace(",", "")) < refunded

    page.get_by_role("link", name="Reset").click()
    page.wait_for_url(f"**{URL}")
    expect(orders).to_have_text("10,000")
    expect(page.get_by_label("Status")).to_have_value("")


def test_back_button_restores_the_unfiltered_page(page: Page):
    page.goto(URL)
    orders = component(page, "orders").locator(".stat__title")
    page.get_by_label("Status").select_option("pending")
    page.wait_for_url("**status=pending*")
    expect(orders).not_to_have_text("10,000")
    page.go_back()
    page.wait_for_url(f"**{URL}")
    expect(orders).to_have_text("10,000")
