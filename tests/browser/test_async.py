"""The async example in a browser: the components fetch the site's own slow endpoints."""

from playwright.sync_api import Page, expect

from tests.browser.helpers import component, load_deferred

STATUS_URL = "/dashboards/async_components/statusdashboard/"
CUSTOM_URL = "/dashboards/async_components/asynccomponentdashboard/"


def test_each_stat_shows_the_status_its_endpoint_answered(page: Page):
    response = page.goto(STATUS_URL)
    assert response.ok
    for key, code, reason in [
        ("ok", "200", "OK"),
        ("created", "201", "Created"),
        ("missing", "404", "Not Found"),
        ("teapot", "418", "I'm a Teapot"),
        ("broken", "500", "Internal Server Error"),
    ]:
        stat = component(page, key)
        expect(stat.locator(".stat__title")).to_have_text(code)
        expect(stat).to_contain_text(reason)
    load_deferred(page)
    expect(component(page, "everything")).to_have_text("200, 201, 404, 418, 500")


def test_custom_async_component_view_fills_its_placeholder(page: Page):
    page.goto(CUSTOM_URL)
    load_deferred(page)
    placeholders = page.locator(".dashboard-component-placeholder")
    expect(placeholders.first).to_contain_text("Async")
    for code in ["200", "201", "404", "418", "500"]:
        expect(placeholders.first).to_contain_text(code)
    expect(component(page, "standard")).to_have_text("A standard deferred component, beside it.")
