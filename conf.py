"""Sphinx configuration for the docs (see tox.ini's docs env for the build command)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "docs" / "_ext")]

import dashboards  # noqa: E402

project = "django-async-dashboards"
author = "django-async-dashboards maintainers"
copyright = "django-async-dashboards maintainers"
version = release = dashboards.__version__

extensions = [
    "sphinx.ext.autodoc",
    "sphinxcontrib_django",
    "docs_match_code",
]

django_settings = "examples.settings"

exclude_patterns = ["_build", "_ext"]
html_theme = "furo"
html_title = f"{project} {release}"

autodoc_member_order = "bysource"
# "signature", not "description": with "description", a class whose module uses
# ``from __future__ import annotations`` gets unqualified __init__ hints (sphinx-doc/sphinx#11674).
autodoc_typehints = "signature"

# The build is offline: references into other projects' docs cannot resolve, so they are not
# errors under -n. References to our own ``dashboards.*`` objects must resolve.
nitpick_ignore_regex = [
    (r"py:.*", r"(django|typing|collections\.abc|asyncio|httpx|datetime|enum)(\..+)?"),
    # Hints stay unqualified strings where modules import names only under TYPE_CHECKING.
    (r"py:class", r"HttpRequest|HttpResponse|SafeString|BaseForm|StrOrPromise"),
    # And where a hint cannot be evaluated at run time (Field[Any, Any]: Django's Field is
    # generic only in django-stubs), the names in it stay unqualified too.
    (r"py:class", r"QuerySet|Field"),
    (r"py:class", r"dashboards\.registry\.T"),  # a TypeVar
]


def _offline(app: Sphinx, config: Config) -> None:
    """Drop the online intersphinx inventories sphinxcontrib-django adds to an empty mapping."""
    config.intersphinx_mapping = {}


def setup(app: Sphinx) -> None:
    """Keep the build offline (runs after sphinxcontrib-django's and intersphinx's handlers)."""
    app.connect("config-inited", _offline, priority=900)
