"""Sphinx configuration for the docs (see tox.ini's docs env for the build command)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT), str(ROOT / "docs" / "_ext")]

import django  # noqa: E402

import dashboards  # noqa: E402


def release_of(version: str, changelog: str) -> str:
    """The release to show: ``version``, marked unreleased while the changelog's heading says so."""
    unreleased = f"{version} (unreleased)"
    return unreleased if unreleased in changelog.splitlines() else version


project = "django-async-dashboards"
author = "django-async-dashboards maintainers"
copyright = "django-async-dashboards maintainers"
version = dashboards.__version__
release = release_of(version, (ROOT / "docs" / "changelog.rst").read_text())

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "sphinxcontrib_django",
    "sphinx_copybutton",
    "docs_match_code",
]

# Links into the Python and Django docs where the build can fetch their inventories: on Read the
# Docs, which sets READTHEDOCS. Elsewhere (tox -e docs) the build stays offline.
ONLINE = os.environ.get("READTHEDOCS") == "True"
PYTHON_DOCS = f"https://docs.python.org/{sys.version_info.major}.{sys.version_info.minor}/"
DJANGO_DOCS = "https://docs.djangoproject.com/en/{}.{}/".format(*django.VERSION[:2])
intersphinx_mapping = (
    {"python": (PYTHON_DOCS, None), "django": (DJANGO_DOCS, f"{DJANGO_DOCS}_objects/")}
    if ONLINE
    else {}
)

# A copy button on console blocks only; it copies the commands, without their "$ " prompts and
# without the output lines.
copybutton_selector = "div.highlight-console pre"
copybutton_prompt_text = "$ "
copybutton_only_copy_prompt_lines = True

django_settings = "examples.settings"

exclude_patterns = ["_build", "_ext"]
html_theme = "furo"
html_title = f"{project} {release}"

autodoc_member_order = "bysource"
# "signature", not "description": with "description", a class whose module uses
# ``from __future__ import annotations`` gets unqualified __init__ hints (sphinx-doc/sphinx#11674).
autodoc_typehints = "signature"

# Offline, references into other projects' docs cannot resolve, so they are not errors under -n;
# online, intersphinx links those it finds. References to our own ``dashboards.*`` must resolve.
nitpick_ignore_regex = [
    (
        r"py:.*",
        r"(django|typing|collections\.abc|asyncio|threading|httpx|datetime|decimal|enum)(\..+)?",
    ),
    # Hints stay unqualified strings where modules import names only under TYPE_CHECKING.
    (r"py:class", r"HttpRequest|HttpResponse|SafeString|BaseForm|StrOrPromise"),
    # And where a hint cannot be evaluated at run time (Field[Any, Any]: Django's Field is
    # generic only in django-stubs), the names in it stay unqualified too.
    (r"py:class", r"QuerySet|Field"),
    (r"py:class", r"dashboards\.registry\.T"),  # a TypeVar
]


def _offline(app: Sphinx, config: Config) -> None:
    """Offline, drop the inventories sphinxcontrib-django puts into an empty mapping."""
    if not ONLINE:
        config.intersphinx_mapping = {}


def setup(app: Sphinx) -> None:
    """Keep an offline build offline (runs after sphinxcontrib-django's and intersphinx's handlers)."""
    app.connect("config-inited", _offline, priority=900)
