"""Tests of dashboards.component.table.mixins: request parsing, searching, sorting and paging."""

import warnings
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.db.models import Count, F
from django.test.utils import CaptureQueriesContext

from dashboards.component.table.mixins import (
    MAX_INT,
    MAX_SEARCH_LENGTH,
    TableDataProcessorMixin,
    TableListProcessor,
    TableQuery,
    TableQuerysetProcessor,
    get_path,
    page_start,
    parse_int,
)
from examples.shop.models import Customer, Order
from tests.component.table.shop import make_shop

COLUMNS = ["name", "city", "age"]


# -- TableQuery ------------------------------------------------------------------------------


def test_query_defaults_without_parameters():
    assert TableQuery.from_filters(None, COLUMNS) == TableQuery(
        draw=1, start=0, length=None, search="", column_search={}, order=[]
    )


def test_query_reads_the_datatables_parameters():
    query = TableQuery.from_filters(
        {
            "draw": "3",
            "start": "20",
            "length": "10",
            "search[value]": " ada ",
            "columns[1][search][value]": "London",
            "order[0][column]": "2",
            "order[0][dir]": "desc",
            "order[1][column]": "0",
            "order[1][dir]": "asc",
        },
        COLUMNS,
    )
    assert query.draw == 3
    assert (query.start, query.length) == (20, 10)
    assert query.search == "ada"
    assert query.column_search == {"city": "London"}
    assert query.order == [("age", True), ("name", False)]


@pytest.mark.parametrize("garbage", ["x", "", "1.5", None, "9" * 5 + "z", "[]"])
def test_query_falls_back_to_defaults_for_garbage_numbers(garbage):
    query = TableQuery.from_filters(
        {"draw": garbage, "start": garbage, "length": garbage, "order[0][column]": garbage},
        COLUMNS,
    )
    assert (query.draw, query.start, query.length, query.order) == (1, 0, None, [])


def test_query_negative_start_means_the_first_row():
    assert TableQuery.from_filters({"start": "-30"}, COLUMNS).start == 0


def test_query_length_below_one_means_all_rows_up_to_the_cap():
    assert TableQuery.from_filters({"length": "-1"}, COLUMNS, max_length=1000).length == 1000
    assert TableQuery.from_filters({"length": "0"}, COLUMNS).length is None
    assert TableQuery.from_filters({}, COLUMNS, max_length=50).length == 50


def test_query_length_is_capped():
    assert TableQuery.from_filters({"length": "5000"}, COLUMNS, max_length=1000).length == 1000
    assert TableQuery.from_filters({"length": "5000"}, COLUMNS).length == 5000


def test_query_skips_unknown_and_repeated_sort_columns():
    query = TableQuery.from_filters(
        {
            "order[0][column]": "7",
            "order[1][column]": "1",
            "order[1][dir]": "DESC",
            "order[2][column]": "1",
            "order[2][dir]": "asc",
        },
        COLUMNS,
    )
    assert query.order == [("city", True)]


def test_query_direction_other_than_desc_is_ascending():
    query = TableQuery.from_filters({"order[0][column]": "0", "order[0][dir]": "up"}, COLUMNS)
    assert query.order == [("name", False)]


def test_query_ignores_blank_column_searches():
    query = TableQuery.from_filters({"columns[0][search][value]": "  "}, COLUMNS)
    assert query.column_search == {}


def test_parse_int():
    assert parse_int(" 12 ", 0) == 12
    assert parse_int(object(), 7) == 7


def test_page_start_past_the_end_is_the_last_page():
    assert page_start(100, 10, 35) == 30
    assert page_start(35, 10, 35) == 30
    assert page_start(100, None, 35) == 0
    assert page_start(5, 10, 0) == 5
    assert page_start(10, 10, 35) == 10


# -- get_path --------------------------------------------------------------------------------


def test_get_path_reads_dicts_objects_and_relations():
    row = SimpleNamespace(customer=SimpleNamespace(name="Ada"), missing=None)
    assert get_path(row, "customer__name") == "Ada"
    assert get_path(row, "missing__name") is None
    assert get_path({"customer__name": "flat"}, "customer__name") == "flat"
    assert get_path({"customer": {"name": "nested"}}, "customer__name") == "nested"
    assert get_path({}, "nothing") is None


def test_get_path_raises_for_a_missing_attribute():
    with pytest.raises(AttributeError):
        get_path(SimpleNamespace(), "nothing")


# -- lists -----------------------------------------------------------------------------------

