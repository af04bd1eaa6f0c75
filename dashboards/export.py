"""Exports: a component's data as CSV, JSON or XLSX, written a chunk of rows at a time.

A component that can be exported gives an :class:`ExportTable` (its columns and an iterator of
rows); a format's writer turns it into chunks of bytes for a streaming response. Nothing here
holds more than one chunk of rows, so an export of a million rows needs no more memory than one
of a thousand (XLSX goes through a temporary file, as openpyxl's write-only mode does).

Text that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``, ``@``, a tab
or a carriage return) is written with a ``'`` in front in CSV and XLSX, as OWASP advises against
CSV injection. JSON keeps text as it is: no spreadsheet reads it.
"""

from __future__ import annotations

import csv
import datetime
import html
import io
import re
import tempfile
from collections.abc import AsyncIterator, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from typing import Any

from asgiref.sync import sync_to_async
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.html import strip_tags
from django.utils.http import content_disposition_header, urlencode
from django.utils.safestring import SafeData
from django.utils.text import slugify

from dashboards.extras import import_extra, is_installed

__all__ = [
    "CHUNK_SIZE",
    "FORMATS",
    "FORMULA_PREFIXES",
    "Download",
    "ExportFormat",
    "ExportTable",
    "aiterate",
    "available_formats",
    "cell_text",
    "content_disposition",
    "csv_chunks",
    "download_links",
    "export_filename",
    "json_chunks",
    "neutralise",
    "xlsx_chunks",
]

#: Rows fetched, written and sent at a time (also a queryset's ``iterator(chunk_size=...)``).
CHUNK_SIZE = 2000
#: The first characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Characters an XLSX file cannot hold (control characters other than tab and newlines).
_XLSX_ILLEGAL = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
#: The longest sheet name Excel accepts, and the characters it refuses in one.
_SHEET_TITLE_LENGTH = 31
_SHEET_TITLE_ILLEGAL = re.compile(r"[\\*?:/\[\]]")


@dataclass
class ExportTable:
    """What a component exports: column key -> title, and rows of cells in column order."""

    columns: dict[str, Any]
    rows: Iterable[Sequence[Any]]
    #: A name for the data (the XLSX sheet's title).
    title: str = ""


@dataclass(frozen=True)
class ExportFormat:
    """A download format: what it is called, its media type, and its writer."""

    name: str
    label: str
    content_type: str
    extension: str
    #: The writer: the table and the rows per chunk in, chunks of bytes out.
    write: Callable[[ExportTable, int], Iterator[bytes]]
    #: The module the format needs and the extra that installs it (None: nothing more).
    requires: tuple[str, str] | None = None

    def is_available(self) -> bool:
        """Whether the module the format needs is installed."""
        return self.requires is None or is_installed(self.requires[0])


@dataclass
class Download:
    """A link that downloads a component's data, as the page shows it, in one format."""

    format: str
    label: str
    url: str


def download_links(
    formats: Iterable[ExportFormat], reverse_args: Sequence[Any], params: dict[str, Any]
) -> list[Download]:
    """The links that download a component's data in each format, carrying ``params`` (its
    searches, sort and filters); none when the URLconf has no download route."""
    links = []
    query = f"?{urlencode(params)}" if params else ""
    urlconf, prefix = get_urlconf(), get_script_prefix()
    for export_format in formats:
        url = reverse_export(urlconf, prefix, *reverse_args, export_format.name)
        if url is None:
            return []
        links.append(Download(export_format.name, export_format.label, url + query))
    return links


@lru_cache(maxsize=4096)
def reverse_export(urlconf: str | None, prefix: str, *args: Any) -> str | None:
    """The URL of a download (None when the URLconf has no download route), remembered across
    requests as a component's URL is (the cache is emptied when a test changes the URLconf)."""
    try:
        return reverse("dashboards:component_export", urlconf=urlconf, args=args)
    except NoReverseMatch:
        return None


@receiver(setting_changed)
def _forget_export_urls(setting: str, **kwargs: Any) -> None:
    """Reverse the download URLs again when a test changes the URLconf."""
    if setting == "ROOT_URLCONF":
        reverse_export.cache_clear()


def neutralise(text: str) -> str:
    """``text`` with a ``'`` in front when a spreadsheet would run it as a formula."""
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def cell_text(value: Any) -> Any:
    """A cell as data: HTML a serializer made (a safe string) as its text, lazy text as text."""
    if isinstance(value, SafeData):
        return html.unescape(strip_tags(str(value)))
    if isinstance(value, Promise):
        return str(value)
    return value


