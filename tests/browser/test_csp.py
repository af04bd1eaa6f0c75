"""The example site under its strict Content-Security-Policy (examples/settings.py, django-csp):
every page, and everything a reader does on it (deferred components, htmx swaps, tables, charts
and the map, forms, filters, menus, tabs, the theme toggle), runs with no violation reported.

Each test listens for the browser's ``securitypolicyviolation`` events, on every page it opens
(``csp_violations``); the ``page`` fixture also fails a test on the console error that Chromium
logs for each violation.
"""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    component,
    example_dashboards,
    load_deferred,
    log_in,
    url_of,
    user_for,
)

DASHBOARDS = example_dashboards(with_models=True)

# Report each violation to the test, from the page before any of its own scripts runs.
LISTEN = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportCspViolation(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"} ` +
    `at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`
  );
}, true);
"""


@pytest.fixture
def csp_violations(page: Page) -> list[str]:
    """The violations every page of this test reports (this list fills as they happen)."""
    found: list[str] = []

    def report(violation: str) -> None:
        found.append(violation)

    page.expose_function("reportCspViolation", report)
    page.add_init_script(LISTEN)
    return found


def policy(header: str) -> dict[str, list[str]]:
    """A Content-Security-Policy header as its directives, each with its sources."""
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {name: sources for name, *sources in directives}


def open_and_use(page: Page) -> None:
    """What a reader does on any dashboard: let the deferred components load, open each menu
    and each tab, and switch the theme to dark and back (charts redraw in each)."""
    load_deferred(page)
    for summary in page.locator("details > summary").all():
        if summary.is_visible():
            summary.click()
    for tab in page.get_by_role("tab").all():
        if tab.is_visible():
            tab.click()
    toggle = page.locator("[data-dashboard-theme-toggle]")
    toggle.click()
    expect(page.locator("body")).to_have_class("dark")
    toggle.click()
    expect(page.locator("body")).to_have_class("light")
    page.wait_for_load_state("networkidle")


def test_pages_are_served_with_the_strict_policy(page: Page, csp_violations: list[str]):
    response = page.goto("/")
    directives = policy(response.headers["content-security-policy"])
    assert directives["script-src"][0] == "'self'"
    for name, sources in directives.items():
        assert "'unsafe-inline'" not in sources, name
        assert "'unsafe-eval'" not in sources, name
    assert directives["object-src"] == ["'none'"]
    assert csp_violations == []


def test_htmx_injects_no_style_and_keeps_its_indicators(page: Page, csp_violations: list[str]):
    page.goto("/dashboards/tables/tablesdashboard/")
    load_deferred(page)
    assert page.evaluate("htmx.config.includeIndicatorStyles") is False
    assert page.evaluate("htmx.config.allowEval") is False
    # The indicator rules come from dashboards.css instead: hidden until a request runs.
    indicator = page.evaluate(
        """() => { const el = document.createElement("span"); el.className = "htmx-indicator";
        el.style.transition = "none"; document.body.append(el); const idle = getComputedStyle(el).opacity;
        document.body.classList.add("htmx-request"); const busy = getComputedStyle(el).opacity;
        document.body.classList.remove("htmx-request"); el.remove(); return [idle, busy]; }"""
    )
    assert indicator == ["0", "1"]
    assert csp_violations == []


@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=[d.get_slug() for d in DASHBOARDS])
def test_every_example_dashboard_runs_under_the_policy(
    page: Page, django_db_blocker, csp_violations: list[str], dashboard
):
    user = user_for(dashboard)
    if user:
        log_in(page, user)
    response = page.goto(url_of(dashboard, django_db_blocker))
    assert "content-security-policy" in response.headers
    open_and_use(page)
    assert csp_violations == []


def test_charts_and_the_map_draw_under_the_policy(page: Page, csp_violations: list[str]):
    page.goto("/dashboards/charts/chartsdashboard/")
    load_deferred(page)
    for figure in page.locator("[data-dashboards-chart]").all():
        expect(figure.locator("svg.main-svg").first).to_be_visible()
    expect(page.locator(".geo .choroplethlocation").first).to_be_attached()
    # plotly.js filled its own stylesheet through the CSSOM: its modebar rules apply.
    assert page.evaluate("document.getElementById('plotly.js-style-global').sheet.cssRules.length")
    page.locator("[data-dashboards-chart]").first.hover()
    assert csp_violations == []


def test_table_htmx_swaps_run_under_the_policy(page: Page, csp_violations: list[str]):
    page.goto("/dashboards/tables/tablesdashboard/")
    load_deferred(page)
    orders = component(page, "orders")
    info = orders.locator(".dashboard-table__info")
    orders.get_by_role("button", name="Next").click()
    expect(info).to_contain_text("Showing 26")
    orders.get_by_role("columnheader", name="Quantity").get_by_role("button").click()
    expect(orders.get_by_role("columnheader", name="Quantity")).to_have_attribute(
        "aria-sort", "ascending"
    )
    orders.get_by_role("searchbox", name="Search").fill("Hopper")
    expect(info).to_contain_text("filtered from")
    orders.get_by_label("Rows per page").select_option("10")
    expect(orders.locator("tbody tr")).to_have_count(10)
    assert csp_violations == []


def test_forms_run_under_the_policy(page: Page, csp_violations: list[str]):
    page.goto("/dashboards/forms/formsdashboard/")
    with page.expect_response(lambda r: "/country/@form/" in r.url):
        page.get_by_label("Country").select_option("FR")
    expect(component(page, "revenue").locator(".stat__text")).to_have_text("FR")
    name = f"CSP {uuid.uuid4().hex[:6]}"
    page.get_by_label("Name").fill(name)
    page.get_by_role("button", name="Submit").click()
    expect(component(page, "categories")).to_contain_text(name)
    assert csp_violations == []


def test_filters_and_history_run_under_the_policy(page: Page, csp_violations: list[str]):
    page.goto("/dashboards/filters/ordersdashboard/")
    load_deferred(page)
    page.get_by_label("Status").select_option("shipped")
    page.wait_for_url("**status=shipped*")
    load_deferred(page)
    page.go_back()
    page.wait_for_url("**/ordersdashboard/")
    page.get_by_role("link", name="Reset").click()
    page.wait_for_load_state("networkidle")
    assert csp_violations == []


def test_the_site_pages_run_under_the_policy(page: Page, csp_violations: list[str]):
    page.goto("/")
    log_in(page, "admin")
    page.goto("/custom/report-page/")
    page.goto("/")
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    assert csp_violations == []