ROWS = [
    {"name": "Ada", "city": "London", "age": 36, "secret": "zebra"},
    {"name": "grace", "city": "New York", "age": None, "secret": "x"},
    {"name": "Alan", "city": "london", "age": 41, "secret": "x"},
    {"name": "Linus", "city": "Helsinki", "age": 36, "secret": "x"},
]


def list_query(**filters):
    return TableQuery.from_filters(filters, COLUMNS)


def names(rows):
    return [row["name"] for row in rows]


def test_list_search_is_case_insensitive_over_the_columns():
    rows = TableListProcessor.filter_list(ROWS, list_query(**{"search[value]": "LONDON"}), COLUMNS)
    assert names(rows) == ["Ada", "Alan"]


def test_list_search_ignores_keys_that_are_not_columns():
    rows = TableListProcessor.filter_list(ROWS, list_query(**{"search[value]": "zebra"}), COLUMNS)
    assert rows == []


def test_list_column_searches_all_apply_without_duplicates():
    query = list_query(**{"columns[0][search][value]": "a", "columns[1][search][value]": "lon"})
    assert names(TableListProcessor.filter_list(ROWS, query, COLUMNS)) == ["Ada", "Alan"]
    query = list_query(**{"search[value]": "36", "columns[1][search][value]": "london"})
    assert names(TableListProcessor.filter_list(ROWS, query, COLUMNS)) == ["Ada"]


def test_list_search_matches_numbers_and_skips_none():
    rows = TableListProcessor.filter_list(ROWS, list_query(**{"search[value]": "41"}), COLUMNS)
    assert names(rows) == ["Alan"]


def test_list_without_searches_is_unchanged():
    assert TableListProcessor.filter_list(ROWS, list_query(), COLUMNS) is ROWS


def test_list_sort_first_key_is_primary():
    rows = TableListProcessor.sort_list(ROWS, [("age", False), ("name", True)])
    assert names(rows) == ["Linus", "Ada", "Alan", "grace"]
    rows = TableListProcessor.sort_list(ROWS, [("name", True), ("age", False)])
    assert names(rows) == ["Linus", "grace", "Alan", "Ada"]


def test_list_sort_puts_none_last_in_both_directions():
    assert names(TableListProcessor.sort_list(ROWS, [("age", False)]))[-1] == "grace"
    assert names(TableListProcessor.sort_list(ROWS, [("age", True)])) == [
        "Alan",
        "Ada",
        "Linus",
        "grace",
    ]


def test_list_sort_is_case_insensitive_with_force_lower():
    assert names(TableListProcessor.sort_list(ROWS, [("name", False)])) == [
        "Ada",
        "Alan",
        "grace",
        "Linus",
    ]
    assert names(TableListProcessor.sort_list(ROWS, [("name", False)], force_lower=False)) == [
        "Ada",
        "Alan",
        "Linus",
        "grace",
    ]


def test_list_sort_of_mixed_types_compares_text():
    rows = [{"v": 10}, {"v": "9"}, {"v": 1}]
    assert [r["v"] for r in TableListProcessor.sort_list(rows, [("v", False)])] == [1, 10, "9"]


def test_list_sort_and_search_of_objects_with_missing_attributes():
    rows = [SimpleNamespace(name="b"), SimpleNamespace(name="a"), SimpleNamespace()]
    assert [
        getattr(r, "name", None) for r in TableListProcessor.sort_list(rows, [("name", 0)])
    ] == [
        "a",
        "b",
        None,
    ]
    query = TableQuery.from_filters({"search[value]": "a"}, ["name"])
    assert len(TableListProcessor.filter_list(rows, query, ["name"])) == 1


# -- querysets -------------------------------------------------------------------------------

ORDER_COLUMNS = ["id", "customer__name", "product__name", "status", "customer"]


@pytest.fixture
def orders(db):
    make_shop(30)
    return Order.objects.all()


def test_model_fields_through_forward_relations_are_database_columns(orders):
    processor = TableQuerysetProcessor
    assert processor.is_database_column(orders, "customer__name")
    assert processor.is_database_column(orders, "product__category__name")
    assert not processor.is_database_column(orders, "customer")  # a relation, not a value
    assert not processor.is_database_column(orders, "nothing")
    assert not processor.is_database_column(orders, "customer__nothing")
    assert not processor.is_database_column(Customer.objects.all(), "orders__total")
    assert processor.is_database_column(orders.annotate(n=Count("id")), "n")


