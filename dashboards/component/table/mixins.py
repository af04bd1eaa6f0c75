"""Searching, sorting, counting and paging table data: querysets in the database, lists in Python.

The request parameters are the DataTables server-side ones (``draw``, ``start``, ``length``,
``search[value]``, ``columns[i][search][value]``, ``order[k][column]``, ``order[k][dir]``);
:class:`TableQuery` reads them, forgiving anything malformed and bounding every one of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce
from operator import and_, or_
from typing import Any, ClassVar, cast

from django.core.exceptions import FieldDoesNotExist
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    DecimalField,
    F,
    Field,
    Model,
    Q,
    QuerySet,
    TextField,
    Value,
    When,
)
from django.db.models.functions import Cast, Lower
from django.db.models.lookups import IContains
from django.db.models.sql.compiler import SQLCompiler

from dashboards.config import Config

__all__ = [
    "MAX_INT",
    "MAX_SEARCH_LENGTH",
    "DecimalText",
    "TableDataProcessorMixin",
    "TableListProcessor",
    "TableQuery",
    "TableQuerysetProcessor",
    "get_path",
]

#: One sort key: a column key and whether it sorts in descending order.
SortKey = tuple[str, bool]

#: The most characters a search (the table's or a column's) keeps: a longer one is cut to it.
MAX_SEARCH_LENGTH = 200
#: The largest ``draw``, ``start`` and ``length`` a request may give (larger ones are clamped).
MAX_INT = 2**31 - 1
#: The longest text read as a number (longer text is not one).
_MAX_DIGITS = 20


def parse_int(value: Any, default: Any) -> Any:
    """``value`` as an int between ``-MAX_INT`` and ``MAX_INT`` (clamped); ``default`` for anything
    that is not a whole number."""
    text = str(value).strip()
    if len(text) > _MAX_DIGITS:
        return default
    try:
        number = int(text)
    except (TypeError, ValueError):
        return default
    return max(-MAX_INT, min(number, MAX_INT))


def search_text(value: Any) -> str:
    """A search parameter as text, stripped and cut to ``MAX_SEARCH_LENGTH`` characters."""
    return str(value or "").strip()[:MAX_SEARCH_LENGTH].strip()


def get_path(row: Any, path: str) -> Any:
    """The value of ``path`` in a row: a dict key, else attributes along ``__``-separated parts.

    A dict holding the whole path as a key (``values("customer__name")``) answers it directly.
    A missing dict key, or a None part of the way, gives None; a missing attribute raises
    ``AttributeError``.
    """
    if isinstance(row, Mapping) and path in row:
        return row[path]
    value = row
    for part in path.split("__"):
        if value is None:
            return None
        value = value.get(part) if isinstance(value, Mapping) else getattr(value, part)
    return value


@dataclass(frozen=True)
class TableQuery:
    """What a request asks of a table: the page window, the searches and the sort.

    ``column_search`` maps a column key to the text searched for in that column; ``order`` lists
    the requested sort as ``(column key, descending)`` pairs, primary first, and is empty when the
    request names none.

    Malformed numbers fall back to the defaults; a negative ``start`` means 0; a ``length`` below 1
    (DataTables' -1, "All") or missing means every row, up to ``max_length`` (None: no cap).
    Numbers are clamped to ``MAX_INT`` and searches cut to ``MAX_SEARCH_LENGTH`` characters.
    """

    draw: int
    start: int
    length: int | None
    search: str
    column_search: dict[str, str]
    order: list[SortKey]

    @classmethod
    def from_filters(
        cls,
        filters: Mapping[str, Any] | None,
        columns: Sequence[str],
        max_length: int | None = None,
    ) -> TableQuery:
        """Read the DataTables parameters from ``filters`` (the request's GET or POST data)."""
        filters = filters or {}
        length = parse_int(filters.get("length"), 0)
        if length < 1:
            length = max_length or 0
        elif max_length:
            length = min(length, max_length)
        column_search = {}
        for index, key in enumerate(columns):
            text = search_text(filters.get(f"columns[{index}][search][value]"))
            if text:
                column_search[key] = text
        order: list[SortKey] = []
        for position in range(len(columns)):
            index = parse_int(filters.get(f"order[{position}][column]"), -1)
            if 0 <= index < len(columns) and columns[index] not in dict(order):
                descending = str(filters.get(f"order[{position}][dir]", "")).lower() == "desc"
                order.append((columns[index], descending))
        return cls(
            draw=max(parse_int(filters.get("draw"), 1), 0),
            start=max(parse_int(filters.get("start"), 0), 0),
            length=length or None,
            search=search_text(filters.get("search[value]")),
            column_search=column_search,
            order=order,
        )


def page_start(start: int, length: int | None, count: int) -> int:
    """Where a page really starts: ``start``, or the last page's start when it is past the end."""
    if start < count or count == 0:
        return start
    if not length:
        return 0
    return (count - 1) // length * length


class TableQuerysetProcessor:
    """Search, sort and page a QuerySet in the database (``icontains``, ``order_by``, a slice)."""

    @staticmethod
    def get_model_field(queryset: QuerySet[Any], path: str) -> Field[Any, Any] | None:
        """The model field a column path names, through forward relations; None if it names none.

        Only such fields (and annotations) can be searched and sorted in the database.
        """
        opts = queryset.model._meta
        parts = path.split("__")
        for position, part in enumerate(parts):
            try:
                model_field = opts.get_field(part)
            except FieldDoesNotExist:
                return None
            if position == len(parts) - 1:
                return model_field if model_field.concrete and not model_field.is_relation else None
            if not _is_forward_relation(model_field):
                return None
            opts = model_field.related_model._meta
        return None  # pragma: no cover  (the loop always returns)

    @classmethod
    def is_database_column(cls, queryset: QuerySet[Any], path: str) -> bool:
        """Whether the database can search and sort this column."""
        return path in queryset.query.annotations or cls.get_model_field(queryset, path) is not None

    @staticmethod
    def get_relation_path(model: type[Model], path: str) -> str | None:
        """The forward-relation part of a column path (``customer`` of ``customer__name``)."""
        opts = model._meta
        parts: list[str] = []
        for part in path.split("__"):
            try:
                model_field = opts.get_field(part)
            except FieldDoesNotExist:
                break
            if not _is_forward_relation(model_field):
                break
            parts.append(part)
            # A forward relation's related model is a model class (not None).
            opts = cast("type[Model]", model_field.related_model)._meta
        return "__".join(parts) or None

    @classmethod
    def select_related_columns(
        cls, queryset: QuerySet[Any], columns: Iterable[str]
    ) -> QuerySet[Any]:
        """Join the relations the columns read, so a page costs one query."""
        relations = {
            path
            for key in columns
            if (path := cls.get_relation_path(queryset.model, key)) is not None
        }
        if not relations:
            return queryset
        try:
            return queryset.select_related(*sorted(relations))
        except TypeError:  # a values() queryset: its rows are dicts already
            return queryset

    @classmethod
    def search_condition(cls, queryset: QuerySet[Any], key: str, text: str) -> Q:
        """Whether a database column's text contains ``text`` (case-insensitive), the text being
        the one Python's ``str()`` gives on every database: ``40.00`` for a decimal (SQLite
        keeps ``40``), ``True``/``False`` for a boolean (SQLite has ``1``/``0``)."""
        model_field = cls.get_model_field(queryset, key)
        if isinstance(model_field, DecimalField) and model_field.decimal_places is not None:
            return Q(IContains(DecimalText(F(key), model_field.decimal_places), text))
        if isinstance(model_field, BooleanField):
            words = Case(
                When(Q(**{key: True}), then=Value("True")),
                When(Q(**{key: False}), then=Value("False")),
                output_field=CharField(),
            )
            return Q(IContains(words, text))
        return Q(**{f"{key}__icontains": text})

    @classmethod
    def filter_queryset(
        cls, queryset: QuerySet[Any], query: TableQuery, columns: Sequence[str]
    ) -> QuerySet[Any]:
        """Keep the rows where any database column contains the search (case-insensitive), and
        every column searched on its own contains its text."""
        searchable = [key for key in columns if cls.is_database_column(queryset, key)]
        conditions = []
        if query.search and searchable:
            conditions.append(
                reduce(
                    or_, (cls.search_condition(queryset, key, query.search) for key in searchable)
                )
            )
        conditions.extend(
            cls.search_condition(queryset, key, text)
            for key, text in query.column_search.items()
            if key in searchable
        )
        if not conditions:
            return queryset
        return queryset.filter(reduce(and_, conditions))

    @classmethod
    def sort_queryset(
        cls, queryset: QuerySet[Any], order: Sequence[SortKey], force_lower: bool = True
    ) -> QuerySet[Any]:
        """``order_by`` the sort keys (None last), then the primary key so pages never overlap.

        Text columns sort case-insensitively with ``force_lower``. Without sort keys the
        queryset keeps its own ordering (its ``order_by``, else the model's ``Meta.ordering``),
        with the primary key added unless that ordering already ends with a unique field.
        """
        expressions: list[Any] = []
        for key, descending in order:
            model_field = cls.get_model_field(queryset, key)
            if model_field is None and key not in queryset.query.annotations:
                continue
            text = isinstance(model_field, CharField | TextField)
            expression = Lower(key) if force_lower and text else F(key)
            expressions.append(
                expression.desc(nulls_last=True) if descending else expression.asc(nulls_last=True)
            )
        if not expressions:
            expressions = list(queryset.query.order_by or queryset.model._meta.ordering or [])
        if not _ends_with_unique(queryset, expressions):
            expressions.append("pk")
        return queryset.order_by(*expressions)


class TableListProcessor:
    """Search, sort and page a list of rows (dicts or objects) in Python."""

    @staticmethod
    def _text(value: Any) -> str:
        return "" if value is None else str(value).lower()

    @classmethod
    def filter_list(cls, rows: list[Any], query: TableQuery, columns: Sequence[str]) -> list[Any]:
        """Keep the rows where any column contains the search, and every column searched on its
        own contains its text (case-insensitive); each row at most once."""
        search = query.search.lower()
        column_search = {key: text.lower() for key, text in query.column_search.items()}
        if not search and not column_search:
            return rows
        text = cls._text
        kept = []
        for row in rows:
            if search and not any(search in text(_cell_of(row, key)) for key in columns):
                continue
            if all(part in text(_cell_of(row, key)) for key, part in column_search.items()):
                kept.append(row)
        return kept

    @classmethod
    def sort_list(
        cls, rows: list[Any], order: Sequence[SortKey], force_lower: bool = True
    ) -> list[Any]:
        """Sort by the keys, the first one primary; None values last in either direction."""
        rows = list(rows)
        for key, descending in reversed(order):  # stable sorts: the last pass is the primary key
            present: list[tuple[Any, Any]] = []
            missing: list[tuple[Any, Any]] = []
            for row in rows:
                value = _get_or_none(row, key)
                (missing if value is None else present).append((value, row))

            def sort_value(item: tuple[Any, Any], lower: bool = force_lower) -> Any:
                value = item[0]
                return value.lower() if lower and isinstance(value, str) else value

            try:
                present.sort(key=sort_value, reverse=descending)
            except TypeError:  # values of different types: compare them as text
                present.sort(key=lambda item: str(sort_value(item)), reverse=descending)
            rows = [row for _, row in present] + [row for _, row in missing]
        return rows


class TableDataProcessorMixin(TableQuerysetProcessor, TableListProcessor):
    """``filter``, ``sort``, ``count`` and ``apply_paginator`` for querysets and lists alike.

    The class using it supplies ``get_columns()`` (column key -> title), ``get_default_order()``
    (the sort when the request names none), and ``_meta.force_lower`` / ``_meta.max_page_size``.
    """

    _meta: ClassVar[Any]

    @classmethod
    def get_columns(cls) -> dict[str, Any]:
        """Column key -> title."""
        raise NotImplementedError

    @classmethod
    def get_default_order(cls) -> list[SortKey]:
        """The sort used when the request names none."""
        return []

    @classmethod
    def get_max_page_size(cls) -> int | None:
        """The most rows a page holds: ``Meta.max_page_size``, else the setting
        ``DASHBOARDS_TABLE_MAX_PAGE_SIZE`` (100); 0 or None there means no limit."""
        size = getattr(cls._meta, "max_page_size", None)
        if size is None:
            size = Config().DASHBOARDS_TABLE_MAX_PAGE_SIZE
        return size or None

    @classmethod
    def get_query(cls, filters: Mapping[str, Any] | None) -> TableQuery:
        """The request's table parameters, read against this table's columns."""
        return TableQuery.from_filters(filters, list(cls.get_columns()), cls.get_max_page_size())

    @classmethod
    def get_order(cls, data: Any, filters: Mapping[str, Any] | None) -> list[SortKey]:
        """The sort to apply: the request's, else the default; for a queryset, only the keys the
        database can sort by."""
        order = cls.get_query(filters).order or cls.get_default_order()
        if isinstance(data, QuerySet):
            order = [(key, desc) for key, desc in order if cls.is_database_column(data, key)]
        return order

    @classmethod
    def filter(cls, data: Any, filters: Mapping[str, Any] | None) -> Any:
        """The rows that match the request's searches."""
        query = cls.get_query(filters)
        if isinstance(data, QuerySet):
            return cls.filter_queryset(data, query, list(cls.get_columns()))
        return cls.filter_list(data, query, list(cls.get_columns()))

    @classmethod
    def sort(cls, data: Any, filters: Mapping[str, Any] | None) -> Any:
        """The rows in the request's order (else the default order)."""
        order = cls.get_order(data, filters)
        force_lower = getattr(cls._meta, "force_lower", True)
        if isinstance(data, QuerySet):
            return cls.sort_queryset(data, order, force_lower)
        return cls.sort_list(data, order, force_lower)

    @staticmethod
    def count(data: Any) -> int:
        """The number of rows: a COUNT query for a queryset."""
        return data.count() if isinstance(data, QuerySet) else len(data)

    @classmethod
    def apply_paginator(
        cls, data: Any, start: int, length: int | None, count: int | None = None
    ) -> tuple[list[Any], int]:
        """One page of rows (a LIMIT/OFFSET query for a queryset) and the number of rows in all.

        A ``start`` past the end gives the last page; a ``length`` of None, every row.
        """
        if count is None:
            count = cls.count(data)
        start = page_start(start, length, count)
        end = None if length is None else start + length
        return list(data[start:end]), count


class DecimalText(Cast):
    """A decimal column as text with all its decimal places, on every database: ``40.00``
    (SQLite stores 40, and its ``CAST`` gives ``40``)."""

    def __init__(self, expression: Any, decimal_places: int) -> None:
        super().__init__(expression, output_field=CharField())
        self.decimal_places = decimal_places

    def as_sqlite(
        self, compiler: SQLCompiler, connection: BaseDatabaseWrapper, **extra_context: Any
    ) -> tuple[str, tuple[str | int, ...]]:
        """``printf('%.2f', column)`` (for two decimal places)."""
        sql, params = compiler.compile(self.get_source_expressions()[0])
        return f"printf(%s, {sql})", (f"%.{self.decimal_places}f", *params)


def _is_forward_relation(model_field: Any) -> bool:
    """A foreign key or one-to-one field of this model (one related row, no duplicates)."""
    return bool(
        model_field.is_relation
        and model_field.concrete
        and (model_field.many_to_one or model_field.one_to_one)
    )


def _cell_of(row: Any, key: str) -> Any:
    """A row's value for a column: straight from a plain dict, else as ``_get_or_none`` finds it."""
    if type(row) is dict and key in row:
        return row[key]
    return _get_or_none(row, key)


def _get_or_none(row: Any, key: str) -> Any:
    try:
        return get_path(row, key)
    except AttributeError:
        return None


def _ends_with_unique(queryset: QuerySet[Any], expressions: list[Any]) -> bool:
    """Whether the last ordering term is the primary key or another unique field of the model."""
    if not expressions:
        return False
    last = expressions[-1]
    if hasattr(last, "expression"):  # OrderBy(F(name)) / OrderBy(Lower(name))
        last = getattr(last.expression, "name", None)
    if not isinstance(last, str):
        return False
    name = last.lstrip("-")
    if name == "pk":
        return True
    try:
        model_field = queryset.model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return bool(getattr(model_field, "unique", False))
