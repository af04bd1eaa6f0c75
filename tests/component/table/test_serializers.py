"""Tests of dashboards.component.table.serializers: TableSerializer's options, data and output."""

import dataclasses
import json
import logging
from datetime import date, timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.db.models import Count
from django.forms.widgets import Media
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from dashboards.component.table import SerializedTable, TableSerializer
from dashboards.component.table.serializers import BaseTableSerializer, format_value, to_html
from examples.shop import demo
from examples.shop.models import Customer, Order
from tests.component.table.shop import make_shop

PEOPLE = [
    {"name": "Ada", "age": 36, "admin": True},
    {"name": "Alan", "age": None, "admin": False},
    {"name": "grace", "age": 85, "admin": False},
]


class PeopleTable(TableSerializer):
    class Meta:
        columns = {"name": "Name", "age": "Age", "admin": "Admin"}

    @staticmethod
    def get_data(**kwargs):
        return PEOPLE


class OrdersTable(TableSerializer):
    class Meta:
        title = "Orders"
        model = Order
        columns = {
            "id": "Order",
            "customer__name": "Customer",
            "product__name": "Product",
            "quantity": "Quantity",
            "status": "Status",
        }
        order = ["-quantity", "customer__name"]


def serialize(serializer, **filters):
    return serializer.serialize(filters=filters)


# -- Meta ------------------------------------------------------------------------------------


def test_serializer_without_columns_raises_when_the_class_is_created():
    with pytest.raises(ImproperlyConfigured, match=r"NoColumns must define Meta\.columns"):

        class NoColumns(TableSerializer):
            pass


def test_serializer_with_empty_columns_raises_when_the_class_is_created():
    with pytest.raises(ImproperlyConfigured, match=r"EmptyColumns must define Meta\.columns"):

        class EmptyColumns(TableSerializer):
            class Meta:
                columns = {}


def test_serializer_inherits_columns_from_a_concrete_parent():
    class Parent(TableSerializer):
        class Meta:
            columns = {"name": "Name"}

    class Child(Parent):
        class Meta:
            force_lower = False

    assert Child.get_columns() == {"name": "Name"}


def test_abstract_base_serializers_can_be_subclassed():
    class Base(TableSerializer):
        class Meta:
            abstract = True
            force_lower = False

        @staticmethod
        def get_data(**kwargs):
            return PEOPLE

    class Concrete(Base):
        class Meta:
            columns = {"name": "Name"}

    assert Concrete._meta.force_lower is False
    assert Concrete.serialize().data == [{"name": "Ada"}, {"name": "Alan"}, {"name": "grace"}]
    with pytest.raises(ImproperlyConfigured, match="abstract"):
        Base.serialize()
    with pytest.raises(ImproperlyConfigured, match="abstract"):
        TableSerializer.serialize()


@pytest.mark.django_db
def test_meta_order_becomes_index_and_direction_pairs():
    assert serialize(OrdersTable).order == [[3, "desc"], [1, "asc"]]


def test_rows_keep_the_list_order_when_the_request_names_no_sort():
    class Unsorted(PeopleTable):
        @staticmethod
        def get_data(**kwargs):
            return [PEOPLE[2], PEOPLE[0], PEOPLE[1]]

    result = serialize(Unsorted)
    assert result.order == []
    assert [row["name"] for row in result.data] == ["grace", "Ada", "Alan"]


@pytest.mark.django_db
def test_rows_keep_the_querysets_ordering_when_the_request_names_no_sort():
    for name, email, joined in [("Cy", "a@x.org", 3), ("Al", "c@x.org", 1), ("Bo", "b@x.org", 2)]:
        Customer.objects.create(name=name, email=email, country="GB", joined=date(2026, 1, joined))

    class ByModelOrdering(TableSerializer):  # Customer's Meta.ordering: name
        class Meta:
            model = Customer
            columns = {"email": "Email", "name": "Name"}

    class ByQuerysetOrdering(ByModelOrdering):
        @staticmethod
        def get_queryset(**kwargs):
            return Customer.objects.order_by("-joined")

    result = serialize(ByModelOrdering)
    assert result.order == []
    assert [row["name"] for row in result.data] == ["Al", "Bo", "Cy"]
    assert [row["name"] for row in serialize(ByQuerysetOrdering).data] == ["Cy", "Bo", "Al"]
    paged = [serialize(ByQuerysetOrdering, start=i, length=1).data[0]["name"] for i in range(3)]
    assert paged == ["Cy", "Bo", "Al"]