def batched(rows: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """``rows`` in lists of ``size`` (the last one shorter)."""
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


# -- CSV ---------------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """A cell as CSV text: empty for None, ISO 8601 for dates, text neutralised."""
    value = cell_text(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return neutralise(str(value))


def csv_chunks(table: ExportTable, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The table as UTF-8 CSV (with a byte order mark, so that Excel reads it as UTF-8)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow([csv_cell(title) for title in table.columns.values()])
    yield buffer.getvalue().encode()
    for batch in batched(table.rows, chunk_size):
        buffer.seek(0)
        buffer.truncate()
        writer.writerows([csv_cell(cell) for cell in row] for row in batch)
        yield buffer.getvalue().encode()


# -- JSON --------------------------------------------------------------------------------------


class ExportJSONEncoder(DjangoJSONEncoder):
    """Django's JSON encoder (dates, decimals, UUIDs), with anything else as its text."""

    def default(self, o: Any) -> Any:
        """Dates, decimals and UUIDs as Django writes them; other objects as ``str(o)``."""
        try:
            return super().default(o)
        except TypeError:
            return str(o)


def json_chunks(table: ExportTable, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The table as a JSON array of objects, one a row, keyed by column key."""
    keys = [str(key) for key in table.columns]
    encode = ExportJSONEncoder(ensure_ascii=False).encode
    separator = "\n"
    yield b"["
    for batch in batched(table.rows, chunk_size):
        parts = []
        for row in batch:
            parts.append(separator + encode(dict(zip(keys, map(cell_text, row), strict=False))))
            separator = ",\n"
        yield "".join(parts).encode()
    yield b"\n]\n"


# -- XLSX --------------------------------------------------------------------------------------


def xlsx_cell(value: Any) -> Any:
    """A cell as openpyxl writes it: numbers, booleans and dates kept (an aware datetime in the
    current time zone, as Excel has none), text neutralised and rid of control characters."""
    value = cell_text(value)
    if value is None or isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value
    return neutralise(_XLSX_ILLEGAL.sub("", str(value)))


def sheet_title(title: str) -> str:
    """A name Excel accepts for a sheet: no ``\\ * ? : / [ ]``, at most 31 characters."""
    title = _SHEET_TITLE_ILLEGAL.sub(" ", title).strip()[:_SHEET_TITLE_LENGTH].strip()
    return title or "Sheet1"


def xlsx_chunks(table: ExportTable, chunk_size: int = CHUNK_SIZE) -> Iterator[bytes]:
    """The table as an XLSX workbook of one sheet (openpyxl's write-only mode, through a
    temporary file: the workbook is sent once every row is written)."""
    openpyxl = import_extra("openpyxl", extra="xlsx", feature="XLSX export")
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title(table.title))
    sheet.append([xlsx_cell(title) for title in table.columns.values()])
    for batch in batched(table.rows, chunk_size):
        for row in batch:
            sheet.append([xlsx_cell(cell) for cell in row])
    with tempfile.TemporaryFile() as file:
        workbook.save(file)
        file.seek(0)
        while chunk := file.read(64 * 1024):
            yield chunk


# -- formats, file names and streaming --------------------------------------------------------

FORMATS: dict[str, ExportFormat] = {
    "csv": ExportFormat("csv", "CSV", "text/csv; charset=utf-8", "csv", csv_chunks),
    "json": ExportFormat("json", "JSON", "application/json", "json", json_chunks),
    "xlsx": ExportFormat(
        "xlsx",
        "Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsx",
        xlsx_chunks,
        requires=("openpyxl", "xlsx"),
    ),
}


def available_formats(names: Iterable[str]) -> list[ExportFormat]:
    """The formats of ``names`` that exist and whose extra is installed, in that order."""
    return [FORMATS[name] for name in names if name in FORMATS and FORMATS[name].is_available()]


def export_filename(
    dashboard: str, component: str, extension: str, day: datetime.date | None = None
) -> str:
    """``<dashboard>-<component>-<YYYY-MM-DD>.<extension>``, today in the current time zone."""
    day = day or timezone.localdate()
    parts = [slugify(dashboard) or "dashboard", slugify(component) or "data", day.isoformat()]
    return f"{'-'.join(parts)}.{extension}"


def content_disposition(filename: str) -> str:
    """The ``Content-Disposition`` of a download named ``filename`` (quoted as RFC 6266 says)."""
    header = content_disposition_header(True, filename)
    assert header is not None  # always a header for an attachment
    return header


async def aiterate(chunks: Iterator[bytes]) -> AsyncIterator[bytes]:
    """``chunks`` as an async iterator, for a streaming response under ASGI.

    Each chunk is made in one trip to the request's thread (``thread_sensitive``), where the
    database cursor lives; the iterator is closed there too, when the response ends or the
    client goes away. Django would otherwise read a sync iterator to its end before sending a
    byte.
    """
    step = sync_to_async(_next_chunk, thread_sensitive=True)
    try:
        while (chunk := await step(chunks)) is not None:
            yield chunk
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            await sync_to_async(close, thread_sensitive=True)()


def _next_chunk(chunks: Iterator[bytes]) -> bytes | None:
    """The next chunk, or None at the end."""
    return next(chunks, None)
