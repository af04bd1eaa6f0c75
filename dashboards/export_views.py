"""The view that downloads a component's data: a table's rows, a chart's points.

It is a :class:`~dashboards.views.ComponentView`: the same lookup of the dashboard, its object
and the component (404s), the same permission checks and refusals, and the same request data
(search, sort, filters) as the component's own URL. The rows are not computed in the view: the
response streams them, a chunk at a time, as it is sent.
"""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpRequest, HttpResponseBase, StreamingHttpResponse

from dashboards.export import (
    CHUNK_SIZE,
    ExportFormat,
    aiterate,
    content_disposition,
    export_filename,
)
from dashboards.views import ComponentView

__all__ = ["ExportView"]


class ExportView(ComponentView):
    """A component's data as a download, in the format the URL names (``csv``, ``json``,
    ``xlsx``); 404 for a component that cannot be exported or a format it does not offer.

    Under WSGI the response iterates the rows in the request's thread. Under ASGI it is an
    async iterator whose every chunk is made in one trip to the request's thread: Django would
    read a sync iterator to its end before sending anything (with a warning).
    """

    http_method_names: ClassVar[list[str]] = ["get", "head", "options"]  # type: ignore[misc]
    default_handlers: ClassVar[tuple[str, ...]] = ()
    #: Rows fetched from the database, written and sent at a time.
    chunk_size: ClassVar[int] = CHUNK_SIZE
    #: The format the URL names, found by ``prepare``.
    export_format: ExportFormat

    def prepare_view(self, request: HttpRequest) -> HttpResponseBase | None:
        """Find the component (as its own URL does), then the format; 404 for either missing."""
        denied = super().prepare_view(request)
        if denied is not None:
            return denied
        self.export_format = self.get_export_format()
        return None

    def get_export_format(self) -> ExportFormat:
        """The URL's format, if the component offers it; else 404."""
        name = self.kwargs.get("format")
        offered = getattr(self.component, "get_export_formats", None)
        if offered is None:
            raise Http404(f"Component {self.component.key} cannot be exported")
        for export_format in offered():
            if export_format.name == name:
                return export_format  # type: ignore[no-any-return]
        raise Http404(f"Component {self.component.key} is not exported as {name}")

    def get_filename(self) -> str:
        """``<dashboard>-<component>-<date>.<extension>``."""
        return export_filename(
            self.dashboard.class_name(), str(self.component.key), self.export_format.extension
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Stream the component's data in the URL's format."""
        table = self.component.get_export(self.inputs, self.chunk_size)  # type: ignore[attr-defined]
        chunks = self.export_format.write(table, self.chunk_size)
        content = aiterate(chunks) if isinstance(request, ASGIRequest) else chunks
        response = StreamingHttpResponse(content, content_type=self.export_format.content_type)
        response["Content-Disposition"] = content_disposition(self.get_filename())
        response["X-Content-Type-Options"] = "nosniff"
        return self.vary(response)
