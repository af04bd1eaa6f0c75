"""Serve plotly.js from the installed ``plotly`` package as the static file ``dashboards/vendor/plotly.min.js``.

Add ``"dashboards.staticfiles.PlotlyFinder"`` to ``STATICFILES_FINDERS``, next to Django's two
default finders: ``runserver`` then serves the file, and ``collectstatic`` copies it, like any other
static file. (The check that charts have their plotly.js, ``dashboards.W002``, is in
``dashboards.checks``: this module sits below the components, which take ``PLOTLY_JS`` from it.)
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal, overload

from django.contrib.staticfiles import finders
from django.contrib.staticfiles.finders import BaseFinder
from django.contrib.staticfiles.utils import matches_patterns
from django.core import checks
from django.core.files.storage import FileSystemStorage

from dashboards.extras import install_hint

__all__ = ["FINDER", "PLOTLY_JS", "PlotlyFinder", "PlotlyStorage", "plotly_js_path"]

#: The directory of the static path under which the finder serves plotly.js.
PREFIX = "dashboards/vendor"
#: The name of the file in plotly's ``package_data`` and under ``PREFIX``.
FILENAME = "plotly.min.js"
#: The static path of plotly.js, as the Chart and Map components' Media use it.
PLOTLY_JS = f"{PREFIX}/{FILENAME}"
#: The dotted path to put in ``STATICFILES_FINDERS``.
FINDER = "dashboards.staticfiles.PlotlyFinder"


# Any, not ``Path | None``: the offline docs build cannot resolve ``pathlib.Path`` under -n.
def plotly_js_path() -> Any:
    """The ``package_data/plotly.min.js`` of the installed plotly package, a ``pathlib.Path``.

    ``None`` when plotly is not installed. The package is found, not imported.
    """
    try:
        spec = importlib.util.find_spec("plotly")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location) / "package_data" / FILENAME
        if path.is_file():
            return path
    return None


class PlotlyStorage(FileSystemStorage):
    """The directory of plotly.js, whose files ``collectstatic`` copies under ``PREFIX``."""

    #: Where ``collectstatic`` puts the files of this storage (what Django's finders set).
    prefix = PREFIX


class PlotlyFinder(BaseFinder):
    """A staticfiles finder with one file: plotly.js from the plotly package, at ``PLOTLY_JS``."""

    def check(self, **kwargs: Any) -> list[checks.CheckMessage]:
        """dashboards.W001: the finder is configured, but plotly is not installed."""
        if plotly_js_path() is not None:
            return []
        return [
            checks.Warning(
                f"{FINDER} is in STATICFILES_FINDERS, but plotly is not installed, so charts "
                "and maps have no plotly.js.",
                hint=f"Install the charts extra: {install_hint('charts')}",
                id="dashboards.W001",
            )
        ]

    @overload
    def find(self, path: str, find_all: Literal[False] = False, **kwargs: Any) -> str | None: ...

    @overload
    def find(self, path: str, find_all: Literal[True], **kwargs: Any) -> list[str]: ...

    def find(self, path: str, find_all: bool = False, **kwargs: Any) -> str | list[str] | None:
        """The absolute path of plotly.js for ``PLOTLY_JS`` (a list of it with ``find_all``)."""
        find_all = kwargs.pop("all", find_all)  # the name Django before 6.1 also passes
        source = plotly_js_path()
        if source is not None and str(source.parent) not in finders.searched_locations:
            finders.searched_locations.append(str(source.parent))
        if path != PLOTLY_JS or source is None:
            return [] if find_all else None
        return [str(source)] if find_all else str(source)

    def list(self, ignore_patterns: Iterable[str] | None) -> Iterator[tuple[str, PlotlyStorage]]:
        """Yield plotly.js with a storage whose prefix puts it at ``PLOTLY_JS`` (for collectstatic)."""
        source = plotly_js_path()
        if source is None or matches_patterns(FILENAME, ignore_patterns or []):
            return
        yield FILENAME, PlotlyStorage(location=source.parent)
