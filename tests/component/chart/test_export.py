"""Tests of dashboards.component.chart.export: a chart's data for download."""

import base64
from urllib.parse import parse_qs, urlsplit

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest
from django.test import override_settings

from dashboards.component.chart import Chart
from dashboards.component.chart.export import figure_table, trace_array
from dashboards.component.chart.serializers import PlotlyChartSerializer
from dashboards.inputs import Inputs
from tests.component.test_base import bound


def export(chart, filters=None):
    component = bound(chart)
    result = component.get_export(Inputs(filters=filters or {}, components={"c": component}))
    return result.columns, [list(row) for row in result.rows], result.title


def test_a_figures_traces_give_a_row_a_point():
    figure = go.Figure([go.Bar(name="Sales", x=["a", "b"], y=[1, 2]), go.Scatter(x=[1], y=[3])])
    columns, rows, _ = export(Chart(value=figure.update_layout(title="Totals")))
    assert columns == {"trace": "trace", "x": "x", "y": "y"}
    assert rows == [["Sales", "a", 1], ["Sales", "b", 2], ["trace 1", 1, 3]]


def test_the_title_is_the_figures():
    figure = go.Figure(go.Bar(x=[1], y=[1])).update_layout(title="Totals")
    assert export(Chart(value=figure))[2] == "Totals"


def test_numpy_arrays_are_decoded_from_plotlys_typed_arrays():
    figure = go.Figure(go.Scatter(x=np.array([1, 2, 3]), y=np.array([0.5, 1.5, 2.5])))
    assert export(Chart(value=figure))[1] == [
        ["trace 0", 1, 0.5],
        ["trace 0", 2, 1.5],
        ["trace 0", 3, 2.5],
    ]


def test_a_pie_exports_its_labels_and_values():
    columns, rows, _ = export(Chart(value=go.Figure(go.Pie(labels=["x", "y"], values=[3, 4]))))
    assert list(columns) == ["trace", "labels", "values"]
    assert rows == [["trace 0", "x", 3], ["trace 0", "y", 4]]


def test_a_dict_figure_with_uneven_arrays_leaves_the_missing_cells_empty():
    figure = {"data": [{"type": "bar", "x": [1, 2], "y": [5], "text": "same"}], "layout": {}}
    assert figure_table(figure).rows is not None
    assert list(figure_table(figure).rows) == [["trace 0", 1, 5], ["trace 0", 2, None]]


def test_a_two_dimensional_array_gives_a_list_a_row():
    values = np.arange(6, dtype="int32").reshape(2, 3)
    typed = {"dtype": "i4", "bdata": base64.b64encode(values.tobytes()).decode(), "shape": "2, 3"}
    assert trace_array(typed) == [[0, 1, 2], [3, 4, 5]]
    rows = list(figure_table({"data": [{"z": [[1, 2], [3, 4]]}]}).rows)
    assert rows == [["trace 0", "[1, 2]"], ["trace 0", "[3, 4]"]]


@pytest.mark.parametrize("value", [None, 3, "text", {"dtype": "c16", "bdata": ""}])
def test_anything_else_is_not_an_array(value):
    assert trace_array(value) is None


def test_no_figure_exports_no_points():
    columns, rows, _ = export(Chart(value=None))
    assert (columns, rows) == ({"trace": "trace"}, [])


class Sales(PlotlyChartSerializer):
    class Meta:
        title = "Sales"

    def get_data(self, filters, **kwargs):
        frame = pd.DataFrame({"day": ["mon", "tue"], "sales": [3, np.nan]})
        return frame[frame.day.str.contains(filters.get("day", ""))]

    def to_fig(self, data):
        return go.Figure(go.Bar(x=data.day, y=data.sales))


def test_a_serializers_dataframe_is_exported_not_its_figure():
    columns, rows, title = export(Chart(value=Sales))
    assert columns == {"day": "day", "sales": "sales"}
    assert rows == [["mon", 3.0], ["tue", None]]
    assert title == "Sales"


def test_the_serializer_receives_the_filters():
    assert export(Chart(value=Sales), {"day": "tu"})[1] == [["tue", None]]


class Drawn(PlotlyChartSerializer):
    def get_data(self, **kwargs):
        return [1, 2]

    def to_fig(self, data):
        return go.Figure(go.Bar(x=data, y=data))


def test_a_serializer_whose_data_is_no_dataframe_exports_its_figure():
    assert export(Chart(value=Drawn))[1] == [["trace 0", 1, 1], ["trace 0", 2, 2]]


def test_a_failing_value_raises_its_error():
    def broken(**kwargs):
        raise ValueError("no data")

    with pytest.raises(ValueError, match="no data"):
        export(Chart(value=broken))


# -- the download links ----------------------------------------------------------------------


def rendered(chart, filters=None):
    component = bound(chart)
    inputs = Inputs(filters=filters or {}, components={"c": component})
    return component.get_template_context(inputs, component.prepare_value(None))["chart"]


@override_settings(ROOT_URLCONF="examples.urls")
def test_a_chart_links_to_its_csv_with_the_filters():
    (download,) = rendered(Chart(value=None), {"status": "paid"})["downloads"]
    assert (download.format, download.label) == ("csv", "CSV")
    url = urlsplit(download.url)
    assert url.path.endswith("/@component/c/@export/csv/")
    assert parse_qs(url.query) == {"status": ["paid"]}


@override_settings(ROOT_URLCONF="examples.urls")
def test_a_chart_without_export_formats_has_no_links():
    assert rendered(Chart(value=None, export_formats=()))["downloads"] == []


def test_a_chart_outside_a_dashboard_has_no_links():
    chart = Chart(value=None)
    assert chart.get_downloads({"status": "paid"}) == []
