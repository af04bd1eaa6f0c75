"""The recipes of the quickstart, theming, custom components and custom views pages, in a browser."""

import re

from playwright.sync_api import Page, Route, expect

from tests.browser.helpers import component, load_deferred, log_in


def test_quickstart_second_dashboard_draws_its_table_and_its_chart(page: Page):
    page.goto("/dashboards/quickstart/seconddashboard/")
    load_deferred(page)
    table = component(page, "users_table")
    expect(table.get_by_role("table", name="Users")).to_be_visible()
    expect(table.get_by_role("cell", name="admin", exact=True)).to_be_visible()
    chart = component(page, "models").locator("[data-dashboards-chart]")
    expect(chart).to_have_attribute("aria-label", "Models per app")
    expect(chart.locator(".barlayer .point").first).to_be_visible()


def test_both_sparklines_are_drawn_the_deferred_one_after_its_swap(page: Page):
    page.goto("/dashboards/custom_components/customcomponentdashboard/")
    load_deferred(page)
    seven_points = re.compile(r"^(\d+\.\d,\d+\.\d ?){7}$")
    for key in ["visits", "signups"]:
        line = component(page, key).locator("svg[data-sparkline] polyline")
        expect(line).to_have_attribute("points", seven_points)
    expect(component(page, "visits").get_by_role("img")).to_have_accessible_name(
        "Visits this week: 120, 132, 101, 134, 90, 230, 210"
    )


def test_the_custom_loading_placeholder_shows_until_the_value_arrives(page: Page):
    held: list[Route] = []
    page.route(
        "**/@component/report/", lambda route: held.append(route)
    )  # answer only when the test says so
    with page.expect_request("**/@component/report/"):
        page.goto("/dashboards/theming/placeholderdashboard/")
    expect(page.get_by_role("status")).to_have_text("Preparing the report…")
    expect(page.locator(".report-loading__bar")).to_be_visible()
    while not held:
        page.wait_for_timeout(20)
    held[0].continue_()
    expect(component(page, "report")).to_contain_text("Report of the week to")
    expect(page.get_by_role("status")).to_have_count(0)


def test_grid_classes_give_each_component_its_share_of_the_row(page: Page):
    page.goto("/dashboards/theming/griddashboard/")
    row = page.locator(".dashboard-container").bounding_box()
    widths = {
        key: component(page, key)
        .locator("xpath=ancestor::div[starts-with(@class, 'span-')]")
        .bounding_box()["width"]
        for key in ["north", "notes", "owner", "left"]
    }
    gap = 16
    assert abs(widths["north"] - (row["width"] - 3 * gap) / 4) < 2
    assert abs(widths["notes"] - 2 * widths["owner"] - gap) < 2
    assert abs(widths["left"] - (row["width"] - gap) / 2) < 2


def test_a_dashboard_with_its_own_css_and_js_switches_its_theme(page: Page):
    page.goto("/dashboards/theming/plainthemedashboard/")
    expect(page.locator("body")).to_have_css("font-family", re.compile("Georgia"))
    page.locator("[data-dashboard-theme-toggle]").click()
    expect(page.locator("body")).to_have_class("dark")
    page.reload()
    expect(page.locator("body")).to_have_class("dark")  # the cookie: rendered dark by the server


def test_the_overview_loads_the_deferred_components_of_its_dashboards(page: Page):
    log_in(page, "member")
    page.goto("/custom/overview/")
    load_deferred(page)
    expect(page.get_by_role("heading", name="Report", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Team", exact=True)).to_be_visible()
    expect(page.locator(".custom-view")).to_have_text("SERVED BY A CUSTOM COMPONENT VIEW")
