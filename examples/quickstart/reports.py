"""The quickstart's second step: a dashboard with a table and a chart."""

import plotly.express as px
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count

from dashboards.component import Chart, Table
from dashboards.component.chart import ChartSerializer
from dashboards.component.table import TableSerializer
from dashboards.registry import registry
from examples.quickstart.dashboards import FirstDashboard


class UsersTable(TableSerializer):
    """The users, newest first; the table pages, sorts and searches them."""

    class Meta:
        title = "Users"
        model = get_user_model()
        columns = {"username": "User", "date_joined": "Joined", "is_staff": "Staff"}
        order = ["-date_joined"]


class ModelsPerApp(ChartSerializer):
    """A bar per installed app: how many models it has."""

    class Meta:
        title = "Models per app"
        fields = ["app_label", "models"]

    def get_queryset(self, **kwargs):
        return (
            ContentType.objects.values("app_label")
            .annotate(models=Count("pk"))
            .order_by("-models", "app_label")
        )

    def to_fig(self, df):
        return px.bar(df, x="app_label", y="models")


class SecondDashboard(FirstDashboard):
    users_table = Table(value=UsersTable, page_size=5)
    models = Chart(defer=ModelsPerApp)

    class Meta:
        name = "Second dashboard"


registry.register(SecondDashboard)
