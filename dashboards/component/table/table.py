"""Table components: ``BasicTable`` (a plain HTML table) and ``Table`` (paged, sorted and searched
on the server, driven by htmx)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.http import urlencode

from dashboards.component.base import Component, Downloadable
from dashboards.component.table.export import export_table
from dashboards.component.table.mixins import TableQuery, get_path, page_start, parse_int
from dashboards.component.table.serializers import (
    BaseTableSerializer,
    SerializedTable,
    TableSerializer,
    declared_columns,
    format_value,
    guess_columns,
)
from dashboards.export import CHUNK_SIZE, Download, ExportTable
from dashboards.inputs import Inputs, request_filters

__all__ = ["BasicTable", "DataTable", "Table", "TableColumn", "TableDownload", "TableView"]

#: The request parameters a Table's own controls set; every other parameter is carried along.
CONTROL_PARAMETERS = ("search[value]", "length", "start", "draw")
#: Parameters never carried into a Table's links (a POSTed form's CSRF token stays out of URLs).
DROPPED_PARAMETERS = ("csrfmiddlewaretoken",)


@dataclass
class TableColumn:
    """A column as its template shows it."""

    key: str
    title: Any
    #: Whether the column header is a sort button.
    orderable: bool = False
    #: ``aria-sort`` of the header: "ascending" or "descending" for the primary sort column.
    sort: str | None = None
    #: The URL that sorts by this column (descending if it is already the ascending one).
    sort_url: str | None = None


#: A download link of a table (the name of :class:`~dashboards.export.Download` before charts had them).
TableDownload = Download


@dataclass
class TableView:
    """What a table template needs: columns, rows of cells and, for a ``Table``, its controls."""

    columns: list[TableColumn]
    rows: list[list[Any]]
    caption: Any = None
    label: Any = None
    url: str = ""
    searching: bool = False
    search: str = ""
    paging: bool = False
    length: int | None = None
    page_sizes: list[int] = field(default_factory=list)
    total: int = 0
    filtered: int = 0
    #: 1-based number of the first row shown, and of the last (0 when there is none).
    first: int = 0
    last: int = 0
    previous_url: str | None = None
    next_url: str | None = None
    #: Hidden ``(name, value)`` inputs that carry the rest of the request's parameters.
    state: list[tuple[str, str]] = field(default_factory=list)
    #: The links that download every row the table's searches keep, in its sort.
    downloads: list[Download] = field(default_factory=list)


def columns_and_rows(value: Any) -> tuple[dict[str, Any], list[list[Any]]]:
    """A table value as column key -> title and rows of cells.

    ``value`` is a serialized table (a dict with ``data`` and ``columns``), or rows: a list,
    queryset or other iterable of dicts or objects, whose columns are the first row's keys.
    """
    if value is None:
        return {}, []
    if isinstance(value, Mapping):
        rows = list(value.get("data") or [])
        columns = declared_columns(value)
        if columns is None:
            columns = guess_columns(rows)
    else:
        data = value if isinstance(value, QuerySet | list) else list(value)
        columns = guess_columns(data)
        rows = list(data)
    return columns, [[format_value(_cell(row, key)) for key in columns] for row in rows]


def _cell(row: Any, key: str) -> Any:
    if isinstance(row, list | tuple):
        return None
    try:
        return get_path(row, key)
    except AttributeError:
        return None


@dataclass(repr=False, eq=False)
class BasicTable(Component):
    """A plain HTML table of its value: rows (dicts or objects) or a serializer's page.

    Every cell and header is escaped. It has no paging: a serializer's page holds at most
    ``Meta.max_page_size`` rows.
    """

    template_name: str | None = "dashboards/components/table/basic.html"

    css_string_key: ClassVar[str | None] = "table"

    class Media:
        css = {"all": ["dashboards/css/table.css"]}

    def get_serializer(self) -> type[BaseTableSerializer] | None:
        """The serializer class in ``defer`` or ``value``, if there is one."""
        for source in (self.defer, self.value):
            if isinstance(source, type) and issubclass(source, BaseTableSerializer):
                return source
        return None

    def get_caption(self) -> Any:
        """The visible caption: the serializer's ``Meta.title``, if it has one."""
        serializer = self.get_serializer()
        return getattr(serializer._meta, "title", None) if serializer else None

    def get_table_view(
        self, request: HttpRequest | None, value: Any, filters: dict[str, Any] | None = None
    ) -> TableView:
        """The columns and rows the template shows."""
        columns, rows = columns_and_rows(value)
        return TableView(
            columns=[TableColumn(key, title) for key, title in columns.items()],
            rows=rows,
            caption=self.get_caption(),
            label=self.verbose_name or self.key,
        )

    def get_template_context(self, inputs: Inputs, value: Any) -> dict[str, Any]:
        """Adds ``table``, the :class:`TableView` of the value for this request's filters."""
        context = super().get_template_context(inputs, value)
        context["table"] = self.get_table_view(inputs.request, value, inputs.filters)
        return context


