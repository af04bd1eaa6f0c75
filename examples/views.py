"""The index page of the example site: a link to every registered dashboard."""

from itertools import groupby

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from dashboards.registry import registry


def index(request: HttpRequest) -> HttpResponse:
    """List every registered dashboard that has a page of its own, grouped by app."""
    dashboards = sorted(
        (d for d in registry.get_all_items() if not getattr(d._meta, "model", None)),
        key=lambda d: d._meta.app_label,
    )
    apps = [
        (app_label, [(d._meta.verbose_name, d.get_absolute_url()) for d in group])
        for app_label, group in groupby(dashboards, key=lambda d: d._meta.app_label)
    ]
    return render(request, "examples/index.html", {"apps": apps})
