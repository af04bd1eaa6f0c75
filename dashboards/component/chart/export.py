"""A chart's data for export: its serializer's DataFrame, or the points of its figure's traces."""

from __future__ import annotations

import base64
import json
import sys
from array import array
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from dashboards.component.values import call_kwargs
from dashboards.export import ExportTable

if TYPE_CHECKING:
    from dashboards.component.chart.chart import Chart
    from dashboards.inputs import Inputs

__all__ = ["dataframe_table", "export_chart", "figure_table", "trace_array"]

#: The arrays of a trace that hold its points, in the order their columns come.
POINT_KEYS = (
    "x",
    "y",
    "z",
    "labels",
    "values",
    "parents",
    "ids",
    "text",
    "lat",
    "lon",
    "locations",
)
#: plotly's typed arrays (``{"dtype": "f8", "bdata": ...}``, little-endian) as ``array`` codes.
TYPE_CODES = {
    "i1": "b",
    "u1": "B",
    "i2": "h",
    "u2": "H",
    "i4": "i",
    "u4": "I",
    "i8": "q",
    "u8": "Q",
    "f4": "f",
    "f8": "d",
}


def export_chart(chart: Chart, inputs: Inputs) -> ExportTable:
    """The chart's data: the DataFrame its serializer's ``get_data`` gives (the rows it draws
    from), else the points of each trace of its figure."""
    source = chart.get_source(call_deferred=True)
    if isinstance(source, type) and hasattr(source, "serialize") and hasattr(source, "to_fig"):
        serializer = source()
        data = serializer.get_data(**call_kwargs(serializer.get_data, inputs.value_kwargs))
        if hasattr(data, "itertuples") and hasattr(data, "columns"):
            return dataframe_table(data, str(chart.get_label()))
    resolution = chart.get_resolution(inputs, call_deferred=True)
    if resolution.error is not None:
        raise resolution.error
    figure = json.loads(resolution.value)
    return figure_table(figure, str(chart.get_label(figure)))


def dataframe_table(frame: Any, title: str = "") -> ExportTable:
    """A pandas DataFrame's rows (missing values empty, numpy numbers as Python's)."""
    columns = {str(column): str(column) for column in frame.columns}
    plain = frame.astype(object).where(frame.notna(), None)
    return ExportTable(columns, plain.itertuples(index=False, name=None), title)


def figure_table(figure: Mapping[str, Any], title: str = "") -> ExportTable:
    """A figure's points: one row a point, a ``trace`` column naming its trace, then a column
    for each array of points the traces have (``x``, ``y``, ``labels``, ``values``…)."""
    traces = [trace for trace in figure.get("data") or [] if isinstance(trace, Mapping)]
    arrays = [{key: trace_array(trace.get(key)) for key in POINT_KEYS} for trace in traces]
    keys = [key for key in POINT_KEYS if any(points[key] is not None for points in arrays)]
    columns = {"trace": "trace", **{key: key for key in keys}}
    return ExportTable(columns, _points(traces, arrays, keys), title)


def _points(
    traces: list[Mapping[str, Any]], arrays: list[dict[str, list[Any] | None]], keys: list[str]
) -> Iterator[list[Any]]:
    for number, (trace, points) in enumerate(zip(traces, arrays, strict=True)):
        name = trace.get("name") or f"trace {number}"
        length = max((len(points[key] or []) for key in keys), default=0)
        for index in range(length):
            yield [name, *(_at(points[key], index) for key in keys)]


def _at(values: list[Any] | None, index: int) -> Any:
    if values is None or index >= len(values):
        return None
    value = values[index]
    return json.dumps(value) if isinstance(value, list | dict) else value


def trace_array(value: Any) -> list[Any] | None:
    """An array of a trace as a list: a JSON list, or plotly's typed array decoded; None for
    anything else (a scalar applies to every point, and is no column)."""
    if isinstance(value, list):
        return value
    if isinstance(value, Mapping) and "bdata" in value and value.get("dtype") in TYPE_CODES:
        values = array(TYPE_CODES[value["dtype"]])
        values.frombytes(base64.b64decode(value["bdata"]))
        if sys.byteorder == "big":  # pragma: no cover  (plotly writes little-endian)
            values.byteswap()
        shape = value.get("shape")
        if isinstance(shape, str) and "," in shape:
            rows, width = (int(part) for part in shape.split(",")[:2])
            return [values[row * width : (row + 1) * width].tolist() for row in range(rows)]
        return values.tolist()
    return None
