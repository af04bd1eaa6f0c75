"""The components a dashboard is made of (Chart and Map need the ``charts`` extra only when used)."""

from dashboards.component.base import CTA, Component
from dashboards.component.chart import Chart
from dashboards.component.form import Form
from dashboards.component.gauge import Gauge
from dashboards.component.map import Map
from dashboards.component.stat import Stat
from dashboards.component.table import BasicTable, Table
from dashboards.component.text import Text

__all__ = [
    "CTA",
    "BasicTable",
    "Chart",
    "Component",
    "Form",
    "Gauge",
    "Map",
    "Stat",
    "Table",
    "Text",
]
