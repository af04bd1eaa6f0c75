"""The ``Text`` component (and, for compatibility, re-exports of ``Stat`` and ``StatData``)."""

from dataclasses import dataclass

from dashboards.component.base import Component
from dashboards.component.stat import Stat, StatData

__all__ = ["Stat", "StatData", "Text"]


@dataclass(repr=False, eq=False)
class Text(Component):
    """Text: escaped unless ``mark_safe`` is set, for HTML you trust."""

    template_name: str | None = "dashboards/components/text/text.html"
    mark_safe: bool = False
