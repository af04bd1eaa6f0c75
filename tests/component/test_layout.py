"""Tests of dashboards.component.layout: Card, Div, tabs, HTML, HR, Header, CSS settings."""

import pytest
from django.test import override_settings
from django.utils.safestring import mark_safe

from dashboards.component import CTA, Text
from dashboards.component.layout import (
    HR,
    HTML,
    Card,
    ComponentLayout,
    Div,
    Header,
    Tab,
    TabContainer,
    css_template,
)
from dashboards.dashboard import Dashboard
from dashboards.exceptions import LayoutError


class LayoutDashboard(Dashboard):
    one = Text(value="first value")
    two = Text(value="second value")

    class Meta:
        app_label = "testapp"

    class Layout(Dashboard.Layout):
        components = ComponentLayout(
            Header(heading="<Title>", size=2),
            HTML("<p class='given'>as given</p>"),
            HTML(mark_safe("<p class='trusted'>trusted</p>")),
            HR(),
            Card("one", heading="Card heading", footer="Footer", actions=[("/a/", "Action")]),
            Div("two", css_classes="wrapper-class", grid_css_classes="span-4"),
            TabContainer(Tab("First tab", "one"), Tab("Second tab", "two")),
            "unknown-key",
        )


@pytest.fixture
def html():
    return LayoutDashboard().render()


def test_header_is_escaped(html):
    assert '<h2 class="dashboard-header">&lt;Title&gt;</h2>' in html


def test_html_renders_the_markup_as_given(html):
    assert "<p class='given'>as given</p>" in html
    assert "<p class='trusted'>trusted</p>" in html


def test_html_is_never_compiled_as_a_template():
    assert HTML("<b>{{ secret }}{% now 'Y' %}</b>").render(context={"secret": "x"}) == (
        "<b>{{ secret }}{% now 'Y' %}</b>"
    )


def test_hr_renders_a_rule(html):
    assert '<hr class="dashboard-rule">' in html


def test_card_renders_heading_footer_actions_and_children(html):
    assert '<h2 class="header-title">Card heading</h2>' in html
    assert '<footer class="card-footer">Footer</footer>' in html
    assert '<a href="/a/">Action</a>' in html
    assert "first value" in html


def test_div_string_css_becomes_its_wrapper_class(html):
    assert '<div class="span-4 wrapper-class">' in html


def test_tabs_render_a_tablist_and_panels(html):
    assert 'role="tablist"' in html
    assert 'aria-selected="true" tabindex="0">First tab</button>' in html
    assert 'aria-selected="false" tabindex="-1">Second tab</button>' in html
    assert html.count('role="tabpanel"') == 2
    assert 'aria-labelledby="tabs-first-tab-second-tab-second-tab-tab" tabindex="0" hidden>' in html


def test_unknown_component_keys_are_skipped(html):
    assert "unknown-key" not in html


def test_tab_container_accepts_only_tabs():
    with pytest.raises(LayoutError):
        TabContainer(Card("one"))


def test_card_actions_resolve_ctas_without_changing_the_card():
    card = Card("one", actions=[(CTA(href="/cta/"), "Go")])
    assert card.get_actions(LayoutDashboard()) == [("/cta/", "Go")]
    assert isinstance(card.actions[0][0], CTA)


def test_card_string_css_replaces_the_card_class():
    assert Card("one", css_classes="my-card").component_css["card"] == "my-card"


@override_settings(DASHBOARDS_LAYOUT_COMPONENT_CLASSES={"Card": {"card": "bootstrap-card"}})
def test_layout_css_setting_is_read_at_render_time():
    assert Card("one").component_css["card"] == "bootstrap-card"
    assert Card("one").component_css["header"] == "card-header"


@override_settings(DASHBOARDS_DEFAULT_GRID_CSS="span-12")
def test_layout_grid_default_is_read_at_render_time():
    assert Card("one").grid_css == "span-12"


def test_default_layout_wraps_each_component_in_a_card():
    class Plain(Dashboard):
        one = Text(value="x", grid_css_classes="span-3")

        class Meta:
            app_label = "testapp"

    assert '<div class="span-3">\n  <section class="card">' in Plain().render()


def test_a_card_without_heading_actions_image_or_footer_is_grid_section_and_body():
    class Plain(Dashboard):
        one = Text(value="x", grid_css_classes="span-3")

        class Meta:
            app_label = "testapp"

    html = Plain().render()
    assert html.startswith(
        '<div class="span-3">\n  <section class="card">\n    <div class="card-body">'
        '<div id="component-'
    )
    assert '<div class="dashboard-text">x</div>\n</div>\n</div>\n  </section>\n</div>' in html


def test_a_card_with_a_footer_takes_the_full_template():
    class Footed(Dashboard):
        one = Text(value="x")

        class Meta:
            app_label = "testapp"

        class Layout(Dashboard.Layout):
            components = ComponentLayout(Card("one", footer="the footer"))

    assert '<footer class="card-footer">the footer</footer>' in Footed().render()


def test_css_template_joins_non_empty_classes():
    assert css_template("a", "", None, "b") == "a b"


def test_extra_kwargs_reach_the_template_context():
    card = Card("one", image_url="/img.png", heading="H")
    assert 'src="/img.png"' in card.render(LayoutDashboard(), {})


def test_card_actions_never_link_to_javascript():
    card = Card(
        "one",
        actions=[
            ("javascript:alert(1)", "String"),
            (CTA(href=lambda obj: " JaVaScRiPt:alert(1)"), "Callable"),
            ("/ok/", "Fine"),
        ],
    )
    assert card.get_actions(None) == [("#", "String"), ("#", "Callable"), ("/ok/", "Fine")]
