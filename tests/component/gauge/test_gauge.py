"""Tests of dashboards.component.gauge: GaugeValue and the SVG Gauge."""

import re
from decimal import Decimal

from dashboards.component.gauge import Gauge
from dashboards.component.gauge.gauge import GaugeValue
from tests.component.test_base import bound


def render(component, key="c"):
    return bound(component, key=key).render({})


def aria(html):
    """The meter's ARIA numbers."""
    return {
        name: re.search(f'aria-value{name}="([^"]*)"', html).group(1)
        for name in ("now", "min", "max", "text")
    }


def fill(html):
    return re.search(r'class="gauge-fill"[^>]*stroke-dasharray="([^"]*)"', html).group(1)


def test_gauge_value_defaults():
    value = GaugeValue(value=3, max=10)
    assert (value.min, value.sub_text, value.value_text) == (None, "", "")


def test_gauge_is_a_meter_with_its_numbers():
    html = render(Gauge(value=GaugeValue(value=25, max=100)))
    assert 'role="meter"' in html
    assert aria(html) == {"now": "25", "min": "0", "max": "100", "text": "25"}
    assert fill(html) == "25 100"


def test_gauge_with_min_set_renders_the_right_aria_values():
    html = render(Gauge(value=GaugeValue(value=30, min=10, max=50)))
    assert aria(html) == {"now": "30", "min": "10", "max": "50", "text": "30"}
    assert fill(html) == "50 100"  # half way from 10 to 50
    assert '<span class="gauge-min" aria-hidden="true">10</span>' in html
    assert '<span class="gauge-max" aria-hidden="true">50</span>' in html


def test_value_text_is_shown_and_read_instead_of_the_number():
    html = render(Gauge(value=GaugeValue(value=0.72, max=1, value_text="72%")))
    assert '<span class="gauge-value-text" aria-hidden="true">72%</span>' in html
    assert aria(html) == {"now": "0.72", "min": "0", "max": "1", "text": "72%"}
    assert fill(html) == "72 100"


def test_sub_text_describes_the_meter():
    component = bound(Gauge(value=GaugeValue(value=1, max=2, sub_text="1 of 2 orders")))
    html = component.render({})
    assert f'aria-describedby="{component.template_id}-sub"' in html
    assert f'<p class="gauge-sub-text" id="{component.template_id}-sub">1 of 2 orders</p>' in html


def test_title_labels_the_meter():
    component = bound(Gauge(title="Shipped", value=GaugeValue(value=1, max=2)))
    html = component.render({})
    assert f'<h2 class="gauge-title-text" id="{component.template_id}-title">Shipped</h2>' in html
    assert f'aria-labelledby="{component.template_id}-title"' in html


def test_gauge_without_title_is_labelled_by_its_key():
    html = render(Gauge(value=GaugeValue(value=1, max=2)), key="disk_usage")
    assert 'aria-label="Disk usage"' in html
    assert "gauge-title-text" not in html


def test_value_outside_the_range_fills_the_arc_to_its_end():
    html = render(Gauge(value=GaugeValue(value=150, max=100)))
    assert aria(html)["now"] == "100"
    assert aria(html)["text"] == "150"
    assert fill(html) == "100 100"
    assert fill(render(Gauge(value=GaugeValue(value=-5, max=100)))) == "0 100"


def test_empty_range_draws_an_empty_arc():
    html = render(Gauge(value=GaugeValue(value=5, min=5, max=5)))
    assert fill(html) == "0 100"
    assert aria(html) == {"now": "5", "min": "5", "max": "5", "text": "5"}


def test_plain_number_is_a_value_out_of_100():
    html = render(Gauge(value=40))
    assert aria(html) == {"now": "40", "min": "0", "max": "100", "text": "40"}


def test_decimal_and_large_numbers_are_written_without_exponents():
    html = render(Gauge(value=GaugeValue(value=Decimal("1234567.50"), max=2_000_000.0)))
    assert aria(html)["now"] == "1234567.5"
    assert aria(html)["max"] == "2000000"


def test_callable_value_returning_a_gauge_value():
    html = render(Gauge(value=lambda **kwargs: GaugeValue(value=2, max=4)))
    assert fill(html) == "50 100"


def test_text_is_escaped_and_icon_is_trusted():
    html = render(
        Gauge(value=GaugeValue(value=1, max=2, sub_text="<b>x</b>"), icon="<i class='i'></i>")
    )
    assert "&lt;b&gt;x&lt;/b&gt;" in html
    assert '<div class="gauge__icon" aria-hidden="true"><i class=\'i\'></i></div>' in html


def test_css_classes_string_or_dict():
    assert '<div class="gauge wide">' in render(Gauge(value=1, css_classes="wide"))
    assert '<div class="gauge big">' in render(Gauge(value=1, css_classes={"gauge": "big"}))
    assert '<div class="gauge">' in render(Gauge(value=1))


def test_gauge_uses_no_script_and_brings_its_css():
    html = render(Gauge(value=GaugeValue(value=1, max=2)))
    assert "<script" not in html
    media = Gauge().media
    assert (
        str(media) == '<link href="/static/dashboards/css/gauge.css" media="all" rel="stylesheet">'
    )
