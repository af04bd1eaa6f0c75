"""The filter bar of the filters example: a django-filter FilterSet over the shop's orders."""

import django_filters

from examples.shop.models import Category, Order


# order-filter-start
class OrderFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(choices=Order.Status.choices, empty_label="Any status")
    category = django_filters.ModelChoiceFilter(
        field_name="product__category", queryset=Category.objects.all(), empty_label="Any category"
    )
    country = django_filters.CharFilter(
        field_name="customer__country", lookup_expr="iexact", label="Country code"
    )
    since = django_filters.DateFilter(field_name="created", lookup_expr="date__gte", label="Since")

    class Meta:
        model = Order
        fields = ["status", "category", "country", "since"]


# order-filter-end