@pytest.mark.django_db
def test_meta_order_is_the_sort_when_the_request_names_none():
    assert serialize(PeopleTable).order == []
    assert serialize(OrdersTable).order == [[3, "desc"], [1, "asc"]]


def test_empty_meta_order_keeps_the_data_order():
    class Unsorted(PeopleTable):
        class Meta:
            order = []

    result = serialize(Unsorted)
    assert result.order == []
    assert [row["name"] for row in result.data] == ["Ada", "Alan", "grace"]


def test_meta_order_must_name_columns():
    class Wrong(PeopleTable):
        class Meta:
            order = ["-height"]

    with pytest.raises(ImproperlyConfigured, match="'height'"):
        serialize(Wrong)


def test_title_names_the_serializer():
    assert OrdersTable._meta.name == "Orders"
    assert OrdersTable._meta.verbose_name == "Orders"
    assert str(OrdersTable()) == "Orders"

    class Named(OrdersTable):
        class Meta:
            title = "Shown"
            name = "named"
            verbose_name = "Named"

    assert (Named._meta.name, Named._meta.verbose_name) == ("named", "Named")
    assert PeopleTable._meta.name == "PeopleTable"


def test_serializer_media_is_its_own():
    class WithMedia(PeopleTable):
        class Media:
            css = {"all": ["extra.css"]}

    assert isinstance(PeopleTable().get_media(), Media)
    assert "extra.css" in str(WithMedia().get_media())


# -- data ------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_default_queryset_is_the_model_default_manager():
    make_shop(3)
    assert list(OrdersTable().get_data()) == list(Order.objects.all())


def test_get_queryset_needs_a_model():
    with pytest.raises(ImproperlyConfigured, match=r"needs Meta\.model"):
        PeopleTable().get_queryset()


def test_get_data_may_be_a_classmethod_taking_only_what_it_uses():
    class Filtered(PeopleTable):
        @classmethod
        def get_data(cls, filters):
            return [row for row in PEOPLE if row["name"].startswith(filters["prefix"])]

    assert len(Filtered.serialize(filters={"prefix": "A"}, request=None).data) == 2


def test_get_data_may_be_an_instance_method_receiving_every_kwarg():
    seen = {}

    class Recording(PeopleTable):
        def get_data(self, **kwargs):
            seen.update(kwargs)
            return PEOPLE

    Recording.serialize(request="r", object="o", filters={})
    assert seen == {"request": "r", "object": "o", "filters": {}}


@pytest.mark.django_db
def test_get_queryset_override_receives_the_kwargs_it_names():
    make_shop(6)

    class Mine(OrdersTable):
        def get_queryset(self, object):
            return Order.objects.filter(customer=object)

    customer = Customer.objects.get(name="Ada Lovelace")
    assert Mine.serialize(object=customer, filters={}).total == 2


def test_get_data_may_be_async():
    class Async(PeopleTable):
        async def get_data(self, **kwargs):
            return PEOPLE

    assert Async.serialize().total == 3


def test_any_iterable_of_rows_works():
    class Generated(PeopleTable):
        @staticmethod
        def get_data(**kwargs):
            return (row for row in PEOPLE)

    class Tupled(PeopleTable):
        @staticmethod
        def get_data(**kwargs):
            return tuple(PEOPLE)

    assert Generated.serialize(filters={"length": "2"}).total == 3
    assert len(Tupled.serialize(filters={"length": "2"}).data) == 2


# -- output ----------------------------------------------------------------------------------


def test_serialize_answers_the_datatables_shape():
    result = serialize(PeopleTable, draw="4", start="1", length="1")
    assert isinstance(result, SerializedTable)
    assert dataclasses.asdict(result) == {
        "data": [{"name": "Alan", "age": "-", "admin": "No"}],
        "columns": {"name": "Name", "age": "Age", "admin": "Admin"},
        "columns_datatables": [
            {"data": "name", "title": "Name"},
            {"data": "age", "title": "Age"},
            {"data": "admin", "title": "Admin"},
        ],
        "order": [],
        "draw": 4,
        "total": 3,
        "filtered": 3,
    }


def test_order_echoes_the_requested_sort():
    result = serialize(PeopleTable, **{"order[0][column]": "1", "order[0][dir]": "desc"})
    assert result.order == [[1, "desc"]]
    assert [row["name"] for row in result.data] == ["grace", "Ada", "Alan"]


