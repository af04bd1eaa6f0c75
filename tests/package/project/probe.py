"""Run by a venv's Python in the smoke project: print, as JSON, what the project sees of the wheel.

The test that runs it (``tests/package/smoke.py``) makes its assertions on this report.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core import checks  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.template.loader import get_template  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

import dashboards  # noqa: E402
from dashboards.registry import registry  # noqa: E402

PLAIN = "/dashboards/plain/plaindashboard/"
CHARTS = "/dashboards/smokecharts/chartdashboard/"


def page(client: Client, url: str) -> dict[str, object]:
    """The status and the text of a page."""
    response = client.get(url)
    return {"status": response.status_code, "content": response.content.decode()}


def chart_error() -> str:
    """The error a Chart declared without plotly raises ("" when it raises none)."""
    from dashboards.component import Chart

    try:
        Chart(value={"data": [], "layout": {}})
    except Exception as error:  # whatever it is, the report names it
        return f"{type(error).__name__}: {error}"
    return ""


def report() -> dict[str, object]:
    """What the smoke project sees: where things come from, the checks, and its pages."""
    setup_test_environment()
    call_command("migrate", verbosity=0)
    client = Client()
    return {
        "python": sys.executable,
        "dashboards": dashboards.__file__,
        "py_typed": (Path(dashboards.__file__).parent / "py.typed").is_file(),
        "template": str(get_template("dashboards/dashboard.html").origin.name),
        "static": finders.find("dashboards/css/dashboards.css"),
        "plotly_js": finders.find("dashboards/vendor/plotly.min.js"),
        "checks": [str(message) for message in checks.run_checks()],
        "plain": page(client, PLAIN),
        "deferred": page(client, PLAIN + "@component/later/"),
        "quickstart": {
            dashboard.class_name(): page(client, dashboard.get_absolute_url())
            for dashboard in registry.get_by_app_label("quickstart")
        },
        "charts": page(client, CHARTS) if settings.CHARTS else None,
        "chart_error": chart_error(),
    }


if __name__ == "__main__":
    json.dump(report(), sys.stdout)
