"""The charts example shows what the charts and stats pages of the docs say, with the demo data."""

import base64
import json
import re
from datetime import timedelta

import numpy as np
import pytest
from django.db.models import Count, Sum
from django.utils import timezone

from examples.charts.charts import ISO3
from examples.shop import demo
from examples.shop.models import Category, Customer, Order, Product

URL = "/dashboards/charts/chartsdashboard/"
XSS = "</script><script>alert(1)</script>"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def shop(django_db_setup, django_db_blocker):
    """The 10,000 demo orders, up to today (committed: the async test's threads see them)."""
    with django_db_blocker.unblock():
        yield demo.load()
        Order.objects.all().delete()
        Customer.objects.all().delete()
        Product.objects.all().delete()
        Category.objects.all().delete()


@pytest.fixture
def charts_page(client, shop):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def component(html, key):
    """The HTML of one component of a page, up to the next component."""
    parts = re.split(r'(?=<div id="component-)', html)
    [part] = [p for p in parts if re.match(rf'<div id="component-[^"]*component{key}-inner"', p)]
    return part


def figure(html, key):
    """The figure JSON of a chart component."""
    text = re.search(
        r'<script type="application/json"[^>]*>(.*?)</script>', component(html, key), re.S
    )
    return json.loads(text.group(1))


def array(value):
    """A plotly array: a list, or a typed array (``{"dtype", "bdata"}``) as plotly 6+ writes them."""
    if isinstance(value, dict):
        return np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"]).tolist()
    return list(value)


def test_page_loads_plotly_and_the_chart_script(charts_page):
    assert '<script src="/static/dashboards/vendor/plotly.min.js" defer></script>' in charts_page
    assert '<script src="/static/dashboards/js/charts.js" defer></script>' in charts_page
    assert "/static/dashboards/css/gauge.css" in charts_page


def test_revenue_stat_sums_every_order(charts_page):
    total = Order.objects.aggregate(total=Sum("total"))["total"]
    assert f'<p class="stat__text">{total:,.0f} €</p>' in component(charts_page, "revenue_total")


def test_recent_orders_compare_the_last_30_days_with_the_30_before(charts_page):
    now = timezone.now()
    month = timedelta(days=30)
    recent = Order.objects.filter(created__gt=now - month, created__lte=now).count()
    before = Order.objects.filter(created__gt=now - 2 * month, created__lte=now - month).count()
    html = component(charts_page, "recent_orders")
    assert "Orders, last 30 days" in html
    assert f'<p class="stat__text">{recent}</p>' in html
    change = (recent - before) / before * 100
    assert f"{change:+.1f}%" in html
    assert ("positive" if change > 0 else "negative") in html


def test_gauge_shows_the_share_of_orders_shipped(charts_page):
    shipped = Order.objects.filter(status=Order.Status.SHIPPED).count()
    html = component(charts_page, "shipped")
    assert 'role="meter"' in html
    assert f'aria-valuenow="{round(100 * shipped / 10_000, 1):g}"' in html
    assert f"{shipped:,} of 10,000 orders" in html


def test_revenue_chart_has_a_bar_per_month_with_the_month_totals(charts_page):
    data = figure(charts_page, "revenue")["data"][0]
    totals = Order.objects.aggregate(total=Sum("total"))["total"]
    assert data["type"] == "bar"
    assert len(array(data["x"])) in (12, 13)
    assert sum(array(data["y"])) == pytest.approx(float(totals))
    assert 'aria-label="Revenue per month"' in component(charts_page, "revenue")


def test_orders_by_category_is_a_pie_of_the_four_categories(charts_page):
    data = figure(charts_page, "categories")["data"][0]
    counts = dict(Order.objects.values_list("product__category__name").annotate(n=Count("pk")))
    assert data["type"] == "pie"
    assert dict(zip(array(data["labels"]), array(data["values"]), strict=True)) == counts
    assert 'data-display-mode-bar="false"' in component(charts_page, "categories")


def test_orders_by_status_is_a_plain_figure_dict(charts_page):
    data = figure(charts_page, "statuses")["data"][0]
    counts = dict(Order.objects.values_list("status").annotate(n=Count("pk")))
    assert data["x"] == ["Pending", "Paid", "Shipped", "Refunded"]
    assert data["y"] == [counts[status] for status in Order.Status.values]