def test_queryset_search_ors_the_database_columns(orders):
    query = TableQuery.from_filters({"search[value]": "ZINE"}, ORDER_COLUMNS)
    found = TableQuerysetProcessor.filter_queryset(orders, query, ORDER_COLUMNS)
    assert found.count() == 15
    assert {o.product.name for o in found} == {"Zine"}


def test_queryset_column_searches_and_together(orders):
    query = TableQuery.from_filters(
        {"columns[1][search][value]": "ada", "columns[3][search][value]": "refunded"},
        ORDER_COLUMNS,
    )
    found = TableQuerysetProcessor.filter_queryset(orders, query, ORDER_COLUMNS)
    assert found.count() > 0
    assert all(o.customer.name == "Ada Lovelace" and o.status == "refunded" for o in found)


def test_queryset_search_skips_columns_the_database_cannot_search(orders):
    query = TableQuery.from_filters({"columns[4][search][value]": "anything"}, ORDER_COLUMNS)
    assert TableQuerysetProcessor.filter_queryset(orders, query, ORDER_COLUMNS) is orders


def test_queryset_sort_first_key_is_primary_then_pk(orders):
    ordered = TableQuerysetProcessor.sort_queryset(
        orders, [("product__name", True), ("quantity", False)]
    )
    rows = list(ordered.values_list("product__name", "quantity", "pk"))
    assert rows == sorted(rows, key=lambda r: (r[0].lower() != "zine", r[1], r[2]))
    assert "LOWER" in str(ordered.query).upper()


def test_queryset_sort_without_force_lower_uses_the_column(orders):
    ordered = TableQuerysetProcessor.sort_queryset(orders, [("product__name", False)], False)
    assert "LOWER" not in str(ordered.query).upper()
    assert ordered.values_list("product__name", flat=True).first() == "Zine"  # "Z" < "a"


def test_queryset_sort_skips_keys_the_database_cannot_sort(orders):
    ordered = TableQuerysetProcessor.sort_queryset(orders, [("customer", False)])
    assert ordered.query.order_by == ("-created", "-id")  # Order's Meta.ordering ends unique


def test_queryset_sort_by_an_annotation(orders):
    annotated = Customer.objects.annotate(n=Count("orders"))
    ordered = TableQuerysetProcessor.sort_queryset(annotated, [("n", True)])
    assert [c.n for c in ordered] == [10, 10, 10]


def test_queryset_sort_keeps_a_unique_last_key_alone(orders):
    ordered = TableQuerysetProcessor.sort_queryset(orders, [("id", True)])
    assert len(ordered.query.order_by) == 1
    emails = TableQuerysetProcessor.sort_queryset(Customer.objects.all(), [("email", False)])
    assert len(emails.query.order_by) == 2  # Lower(email) is not unique: pk is added
    assert TableQuerysetProcessor.sort_queryset(
        Customer.objects.order_by("-email"), []
    ).query.order_by == ("-email",)
    assert (
        TableQuerysetProcessor.sort_queryset(
            Customer.objects.order_by(F("name").asc()), []
        ).query.order_by[-1]
        == "pk"
    )
    assert (
        TableQuerysetProcessor.sort_queryset(
            Customer.objects.annotate(n=Count("orders")).order_by("n"), []
        ).query.order_by[-1]
        == "pk"
    )


def test_queryset_without_any_order_is_ordered_by_pk(db):
    assert TableQuerysetProcessor.sort_queryset(Group.objects.all(), []).query.order_by == ("pk",)
    by_pk = Group.objects.order_by("-pk")
    assert TableQuerysetProcessor.sort_queryset(by_pk, []).query.order_by == ("-pk",)


def test_unordered_queryset_gets_a_stable_order(orders):
    unordered = Customer.objects.order_by()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ordered = TableQuerysetProcessor.sort_queryset(unordered.values("name"), [])
        list(TableDataProcessorMixin.apply_paginator(ordered, 0, 2)[0])
    assert ordered.query.order_by == ("name", "pk")  # Customer's Meta.ordering, then pk


def test_select_related_columns_joins_the_relations(orders):
    joined = TableQuerysetProcessor.select_related_columns(orders, ORDER_COLUMNS)
    assert joined.query.select_related == {"customer": {}, "product": {}}
    assert TableQuerysetProcessor.select_related_columns(orders, ["id"]) is orders
    values = orders.values("customer__name")
    assert TableQuerysetProcessor.select_related_columns(values, ORDER_COLUMNS) is values


