"""The layout example: header, HTML, a card with actions, a div, a custom layout object, tabs."""

import pytest

URL = "/dashboards/layout/layoutdashboard/"


@pytest.fixture
def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_header_and_trusted_html(page):
    assert '<h2 class="dashboard-header">Overview</h2>' in page
    assert "<code>Layout</code>" in page


def test_card_with_heading_footer_and_action(page):
    assert '<h2 class="header-title">Welcome</h2>' in page
    assert "A card with a heading, a footer and an action." in page
    assert '<li><a href="/">All examples</a></li>' in page


def test_div_places_two_stats_together(page):
    assert '<div class="span-6 stack">' in page


def test_custom_layout_object_receives_its_keyword_arguments(page):
    assert '<aside class="span-6 callout" aria-label="Did you know?">' in page


def test_tabs_have_a_tablist_and_one_visible_panel(page):
    assert page.count('role="tab"') == 2
    assert page.count('role="tabpanel"') == 2
    assert page.count(" hidden>") == 1
