"""Screenshots of the example site for the docs, taken from the running examples.

Run by ``tox -e screenshots`` (``pytest tests/browser/screenshots.py``; the name does not match
``test_*.py``, so the browser tests do not collect it). It saves the screenshots the docs name,
and only those, into ``docs/_static/screenshots`` (``tests/docs/test_screenshots.py`` fails on a
PNG there that no page names). A name says what to take:

- ``<app_label>-<dashboard>.png``: the dashboard's page, 1280 pixels wide, in the light theme,
  its deferred components loaded;
- ``<app_label>-<dashboard>-dark.png``: the same in the dark theme (the docs show it in their own
  dark mode only, with furo's ``only-dark`` class);
- ``index.png``: the example site's index.

The quickstart's pages are taken as the tutorial's reader sees them: without the example site's
menu and its link home (``WITHOUT_SITE_MENU``). The pictures are made from the code the tests run, so they cannot drift
from it.
"""

import io
import re
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.helpers import (
    example_dashboards,
    load_deferred,
    log_in,
    main_thread_database,
    url_of,
    user_for,
)

DOCS = Path(__file__).resolve().parents[2] / "docs"
OUTPUT = DOCS / "_static" / "screenshots"
MAX_BYTES = 200_000
NAMED = re.compile(r"_static/screenshots/([\w.-]+\.png)")
#: Pages shown as a project of your own shows them, without the example site's menu (names that
#: start with these): the tutorial's, and those the menu would only distract from.
WITHOUT_SITE_MENU = ("quickstart-", "theming-griddashboard", "theming-plainthemedashboard")
#: Those pages are narrower: they hold a few components, and the docs show them at full width.
NARROW = {"width": 1024, "height": 300}


def shots_named_by_the_docs() -> list[str]:
    """The file names of the screenshots the docs' pages name, sorted."""
    return sorted({name for page in DOCS.glob("*.rst") for name in NAMED.findall(page.read_text())})


def file_name(dashboard, suffix: str = "") -> str:
    return f"{dashboard._meta.app_label}-{dashboard.class_name()}{suffix}.png"


def dashboard_named(name: str) -> tuple[type, bool]:
    """The dashboard a screenshot's file name shows, and whether it is the dark variant."""
    dark = name.endswith("-dark.png")
    for dashboard in example_dashboards(with_models=True):
        if file_name(dashboard, "-dark" if dark else "") == name:
            return dashboard, dark
    raise LookupError(f"docs name the screenshot {name}, but no example dashboard has that name")


def save(page: Page, name: str) -> Path:
    """Save the whole page as ``name``, still (no animation, no caret), and check its size.

    A page has a few hundred colours (flat UI, anti-aliased text): a 256-colour palette, not
    dithered, looks the same and makes the PNG three to four times smaller than Chromium's.
    """
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / name
    page.mouse.move(0, 0)  # no hover effects
    png = page.screenshot(full_page=True, animations="disabled", caret="hide")
    image = Image.open(io.BytesIO(png)).convert("RGB")
    image.quantize(256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        path, optimize=True
    )
    size = path.stat().st_size
    assert size <= MAX_BYTES, f"{name} is {size:,} bytes, more than {MAX_BYTES:,}"
    return path


def remove_site_menu(page: Page) -> None:
    """Take the example site's menu and home link out of the page, as a new project has neither."""
    page.evaluate(
        "document.querySelectorAll('.dashboard-menu, .site-home').forEach(e => e.remove())"
    )


#: Orders placed before the live example's picture: the demo data's orders are older than the
#: hour its counters and chart show.
LIVE_ORDERS = 12


def place_live_orders(django_db_blocker) -> None:
    """Place a few orders, as the live example's button and command do."""
    from examples.live.orders import place_order

    with main_thread_database(django_db_blocker):
        for _ in range(LIVE_ORDERS):
            place_order()


def take_dashboard(page: Page, django_db_blocker, site: str, name: str) -> None:
    dashboard, dark = dashboard_named(name)
    if dashboard._meta.app_label == "live":
        place_live_orders(django_db_blocker)
    user = user_for(dashboard)
    if user:
        log_in(page, user)
    without_menu = name.startswith(WITHOUT_SITE_MENU)
    if without_menu:
        page.set_viewport_size(NARROW)
    url = url_of(dashboard, django_db_blocker)
    if dark:
        # The cookie the "Dark theme" button sets: the server renders the page dark.
        page.context.add_cookies([{"name": "appearanceMode", "value": "dark", "url": site}])
    response = page.goto(url)
    assert response.status == 200
    if dark:
        expect(page.locator("body")).to_have_class("dark")
    load_deferred(page)
    if without_menu:
        remove_site_menu(page)
    save(page, name)


@pytest.mark.parametrize("name", shots_named_by_the_docs())
def test_screenshot(page: Page, django_db_blocker, base_url: str, name: str) -> None:
    if name == "index.png":
        page.goto("/")
        save(page, name)
    else:
        take_dashboard(page, django_db_blocker, base_url, name)
