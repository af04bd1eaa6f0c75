"""Table serializers: declare a table's columns and data once; serve pages of it as HTML or JSON."""

from __future__ import annotations

import dataclasses
import datetime
import inspect
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any, ClassVar
from uuid import UUID

from asgiref.sync import async_to_sync
from django.contrib.humanize.templatetags.humanize import naturaltime
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.forms.widgets import Media, MediaDefiningClass
from django.utils.html import conditional_escape, format_html
from django.utils.text import capfirst
from django.utils.translation import gettext

from dashboards.component.table.mixins import SortKey, TableDataProcessorMixin, get_path
from dashboards.component.values import call_kwargs
from dashboards.log import logger
from dashboards.meta import ClassWithMeta, Options, name_after_title

__all__ = [
    "BaseTableSerializer",
    "SerializedTable",
    "TableSerializer",
    "TableSerializerOptions",
    "format_value",
    "to_html",
]

#: Values that are kept as they are in a serialized row (everything else becomes escaped text).
PLAIN_TYPES = (int, float, Decimal, datetime.date, datetime.time, datetime.timedelta, UUID)


@dataclasses.dataclass
class SerializedTable:
    """One page of a table, in the shape the DataTables server-side protocol answers."""

    #: The page's rows: column key -> cell, each cell escaped HTML (or a number or date).
    data: list[dict[str, Any]]
    #: Column key -> title (escaped HTML), in column order (``Meta.columns``).
    columns: dict[str, Any]
    #: ``[{"data": key, "title": title}, ...]`` (titles escaped HTML); ``"orderable": False``
    #: marks a column that cannot be sorted.
    columns_datatables: list[dict[str, Any]]
    #: The rows' sort as ``[[column index, "asc" | "desc"], ...]``, primary first.
    order: list[list[Any]]
    #: The request's ``draw`` counter, echoed.
    draw: int
    #: Rows before searching.
    total: int
    #: Rows after searching.
    filtered: int


