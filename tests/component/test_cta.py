"""Tests of dashboards.component.cta: links never carry a javascript: URL."""

import pytest

from dashboards.component import CTA, Text
from tests.component.test_base import bound
from tests.test_utils import UNSAFE


@pytest.mark.parametrize("url", UNSAFE)
def test_an_unsafe_href_string_or_callable_is_dropped(url):
    assert CTA(href=url).get_href() == "#"
    assert CTA(href=lambda obj: url).get_href(obj=1) == "#"


def test_a_safe_href_is_kept():
    assert CTA(href="https://example.com/").get_href() == "https://example.com/"
    assert CTA(href=lambda obj: f"/objects/{obj}/").get_href(obj=7) == "/objects/7/"
    assert CTA().get_href() is None


def test_a_component_never_links_to_javascript():
    html = bound(Text(value="x", cta=CTA(href=lambda obj: "JaVaScRiPt:alert(1)"))).render({})
    assert "javascript" not in html.lower()
    assert '<a class="dashboard-component-link" href="#">' in html
