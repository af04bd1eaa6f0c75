"""The streaming example in a browser, under ASGI: the page shows at once, and each report fills
its slot when it arrives (the slow endpoint it asks answers after 0.1, 0.6 and 1.5 s)."""

from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import component

PAGE = "/dashboards/streaming/streamedreportsdashboard/"


def test_reports_fill_their_slots_in_the_order_they_arrive(page: Page, asgi_site: str):
    page.goto(asgi_site + PAGE, wait_until="commit")
    expect(component(page, "intro")).to_contain_text("arrive in the order they finish")
    expect(component(page, "quickest").locator(".stat__title")).to_have_text("201")
    # The slowest report (1.5 s) is still on its way when the quickest (0.1 s) is in.
    expect(component(page, "slowest").locator("[data-dashboards-slot]")).to_have_count(1)
    expect(component(page, "slowest").locator(".stat__title")).to_have_text("200")
    expect(component(page, "middle").locator(".stat__title")).to_have_text("202")
    expect(page.locator("[data-dashboards-slot], [data-dashboards-fill]")).to_have_count(0)


def test_without_javascript_every_report_is_on_the_page(browser: Browser, asgi_site: str):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(asgi_site + PAGE)
        fills = page.locator("[data-dashboards-fill]")
        expect(fills).to_have_count(3)
        for code in ("200", "201", "202"):
            expect(fills.locator(".stat__title", has_text=code)).to_be_visible()
    finally:
        context.close()
