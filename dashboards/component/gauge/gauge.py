"""The ``Gauge`` component and its value, ``GaugeValue``: an accessible SVG meter, no script."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.utils.text import capfirst

from dashboards.component.base import Component

__all__ = ["Gauge", "GaugeValue"]


@dataclass
class GaugeValue:
    """The value of a ``Gauge``: ``value`` between ``min`` (default 0) and ``max``.

    ``value_text`` is shown (and read out) instead of the number, e.g. ``"72%"``; ``sub_text`` is a
    line under it.
    """

    value: float
    max: float
    min: float | None = None
    sub_text: str = ""
    value_text: str = ""


def _number(value: Any) -> float:
    """A number of the gauge as a float (ints, floats, Decimals and numeric strings)."""
    return float(Decimal(str(value)))


def _attribute(value: float) -> str:
    """A number for an ARIA attribute: no exponent, no trailing ``.0``, never localized."""
    return format(Decimal(str(value)).normalize(), "f") if value else "0"


@dataclass(repr=False, eq=False)
class Gauge(Component):
    """A gauge: an arc filled from ``min`` to the value, with the value, a title and a sub-text.

    The value is a ``GaugeValue`` (or a callable returning one); a plain number is read as a value
    out of 100. It is drawn by the template as SVG, with ``role="meter"`` and its
    ``aria-valuenow``/``aria-valuemin``/``aria-valuemax`` for assistive technology.
    """

    template_name: str | None = "dashboards/components/gauge/gauge.html"
    title: str = ""

    class Media:
        css = {"all": ("dashboards/css/gauge.css",)}

    def get_gauge(self, value: Any) -> dict[str, Any]:
        """What the template draws: the numbers, the filled percentage of the arc, the texts."""
        if not isinstance(value, dict):
            value = {"value": value, "max": 100}
        now = _number(value.get("value") or 0)
        low = _number(value.get("min") or 0)
        high = _number(value.get("max") if value.get("max") is not None else 100)
        span = high - low
        fraction = (now - low) / span if span > 0 else 0.0
        fraction = min(max(fraction, 0.0), 1.0)
        shown = value.get("value_text") or value.get("value")
        css = self.css_classes
        return {
            "css_classes": css if isinstance(css, str) else (css or {}).get("gauge", ""),
            "label": self.title or capfirst(str(self.verbose_name or "gauge").replace("_", " ")),
            "value": _attribute(min(max(now, low), high) if span > 0 else low),
            "min": _attribute(low),
            "max": _attribute(high if span > 0 else low),
            "min_text": str(value.get("min") or 0),
            "max_text": str(value.get("max") if value.get("max") is not None else 100),
            "percent": _attribute(round(fraction * 100, 2)),
            "text": "" if shown is None else str(shown),
            "sub_text": value.get("sub_text") or "",
        }

    def get_value_context(self, request: HttpRequest | None, value: Any) -> dict[str, Any]:
        """Add ``gauge``, the numbers and texts the template draws."""
        context = super().get_value_context(request, value)
        context["gauge"] = self.get_gauge(value)
        return context