def test_get_relation_path():
    assert TableQuerysetProcessor.get_relation_path(Order, "product__category__name") == (
        "product__category"
    )
    assert TableQuerysetProcessor.get_relation_path(Order, "customer__nothing") == "customer"
    assert TableQuerysetProcessor.get_relation_path(Order, "quantity") is None


# -- the mixin -------------------------------------------------------------------------------


def test_count_and_paginate_a_list():
    assert TableDataProcessorMixin.count(ROWS) == 4
    page, count = TableDataProcessorMixin.apply_paginator(ROWS, 2, 10)
    assert (names(page), count) == (["Alan", "Linus"], 4)
    page, _ = TableDataProcessorMixin.apply_paginator(ROWS, 0, None)
    assert len(page) == 4


def test_paginate_a_queryset_runs_limit_and_offset(orders):
    with CaptureQueriesContext(connection) as queries:
        page, count = TableDataProcessorMixin.apply_paginator(orders, 10, 5)
    assert (len(page), count) == (5, 30)
    assert "LIMIT 5 OFFSET 10" in queries[-1]["sql"]
    assert "COUNT" in queries[0]["sql"].upper()


def test_paginate_past_the_end_gives_the_last_page(orders):
    page, _ = TableDataProcessorMixin.apply_paginator(orders, 500, 7, count=30)
    assert len(page) == 2


def test_mixin_needs_columns_from_its_subclass():
    with pytest.raises(NotImplementedError):
        TableDataProcessorMixin.get_columns()
    assert TableDataProcessorMixin.get_default_order() == []


# -- bounds on what a request may ask --------------------------------------------------------


def test_parse_int_clamps_huge_numbers_and_ignores_overlong_text():
    assert parse_int(str(10**15), 0) == MAX_INT
    assert parse_int(str(-(10**15)), 0) == -MAX_INT
    assert parse_int("9" * 100_000, 7) == 7


def test_query_bounds_every_number():
    huge = "9" * 18
    query = TableQuery.from_filters(
        {"draw": huge, "start": huge, "length": huge, "order[0][column]": huge}, COLUMNS
    )
    assert (query.draw, query.start, query.length, query.order) == (MAX_INT, MAX_INT, MAX_INT, [])
    assert TableQuery.from_filters({"draw": "-5"}, COLUMNS).draw == 0


def test_query_cuts_searches_to_the_maximum_length():
    long = "a" * 100_000
    query = TableQuery.from_filters(
        {"search[value]": long, "columns[1][search][value]": long, "order[0][dir]": long}, COLUMNS
    )
    assert query.search == "a" * MAX_SEARCH_LENGTH
    assert query.column_search == {"city": "a" * MAX_SEARCH_LENGTH}


class CappedCustomers(TableDataProcessorMixin):
    _meta = SimpleNamespace(force_lower=True, max_page_size=None)

    @classmethod
    def get_columns(cls):
        return {"name": "Name", "city": "City"}


def test_page_size_is_capped_by_the_setting_unless_meta_sets_one(settings):
    assert CappedCustomers.get_query({"length": "1000"}).length == 100
    assert CappedCustomers.get_query({"length": "-1"}).length == 100
    settings.DASHBOARDS_TABLE_MAX_PAGE_SIZE = 20
    assert CappedCustomers.get_query({"length": "1000"}).length == 20
    settings.DASHBOARDS_TABLE_MAX_PAGE_SIZE = None
    assert CappedCustomers.get_query({"length": "1000"}).length == 1000
    CappedCustomers._meta.max_page_size = 500
    try:
        assert CappedCustomers.get_query({"length": "1000"}).length == 500
        CappedCustomers._meta.max_page_size = 0
        assert CappedCustomers.get_query({"length": "-1"}).length is None
    finally:
        CappedCustomers._meta.max_page_size = None


@pytest.mark.django_db
def test_huge_search_and_numbers_on_a_queryset_do_not_fail():
    make_shop(3)
    long = "%_" * 50_000
    data = CappedCustomers.filter(
        Customer.objects.all(), {"search[value]": long, "columns[0][search][value]": long}
    )
    assert list(data) == []
    query = CappedCustomers.get_query({"start": "9" * 18, "length": "9" * 18})
    rows, count = CappedCustomers.apply_paginator(
        Customer.objects.order_by("pk"), query.start, query.length
    )
    assert count == Customer.objects.count()
    assert len(rows) == min(count, 100)