def format_value(value: Any) -> Any:
    """A cell's value as shown: a datetime as "3 hours ago", a bool as Yes/No, None as "-"."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if isinstance(value, datetime.datetime):
        return naturaltime(value)
    return value


def to_html(value: Any) -> Any:
    """A cell as HTML: text (and anything else) escaped, safe strings, numbers and dates kept."""
    if isinstance(value, PLAIN_TYPES) and not isinstance(value, bool):
        return value
    return conditional_escape(value)


class TableSerializerOptions(Options):
    """The Meta options of a :class:`TableSerializer`."""

    #: Column key -> title, in order. Keys are fields, ``__`` paths across relations, or keys of
    #: the rows' dicts. Required to serialize.
    columns: dict[str, Any] | None = None
    #: Column keys, ``-`` first for descending: the sort when the request names none. None (or
    #: ``[]``) keeps the data's own order, as in django-dashboards.
    order: list[str] | None = None
    #: The table's caption; also the serializer's ``name`` and ``verbose_name`` unless its Meta
    #: sets them.
    title: str | None = None
    #: The model whose default manager supplies the rows (unless ``get_queryset`` is overridden).
    model: type[Model] | None = None
    #: Link the first column of model rows to ``row.get_absolute_url()``.
    first_as_absolute_url: bool = False
    #: Sort text case-insensitively.
    force_lower: bool = True
    #: The most rows one page may hold: None (the default) reads the setting
    #: ``DASHBOARDS_TABLE_MAX_PAGE_SIZE`` (100); 0 means no limit.
    max_page_size: int | None = None


class BaseTableSerializer(ClassWithMeta, TableDataProcessorMixin, metaclass=MediaDefiningClass):
    """The machinery of :class:`TableSerializer`; subclass that one."""

    media: ClassVar[Media]
    #: The options a table serializer's Meta may set.
    options_class = TableSerializerOptions
    _meta: ClassVar[TableSerializerOptions]

    class Meta:
        abstract = True

    @classmethod
    def postprocess_meta(
        cls, current_meta: dict[str, Any], resolved: dict[str, Any]
    ) -> dict[str, Any]:
        """``Meta.title`` names the serializer unless ``name``/``verbose_name`` do.

        A concrete serializer without ``Meta.columns`` raises ``ImproperlyConfigured`` here, when
        the class is created, as in django-dashboards; abstract ones may leave them to subclasses.
        """
        resolved = super().postprocess_meta(current_meta, resolved)
        if not resolved.get("abstract") and not resolved.get("columns"):
            raise ImproperlyConfigured(
                f"{cls.__name__} must define Meta.columns (or set Meta.abstract = True)."
            )
        return name_after_title(current_meta.get("title"), current_meta, resolved)

    def get_media(self) -> Media:
        """The serializer's own ``Media`` (CSS and JS), added to its component's."""
        return self.media

    # -- configuration ---------------------------------------------------------------------

    @classmethod
    def get_columns(cls) -> dict[str, Any]:
        """``Meta.columns``; ``ImproperlyConfigured`` for an abstract serializer or one without."""
        if cls._meta.abstract:
            raise ImproperlyConfigured(
                f"{cls.__name__} is abstract (Meta.abstract = True): serialize a subclass."
            )
        columns = cls._meta.columns
        if not columns:
            raise ImproperlyConfigured(f"{cls.__name__} must define Meta.columns.")
        return dict(columns)

    @classmethod
    def get_default_order(cls) -> list[SortKey]:
        """``Meta.order`` as sort keys; none when it is unset, so the rows keep the data's order
        (a queryset's own ordering, or the list as given)."""
        columns = list(cls.get_columns())
        order = cls._meta.order
        if not order:
            return []
        keys = []
        for name in order:
            key = name.removeprefix("-")
            if key not in columns:
                raise ImproperlyConfigured(
                    f"{cls.__name__}.Meta.order names {key!r}, which is not one of its columns."
                )
            keys.append((key, name.startswith("-")))
        return keys

    # -- data --------------------------------------------------------------------------------

    def get_queryset(self, **kwargs: Any) -> QuerySet[Any]:
        """The rows: ``Meta.model``'s default manager. Override it (or ``get_data``) for others."""
        model = self._meta.model
        if model is None:
            raise ImproperlyConfigured(
                f"{type(self).__name__} needs Meta.model, get_queryset() or get_data()."
            )
        return model._default_manager.all()

    def get_data(self, **kwargs: Any) -> Any:
        """The rows: a queryset, a list, or any iterable of dicts or objects.

        ``kwargs`` are the component's: ``request``, ``object`` and ``filters``.
        """
        return self.call("get_queryset", kwargs)

    def call(self, name: str, kwargs: dict[str, Any]) -> Any:
        """Call the method ``name`` with the ``kwargs`` its signature accepts (all for ``**kwargs``).

        So ``get_data``/``get_queryset`` may be instance, class or static methods, taking
        ``**kwargs`` or only the arguments they use.
        """
        return getattr(self, name)(**call_kwargs(getattr(type(self), name), kwargs))

    def fetch_data(self, **kwargs: Any) -> QuerySet[Any] | list[Any]:
        """Call ``get_data`` (awaiting it if it is async) and make its rows a queryset or a list."""
        data = self.call("get_data", kwargs)
        if inspect.isawaitable(data):
            data = async_to_sync(_await)(data)
        if isinstance(data, QuerySet | list):
            return data
        return list(data)

    # -- serializing -------------------------------------------------------------------------

    @classmethod
    def serialize(cls, **kwargs: Any) -> SerializedTable:
        """One page of the table, for the request parameters in ``kwargs["filters"]``.

        ``kwargs`` (``request``, ``object``, ``filters``) are passed on to ``get_data``.
        """
        serializer = cls()
        cls.get_columns()  # fail before fetching anything when misconfigured
        return serializer.serialize_data(serializer.fetch_data(**kwargs), kwargs.get("filters"))

    def serialize_data(
        self, data: QuerySet[Any] | list[Any], filters: Mapping[str, Any] | None = None
    ) -> SerializedTable:
        """Search, sort, page and format ``data`` (a queryset or a list) for ``filters``."""
        cls = type(self)
        columns = cls.get_columns()
        query = cls.get_query(filters)
        if isinstance(data, QuerySet):
            data = cls.select_related_columns(data, columns)
        total = cls.count(data)
        searched = bool(query.search or query.column_search)
        order = cls.get_order(data, filters)
        data = cls.sort(cls.filter(data, filters), filters)
        page, filtered = cls.apply_paginator(
            data, query.start, query.length, count=None if searched else total
        )
        keys = list(columns)
        sortable = [
            not isinstance(data, QuerySet) or cls.is_database_column(data, key) for key in keys
        ]
        titles = {key: conditional_escape(title) for key, title in columns.items()}
        return SerializedTable(
            data=self.format_rows(page),
            columns=titles,
            columns_datatables=[
                {"data": key, "title": title} | ({} if orderable else {"orderable": False})
                for (key, title), orderable in zip(titles.items(), sortable, strict=True)
            ],
            order=[[keys.index(key), "desc" if desc else "asc"] for key, desc in order],
            draw=query.draw,
            total=total,
            filtered=filtered,
        )

    def format_rows(self, rows: Iterable[Any]) -> list[dict[str, Any]]:
        """Each row as a dict of cells (see :meth:`format_cell`)."""
        keys = list(type(self).get_columns())
        missing: set[str] = set()
        return [
            {
                key: self.format_cell(row, key, first=i == 0, missing=missing)
                for i, key in enumerate(keys)
            }
            for row in rows
        ]

    def format_cell(
        self, row: Any, key: str, first: bool = False, missing: set[str] | None = None
    ) -> Any:
        """One cell: the formatted value (a link on the first column with
        ``first_as_absolute_url``), or what ``get_<key>_value(row)`` returns; then escaped."""
        try:
            value = format_value(get_path(row, key))
        except AttributeError:
            if missing is not None and key not in missing:
                missing.add(key)
                logger.warning("%s: rows have no attribute %r", type(self).__name__, key)
            value = format_value(None)
        if first and self._meta.first_as_absolute_url and hasattr(row, "get_absolute_url"):
            value = format_html('<a href="{}">{}</a>', row.get_absolute_url(), value)
        getter = self.get_cell_getter(key)
        if getter is not None:
            value = getter(row)
        return to_html(value)

    def get_cell_getter(self, key: str) -> Any:
        """The serializer's ``get_<key>_value`` method for a column, if it has one (looked up
        once per column, not once per cell)."""
        getters: dict[str, Any] = self.__dict__.setdefault("_cell_getters", {})
        if key not in getters:
            getter = getattr(self, f"get_{key}_value", None)
            getters[key] = getter if callable(getter) else None
        return getters[key]

    @classmethod
    def for_data(cls, data: QuerySet[Any] | list[Any]) -> type[BaseTableSerializer]:
        """A serializer for rows that come without one: its columns are the model's fields, or
        the keys (attributes) of the first row; it keeps the data's own order."""
        columns = guess_columns(data)
        meta = type("Meta", (), {"columns": columns, "order": []})
        namespace = {"Meta": meta, "__module__": cls.__module__}
        metaclass: type = type(cls)  # MediaDefiningClass
        serializer: type[BaseTableSerializer] = metaclass(
            f"{cls.__name__}ForData", (cls,), namespace
        )
        return serializer


class TableSerializer(BaseTableSerializer):
    """A table's columns, data and options, declared in ``class Meta``.

    Put it in a :class:`~dashboards.component.table.table.Table`'s ``value`` or ``defer``; the
    table then shows one page at a time, searched and sorted in the database for a queryset.
    """

    class Meta:
        abstract = True


def _title(name: str) -> str:
    return capfirst(name.replace("__", " ").replace("_", " "))


def declared_columns(value: Mapping[str, Any]) -> dict[str, Any] | None:
    """Column key -> title that a serialized table names: its ``columns`` (a dict, or keys),
    else its DataTables columns; None when it names none."""
    columns = value.get("columns")
    if isinstance(columns, Mapping):
        return dict(columns)
    if columns:
        return {str(key): key for key in columns}
    if value.get("columns_datatables"):
        return {c["data"]: c.get("title", c["data"]) for c in value["columns_datatables"]}
    return None


def guess_columns(data: QuerySet[Any] | list[Any]) -> dict[str, Any]:
    """Column key -> title for rows without a serializer."""
    if isinstance(data, QuerySet):
        if getattr(data, "_fields", None) is None:  # model instances
            return {f.name: capfirst(f.verbose_name) for f in data.model._meta.concrete_fields}
        names = [*data.query.values_select, *data.query.annotation_select]
        return {name: _title(name) for name in names}
    if not data:
        return {}
    first = data[0]
    if isinstance(first, Mapping):
        return {str(key): _title(str(key)) for key in first}
    if hasattr(first, "_meta") and hasattr(first._meta, "concrete_fields"):
        return {f.name: capfirst(f.verbose_name) for f in first._meta.concrete_fields}
    if dataclasses.is_dataclass(first):
        return {f.name: _title(f.name) for f in dataclasses.fields(first)}
    return {name: _title(name) for name in vars(first) if not name.startswith("_")}


async def _await(awaitable: Any) -> Any:
    return await awaitable
