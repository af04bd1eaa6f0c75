"""The tables example in a browser: page, sort, search and page size, all served by htmx."""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.browser.helpers import component, load_deferred, needs_app

pytestmark = needs_app("examples.tables")

URL = "/dashboards/tables/tablesdashboard/"


@pytest.fixture
def orders(page: Page) -> Locator:
    """The deferred orders table, loaded: 25 rows of 10,000, newest first."""
    page.goto(URL)
    load_deferred(page)
    table = component(page, "orders")
    expect(info(table)).to_have_text(showing(1, 25))
    return table


def showing(first: int, last: int, total: str = "10,?000") -> re.Pattern:
    """The pagination's "Showing 1 to 25 of 10000", with an en dash for "to"."""
    return re.compile(rf"Showing {first}\u2013{last} of {total}")


def info(table: Locator) -> Locator:
    return table.locator(".dashboard-table__info")


def rows(table: Locator) -> Locator:
    return table.locator("tbody tr")


def column(table: Locator, index: int) -> list[str]:
    return table.locator(f"tbody tr td:nth-child({index + 1})").all_inner_texts()


def test_orders_table_pages_forwards_and_back(page: Page, orders: Locator):
    previous = orders.get_by_role("button", name="Previous")
    expect(previous).to_have_attribute("aria-disabled", "true")
    expect(rows(orders)).to_have_count(25)
    first_page = column(orders, 0)

    orders.get_by_role("button", name="Next").click()
    expect(info(orders)).to_have_text(showing(26, 50))
    assert not set(column(orders, 0)) & set(first_page)

    orders.get_by_role("button", name="Previous").click()
    expect(info(orders)).to_have_text(showing(1, 25))
    assert column(orders, 0) == first_page


def test_orders_table_sorts_by_a_column_both_ways(page: Page, orders: Locator):
    header = orders.get_by_role("columnheader", name="Quantity")
    expect(header).not_to_have_attribute("aria-sort", re.compile("."))

    header.get_by_role("button").click()
    expect(orders.get_by_role("columnheader", name="Quantity")).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert set(column(orders, 4)) == {"1"}

    orders.get_by_role("columnheader", name="Quantity").get_by_role("button").click()
    expect(orders.get_by_role("columnheader", name="Quantity")).to_have_attribute(
        "aria-sort", "descending"
    )
    assert set(column(orders, 4)) == {"5"}
    # Sorting keeps the page size and starts again at the first page.
    expect(info(orders)).to_have_text(showing(1, 25))


def test_orders_table_searches_as_you_type(page: Page, orders: Locator):
    orders.get_by_role("searchbox", name="Search").fill("Hopper")
    expect(info(orders)).to_contain_text("filtered from")
    customers = column(orders, 2)
    assert customers
    assert all("Hopper" in name for name in customers)

    orders.get_by_role("searchbox", name="Search").fill("no such order anywhere")
    expect(orders.locator(".dashboard-table__empty")).to_have_text("No matching rows.")


def test_orders_table_page_size_and_sort_keep_the_search(page: Page, orders: Locator):
    orders.get_by_role("searchbox", name="Search").fill("Hopper")
    expect(info(orders)).to_contain_text("filtered from")
    orders.get_by_label("Rows per page").select_option("10")
    expect(rows(orders)).to_have_count(10)
    expect(info(orders)).to_have_text(showing(1, 10, r"[\d,]+ \(filtered from"))
    orders.get_by_role("columnheader", name="Customer").get_by_role("button").click()
    expect(orders.get_by_role("columnheader", name="Customer")).to_have_attribute(
        "aria-sort", "ascending"
    )
    expect(rows(orders)).to_have_count(10)
    expect(orders.get_by_role("searchbox", name="Search")).to_have_value("Hopper")
    assert all("Hopper" in name for name in column(orders, 2))


def test_countries_table_sorts_formatted_values_as_numbers(page: Page):
    page.goto(URL)
    countries = component(page, "countries")
    expect(rows(countries)).to_have_count(5)

    def revenues() -> list[float]:
        return [float(re.sub(r"[^\d.]", "", cell)) for cell in column(countries, 2)]

    assert revenues() == sorted(revenues(), reverse=True)
    countries.get_by_role("columnheader", name="Revenue").get_by_role("button").click()
    expect(countries.get_by_role("columnheader", name="Revenue")).to_have_attribute(
        "aria-sort", "ascending"
    )
    assert revenues() == sorted(revenues())


def test_a_table_is_usable_from_the_keyboard(page: Page, orders: Locator):
    orders.get_by_role("button", name="Next").focus()
    page.keyboard.press("Enter")
    expect(info(orders)).to_have_text(showing(26, 50))


def test_no_order_is_placed_in_the_future(page: Page, orders: Locator):
    newest = orders.locator("tbody tr").first.locator("td").nth(1)
    expect(newest).not_to_contain_text("from now", timeout=500)


def test_a_customer_link_opens_the_customers_own_dashboard(page: Page):
    page.goto(URL)
    load_deferred(page)
    customers = component(page, "customers")
    link = customers.locator("tbody tr td:first-child a").first
    name = link.inner_text()
    link.click()
    expect(page).to_have_url(re.compile(r"/dashboards/model_dashboards/customerdashboard/\d+/$"))
    expect(page.locator("main")).to_contain_text(name)
