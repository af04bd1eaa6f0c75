"""Tests of dashboards.component.stat.serializers: stat data, aggregates, periods, markup."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Avg, Sum
from django.test import RequestFactory
from django.utils import timezone

from dashboards.component import Stat
from dashboards.component.stat import StatDateChangeSerializer, StatSerializer
from dashboards.component.stat.serializers import (
    BaseStatSerializer,
    StatSerializerData,
    database_neutral_decimal,
)
from examples.shop.models import Category, Customer, Order, Product
from tests.component.test_base import bound

rf = RequestFactory()


@pytest.fixture
def shop(db):
    books = Category.objects.create(name="Books")
    games = Category.objects.create(name="Games")
    customer = Customer.objects.create(
        name="Ada", email="ada@example.com", country="GB", joined="2026-01-01"
    )
    products = {
        category: Product.objects.create(
            name=category.name, slug=category.name.lower(), category=category, price=Decimal(5)
        )
        for category in (books, games)
    }
    return customer, products


def order(shop, days_ago, total=5, category="Books"):
    customer, products = shop
    product = next(p for c, p in products.items() if c.name == category)
    return Order.objects.create(
        customer=customer,
        product=product,
        quantity=1,
        total=Decimal(total),
        created=timezone.now() - timedelta(days=days_ago),
    )


class OrderCount(StatSerializer):
    class Meta:
        model = Order
        title = "Orders"


class WeeklyOrders(StatDateChangeSerializer):
    class Meta:
        model = Order
        title = "Orders"
        date_field_name = "created"
        previous_delta = timedelta(days=7)


# -- StatSerializerData ---------------------------------------------------------------------


def test_change_without_previous_is_zero():
    assert StatSerializerData(title="t", value=5).change == 0.0


def test_change_from_zero_is_a_hundred_percent():
    assert StatSerializerData(title="t", value=5, previous=0).change == 100.0


def test_change_from_zero_to_zero_is_none_at_all():
    assert StatSerializerData(title="t", value=0, previous=0).change == 0.0


def test_change_is_the_percentage_difference():
    assert StatSerializerData(title="t", value=15, previous=10).change == 50.0
    assert StatSerializerData(title="t", value=5, previous=10).change == -50.0
    assert StatSerializerData(title="t", value=Decimal(3), previous=Decimal(2)).change == 50.0


def test_change_that_cannot_be_computed_is_none():
    assert StatSerializerData(title="t", value=None, previous=2).change is None
    assert StatSerializerData(title="t", value="x", previous=2).change is None


# -- StatSerializer -------------------------------------------------------------------------


def test_meta_defaults_count_the_primary_keys():
    meta = StatSerializer._meta
    assert (meta.model, meta.annotation_field, meta.title, meta.unit) == (None, "pk", "", "")
    assert meta.annotation.name == "Count"
    assert StatSerializer.template_name == "dashboards/components/stat/stat.html"


def test_title_is_the_name_and_defaults_to_the_class_name():
    assert OrderCount().get_title() == "Orders"

    class Untitled(StatSerializer):
        pass

    assert Untitled().get_title() == "Untitled"


def test_explicit_verbose_name_wins_over_the_title():
    class Named(StatSerializer):
        class Meta:
            title = "Title"
            name = "Name"
            verbose_name = "Verbose"

    assert (Named._meta.name, Named().get_title()) == ("Name", "Verbose")


def test_annotated_field_name():
    class Revenue(StatSerializer):
        class Meta:
            annotation = Sum
            annotation_field = "total"

    assert Revenue().annotated_field_name == "sum_total"
    assert OrderCount().annotated_field_name == "count_pk"


def test_get_queryset_without_a_model_is_improperly_configured():
    with pytest.raises(ImproperlyConfigured, match=r"needs Meta\.model"):
        StatSerializer().get_queryset()


def test_base_serializer_needs_get_data():
    with pytest.raises(NotImplementedError):
        BaseStatSerializer.serialize()


def test_serialize_aggregates_the_queryset(shop):
    order(shop, 1)
    order(shop, 2)
    data = OrderCount.serialize()
    assert data == StatSerializerData(title="Orders", value=2, unit="")


class Revenue(StatSerializer):
    class Meta:
        model = Order
        annotation = Sum
        annotation_field = "total"


class AverageOrder(Revenue):
    class Meta:
        annotation = Avg


def test_a_decimal_sum_has_the_fields_decimal_places_on_every_database(shop):
    order(shop, 1, total=5)
    order(shop, 2, total="2.5")
    assert str(Revenue.serialize().value) == "7.50"


def test_a_decimal_average_has_fifteen_significant_digits_on_every_database(shop):
    for total in (1, 1, 2):
        order(shop, 1, total=total)
    assert str(AverageOrder.serialize().value) == "1.33333333333333"


def test_database_neutral_decimal():
    assert str(database_neutral_decimal(Decimal(40), 2)) == "40.00"
    assert str(database_neutral_decimal(Decimal("2.5000000000000000"), None)) == "2.5"
    assert str(database_neutral_decimal(Decimal("62.2580645161290323"), None)) == "62.2580645161290"
    assert database_neutral_decimal(Decimal("9" * 40), 2) == Decimal("9" * 40)


def test_serialize_passes_request_object_and_filters_to_get_queryset(shop):
    order(shop, 1, category="Books")
    order(shop, 1, category="Games")
    order(shop, 1, category="Games")
    seen = {}

    class ByCategory(OrderCount):
        def get_queryset(self, filters=None, **kwargs):
            seen.update(kwargs, filters=filters)
            queryset = super().get_queryset()
            if filters.get("category"):
                queryset = queryset.filter(product__category__name=filters["category"])
            return queryset

    component = bound(Stat(value=ByCategory))
    request = rf.get("/", {"category": "Games"})
    assert component.get_value(request=request)["value"] == 2
    assert seen == {"request": request, "object": None, "filters": {"category": "Games"}}


def test_stat_follows_the_dashboard_object(shop):
    customer, _products = shop
    order(shop, 1)
    other = Customer.objects.create(
        name="Bob", email="b@example.com", country="FR", joined="2026-01-01"
    )

    class CustomerOrders(OrderCount):
        def get_queryset(self, object=None, **kwargs):
            return super().get_queryset().filter(customer=object)

    assert CustomerOrders.serialize(object=customer).value == 1
    assert CustomerOrders.serialize(object=other).value == 0


def test_a_get_queryset_that_takes_no_arguments_still_works(shop):
    """django-dashboards called ``get_queryset(self)``: such overrides keep working."""
    order(shop, 1, category="Books")
    order(shop, 1, category="Games")

    class GamesOnly(OrderCount):
        def get_queryset(self):
            return super().get_queryset().filter(product__category__name="Games")

    assert GamesOnly.serialize(object=None, filters={}).value == 1


def test_stat_component_renders_the_serializer_template(shop):
    order(shop, 1)
    component = bound(Stat(value=OrderCount))
    html = component.render({})
    assert component.get_template_name() == "dashboards/components/stat/stat.html"
    assert f'<div id="{component.template_id}" class="stat stat--serialized">' in html
    assert '<h2 class="stat__title">Orders</h2>' in html
    assert '<p class="stat__text">1</p>' in html
    assert "stat__change" not in html  # no previous value, no change


def test_unit_follows_the_value_and_none_is_a_dash(db):
    class Revenue(StatSerializer):
        class Meta:
            model = Order
            annotation = Sum
            annotation_field = "total"
            unit = " €"

    assert '<p class="stat__text">\u2013 €</p>' in bound(Stat(value=Revenue)).render({})


def test_icon_is_trusted_html(shop):
    html = bound(Stat(value=OrderCount, icon="<svg id='i'></svg>")).render({})
    assert '<div class="stat__icon" aria-hidden="true"><svg id=\'i\'></svg></div>' in html


def test_serializers_load_no_third_party_assets():
    media = str(bound(Stat(value=OrderCount)).get_media())
    assert "http" not in media
    assert "feather" not in media
    assert "dashboards/css/stat.css" in media


def test_render_classmethod_renders_with_the_given_classes_and_icon(shop):
    order(shop, 1)
    html = OrderCount.render(
        template_id="orders",
        css_classes={"stat": "s", "title": "t", "text": "x"},
        icon="<b>i</b>",
        request=rf.get("/"),
        is_deferred=False,
    )
    assert '<div id="orders" class="s stat--serialized">' in html
    assert '<h2 class="t">Orders</h2>' in html
    assert '<p class="x">1</p>' in html
    assert "<b>i</b>" in html


# -- StatDateChangeSerializer ---------------------------------------------------------------


def test_date_change_compares_now_with_previous_delta_ago(shop):
    order(shop, 10)
    order(shop, 3)
    order(shop, 1)
    data = WeeklyOrders.serialize()
    assert (data.value, data.previous) == (3, 1)
    assert data.change == 200.0
    assert data.change_period == "1\xa0week"


def test_positive_change_shows_an_up_arrow_and_class_positive(shop):
    order(shop, 10)
    order(shop, 1)
    html = bound(Stat(value=WeeklyOrders)).render({})
    assert (
        '<p class="stat__change"><span class="positive text-success">'
        '<span aria-hidden="true">&uarr;</span> +100.0%</span> in 1\xa0week</p>'
    ) in html
    assert "negative" not in html


def test_negative_change_shows_a_down_arrow_and_class_negative(shop):
    order(shop, 10)
    order(shop, 9)

    class Recent(WeeklyOrders):
        def filter_period(self, queryset, end):
            return queryset.filter(created__gt=end - timedelta(days=7), created__lte=end)

    order(shop, 1)
    html = bound(Stat(value=Recent)).render({})
    assert (
        '<span class="negative text-danger"><span aria-hidden="true">&darr;</span> -50.0%</span>'
    ) in html
    assert "positive" not in html
    assert "&uarr;" not in html


def test_filter_period_override_compares_two_windows(shop):
    for days_ago in (12, 11, 10, 2):
        order(shop, days_ago)

    class Windows(WeeklyOrders):
        def filter_period(self, queryset, end):
            return queryset.filter(created__gt=end - timedelta(days=7), created__lte=end)

    data = Windows.serialize()
    assert (data.value, data.previous) == (1, 3)


def test_the_same_moment_is_used_for_value_previous_and_period():
    serializer = WeeklyOrders()
    assert serializer.now <= timezone.now()
    assert serializer.get_change_period() == "1\xa0week"


def test_date_change_needs_a_date_field_and_a_delta(db):
    class Misconfigured(StatDateChangeSerializer):
        class Meta:
            model = Order

    with pytest.raises(ImproperlyConfigured, match="date_field_name"):
        Misconfigured.serialize()


def test_date_field_may_be_compared_with_a_fixed_moment(shop):
    order(shop, 0)
    serializer = WeeklyOrders()
    serializer.now = datetime(2000, 1, 1, tzinfo=UTC)
    assert serializer.get_value() == 0
