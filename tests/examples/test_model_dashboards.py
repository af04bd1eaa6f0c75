"""The model dashboards example: per-object dashboards, lookups, querysets and object permissions."""

from datetime import date

import pytest

from examples.shop import demo
from examples.shop.models import Customer, Product

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop():
    return demo.load(end=date(2026, 6, 30))


def test_customer_dashboard_shows_the_customer(client, shop):
    customer = Customer.objects.first()
    response = client.get(customer.get_absolute_url())
    assert response.status_code == 200
    assert customer.email.encode() in response.content


def test_missing_customer_is_404(client, shop):
    assert client.get("/dashboards/model_dashboards/customerdashboard/999999/").status_code == 404


def test_customer_component_without_the_customer_is_404(client, shop):
    url = "/dashboards/model_dashboards/customerdashboard/@component/summary/"
    assert client.get(url).status_code == 404


def test_product_dashboard_uses_the_slug_on_every_route(client, shop):
    url = "/dashboards/model_dashboards/productdashboard/space-trader/"
    page = client.get(url).content.decode()
    assert f'hx-get="{url}@component/buyers/"' in page
    buyers = client.get(url + "@component/buyers/")
    orders = Product.objects.get(slug="space-trader").orders.count()
    assert f"{orders} orders so far.".encode() in buyers.content


def test_product_cta_links_to_the_filtered_orders(client, shop):
    product = Product.objects.get(slug="space-trader")
    page = client.get(
        "/dashboards/model_dashboards/productdashboard/space-trader/"
    ).content.decode()
    assert f'href="/dashboards/filters/ordersdashboard/?category={product.category_id}"' in page


def test_products_outside_get_queryset_are_404(client, shop):
    Product.objects.create(
        name="Unsold", slug="unsold", category=Product.objects.first().category, price=1
    )
    assert client.get("/dashboards/model_dashboards/productdashboard/unsold/").status_code == 404


def test_users_see_their_own_account_only(client, member, staff_user):
    client.force_login(member)
    assert (
        b"Account of member"
        in client.get("/dashboards/model_dashboards/accountdashboard/member/").content
    )
    assert client.get("/dashboards/model_dashboards/accountdashboard/staff/").status_code == 403
    url = "/dashboards/model_dashboards/accountdashboard/staff/@component/joined/"
    assert client.get(url).status_code == 403


def test_staff_see_every_account(client, member, staff_user):
    client.force_login(staff_user)
    assert client.get("/dashboards/model_dashboards/accountdashboard/member/").status_code == 200
