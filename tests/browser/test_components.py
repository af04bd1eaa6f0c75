"""The components example in a browser: deferred values load, the clock polls, a CTA links."""

import re

from playwright.sync_api import Page, expect

from tests.browser.helpers import PENDING, component, load_deferred

URL = "/dashboards/components/componentsdashboard/"
CLOCK = URL + "@component/clock/"


def test_deferred_component_replaces_its_placeholder(page: Page):
    response = page.goto(URL)
    assert "Loaded after the page, by htmx." not in response.text()
    placeholder = page.locator(".dashboard-component-placeholder")
    expect(placeholder).to_have_count(1)
    placeholder.scroll_into_view_if_needed()
    expect(placeholder.locator(".htmx-indicator")).to_have_count(0)
    expect(component(placeholder, "deferred")).to_have_text("Loaded after the page, by htmx.")
    expect(page.locator(PENDING)).to_have_count(0)


TIME = re.compile(r"^\s*\d\d:\d\d:\d\d UTC\s*$")


def test_clock_polls_its_component_url_every_five_seconds(page: Page):
    # Playwright's fake clock runs htmx's "every 5s" timer without waiting five real seconds.
    page.clock.install()
    page.goto(URL)
    load_deferred(page)
    clock = component(page, "clock")
    expect(clock).to_have_text(TIME)
    page.clock.pause_at(page.evaluate("Date.now()") + 1_000)
    for _ in range(2):  # it polls again and again, and each answer replaces the last
        with page.expect_response(lambda r: r.url.endswith(CLOCK)) as poll:
            page.clock.run_for(5_000)
        assert poll.value.ok
        expect(clock).to_have_text(TIME)
        expect(clock).to_have_count(1)
        expect(page.locator(".dashboard-component-refresh")).to_have_count(1)  # not nested


def test_query_string_reaches_value_callables(page: Page):
    page.goto(URL + "?q=hello")
    expect(component(page, "search")).to_have_text("You searched for 'hello'.")


def test_cta_component_links_to_the_index(page: Page):
    page.goto(URL)
    page.get_by_text("Back to all examples").click()
    expect(page).to_have_url("/")
    expect(page.get_by_role("heading", name="django-async-dashboards examples")).to_be_visible()


def test_session_value_counts_reloads(page: Page):
    page.goto(URL)
    expect(component(page, "visits").locator(".stat__title")).to_have_text("1")
    page.reload()
    expect(component(page, "visits").locator(".stat__title")).to_have_text("2")
