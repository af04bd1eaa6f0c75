"""Small lookups shared by views and template tags."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dashboards.exceptions import DashboardNotFoundError

if TYPE_CHECKING:
    from dashboards.dashboard import Dashboard

__all__ = ["SAFE_URL_SCHEMES", "get_dashboard_class", "safe_url"]

#: The schemes a link built from data may have; a URL with no scheme (a path) is always allowed.
SAFE_URL_SCHEMES = frozenset({"http", "https", "mailto"})
#: What precedes the first ``:`` when it is a scheme: a letter, then letters, digits, ``+-.``.
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.\-]*):")
#: Control characters (and a browser ignores some of them inside a scheme: ``java\tscript:``).
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def safe_url(url: Any, default: Any = None) -> Any:
    """``url`` if a link to it is safe to output, else ``default``.

    Safe: an ``http``, ``https`` or ``mailto`` URL, or one without a scheme (a path, a query, a
    fragment). Anything else, such as ``javascript:`` or ``data:`` in any case, and any URL with
    a control character in it, gives ``default``. Leading spaces are ignored, as browsers do. An
    empty or missing URL is returned as it is; a lazy one (``reverse_lazy``) is checked as text
    and returned lazy.
    """
    if not url:
        return url
    text = str(url)
    if _CONTROL.search(text):
        return default
    match = _SCHEME.match(text.lstrip(" \u00a0\u3000\ufeff"))
    if match is not None and match.group(1).lower() not in SAFE_URL_SCHEMES:
        return default
    return url


def get_dashboard_class(app_label: str, dashboard_class: str) -> type[Dashboard]:
    """Return the registered dashboard class for an app label and a (case-insensitive) class name."""
    from dashboards.registry import registry

    try:
        found: type[Dashboard] = registry.get_by_classname(app_label, dashboard_class)
    except IndexError:
        raise DashboardNotFoundError(
            f"No dashboard {dashboard_class!r} is registered for app {app_label!r}."
        ) from None
    return found
