"""Charts drawn by plotly.js: the ``Chart`` component and the chart serializers.

Importing this package imports neither plotly nor pandas; using a chart without them raises an
error that names the ``charts`` extra.
"""

from dashboards.component.chart.chart import Chart
from dashboards.component.chart.serializers import ChartSerializer

__all__ = ["Chart", "ChartSerializer"]
