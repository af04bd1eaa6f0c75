"""A table's rows for export: every row the request's searches keep, in its sort, not one page.

The rows come from where the table's page comes from (its serializer's ``get_data``, or its value
callable), searched and sorted by the same DataTables parameters, read and bounded by
:class:`~dashboards.component.table.mixins.TableQuery`, and read from a queryset ``chunk_size``
rows at a time (``QuerySet.iterator``): the rows are never all in memory.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from asgiref.sync import async_to_sync
from django.db.models import QuerySet

from dashboards.component.table.mixins import get_path
from dashboards.component.table.serializers import (
    BaseTableSerializer,
    TableSerializer,
    declared_columns,
)
from dashboards.component.values import call_kwargs
from dashboards.export import ExportTable

if TYPE_CHECKING:
    from dashboards.component.table.table import DataTable
    from dashboards.inputs import Inputs

__all__ = ["export_cells", "export_table"]


def export_table(table: DataTable, inputs: Inputs, chunk_size: int) -> ExportTable:
    """The rows of ``table`` for this request's searches, sort and filters (not paged)."""
    title = str(table.get_caption() or table.verbose_name or table.key or "")
    kwargs = inputs.value_kwargs
    source = table.get_source(call_deferred=True)
    if isinstance(source, type) and issubclass(source, BaseTableSerializer):
        source.get_columns()  # fail before fetching anything when misconfigured
        serializer = source()
        data: Any = serializer.fetch_data(**kwargs)
    else:
        data = _call(source, kwargs) if callable(source) else source
        data = table.prepare_value(data)
        if data is None or isinstance(data, str | bytes):
            return ExportTable({}, [], title)
        if isinstance(data, Mapping):  # a serialized page, given as it is
            return _serialized_table(data, title)
        data = data if isinstance(data, QuerySet | list) else list(data)
        if not isinstance(data, QuerySet) and not data:
            return ExportTable({}, [], title)
        serializer = TableSerializer.for_data(data)()
    serializer_class = type(serializer)
    columns = serializer_class.get_columns()
    filters = inputs.filters
    if isinstance(data, QuerySet):
        data = serializer_class.select_related_columns(data, columns)
    data = serializer_class.sort(serializer_class.filter(data, filters), filters)
    rows = data.iterator(chunk_size=chunk_size) if isinstance(data, QuerySet) else data
    return ExportTable(columns, export_cells(serializer, rows, list(columns)), title)


def export_cells(
    serializer: BaseTableSerializer, rows: Any, keys: list[str]
) -> Iterator[list[Any]]:
    """Each row's cells: what the serializer's ``get_<key>_value`` gives, else the value itself
    (not formatted for the page: dates stay dates, None stays empty)."""
    getters = [serializer.get_cell_getter(key) for key in keys]
    for row in rows:
        yield [
            getter(row) if getter is not None else _value(row, key)
            for key, getter in zip(keys, getters, strict=True)
        ]


def _value(row: Any, key: str) -> Any:
    try:
        return get_path(row, key)
    except AttributeError:
        return None


def _call(source: Any, kwargs: dict[str, Any]) -> Any:
    """Call a value callable with the arguments it takes; run an async one to its end."""
    value = source(**call_kwargs(source, kwargs))
    while inspect.isawaitable(value):
        value = async_to_sync(_await)(value)
    return value


async def _await(awaitable: Any) -> Any:
    return await awaitable


def _serialized_table(value: Mapping[str, Any], title: str) -> ExportTable:
    """The rows of a serialized table (a dict with ``data`` and ``columns``)."""
    rows = list(value.get("data") or [])
    columns = declared_columns(value)
    if columns is None:
        columns = {str(key): key for key in (rows[0] if rows else {})}
    keys = list(columns)
    return ExportTable(columns, ([_value(row, key) for key in keys] for row in rows), title)
