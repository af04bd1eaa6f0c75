"""Tests of dashboards.component.chart.serializers: data, figure, layout, dark theme, render."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from dashboards.component.chart import Chart, ChartSerializer
from dashboards.component.chart.serializers import (
    BaseChartSerializer,
    ModelDataMixin,
    PlotlyChartSerializer,
    PlotlyChartSerializerMixin,
)
from examples.shop.models import Category, Customer, Order, Product
from tests.component.test_base import bound

rf = RequestFactory()


@pytest.fixture
def orders(db):
    books = Category.objects.create(name="Books")
    book = Product.objects.create(name="Book", slug="book", category=books, price=Decimal(10))
    ada = Customer.objects.create(
        name="Ada", email="ada@example.com", country="GB", joined="2026-01-01"
    )
    return [
        Order.objects.create(
            customer=ada,
            product=book,
            quantity=quantity,
            total=Decimal(10 * quantity),
            created=datetime(2026, 1, quantity, tzinfo=UTC),
        )
        for quantity in (1, 2, 3)
    ]


class OrderTotals(ChartSerializer):
    class Meta:
        model = Order
        fields = ["quantity", "total"]
        title = "Order totals"
        width = 400
        height = 300

    layout = {"xaxis": {"title": {"text": "Quantity"}}}

    def to_fig(self, df):
        return go.Figure(go.Bar(x=df["quantity"].tolist(), y=df["total"].astype(float).tolist()))


def dark_request():
    request = rf.get("/")
    request.COOKIES["appearanceMode"] = "dark"
    return request


def test_class_chain_is_the_one_of_django_dashboards():
    assert ChartSerializer.__mro__[1:4] == (
        ModelDataMixin,
        PlotlyChartSerializer,
        PlotlyChartSerializerMixin,
    )
    assert issubclass(PlotlyChartSerializer, BaseChartSerializer)


def test_meta_defaults():
    meta = ChartSerializer._meta
    assert (meta.title, meta.width, meta.height, meta.fields, meta.model) == (None,) * 5
    assert (meta.displayModeBar, meta.staticPlot, meta.responsive) == (True, False, True)
    assert ChartSerializer.template_name == "dashboards/components/chart/plotly.html"


def test_title_is_also_the_name():
    assert OrderTotals._meta.verbose_name == "Order totals"
    assert ChartSerializer._meta.verbose_name == "ChartSerializer"


def test_explicit_verbose_name_wins_over_the_title():
    class Titled(ChartSerializer):
        class Meta:
            title = "Title"
            verbose_name = "Verbose"

    assert Titled._meta.verbose_name == "Verbose"


def test_get_queryset_without_a_model_is_improperly_configured():
    with pytest.raises(ImproperlyConfigured, match=r"needs Meta\.model"):
        ChartSerializer().get_queryset()


def test_get_data_is_a_dataframe_of_the_fields(orders):
    df = OrderTotals().get_data()
    assert list(df.columns) == ["quantity", "total"]
    assert sorted(df["quantity"]) == [1, 2, 3]


def test_get_data_without_fields_takes_every_field(orders):
    class AllFields(ChartSerializer):
        class Meta:
            model = Order

    assert {"quantity", "total", "status"} <= set(AllFields().get_data().columns)


def test_get_data_key_error_gives_an_empty_dataframe():
    class Broken(ChartSerializer):
        class Meta:
            fields = ["quantity"]

        def get_queryset(self, *args, **kwargs):
            return Order.objects.none()

        def convert_to_df(self, data, columns=None):
            if not isinstance(data, list):
                raise KeyError("quantity")
            return super().convert_to_df(data, columns)

    df = Broken().get_data()
    assert df.empty
    assert list(df.columns) == ["quantity"]


def test_serialize_returns_the_figure_json_with_the_meta_layout(orders):
    figure = json.loads(OrderTotals.serialize())
    assert figure["data"][0]["x"] == [3, 2, 1]  # the model's ordering: newest first
    layout = figure["layout"]
    assert layout["title"]["text"] == "Order totals"
    assert (layout["width"], layout["height"]) == (400, 300)
    assert layout["xaxis"]["title"]["text"] == "Quantity"


def test_empty_data_gives_the_no_data_chart(db):
    figure = json.loads(OrderTotals.serialize())
    assert figure["data"] == []
    assert figure["layout"]["annotations"][0]["text"] == "Order totals - No data"
    assert figure["layout"]["xaxis"] == {"visible": False}


def test_empty_chart_uses_the_class_name_without_a_title():
    class Untitled(ChartSerializer):
        pass

    text = json.loads(Untitled().empty_chart())["layout"]["annotations"][0]["text"]
    assert text == "Untitled - No data"


def test_serialize_passes_request_object_and_filters_to_get_queryset(orders):
    seen = {}

    class Filtered(OrderTotals):
        def get_queryset(self, *args, **kwargs):
            seen.update(kwargs)
            return Order.objects.filter(quantity__gte=kwargs["filters"]["min"])

    component = bound(Chart(value=Filtered))
    request = rf.get("/", {"min": "2"})
    value = json.loads(component.get_value(request=request))
    assert value["data"][0]["x"] == [3, 2]
    assert seen == {"request": request, "object": None, "filters": {"min": "2"}}


def test_layout_class_attribute_is_never_changed(orders):
    before = json.dumps(OrderTotals.layout)
    OrderTotals.serialize(request=dark_request())
    OrderTotals.serialize()
    assert json.dumps(OrderTotals.layout) == before


def test_subclass_gets_its_own_title_with_an_inherited_layout(orders):
    class Other(OrderTotals):
        class Meta:
            title = "Other"

    OrderTotals.serialize()
    assert json.loads(Other.serialize())["layout"]["title"]["text"] == "Other"
    assert json.loads(OrderTotals.serialize())["layout"]["title"]["text"] == "Order totals"
    assert "title" not in OrderTotals.layout


def test_layout_title_wins_over_the_meta_title():
    class LayoutTitle(PlotlyChartSerializer):
        class Meta:
            title = "Meta title"

        layout = {"title": "Layout title"}

    assert LayoutTitle().get_layout()["title"] == "Layout title"


def test_dark_cookie_applies_plotly_dark():
    serializer = OrderTotals()
    fig = serializer.apply_layout(go.Figure(), dark=True)
    assert fig.layout.template == pio.templates["plotly_dark"]
    assert fig.layout.paper_bgcolor == "rgba(0,0,0,0.05)"
    assert fig.layout.plot_bgcolor == "rgba(0,0,0,0.05)"


def test_serialize_reads_the_dark_cookie(orders):
    dark = json.loads(OrderTotals.serialize(request=dark_request()))
    light = json.loads(OrderTotals.serialize(request=rf.get("/")))
    assert dark["layout"]["paper_bgcolor"] == "rgba(0,0,0,0.05)"
    assert "paper_bgcolor" not in light["layout"]


def test_apply_layout_override_without_dark_still_works(orders):
    class Custom(OrderTotals):
        def apply_layout(self, fig):
            return fig.update_layout(title="Custom")

    figure = json.loads(Custom.serialize(request=dark_request()))
    assert figure["layout"]["title"]["text"] == "Custom"


def test_to_fig_may_return_a_figure_dict():
    class Dict(PlotlyChartSerializer):
        class Meta:
            title = "From a dict"

        def get_data(self, **kwargs):
            return [3, 1]

        def to_fig(self, data):
            return {"data": [{"type": "bar", "y": data}]}

    figure = json.loads(Dict.serialize())
    assert figure["data"][0]["y"] == [3, 1]
    assert figure["layout"]["title"]["text"] == "From a dict"


def test_get_data_may_return_any_dataframe():
    class Frame(PlotlyChartSerializer):
        def get_data(self, **kwargs):
            return pd.DataFrame({"x": [1, 2]})

        def to_fig(self, df):
            return go.Figure(go.Scatter(x=df["x"].tolist()))

    assert json.loads(Frame.serialize())["data"][0]["x"] == [1, 2]


def test_get_data_and_to_fig_must_be_written():
    with pytest.raises(NotImplementedError):
        PlotlyChartSerializer().get_data()
    with pytest.raises(NotImplementedError):
        ChartSerializer().to_fig(None)


def test_plotly_config_from_the_meta():
    class Static(ChartSerializer):
        class Meta:
            displayModeBar = False  # noqa: N815
            staticPlot = True  # noqa: N815

    assert Static.get_plotly_config() == {
        "displayModeBar": False,
        "staticPlot": True,
        "responsive": True,
    }
    assert ChartSerializer.get_plotly_config()["displayModeBar"] == "hover"
    assert Static.declared_plotly_config() == {"displayModeBar": False, "staticPlot": True}


def test_render_classmethod_renders_the_plotly_template(orders):
    html = OrderTotals.render("my-chart", request=rf.get("/"), css_classes="wide")
    assert '<div id="my-chart" class="dashboard-chart__figure"' in html
    assert 'class="dashboard-chart wide"' in html
    assert 'aria-label="Order totals"' in html
    assert 'data-display-mode-bar="hover"' in html
    assert 'data-theme="light"' in html
    assert '<script type="application/json" id="my-chart-figure">' in html


def test_render_classmethod_follows_the_dark_cookie(orders):
    assert 'data-theme="dark"' in OrderTotals.render("c", request=dark_request())


def test_get_media_is_plotly_and_the_chart_script():
    assert ChartSerializer().get_media()._js == [
        "dashboards/vendor/plotly.min.js",
        "dashboards/js/charts.js",
    ]
