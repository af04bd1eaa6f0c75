"""The dark theme in a browser: the toggle switches it, a cookie keeps it across pages."""

from playwright.sync_api import Page, expect

URL = "/dashboards/components/componentsdashboard/"


def background(page: Page) -> str:
    return page.evaluate("getComputedStyle(document.body).backgroundColor")


def test_theme_toggle_switches_and_persists_across_reload(page: Page):
    page.goto(URL)
    toggle = page.locator("[data-dashboard-theme-toggle]")
    body = page.locator("body")
    expect(body).not_to_have_class("dark")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    light = background(page)

    toggle.click()
    expect(body).to_have_class("dark")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert background(page) != light

    page.reload()
    expect(body).to_have_class("dark")  # rendered dark by the server, from the cookie
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert background(page) != light
    page.goto("/dashboards/layout/layoutdashboard/")  # and on every other page
    expect(body).to_have_class("dark")

    toggle.click()
    expect(body).to_have_class("light")
    page.reload()
    expect(body).to_have_class("light")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert background(page) == light


def test_the_page_follows_the_system_theme_until_toggled(page: Page):
    page.emulate_media(color_scheme="dark")
    page.goto(URL)
    toggle = page.locator("[data-dashboard-theme-toggle]")
    expect(page.locator("body")).not_to_have_class("dark")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    dark = background(page)

    toggle.click()  # the system says dark: the toggle picks light
    expect(page.locator("body")).to_have_class("light")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    assert background(page) != dark


def test_theme_toggle_works_from_the_keyboard(page: Page):
    page.goto(URL)
    page.locator("[data-dashboard-theme-toggle]").focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_class("dark")
    page.keyboard.press("Space")
    expect(page.locator("body")).to_have_class("light")
