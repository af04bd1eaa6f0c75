"""The forms example in a browser: a filter form refreshes its dependents; a POST form saves."""

import uuid

from playwright.sync_api import Page, expect

from tests.browser.helpers import component

URL = "/dashboards/forms/formsdashboard/"


def test_choosing_a_country_refreshes_the_dependents(page: Page):
    page.goto(URL)
    revenue = component(page, "revenue")
    top_products = component(page, "top_products")
    expect(revenue.locator(".stat__text")).to_have_text("All countries")
    total_revenue = revenue.locator(".stat__title").inner_text()
    all_top = top_products.inner_text()

    chosen = page.get_by_label("Country").element_handle()
    with page.expect_response(lambda r: "/country/@form/" in r.url):
        page.get_by_label("Country").select_option("FR")

    expect(revenue.locator(".stat__text")).to_have_text("FR")
    expect(revenue.locator(".stat__title")).not_to_have_text(total_revenue)
    expect(top_products).not_to_have_text(all_top)
    # The form was swapped for its new self, still showing the choice. (Choosing again before
    # the swap would choose on the old form, which the swap then replaces.)
    page.wait_for_function("select => !select.isConnected", arg=chosen)
    expect(page.get_by_label("Country")).to_have_value("FR")

    with page.expect_response(lambda r: "/country/@form/" in r.url):
        page.get_by_label("Country").select_option("")
    expect(revenue.locator(".stat__title")).to_have_text(total_revenue)
    expect(revenue.locator(".stat__text")).to_have_text("All countries")


def test_adding_a_category_refreshes_the_list(page: Page):
    name = f"Gadgets {uuid.uuid4().hex[:6]}"
    page.goto(URL)
    categories = component(page, "categories")
    expect(categories).not_to_contain_text(name)

    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Submit").click()

    expect(categories).to_contain_text(name)
    expect(page.get_by_role("status").filter(has_text="Saved.")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("")
    page.reload()
    expect(component(page, "categories")).to_contain_text(name)


def test_an_invalid_category_shows_the_error_and_changes_nothing(page: Page):
    page.goto(URL)
    categories = component(page, "categories")
    before = categories.inner_text()

    page.get_by_label("Name").fill("books")
    page.get_by_role("button", name="Submit").click()

    expect(page.get_by_role("alert")).to_contain_text("There is already a category with this name.")
    expect(page.get_by_label("Name")).to_have_value("books")
    expect(categories).to_have_text(before)
