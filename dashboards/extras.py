"""Optional dependencies: import them when a feature is used, or fail with the extra to install."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

from django.core.exceptions import ImproperlyConfigured

__all__ = ["MissingExtraError", "import_extra", "is_installed"]


class MissingExtraError(ImproperlyConfigured, ImportError):
    """A feature needs a package of an extra that is not installed; the message says what to install."""


def install_hint(extra: str) -> str:
    """The command that installs an extra, e.g. ``pip install "django-async-dashboards[charts]"``."""
    return f'pip install "django-async-dashboards[{extra}]"'


def is_installed(module: str) -> bool:
    """Whether ``module`` can be imported (found on the path), without importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def missing(module: str, extra: str, feature: str) -> MissingExtraError:
    """The error for ``feature`` used without ``module``, naming the extra that installs it."""
    return MissingExtraError(
        f"{feature} needs {module.split('.')[0]}, which is not installed. Install it with: "
        f"{install_hint(extra)}",
        name=module,
    )


def require(module: str, extra: str, feature: str) -> None:
    """Raise ``MissingExtraError`` unless ``module`` is installed (checked without importing it)."""
    if not is_installed(module.split(".")[0]):
        raise missing(module, extra, feature)


def import_extra(module: str, extra: str = "charts", feature: str = "Charts") -> Any:
    """Import and return ``module`` (e.g. ``"plotly.graph_objects"``), or raise ``MissingExtraError``."""
    try:
        return importlib.import_module(module)
    except ImportError as error:
        top_level = module.split(".")[0]
        if error.name is not None and error.name.split(".")[0] != top_level:
            raise  # a dependency of the module is broken: not a missing extra
        raise missing(module, extra, feature) from error