def test_list_search_and_sort_give_the_right_rows():
    result = serialize(
        PeopleTable,
        **{"search[value]": "A", "order[0][column]": "0", "order[0][dir]": "desc"},
    )
    assert [row["name"] for row in result.data] == ["grace", "Alan", "Ada"]
    result = serialize(PeopleTable, **{"columns[0][search][value]": "al"})
    assert [row["name"] for row in result.data] == ["Alan"]
    assert (result.total, result.filtered) == (3, 1)


@pytest.mark.django_db
def test_queryset_search_and_sort_give_the_right_rows():
    make_shop(30)
    result = serialize(
        OrdersTable,
        **{
            "search[value]": "grace",
            "order[0][column]": "3",
            "order[0][dir]": "asc",
            "order[1][column]": "0",
            "order[1][dir]": "desc",
            "length": "100",
        },
    )
    expected = Order.objects.filter(customer__name="Grace Hopper").order_by("quantity", "-id")
    assert [row["id"] for row in result.data] == [o.id for o in expected]
    assert (result.total, result.filtered) == (30, 10)


def test_cells_are_formatted():
    moment = timezone.now() - timedelta(hours=3)
    assert format_value(moment) == "3\xa0hours ago"
    assert format_value(True) == "Yes"
    assert format_value(False) == "No"
    assert format_value(None) == "-"
    assert format_value(0) == 0


@pytest.mark.django_db
def test_relation_paths_fill_cells():
    make_shop(3)
    result = serialize(OrdersTable, **{"order[0][column]": "0"})
    assert result.data[0]["customer__name"] == "Ada Lovelace"
    assert result.data[0]["product__name"] == "atlas"


def test_missing_attributes_show_a_dash_and_log_once(caplog):
    class Objects(TableSerializer):
        class Meta:
            columns = {"name": "Name", "nothing": "Nothing"}

        @staticmethod
        def get_data(**kwargs):
            return [SimpleNamespace(name="a"), SimpleNamespace(name="b")]

    with caplog.at_level(logging.WARNING, logger="dashboards"):
        result = Objects.serialize()
    assert [row["nothing"] for row in result.data] == ["-", "-"]
    assert caplog.text.count("no attribute 'nothing'") == 1


def test_get_field_value_replaces_the_cell():
    class Ages(PeopleTable):
        def get_age_value(self, row):
            return f"{row['age'] or '?'} years"

    assert [row["age"] for row in serialize(Ages).data] == ["36 years", "? years", "85 years"]


def test_cells_and_titles_are_escaped_html():
    class Hostile(TableSerializer):
        class Meta:
            columns = {"name": "<script>alert('title')</script>", "html": "Trusted"}

        @staticmethod
        def get_data(**kwargs):
            return [{"name": "<script>alert('cell')</script>", "html": "x"}]

        @staticmethod
        def get_html_value(row):
            return mark_safe("<b>trusted</b>")

    result = Hostile.serialize()
    assert result.data[0]["name"] == "&lt;script&gt;alert(&#x27;cell&#x27;)&lt;/script&gt;"
    assert result.data[0]["html"] == "<b>trusted</b>"
    assert result.columns_datatables[0]["title"].startswith("&lt;script&gt;")
    assert result.columns["name"].startswith("&lt;script&gt;")
    encoded = json.dumps(dataclasses.asdict(result), cls=DjangoJSONEncoder)
    assert "<script>" not in encoded


def test_to_html_keeps_numbers_and_dates_and_escapes_the_rest():
    assert to_html(Decimal("1.50")) == Decimal("1.50")
    assert to_html(date(2026, 1, 2)) == date(2026, 1, 2)
    assert to_html("<i>") == "&lt;i&gt;"
    assert isinstance(to_html(["<i>"]), SafeString)
    assert to_html(["<i>"]) == "[&#x27;&lt;i&gt;&#x27;]"


@pytest.mark.django_db
def test_first_as_absolute_url_links_escaped_values():
    make_shop(3)

    class Customers(TableSerializer):
        class Meta:
            model = Customer
            columns = {"name": "Name", "country": "Country"}
            first_as_absolute_url = True
            order = ["name"]

    result = serialize(Customers)
    hostile = result.data[0]["name"]
    customer = Customer.objects.get(name__startswith="<")
    assert hostile == (
        f'<a href="{customer.get_absolute_url()}">&lt;script&gt;alert(1)&lt;/script&gt;</a>'
    )
    assert result.data[1]["name"].startswith('<a href="/dashboards/')


