"""Tests of dashboards.component.map: the Map component."""

import json

from dashboards.component.map import Map
from tests.component.test_base import bound

FIGURE = {
    "data": [{"type": "choropleth", "locations": ["GBR"], "z": [3], "locationmode": "ISO-3"}],
    "layout": {"title": {"text": "Orders by country"}},
}


def test_map_renders_its_figure_with_its_own_template():
    component = bound(Map(value=FIGURE))
    html = component.render({})
    assert component.template_name == "dashboards/components/map/map.html"
    assert json.dumps(FIGURE["data"]) in html
    assert f'<div id="{component.template_id}" class="dashboard-chart__figure"' in html


def test_map_config_hides_the_plotly_link_and_is_responsive():
    html = bound(Map(value=FIGURE)).render({})
    assert 'data-show-link="false" data-responsive="true"' in html
    assert "data-display-mode-bar" not in html
    assert 'data-responsive="false"' in bound(Map(value=FIGURE, responsive=False)).render({})


def test_map_is_announced_as_a_map_with_its_title():
    html = bound(Map(value=FIGURE)).render({})
    assert 'role="img" aria-roledescription="map" aria-label="Orders by country"' in html


def test_map_without_css_classes_never_renders_class_none():
    html = bound(Map(value=FIGURE)).render({})
    assert 'class="None"' not in html
    assert 'class="dashboard-chart"' in html


def test_map_loads_plotly():
    assert "dashboards/vendor/plotly.min.js" in str(Map(value=FIGURE).media)
