"""The ``Map`` component: a plotly map figure (choropleth, scattergeo…), drawn by plotly.js."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from dashboards.component.chart.chart import PlotlyComponent

__all__ = ["Map"]


@dataclass(repr=False, eq=False)
class Map(PlotlyComponent):
    """A plotly map: a figure, a callable returning one, or a ``ChartSerializer`` class."""

    template_name: str | None = "dashboards/components/map/map.html"
    responsive: bool = True

    role_description: ClassVar[str] = "map"

    def get_plotly_config(self) -> dict[str, Any]:
        """``showLink`` off and ``responsive``."""
        return {"showLink": False, "responsive": self.responsive}