@dataclass(repr=False, eq=False)
class DataTable(BasicTable, Downloadable):
    """A table paged, sorted and searched on the server; htmx swaps in each new page.

    Its value is a :class:`~dashboards.component.table.serializers.TableSerializer` class (the
    database does the work for a queryset), or rows (a list, queryset or iterable of dicts or
    objects), which the table pages, sorts and searches itself.
    """

    template_name: str | None = "dashboards/components/table/index.html"
    #: Rows per page, unless the request's ``length`` says otherwise.
    page_size: int = 10
    #: Show the search box.
    searching: bool = True
    #: Show one page at a time, with the page-size menu and previous/next buttons.
    paging: bool = True
    #: Make the column headers sort buttons.
    ordering: bool = True
    #: The formats its rows can be downloaded in (``"xlsx"`` needs the ``xlsx`` extra); an empty
    #: tuple turns the downloads (links and URLs) off.
    export_formats: tuple[str, ...] = ("csv", "json", "xlsx")

    #: The choices of the page-size menu (``page_size`` is added to them).
    page_sizes: ClassVar[tuple[int, ...]] = (10, 25, 50, 100)

    def get_table_filters(self, filters: dict[str, Any]) -> dict[str, Any]:
        """The filters the value receives: the request's, with ``length`` set to ``page_size``
        when paging and the request names no length (or one that is not a number)."""
        filters = dict(filters)
        if self.paging and self.page_size and parse_int(filters.get("length"), None) is None:
            filters["length"] = str(self.page_size)
        return filters

    def get_value_kwargs(self, inputs: Inputs) -> dict[str, Any]:
        """The request's keyword arguments, with the table's own filters."""
        return {**inputs.value_kwargs, "filters": self.get_table_filters(inputs.filters)}

    def finish_value(self, raw: Any, inputs: Inputs) -> Any:
        """Rows without a serializer are paged, sorted and searched here."""
        return self.tabulate(self.prepare_value(raw), self.get_table_filters(inputs.filters))

    def finishes_on_thread(self, raw: Any) -> bool:
        """Paging a queryset queries the database."""
        return isinstance(raw, QuerySet)

    def tabulate(self, value: Any, filters: dict[str, Any]) -> Any:
        """Rows (not already a serialized table) as one serialized page for ``filters``."""
        if value is None or isinstance(value, Mapping | str | bytes):
            return value
        if not isinstance(value, Iterable):
            return value
        rows = value if isinstance(value, QuerySet | list) else list(value)
        if not isinstance(rows, QuerySet) and not rows:
            draw = TableQuery.from_filters(filters, []).draw
            return self.prepare_value(SerializedTable([], {}, [], [], draw, 0, 0))
        serializer = TableSerializer.for_data(rows)
        return self.prepare_value(serializer().serialize_data(rows, filters))

    def get_max_page_size(self) -> int | None:
        """The most rows a page holds: the serializer's ``Meta.max_page_size``, else the setting
        ``DASHBOARDS_TABLE_MAX_PAGE_SIZE``."""
        serializer = self.get_serializer() or TableSerializer
        return serializer.get_max_page_size()

    def get_table_view(
        self, request: HttpRequest | None, value: Any, filters: dict[str, Any] | None = None
    ) -> TableView:
        """The table with its controls: sort buttons, search, page size and previous/next.

        Every link carries the request's other parameters, so searching, sorting and paging
        keep each other (and any dashboard filters) in place.
        """
        view = super().get_table_view(request, value)
        value = value if isinstance(value, Mapping) else {}
        if filters is None:
            filters = request_filters(request)
        query = TableQuery.from_filters(
            self.get_table_filters(filters),
            [column.key for column in view.columns],
            self.get_max_page_size(),
        )
        url = view.url = self.get_absolute_url()

        def link(params: dict[str, Any]) -> str:
            return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"

        view.total = int(value.get("total", len(view.rows)))
        view.filtered = int(value.get("filtered", view.total))
        start = page_start(query.start, query.length, view.filtered) if view.rows else 0
        view.first = start + 1 if view.rows else 0
        view.last = start + len(view.rows)
        view.searching = self.searching
        view.search = query.search
        view.paging = self.paging
        view.length = query.length
        view.page_sizes = sorted({*self.page_sizes, self.page_size})
        state = {
            k: str(v)
            for k, v in filters.items()
            if k not in CONTROL_PARAMETERS and k not in DROPPED_PARAMETERS
        }
        view.state = list(state.items())
        controls = {"search[value]": query.search} if query.search else {}
        view.downloads = self.get_downloads({**state, **controls})
        if self.paging and query.length:
            controls["length"] = str(query.length)
            if start > 0:
                previous = max(start - query.length, 0)
                view.previous_url = link({**state, **controls, "start": previous})
            if view.last < view.filtered:
                view.next_url = link({**state, **controls, "start": view.last})
        unordered = {k: v for k, v in state.items() if not k.startswith("order[")}
        orderable = {
            c["data"]: c.get("orderable", True) for c in value.get("columns_datatables") or []
        }
        primary = next(iter(value.get("order") or []), None)
        for index, column in enumerate(view.columns):
            column.orderable = self.ordering and orderable.get(column.key, True)
            ascending = primary is not None and list(primary) == [index, "asc"]
            if primary is not None and primary[0] == index:
                column.sort = "ascending" if ascending else "descending"
            if column.orderable:
                column.sort_url = link(
                    {
                        **unordered,
                        **controls,
                        "order[0][column]": index,
                        "order[0][dir]": "desc" if ascending else "asc",
                    }
                )
        return view

    # -- export ----------------------------------------------------------------------------

    def get_export(self, inputs: Inputs, chunk_size: int = CHUNK_SIZE) -> ExportTable:
        """Every row for ``inputs``: searched and sorted as the table's page is, not paged."""
        return export_table(self, inputs, chunk_size)


@dataclass(repr=False, eq=False)
class Table(DataTable):
    """A table paged, sorted and searched on the server (see :class:`DataTable`)."""
