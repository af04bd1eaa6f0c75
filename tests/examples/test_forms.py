"""The forms example: a filter form drives its dependents; a POST form saves and refreshes."""

from datetime import date

import pytest

from examples.shop import demo
from examples.shop.models import Category

URL = "/dashboards/forms/formsdashboard/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return demo.load(end=date(2026, 6, 30))


def test_page_shows_the_forms_and_unfiltered_values(client, shop):
    content = client.get(URL).content.decode()
    assert '<option value="GB">GB</option>' in content
    assert "All countries" in content
    assert "orders</div>" in content or "orders\n" in content or "orders" in content


def test_choosing_a_country_refreshes_revenue_and_top_products(client, shop):
    response = client.get(URL + "country/@form/", {"country": "GB"})
    content = response.content.decode()
    assert content.count('hx-swap-oob="true"') == 2
    assert "<span>GB</span>" in content


def test_adding_a_category_saves_it_and_refreshes_the_list(client, shop):
    response = client.post(URL + "add_category/@form/", {"name": "Garden"})
    assert Category.objects.filter(name="Garden").exists()
    assert b"Saved." in response.content
    assert b"Garden" in response.content


def test_a_duplicate_category_shows_the_error_in_the_form(client, shop):
    response = client.post(URL + "add_category/@form/", {"name": "books"})
    assert b"There is already a category with this name." in response.content
    assert Category.objects.filter(name__iexact="books").count() == 1


def test_without_categories_the_list_says_so(client):
    assert b"No categories yet." in client.get(URL).content
