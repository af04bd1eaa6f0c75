"""A dashboard with a chart, for the venv with the charts extra."""

import plotly.graph_objects as go

from dashboards.component import Chart
from dashboards.dashboard import Dashboard
from dashboards.registry import registry


def sales(**kwargs) -> go.Figure:
    """A small bar chart."""
    return go.Figure(go.Bar(x=["Mon", "Tue", "Wed"], y=[3, 5, 4]), layout={"title": "Sales"})


class ChartDashboard(Dashboard):
    sales = Chart(value=sales)


registry.register(ChartDashboard)