def test_map_is_deferred_and_colours_the_customer_countries(client, charts_page):
    # The page holds a placeholder that htmx fills from the map's URL.
    assert 'hx-get="/dashboards/charts/chartsdashboard/@component/countries/"' in charts_page
    assert "countries-inner" not in charts_page
    html = client.get(URL + "@component/countries/").content.decode()
    data = figure(html, "countries")["data"][0]
    counts = dict(Order.objects.values_list("customer__country").annotate(n=Count("pk")))
    assert data["type"] == "choropleth"
    located = dict(zip(array(data["locations"]), array(data["z"]), strict=True))
    assert located == {ISO3[code]: n for code, n in counts.items()}
    assert 'aria-roledescription="map"' in html
    assert 'data-show-link="false"' in html


def test_chart_without_data_says_so(charts_page):
    annotation = figure(charts_page, "stale")["layout"]["annotations"][0]
    assert annotation["text"] == "Pending for over a year - No data"


def test_chart_of_stale_orders_draws_them_once_there_are_some(client, shop):
    old = Order.objects.filter(status=Order.Status.PAID).first()
    created = old.created
    Order.objects.filter(pk=old.pk).update(
        status=Order.Status.PENDING, created=timezone.now() - timedelta(days=400)
    )
    try:
        html = client.get(URL).content.decode()
    finally:
        Order.objects.filter(pk=old.pk).update(status=Order.Status.PAID, created=created)
    data = figure(html, "stale")["data"][0]
    assert data["type"] == "scatter"
    assert array(data["y"]) == [float(old.total)]


def test_category_filter_reaches_every_component(client, shop):
    html = client.get(URL, {"category": "Books"}).content.decode()
    books = Order.objects.filter(product__category__name="Books")
    total = books.aggregate(total=Sum("total"))["total"]
    assert f"{total:,.0f} €" in component(html, "revenue_total")
    assert f"of {books.count():,} orders" in component(html, "shipped")
    assert array(figure(html, "categories")["data"][0]["labels"]) == ["Books"]
    assert sum(figure(html, "statuses")["data"][0]["y"]) == books.count()


def test_unknown_category_shows_no_data_everywhere(client, shop):
    html = client.get(URL, {"category": "Nothing"}).content.decode()
    assert '<p class="stat__text">0 €</p>' in component(html, "revenue_total")
    assert "0 of 0 orders" in component(html, "shipped")
    text = figure(html, "revenue")["layout"]["annotations"][0]["text"]
    assert text == "Revenue per month - No data"


def test_hostile_filter_input_stays_data(client, shop):
    html = client.get(URL, {"category": XSS}).content.decode()
    assert "<script>alert(1)" not in html
    assert "0 of 0 orders" in html


def test_dark_cookie_builds_the_serializer_charts_dark(client, shop):
    client.cookies["appearanceMode"] = "dark"
    html = client.get(URL).content.decode()
    assert 'data-theme="dark"' in component(html, "revenue")
    assert figure(html, "revenue")["layout"]["paper_bgcolor"] == "rgba(0,0,0,0.05)"
    assert 'data-theme="light"' in component(
        html, "statuses"
    )  # a plain dict: themed in the browser


def test_chart_url_answers_the_figure_json_to_xhr(client, shop):
    response = client.get(URL + "@component/revenue/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    figure_json = json.loads(response.content)
    assert isinstance(figure_json, str)  # the figure's JSON text, as django-dashboards answered
    assert json.loads(figure_json)["layout"]["title"]["text"] == "Revenue per month"


def test_stat_url_answers_the_stat_data_to_xhr(client, shop):
    response = client.get(URL + "@component/recent_orders/", HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    data = json.loads(response.content)
    assert set(data) == {"title", "value", "previous", "unit", "change_period", "change"}
    assert data["title"] == "Orders, last 30 days"


def test_chart_labels_are_text_alternatives(charts_page):
    for key, label in (
        ("revenue", "Revenue per month"),
        ("categories", "Orders by category"),
        ("statuses", "Orders by status"),
        ("stale", "Pending for over a year"),
    ):
        assert f'role="img" aria-roledescription="chart" aria-label="{label}"' in component(
            charts_page, key
        )
    assert charts_page.count("data-dashboards-chart") == 4  # the deferred map is not there yet


# Last: a transactional test empties the database when it ends.
@pytest.mark.django_db(transaction=True)
async def test_charts_render_under_asgi(async_client, shop):
    response = await async_client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert figure(html, "revenue")["data"][0]["type"] == "bar"
    assert "of 10,000 orders" in html
    deferred = await async_client.get(URL + "@component/countries/")
    assert figure(deferred.content.decode(), "countries")["data"][0]["type"] == "choropleth"
