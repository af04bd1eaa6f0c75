"""The ``Stat`` component: a headline figure with an optional change and sub-text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from dashboards.component.base import Component

__all__ = ["Stat", "StatData"]


@dataclass
class StatData:
    """The value of a ``Stat``: a headline ``text``, an optional change, and a line under it."""

    text: str
    change_by: float | int | None = None
    change_by_text: str | None = None
    sub_text: str = ""
    change_by_display: Any = field(init=False, default=None)

    def __post_init__(self) -> None:
        self.change_by_display = self.change_by_text or self.change_by


@dataclass(repr=False, eq=False)
class Stat(Component):
    """A single figure, such as a count or a total, with an optional change and link."""

    template_name: str | None = "dashboards/components/text/stat.html"
    href: str | None = None
