"""Tests of dashboards.utils: safe_url."""

import pytest
from django.urls import reverse_lazy

from dashboards.utils import safe_url

UNSAFE = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "  javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\njavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "\u00a0javascript:alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html,<script>alert(1)</script>",
    "/path/with\x00nul",
]
SAFE = [
    "/dashboards/",
    "relative/page/",
    "?page=2",
    "#section",
    "http://example.com/",
    "HTTPS://example.com/",
    "//example.com/",
    "mailto:someone@example.com",
    "/a/b:c/",
]


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_urls_give_the_default(url):
    assert safe_url(url) is None
    assert safe_url(url, default="#") == "#"


@pytest.mark.parametrize("url", SAFE)
def test_safe_urls_are_kept(url):
    assert safe_url(url, default="#") == url


@pytest.mark.parametrize("url", ["", None])
def test_no_url_stays_as_it_is(url):
    assert safe_url(url, default="#") == url


def test_a_lazy_url_stays_lazy():
    url = reverse_lazy("dashboards:testapp_childonedashboard")
    assert safe_url(url) is url
