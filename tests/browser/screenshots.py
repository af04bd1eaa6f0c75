"""Screenshots of the example site for the docs, taken from the running examples.

Run by ``tox -e screenshots`` (``pytest tests/browser/screenshots.py``; the name does not match
``test_*.py``, so the browser tests do not collect it). Each example dashboard is opened at 1280
pixels wide, its deferred components loaded, and the whole page saved to
``docs/_static/screenshots/<app_label>-<dashboard>.png`` in the light theme; the components
example is also saved in the dark theme, and the index of examples as ``index.png``. The
pictures in the docs are made from the code the tests run, so they cannot drift from it.
"""

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.helpers import example_dashboards, load_deferred, log_in, url_of, user_for

OUTPUT = Path(__file__).resolve().parents[2] / "docs" / "_static" / "screenshots"
MAX_BYTES = 200_000
DASHBOARDS = example_dashboards(with_models=True)


def file_name(dashboard, suffix: str = "") -> str:
    return f"{dashboard._meta.app_label}-{dashboard.class_name()}{suffix}.png"


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


@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=[file_name(d) for d in DASHBOARDS])
def test_screenshot(page: Page, django_db_blocker, dashboard):
    user = user_for(dashboard)
    if user:
        log_in(page, user)
    response = page.goto(url_of(dashboard, django_db_blocker))
    assert response.status == 200
    load_deferred(page)
    save(page, file_name(dashboard))


def test_screenshot_dark_theme(page: Page):
    dashboard = next(d for d in DASHBOARDS if d.get_slug() == "components_componentsdashboard")
    page.goto(dashboard.get_absolute_url())
    page.locator("[data-dashboard-theme-toggle]").click()
    page.reload()  # rendered dark by the server, as a returning visitor sees it
    expect(page.locator("body")).to_have_class("dark")
    load_deferred(page)
    save(page, file_name(dashboard, "-dark"))


def test_screenshot_index(page: Page):
    page.goto("/")
    save(page, "index.png")
