"""The custom components example: a component of your own, a preset value, a JavaScript one."""

import json
import re

import pytest
from django.template.loader import render_to_string

from examples.custom_components.components import Sparkline, UserCount, count_users

pytestmark = pytest.mark.django_db

URL = "/dashboards/custom_components/customcomponentdashboard/"


@pytest.fixture
def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", response.content.decode())


def test_progress_components_render_with_their_template_and_media(page):
    assert '<progress max="100" value="73"> 73 of 100 </progress>' in page
    assert '<progress max="20" value="12"> 12 of 20 </progress>' in page
    assert "/static/custom_components/progress.css" in page


def test_a_preset_value_needs_no_argument(member, client):
    assert UserCount().value is count_users
    page = re.sub(r"\s+", " ", client.get(URL).content.decode())
    assert '<h2 class="stat__title">1</h2> <p class="stat__text"><span>registered users' in page


def test_a_preset_value_can_still_be_replaced():
    assert UserCount(value=5).value == 5


def test_the_sparkline_puts_its_numbers_in_the_page_as_json(page):
    numbers = re.search(
        r'<script id="[^"]*visits-numbers" type="application/json">(.*?)</script>', page
    )
    assert json.loads(numbers.group(1)) == [120, 132, 101, 134, 90, 230, 210]
    assert 'aria-label="Visits this week: 120, 132, 101, 134, 90, 230, 210"' in page


def test_the_sparkline_links_its_script_deferred_and_its_stylesheet(page):
    assert '<script src="/static/custom_components/sparkline.js" defer></script>' in page
    assert "/static/custom_components/sparkline.css" in page


def test_the_deferred_sparkline_loads_from_its_component_url(client):
    html = client.get(URL + "@component/signups/").content.decode()
    assert 'type="application/json">[3, 5, 4, 8, 6, 9, 12]</script>' in html


def test_the_sparkline_escapes_its_numbers_in_the_json():
    html = render_to_string(
        "custom_components/sparkline.html",
        {"component": Sparkline(), "rendered_value": ["</script><b>"], "numbers_id": "n"},
    )
    assert "</script><b>" not in html
    assert '["\\u003C/script\\u003E\\u003Cb\\u003E"]' in html
