"""The layout example in a browser: tabs work from the keyboard and the mouse; card actions open."""

from playwright.sync_api import Page, expect

URL = "/dashboards/layout/layoutdashboard/"


def test_tabs_switch_from_the_keyboard(page: Page):
    page.goto(URL)
    week_tab = page.get_by_role("tab", name="This week")
    month_tab = page.get_by_role("tab", name="This month")
    week = page.get_by_role("tabpanel", name="This week")
    month = page.get_by_role("tabpanel", name="This month", include_hidden=True)
    expect(week).to_be_visible()
    expect(week).to_contain_text("Weekly figures go here.")
    expect(month).to_be_hidden()
    # Only the selected tab is in the tab order.
    expect(week_tab).to_have_attribute("tabindex", "0")
    expect(month_tab).to_have_attribute("tabindex", "-1")

    week_tab.focus()
    page.keyboard.press("ArrowRight")
    expect(month_tab).to_be_focused()
    expect(month_tab).to_have_attribute("aria-selected", "true")
    expect(week_tab).to_have_attribute("aria-selected", "false")
    expect(month).to_be_visible()
    expect(month).to_contain_text("Monthly figures go here.")
    expect(week).to_be_hidden()

    page.keyboard.press("ArrowRight")  # wraps around to the first tab
    expect(week_tab).to_be_focused()
    expect(week).to_be_visible()
    page.keyboard.press("End")
    expect(month_tab).to_be_focused()
    page.keyboard.press("Home")
    expect(week_tab).to_be_focused()
    page.keyboard.press("ArrowLeft")
    expect(month).to_be_visible()
    expect(week).to_be_hidden()


def test_tab_key_reaches_the_selected_tab_then_its_panel(page: Page):
    page.goto(URL)
    page.get_by_role("tab", name="This week").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("tabpanel", name="This week")).to_be_focused()


def test_tabs_switch_with_the_mouse(page: Page):
    page.goto(URL)
    page.get_by_role("tab", name="This month").click()
    expect(page.get_by_role("tabpanel", name="This month")).to_be_visible()
    expect(page.get_by_role("tabpanel", name="This week", include_hidden=True)).to_be_hidden()


def test_card_actions_open_and_link(page: Page):
    page.goto(URL)
    link = page.get_by_role("link", name="All examples").and_(page.locator(".card-actions a"))
    expect(link).to_be_hidden()
    page.locator(".card-actions summary").click()
    expect(link).to_be_visible()
    link.click()
    expect(page).to_have_url("/")


def test_layout_pieces_are_laid_out(page: Page):
    page.goto(URL)
    expect(page.get_by_role("heading", name="Overview", level=2)).to_be_visible()
    expect(page.get_by_role("complementary", name="Did you know?")).to_contain_text("arrow keys")
    expect(page.locator("hr.dashboard-rule")).to_be_visible()
    # The 12-column grid: the full-width card is twice as wide as a span-6 one beside another.
    container = page.locator(".dashboard-container").bounding_box()
    welcome = page.locator(".span-12").first.bounding_box()
    stack = page.locator(".span-6.stack").bounding_box()
    callout = page.locator(".callout").bounding_box()
    assert welcome["width"] > 0.95 * container["width"]
    assert stack["width"] < 0.55 * container["width"]
    assert abs(stack["y"] - callout["y"]) < 2  # side by side
