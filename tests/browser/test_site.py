"""Every example dashboard opens in a real browser: no console errors, no failed requests, every
deferred component loaded and none in its error state."""

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import example_dashboards, load_deferred, log_in, url_of, user_for

# Model dashboards too, each for the first of its model's demo objects.
DASHBOARDS = example_dashboards(with_models=True)


@pytest.mark.parametrize("dashboard", DASHBOARDS, ids=[d.get_slug() for d in DASHBOARDS])
def test_example_dashboard_opens_cleanly(page: Page, django_db_blocker, dashboard):
    user = user_for(dashboard)
    if user:
        log_in(page, user)
    response = page.goto(url_of(dashboard, django_db_blocker))
    assert response.status == 200
    expect(page.locator(".dashboard-container")).to_be_visible()
    load_deferred(page)


def test_index_links_to_every_example_dashboard(page: Page):
    page.goto("/")
    for dashboard in example_dashboards():
        expect(page.locator(f'a[href="{dashboard.get_absolute_url()}"]').first).to_be_attached()
