"""Tests of dashboards.component.stat: Stat and StatData."""

import pytest

from dashboards.component import Stat
from dashboards.component.stat import StatData
from tests.component.test_base import bound


def test_change_by_display_prefers_the_text():
    assert StatData(text="1", change_by=5, change_by_text="+5%").change_by_display == "+5%"
    assert StatData(text="1", change_by=5).change_by_display == 5


def test_positive_change_shows_an_up_arrow():
    html = bound(Stat(value=StatData(text="10", change_by=3))).render({})
    assert "positive" in html
    assert "&uarr;" in html


def test_negative_change_shows_a_down_arrow():
    html = bound(Stat(value=StatData(text="10", change_by=-3))).render({})
    assert "negative" in html
    assert "&darr;" in html
    assert "positive" not in html


def test_plain_string_value_is_the_headline():
    assert '<h2 class="stat__title">42</h2>' in bound(Stat(value="42")).render({})


def test_stat_href_links_the_stat():
    assert 'href="/more/"' in bound(Stat(value="1", href="/more/")).render({})


def test_stat_text_and_sub_text_are_escaped():
    html = bound(Stat(value=StatData(text="<i>x</i>", sub_text="<b>y</b>"))).render({})
    assert "<i>" not in html
    assert "<b>" not in html


@pytest.mark.parametrize(
    "href", [" javascript:alert(1)", "JaVaScRiPt:alert(1)", "\x01javascript:x"]
)
def test_stat_with_an_unsafe_href_is_not_a_link(href):
    html = bound(Stat(value="1", href=href)).render({})
    assert "javascript" not in html.lower()
    assert "<a " not in html