def test_first_as_absolute_url_skips_dict_rows():
    class Linked(PeopleTable):
        class Meta:
            first_as_absolute_url = True

    assert serialize(Linked).data[0]["name"] == "Ada"


def test_columns_the_database_cannot_sort_are_marked():
    class WithProperty(OrdersTable):
        class Meta:
            columns = {"id": "Order", "customer": "Customer"}
            order = []

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(WithProperty, "get_queryset", lambda self, **kw: Order.objects.none())
        result = serialize(WithProperty)
    assert result.columns_datatables[1] == {
        "data": "customer",
        "title": "Customer",
        "orderable": False,
    }


# -- paging ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_page_of_ten_thousand_rows_is_one_limit_query():
    demo.load(end=date(2026, 6, 30))
    with CaptureQueriesContext(connection) as queries:
        result = serialize(OrdersTable, start="50", length="25", draw="2")
    assert (len(result.data), result.total, result.filtered) == (25, 10_000, 10_000)
    orders = [q["sql"] for q in queries if 'FROM "shop_order"' in q["sql"]]
    page = [sql for sql in orders if "LIMIT 25" in sql]
    assert len(page) == 1
    assert "OFFSET 50" in page[0]
    assert 'INNER JOIN "shop_customer"' in page[0]  # one query: the relations are joined
    assert all("LIMIT" in sql or "COUNT(" in sql for sql in orders)
    assert len(queries) == 2  # COUNT, then the page


@pytest.mark.django_db
def test_a_searched_page_counts_twice_and_fetches_once():
    make_shop(30)
    with CaptureQueriesContext(connection) as queries:
        result = serialize(OrdersTable, **{"search[value]": "ada", "length": "5"})
    assert (result.total, result.filtered, len(result.data)) == (30, 10, 5)
    assert len(queries) == 3


def test_without_length_a_page_holds_at_most_max_page_size_rows():
    class Small(PeopleTable):
        class Meta:
            max_page_size = 2

    class Unlimited(PeopleTable):
        class Meta:
            max_page_size = 0  # no limit (None takes the setting's)

    assert len(serialize(Small).data) == 2
    assert len(serialize(Small, length="-1").data) == 2
    assert len(serialize(Unlimited, length="-1").data) == 3


def test_a_start_past_the_end_gives_the_last_page():
    result = serialize(PeopleTable, start="99", length="2")
    assert [row["name"] for row in result.data] == ["grace"]


@pytest.mark.parametrize(
    "filters",
    [
        {"start": "nan", "length": "ten", "draw": "<script>"},
        {"start": "-5", "length": "-9", "order[0][column]": "99", "order[0][dir]": "sideways"},
        {"order[0][column]": "x", "columns[9][search][value]": "y", "search[value]": ""},
    ],
)
def test_garbage_parameters_still_answer(filters):
    result = serialize(PeopleTable, **filters)
    assert result.draw == 1
    assert result.total == 3
    assert len(result.data) == 3


# -- rows without a serializer ---------------------------------------------------------------


@pytest.mark.django_db
def test_for_data_takes_columns_from_models_values_and_rows():
    assert list(TableSerializer.for_data(Order.objects.all()).get_columns())[:3] == [
        "id",
        "customer",
        "product",
    ]
    counted = Order.objects.values("customer__name").annotate(orders=Count("id"))
    assert TableSerializer.for_data(counted).get_columns() == {
        "customer__name": "Customer name",
        "orders": "Orders",
    }
    assert "status" in TableSerializer.for_data(Order.objects.values()).get_columns()
    make_shop(1)
    assert "email" in TableSerializer.for_data(list(Customer.objects.all())).get_columns()


def test_for_data_takes_columns_from_dataclasses_and_objects():
    @dataclasses.dataclass
    class Row:
        first_name: str

    assert TableSerializer.for_data([Row("a")]).get_columns() == {"first_name": "First name"}
    assert TableSerializer.for_data([SimpleNamespace(a=1, _private=2)]).get_columns() == {"a": "A"}


def test_for_data_keeps_the_rows_order():
    serializer = TableSerializer.for_data(PEOPLE)
    assert [row["name"] for row in serializer().serialize_data(PEOPLE).data] == [
        "Ada",
        "Alan",
        "grace",
    ]
    assert issubclass(serializer, BaseTableSerializer)
