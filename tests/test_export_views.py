"""The download URLs: formats, search/sort/filters honoured, permissions, objects, 404s, streaming."""

import csv
import io
import json

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_init
from django.test import RequestFactory

from dashboards.component import Table, Text
from dashboards.component.table import TableSerializer
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.export_views import ExportView
from dashboards.permissions import AllowAny, IsAdminUser
from examples.shop.models import Customer, Order
from tests.component.table.shop import make_shop

URL = "/dashboards/export/exportdashboard/@component/{}/@export/{}/"
ORDERS_CSV = URL.format("orders", "csv")

pytestmark = pytest.mark.django_db


@pytest.fixture
def shop(db):
    return make_shop(30)


def read_csv(response):
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))


async def aread_csv(response):
    body = b"".join([chunk async for chunk in response.streaming_content])
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def ids(rows):
    return [int(row[0]) for row in rows[1:]]


def test_csv_has_every_row_not_a_page(client, shop):
    response = client.get(ORDERS_CSV)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = read_csv(response)
    assert rows[0] == ["Order", "Placed", "Customer", "Product", "Total", "Status"]
    assert len(rows) == 1 + 30  # the table's page holds 10


def test_a_download_is_a_streaming_response(client, shop):
    response = client.get(ORDERS_CSV)
    assert response.streaming
    assert not response.is_async  # WSGI: a sync iterator


def test_file_name_says_dashboard_component_and_date(client, shop):
    response = client.get(ORDERS_CSV)
    assert response["Content-Disposition"].startswith(
        'attachment; filename="exportdashboard-orders-'
    )
    assert response["Content-Disposition"].endswith('.csv"')


def test_rows_keep_the_tables_default_sort(client, shop):
    expected = list(Order.objects.order_by("-created").values_list("id", flat=True))
    assert ids(read_csv(client.get(ORDERS_CSV))) == expected


def test_rows_follow_the_requested_sort(client, shop):
    rows = read_csv(client.get(ORDERS_CSV, {"order[0][column]": "4", "order[0][dir]": "asc"}))
    totals = [float(row[4]) for row in rows[1:]]
    assert totals == sorted(totals)


def test_rows_follow_the_search(client, shop):
    rows = read_csv(client.get(ORDERS_CSV, {"search[value]": "grace"}))
    assert len(rows) == 1 + 10
    assert {row[2] for row in rows[1:]} == {"Grace Hopper"}


def test_rows_follow_the_dashboard_filters(client, shop):
    rows = read_csv(client.get(ORDERS_CSV, {"status": "refunded"}))
    assert len(rows) == 1 + Order.objects.filter(status="refunded").count()
    assert {row[5] for row in rows[1:]} == {"Refunded"}


def test_paging_parameters_do_not_cut_a_download(client, shop):
    rows = read_csv(client.get(ORDERS_CSV, {"start": "20", "length": "5"}))
    assert len(rows) == 1 + 30


def test_bad_table_parameters_are_forgiven(client, shop):
    response = client.get(
        ORDERS_CSV, {"order[0][column]": "99", "search[value]": "x" * 5000, "length": "-1"}
    )
    assert response.status_code == 200
    assert read_csv(response)[1:] == []  # a search cut to 200 x's matches nothing


def test_cells_are_values_not_page_html(client, shop):
    rows = read_csv(client.get(ORDERS_CSV, {"search[value]": "script"}))
    assert {row[2] for row in rows[1:]} == {"<script>alert(1)</script>"}
    assert rows[1][1].startswith("20")  # an ISO date, not "3 days ago"


def test_formula_cells_are_neutralised(client, shop):
    Customer.objects.filter(name="Ada Lovelace").update(name='=HYPERLINK("http://x","y")')
    rows = read_csv(client.get(ORDERS_CSV, {"search[value]": "hyperlink"}))
    assert {row[2] for row in rows[1:]} == {'\'=HYPERLINK("http://x","y")'}


def test_json_has_every_row_keyed_by_column(client, shop):
    response = client.get(URL.format("orders", "json"), {"status": "paid"})
    assert response["Content-Type"] == "application/json"
    data = json.loads(b"".join(response.streaming_content))
    assert len(data) == Order.objects.filter(status="paid").count()
    assert set(data[0]) == {"id", "created", "customer__name", "product__name", "total", "status"}


def test_xlsx_has_every_row(client, shop):
    response = client.get(URL.format("orders", "xlsx"))
    assert response["Content-Disposition"].endswith('.xlsx"')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.title == "Orders"
    assert sheet.max_row == 1 + 30


def test_chart_data_downloads_as_csv(client, shop):
    rows = read_csv(client.get(URL.format("revenue", "csv")))
    assert rows[0] == ["trace", "x", "y"]
    assert [row[1] for row in rows[1:]] == ["paid", "refunded"]


def test_chart_data_is_not_offered_as_json(client, shop):
    assert client.get(URL.format("revenue", "json")).status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        URL.format("orders", "pdf"),
        URL.format("missing", "csv"),
        URL.format("statuses", "csv"),  # export_formats=()
        "/dashboards/filters/ordersdashboard/@component/latest/@export/csv/",  # a Text
        "/dashboards/export/nosuchdashboard/@component/orders/@export/csv/",
    ],
)
def test_what_cannot_be_downloaded_is_404(client, shop, url):
    assert client.get(url).status_code == 404


def test_xlsx_without_openpyxl_is_404(client, shop, monkeypatch):
    from dashboards import export

    monkeypatch.setattr(export, "is_installed", lambda module: False)
    assert client.get(URL.format("orders", "xlsx")).status_code == 404


def test_a_download_is_get_only(client, shop):
    assert client.post(ORDERS_CSV).status_code == 405


