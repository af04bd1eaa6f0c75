"""The charts example in a browser: plotly.js draws every chart, the map, and redraws in dark."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import component, load_deferred, needs_app

pytestmark = needs_app("examples.charts")

URL = "/dashboards/charts/chartsdashboard/"
CHARTS = ["revenue", "categories", "statuses", "stale"]


def open_charts(page: Page) -> None:
    page.goto(URL)
    load_deferred(page)


@pytest.fixture
def charts(page: Page) -> Page:
    """The charts page, its deferred map loaded."""
    open_charts(page)
    return page


def test_each_chart_is_drawn_with_its_data_and_a_text_alternative(charts: Page):
    for key in CHARTS:
        figure = component(charts, key).locator("[data-dashboards-chart]")
        expect(figure).to_have_class("dashboard-chart__figure js-plotly-plot")
        expect(figure).to_have_attribute("role", "img")
        expect(figure).to_have_attribute("aria-label", re.compile(r"\w"))
        expect(figure.locator("svg.main-svg").first).to_be_visible()
    bars = component(charts, "revenue").locator(".barlayer .point")
    assert bars.count() >= 12  # a bar per month of the year of demo orders
    expect(component(charts, "categories").locator(".slice")).to_have_count(4)
    expect(component(charts, "statuses").locator(".barlayer .point")).to_have_count(4)
    # No data: the figure says so, in the middle.
    expect(component(charts, "stale").locator(".annotation-text")).to_have_text(
        "Pending for over a year - No data"
    )


def test_stats_and_gauge_show_their_values(charts: Page):
    expect(component(charts, "revenue_total")).to_contain_text("€")
    gauge = component(charts, "shipped").get_by_role("meter")
    expect(gauge).to_have_attribute("aria-valuemax", "100")
    assert 0 < float(gauge.get_attribute("aria-valuenow")) < 100


def axis_title_fill(page: Page) -> str:
    return (
        component(page, "revenue")
        .locator(".main-svg .ytitle")
        .evaluate("el => getComputedStyle(el).fill")
    )


def test_charts_are_built_dark_for_the_dark_theme(charts: Page):
    light = axis_title_fill(charts)
    charts.locator("[data-dashboard-theme-toggle]").click()
    expect(charts.locator("body")).to_have_class("dark")
    charts.reload()  # the server builds the figures dark, from the cookie
    load_deferred(charts)
    figure = component(charts, "revenue").locator("[data-dashboards-chart]")
    expect(figure).to_have_attribute("data-theme", "dark")
    assert axis_title_fill(charts) != light


def test_charts_redraw_when_the_theme_is_toggled(charts: Page):
    light = axis_title_fill(charts)
    charts.locator("[data-dashboard-theme-toggle]").click()
    expect(charts.locator("body")).to_have_class("dark")
    title = component(charts, "revenue").locator(".main-svg .ytitle")
    expect(title).not_to_have_css("fill", light, timeout=2_000)


def test_map_draws_its_countries_from_the_sites_own_topojson(page: Page):
    with page.expect_response(lambda r: "topojson" in r.url) as topojson:
        open_charts(page)
    assert topojson.value.ok
    assert topojson.value.url.startswith(page.url.split("/dashboards/")[0])  # not a CDN
    countries = component(page, "countries")
    expect(countries.locator("[data-dashboards-chart]")).to_have_attribute(
        "aria-roledescription", "map"
    )
    expect(countries.locator(".choroplethlocation")).to_have_count(12)  # the shop's countries
