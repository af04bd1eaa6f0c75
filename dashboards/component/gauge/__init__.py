"""The ``Gauge`` component: a value on an arc from a minimum to a maximum, drawn as SVG."""

from dashboards.component.gauge.gauge import Gauge, GaugeValue

__all__ = ["Gauge", "GaugeValue"]
