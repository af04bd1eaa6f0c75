"""The layout example: header, HTML, a card with actions, a div, a custom layout object, tabs."""

import re
from pathlib import Path

import pytest
from django.core import checks
from django.test import override_settings

import examples.layout
from dashboards.component.layout import Header
from examples.layout.classes import DASHBOARDS_LAYOUT_COMPONENT_CLASSES

URL = "/dashboards/layout/layoutdashboard/"
OUTPUT = Path(examples.layout.__file__).parent / "output"


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


def normalized(html: str) -> str:
    """HTML without the whitespace around tags, and each other run of whitespace as one space."""
    return re.sub(r"\s*(<[^>]*>)\s*", r"\1", re.sub(r"\s+", " ", html)).strip()


@pytest.mark.parametrize("name", ["header.html", "card.html", "tabs.html"])
def test_the_generated_html_in_the_docs_is_what_the_layout_renders(page, name):
    shown = (OUTPUT / name).read_text()
    assert normalized(shown) in normalized(page)


def test_header_size_is_its_heading_level_clamped_to_1_to_6():
    assert Header(heading="Sales", size=3).render() == '<h3 class="dashboard-header">Sales</h3>'
    assert Header(heading="Sales", size=9).render() == '<h6 class="dashboard-header">Sales</h6>'
    assert Header(heading="<b>").render() == '<h1 class="dashboard-header">&lt;b&gt;</h1>'


def test_the_layout_classes_setting_changes_the_classes_of_every_layout(client):
    with override_settings(DASHBOARDS_LAYOUT_COMPONENT_CLASSES=DASHBOARDS_LAYOUT_COMPONENT_CLASSES):
        assert not [m for m in checks.run_checks() if m.id.startswith("dashboards.")]
        content = normalized(client.get(URL).content.decode())
    assert '<section class="card card--flat" aria-label="Welcome">' in content
    assert '<footer class="card-footer small">' in content
    assert '<div class="tabs tabs--pills" role="tablist">' in content
    assert 'class="tab-panel dashboard-grid tab tab--padded"' in content
    assert '<header class="card-header">' in content  # the keys not set keep their defaults
