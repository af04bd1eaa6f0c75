"""``manage.py dashboards``: list the registered dashboards, their URLs, permissions and components."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import NoReverseMatch, reverse

from dashboards.component.base import Component
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.registry import registry

__all__ = ["Command"]

#: Stands for the lookup while reversing a ModelDashboard's URL, replaced by the pattern after.
LOOKUP_PLACEHOLDER = "LOOKUP-PLACEHOLDER"


def dotted_name(cls: type) -> str:
    """``module.QualName`` of a class."""
    return f"{cls.__module__}.{cls.__qualname__}"


def dashboard_url(dashboard_class: type[Dashboard]) -> str | None:
    """The page's URL, with ``<str:lookup_kwarg>`` for a ModelDashboard; None when not routed."""
    try:
        if issubclass(dashboard_class, ModelDashboard):
            lookup_kwarg = dashboard_class._meta.lookup_kwarg
            url = reverse(
                f"dashboards:{dashboard_class.get_slug()}_detail",
                kwargs={lookup_kwarg: LOOKUP_PLACEHOLDER},
            )
            return url.replace(LOOKUP_PLACEHOLDER, f"<str:{lookup_kwarg}>")
        return dashboard_class.get_absolute_url()
    except NoReverseMatch:
        return None


def declared_components(dashboard_class: type[Dashboard]) -> dict[str, Component]:
    """The declared components, bound as a request's instance binds them (``get_<key>_defer`` too)."""
    dashboard = dashboard_class.__new__(dashboard_class)  # no request or object: bind only
    dashboard.object = None
    return {
        key: dashboard.bind_component(key, component)
        for key, component in dashboard_class.components.items()
    }


def describe(dashboard_class: type[Dashboard]) -> dict[str, Any]:
    """What the command reports about one dashboard, as JSON-ready data."""
    meta = dashboard_class._meta
    return {
        "app_label": meta.app_label,
        "class": dotted_name(dashboard_class),
        "name": str(meta.name),
        "url": dashboard_url(dashboard_class),
        "permission_classes": [
            dotted_name(type(permission))
            for permission in dashboard_class.get_dashboard_permissions()
        ],
        "components": [
            {
                "key": key,
                "type": type(component).__name__,
                "deferred": component.is_deferred,
                "poll_rate": component.poll_rate,
                "dependents": list(component.dependents or []),
            }
            for key, component in declared_components(dashboard_class).items()
        ],
    }


def table(rows: list[list[str]]) -> list[str]:
    """Rows of cells as lines with aligned columns."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in rows
    ]


def as_text(info: dict[str, Any]) -> list[str]:
    """The readable lines about one dashboard."""
    lines = [
        f"{info['app_label']}.{info['class'].rsplit('.', 1)[-1]}  ({info['name']})",
        f"  URL:          {info['url'] or '(not routed)'}",
        "  Permissions:  " + ", ".join(p.rsplit(".", 1)[-1] for p in info["permission_classes"]),
    ]
    rows = [["KEY", "TYPE", "DEFERRED", "POLL", "DEPENDENTS"]]
    rows += [
        [
            c["key"],
            c["type"],
            "yes" if c["deferred"] else "no",
            f"{c['poll_rate']}s" if c["poll_rate"] else "-",
            ", ".join(c["dependents"]) or "-",
        ]
        for c in info["components"]
    ]
    if len(rows) == 1:
        return [*lines, "  Components:   (none declared)"]
    return [*lines, "  Components:", *(f"    {line}" for line in table(rows))]


class Command(BaseCommand):
    help = "List the registered dashboards: URL, permission classes and declared components."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
        parser.add_argument("--app", metavar="LABEL", help="Only the dashboards of this app label.")

    def handle(self, *args: Any, **options: Any) -> None:
        dashboards = registry.get_all_items()
        if options["app"]:
            dashboards = registry.get_by_app_label(options["app"])
            if not dashboards:
                labels = sorted({d._meta.app_label for d in registry.get_all_items()})
                raise CommandError(
                    f"No dashboards are registered for app {options['app']!r}. "
                    f"Apps with dashboards: {', '.join(labels) or 'none'}."
                )
        described = [describe(dashboard) for dashboard in dashboards]
        if options["json"]:
            self.stdout.write(json.dumps(described, indent=2))
            return
        blocks = ["\n".join(as_text(info)) for info in described]
        self.stdout.write("\n\n".join(blocks) if blocks else "No dashboards are registered.")
