"""Tests of ``manage.py dashboards``: the table, ``--json`` and ``--app``."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.permissions import IsAdminUser, IsAuthenticated
from dashboards.registry import registry

#: A URLconf without the dashboards' routes (see the "not routed" tests).
urlpatterns: list = []


DOCS_PAGE = Path(__file__).resolve().parents[3] / "docs" / "testing.rst"


def documented_runs() -> list[tuple[list[str], str]]:
    """The arguments and output of each ``$ python manage.py dashboards`` block of the docs page."""
    runs = []
    for block in DOCS_PAGE.read_text().split(".. code-block:: text\n\n")[1:]:
        lines = []
        for line in block.splitlines():
            if line and not line.startswith("   "):
                break
            lines.append(line[3:])
        command, *output = "\n".join(lines).strip().splitlines()
        runs.append((command.split()[4:], "\n".join(output) + "\n"))
    return runs


def run(*args: str) -> str:
    out = StringIO()
    call_command("dashboards", *args, stdout=out)
    return out.getvalue()


def run_json(*args: str) -> dict[str, dict]:
    return {info["class"].rsplit(".", 1)[-1]: info for info in json.loads(run("--json", *args))}


@pytest.fixture
def extra_dashboards():
    """Two dashboards of app ``commandtest``, registered after the URLconf is built (so unrouted)."""
    reverse("dashboards:testapp_childonedashboard")  # build the URLconf without them

    class PolledDashboard(Dashboard):
        clock = Text(value="now", poll_rate=5)
        source = Text(value="s", dependents=["clock", "later"])
        later = Text()

        def get_later_defer(self, **kwargs):
            return "later"

        class Meta:
            app_label = "commandtest"
            name = "Polled"
            permission_classes = [IsAuthenticated, IsAdminUser]

    class EmptyDashboard(Dashboard):
        class Meta:
            app_label = "commandtest"

    registry.register(PolledDashboard)
    registry.register(EmptyDashboard)
    yield
    registry.remove(PolledDashboard)
    registry.remove(EmptyDashboard)


def test_table_heads_each_dashboard_with_its_app_class_and_name():
    assert "testapp.ChildOneDashboard  (ChildOneDashboard)\n" in run()


def test_table_shows_the_dashboard_url():
    assert "  URL:          /dashboards/testapp/childonedashboard/\n" in run()


def test_table_shows_a_model_dashboards_url_pattern():
    assert "  URL:          /dashboards/testapp/userdashboard/<str:username>/\n" in run()


def test_table_shows_the_default_permission_classes():
    output = run("--app", "testapp")
    assert "testapp.ChildOneDashboard  (ChildOneDashboard)\n  URL:" in output
    assert "  Permissions:  AllowAny\n" in output


def test_table_shows_the_dashboards_permission_classes(extra_dashboards):
    assert "  Permissions:  IsAuthenticated, IsAdminUser\n" in run("--app", "commandtest")


def test_table_lists_components_in_aligned_columns():
    output = run("--app", "testapp")
    expected = (
        "  Components:\n"
        "    KEY     TYPE  DEFERRED  POLL  DEPENDENTS\n"
        "    first   Text  no        -     -\n"
        "    second  Text  yes       -     -\n"
        "    third   Text  no        -     -\n"
        "    fourth  Stat  no        -     -\n"
    )
    assert expected in output


def test_table_shows_poll_rates_dependents_and_value_method_deferral(extra_dashboards):
    output = run("--app", "commandtest")
    assert "    clock   Text  no        5s    -\n" in output
    assert "    source  Text  no        -     clock, later\n" in output
    assert "    later   Text  yes       -     -\n" in output


def test_table_marks_a_dashboard_without_a_route(settings):
    settings.ROOT_URLCONF = __name__
    expected = "testapp.ChildOneDashboard  (ChildOneDashboard)\n  URL:          (not routed)\n"
    assert expected in run()


def test_table_marks_a_model_dashboard_without_a_route(settings):
    settings.ROOT_URLCONF = __name__
    assert "testapp.UserDashboard  (UserDashboard)\n  URL:          (not routed)\n" in run()


def test_table_says_when_a_dashboard_declares_no_components(extra_dashboards):
    assert "  Components:   (none declared)" in run("--app", "commandtest")


def test_table_separates_dashboards_with_a_blank_line():
    assert "\n\ntestapp.ChildTwoDashboard  (ChildTwoDashboard)\n" in run("--app", "testapp")


def test_table_says_when_no_dashboard_is_registered(monkeypatch):
    monkeypatch.setattr(registry, "items", [])
    assert run() == "No dashboards are registered.\n"


def test_json_describes_each_dashboard():
    info = run_json()["ChildOneDashboard"]
    assert info["app_label"] == "testapp"
    assert info["class"] == "tests.testapp.dashboards.ChildOneDashboard"
    assert info["name"] == "ChildOneDashboard"
    assert info["url"] == "/dashboards/testapp/childonedashboard/"
    assert info["permission_classes"] == ["dashboards.permissions.AllowAny"]


def test_json_describes_each_component():
    components = run_json()["ChildOneDashboard"]["components"]
    assert [c["key"] for c in components] == ["first", "second", "third", "fourth"]
    assert components[1] == {
        "key": "second",
        "type": "Text",
        "deferred": True,
        "poll_rate": None,
        "dependents": [],
    }


def test_json_gives_poll_rates_dependents_and_permissions(extra_dashboards):
    info = run_json("--app", "commandtest")["PolledDashboard"]
    assert info["permission_classes"] == [
        "dashboards.permissions.IsAuthenticated",
        "dashboards.permissions.IsAdminUser",
    ]
    clock, source, _later = info["components"]
    assert clock["poll_rate"] == 5
    assert source["dependents"] == ["clock", "later"]


def test_json_gives_a_model_dashboards_url_pattern():
    assert run_json()["UserDashboard"]["url"] == "/dashboards/testapp/userdashboard/<str:username>/"


def test_json_gives_no_url_for_a_dashboard_without_a_route(settings):
    settings.ROOT_URLCONF = __name__
    assert run_json()["ChildOneDashboard"]["url"] is None


def test_app_filter_lists_only_that_apps_dashboards():
    described = json.loads(run("--json", "--app", "testapp"))
    assert described
    assert {info["app_label"] for info in described} == {"testapp"}


def test_unknown_app_is_an_error_naming_the_apps_with_dashboards():
    with pytest.raises(CommandError, match="No dashboards are registered for app 'nope'") as error:
        run("--app", "nope")
    assert "testapp" in str(error.value)


@pytest.mark.parametrize(("args", "output"), documented_runs())
def test_docs_show_the_commands_real_output(args, output):
    assert run(*args) == output


def test_docs_show_the_table_and_the_json_output():
    assert [args[-1] for args, _output in documented_runs()] == ["model_dashboards", "--json"]
