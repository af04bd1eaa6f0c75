"""Table search and sort give the same rows on every database: tox runs these on SQLite and on
PostgreSQL, and each test checks the database's answer against Python's (the list processor)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from asgiref.sync import sync_to_async
from django.contrib.auth.models import User
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from dashboards.component.table import Table, TableSerializer
from dashboards.component.table.mixins import (
    DecimalText,
    TableListProcessor,
    TableQuery,
    TableQuerysetProcessor,
)
from examples.shop.models import Category, Product

PRODUCT_COLUMNS = ["name", "price", "category__name"]
rf = RequestFactory()
USER_COLUMNS = ["username", "is_staff", "last_login"]
PRODUCTS = [
    ("Zine", "2.00"),
    ("atlas", "40.00"),
    ("Apple", "3.05"),
    ("b c", "7.00"),
    ("bc", "7.10"),
    ("B", "0.50"),
    ("_under", "1.00"),
    ("100%", "100.00"),
]


class ProductTable(TableSerializer):
    class Meta:
        model = Product
        columns = {"name": "Name", "price": "Price", "category__name": "Category"}


def make_products():
    books = Category.objects.create(name="Books")
    for number, (name, price) in enumerate(PRODUCTS):
        Product.objects.create(name=name, slug=f"p{number}", category=books, price=Decimal(price))
    return Product.objects.select_related("category")


@pytest.fixture
def products(db):
    return make_products()


@pytest.fixture
def users(db):
    now = timezone.now()
    logins = [None, now, None, now - timedelta(days=1)]
    for number, login in enumerate(logins):
        User.objects.create(username=f"user{number}", is_staff=number % 2 == 0, last_login=login)
    return User.objects.all()


def searched(queryset, columns, **filters):
    """The names of the rows found by the database and by Python for the same request."""
    query = TableQuery.from_filters(filters, columns)
    in_database = TableQuerysetProcessor.filter_queryset(queryset, query, columns)
    in_python = TableListProcessor.filter_list(list(queryset), query, columns)
    return sorted(map(str, in_database)), sorted(map(str, in_python))


def sorted_both(queryset, order):
    """The rows in the order the database sorts them, and in the order Python does."""
    in_database = TableQuerysetProcessor.sort_queryset(queryset, order)
    in_python = TableListProcessor.sort_list(list(queryset.order_by("pk")), order)
    return list(map(str, in_database)), list(map(str, in_python))


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("ATLAS", ["atlas"]),
        ("BOOK", sorted(name for name, _ in PRODUCTS)),  # the category of each
        ("b c", ["b c"]),
        ("40.00", ["atlas"]),
        ("2.0", ["Zine"]),
        (".50", ["B"]),
        ("00", ["100%", "Zine", "_under", "atlas", "b c"]),
        ("%", ["100%"]),
        ("_", ["_under"]),
        ("zzz", []),
    ],
)
def test_search_finds_what_python_finds(products, search, expected):
    in_database, in_python = searched(products, PRODUCT_COLUMNS, **{"search[value]": search})
    assert in_database == in_python == expected


def test_a_decimal_is_searched_with_all_its_decimal_places(products):
    query = {"columns[1][search][value]": "7.00"}
    assert searched(products, PRODUCT_COLUMNS, **query) == (["b c"], ["b c"])


def test_a_boolean_is_searched_as_true_or_false(users):
    in_database, in_python = searched(users, USER_COLUMNS, **{"columns[1][search][value]": "TRUE"})
    assert in_database == in_python == ["user0", "user2"]
    in_database, in_python = searched(users, USER_COLUMNS, **{"search[value]": "false"})
    assert in_database == in_python == ["user1", "user3"]


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
@pytest.mark.parametrize("key", ["name", "price"])
def test_sort_orders_as_python_does(products, key, descending):
    in_database, in_python = sorted_both(products, [(key, descending)])
    assert in_database == in_python


def test_text_sorts_case_insensitively(products):
    in_database, _ = sorted_both(products, [("name", False)])
    assert in_database == ["100%", "_under", "Apple", "atlas", "B", "b c", "bc", "Zine"]


@pytest.mark.parametrize("descending", [False, True], ids=["ascending", "descending"])
def test_none_sorts_last_in_both_directions(users, descending):
    in_database, in_python = sorted_both(users, [("last_login", descending)])
    assert in_database == in_python
    assert in_database[2:] == ["user0", "user2"]


def test_a_second_sort_key_breaks_ties(users):
    in_database, in_python = sorted_both(users, [("is_staff", True), ("username", True)])
    assert in_database == in_python == ["user2", "user0", "user3", "user1"]


def test_decimal_text_keeps_every_decimal_place(products):
    texts = products.annotate(text=DecimalText(F("price"), 2)).values_list("text", flat=True)
    assert sorted(texts) == sorted(price for _, price in PRODUCTS)


# The async ORM path: the table's queryset is searched, sorted and paged from async code, in
# asgiref's thread (another connection than the test's: hence a transactional test).
@pytest.mark.django_db(transaction=True)
async def test_async_code_gets_the_page_sync_code_gets():
    await sync_to_async(make_products)()
    params = {"search[value]": "00", "order[0][column]": "1", "order[0][dir]": "desc", "length": 3}
    table = Table(value=ProductTable)
    in_async = await table.aget_value(request=rf.get("/", params))
    in_sync = await sync_to_async(table.get_value)(request=rf.get("/", params))
    assert in_async == in_sync
    assert [str(row["price"]) for row in in_async["data"]] == ["100.00", "40.00", "7.00"]
    assert (in_async["filtered"], in_async["total"]) == (5, 8)