def test_head_answers_the_downloads_headers(client, shop):
    response = client.head(ORDERS_CSV)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")


def test_a_forbidden_component_is_refused_like_its_page(client, shop, member):
    assert client.get(URL.format("emails", "csv")).status_code == 302  # to the login page
    client.force_login(member)
    assert client.get(URL.format("emails", "csv")).status_code == 403


def test_staff_may_download_the_staff_only_table(client, shop, staff_user):
    client.force_login(staff_user)
    rows = read_csv(client.get(URL.format("emails", "csv")))
    assert rows[0] == ["Customer", "Email", "Country"]
    assert len(rows) == 1 + 3


def test_a_refused_dashboard_refuses_its_downloads(client, shop):
    url = "/dashboards/permissions/membersdashboard/@component/welcome/@export/csv/"
    assert client.get(url).status_code == 302


def test_the_answer_varies_like_a_components(client, shop):
    assert "X-Requested-With" in client.get(ORDERS_CSV)["Vary"]


# -- object dashboards --------------------------------------------------------------------


def customer_url(customer, export_format="csv"):
    return (
        f"/dashboards/export/customerexportdashboard/{customer.pk}"
        f"/@component/orders/@export/{export_format}/"
    )


def test_an_object_dashboard_downloads_its_objects_rows(client, shop):
    customer = Customer.objects.get(name="Grace Hopper")
    response = client.get(customer_url(customer))
    assert response["Content-Disposition"].startswith(
        'attachment; filename="customerexportdashboard-orders-'
    )
    expected = list(customer.orders.order_by("-created").values_list("id", flat=True))
    assert ids(read_csv(response)) == expected


def test_an_unknown_object_is_404(client, shop):
    assert client.get(customer_url(Customer(pk=999))).status_code == 404


class Mine(AllowAny):
    def has_object_permission(self, request, dashboard, obj):
        return obj.name == "Ada Lovelace"


class MyOrders(TableSerializer):
    class Meta:
        columns = {"id": "Order"}

    def get_queryset(self, object, **kwargs):
        return object.orders.all()


class OwnCustomerDashboard(ModelDashboard):
    orders = Table(value=MyOrders)

    class Meta:
        model = Customer
        app_label = "testapp"
        permission_classes = [Mine]


class StaffDashboard(Dashboard):
    orders = Table(value=MyOrders)
    note = Text(value="not a table")

    class Meta:
        app_label = "testapp"
        permission_classes = [IsAdminUser]


def export_view(dashboard, request, **kwargs):
    view = ExportView.as_view(dashboard_class=dashboard)
    return view(request, component="orders", format="csv", **kwargs)


def test_the_objects_permissions_are_checked(shop, rf: RequestFactory, member):
    request = rf.get("/")
    request.user = member
    ada = Customer.objects.get(name="Ada Lovelace")
    grace = Customer.objects.get(name="Grace Hopper")
    assert export_view(OwnCustomerDashboard, request, lookup=str(ada.pk)).status_code == 200
    with pytest.raises(PermissionDenied):
        export_view(OwnCustomerDashboard, request, lookup=str(grace.pk))


def test_the_dashboards_permissions_are_checked_before_the_component(rf, member):
    request = rf.get("/")
    request.user = member
    view = ExportView.as_view(dashboard_class=StaffDashboard)
    with pytest.raises(PermissionDenied):
        view(request, component="missing", format="csv")


# -- ASGI ---------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
async def test_under_asgi_the_rows_stream_through_an_async_iterator(async_client, shop):
    response = await async_client.get(ORDERS_CSV, {"search[value]": "ada"})
    assert response.status_code == 200
    assert response.is_async
    rows = await aread_csv(response)
    assert {row[2] for row in rows[1:]} == {"Ada Lovelace"}


@pytest.mark.django_db(transaction=True)
async def test_under_asgi_an_object_dashboard_downloads_its_rows(async_client, shop):
    customer = await Customer.objects.aget(name="Grace Hopper")
    response = await async_client.get(customer_url(customer))
    assert len(await aread_csv(response)) == 1 + 10


@pytest.mark.django_db(transaction=True)
async def test_under_asgi_what_cannot_be_downloaded_is_404(async_client, shop):
    assert (await async_client.get(URL.format("orders", "pdf"))).status_code == 404


# -- streaming, counted -------------------------------------------------------------------


@pytest.fixture
def many_orders(db):
    """2,500 orders, and a counter of the Order instances made from the database."""
    make_shop(2500)
    made = []

    def count(sender, **kwargs):
        made.append(1)

    post_init.connect(count, sender=Order)
    yield made
    post_init.disconnect(count, sender=Order)


def test_rows_are_fetched_a_chunk_at_a_time(client, many_orders, monkeypatch):
    monkeypatch.setattr(ExportView, "chunk_size", 100)
    response = client.get(ORDERS_CSV)
    chunks = iter(response.streaming_content)
    next(chunks)  # the titles
    next(chunks)
    assert len(many_orders) == 100  # one chunk of 2,500 rows made into objects so far
    assert sum(chunk.count(b"\n") for chunk in chunks) == 2400
    assert len(many_orders) == 2500


@pytest.mark.django_db(transaction=True)
async def test_under_asgi_rows_are_fetched_a_chunk_at_a_time(
    async_client, many_orders, monkeypatch
):
    monkeypatch.setattr(ExportView, "chunk_size", 100)
    response = await async_client.get(ORDERS_CSV)
    chunks = aiter(response.streaming_content)
    await anext(chunks)  # the titles
    await anext(chunks)
    assert len(many_orders) == 100
    assert sum([chunk.count(b"\n") async for chunk in chunks]) == 2400
    assert len(many_orders) == 2500
