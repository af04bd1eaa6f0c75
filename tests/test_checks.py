"""Tests of dashboards.checks: the system checks and their ids."""

from django.core import checks
from django.test import override_settings

from dashboards.checks import (
    check_live_broker,
    check_live_components_stream,
    check_plotly_js_is_served,
)
from examples.settings import INSTALLED_APPS

DEFAULT_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]


def check_ids():
    return [message.id for message in checks.run_checks()]


def test_a_correct_project_passes_the_checks():
    assert not [i for i in check_ids() if i.startswith("dashboards.")]


@override_settings(INSTALLED_APPS=[app for app in INSTALLED_APPS if app != "django_htmx"])
def test_missing_django_htmx_is_e001():
    assert "dashboards.E001" in check_ids()


@override_settings(DASHBOARDS_DEFAULT_PERMISSION_CLASSES=["no.such.Permission"])
def test_unimportable_permission_class_is_e002():
    assert "dashboards.E002" in check_ids()


def test_unknown_dependent_is_e003():
    from dashboards.component import Text
    from dashboards.dashboard import Dashboard
    from dashboards.registry import registry

    class BadDependents(Dashboard):
        source = Text(value="s", dependents=["nowhere"])

        class Meta:
            app_label = "testapp"

    registry.register(BadDependents)
    try:
        messages = [m for m in checks.run_checks() if m.id == "dashboards.E003"]
        assert "BadDependents.source names 'nowhere'" in messages[0].msg
    finally:
        registry.remove(BadDependents)


def test_duplicate_registration_is_e004():
    from dashboards.dashboard import Dashboard
    from dashboards.registry import registry

    meta = type("Meta", (), {"app_label": "testapp"})
    first = type("Twin", (Dashboard,), {"Meta": meta})
    second = type("Twin", (Dashboard,), {"Meta": meta})
    registry.register(first)
    registry.register(second)
    try:
        assert "dashboards.E004" in check_ids()
    finally:
        registry.remove(first)
        registry.duplicates.clear()


@override_settings(DASHBOARDS_COMPONENT_CLASSES={"Stat": {}, "Nonsense": {}})
def test_unknown_component_class_name_in_css_setting_is_e005():
    messages = [m for m in checks.run_checks() if m.id == "dashboards.E005"]
    assert len(messages) == 1
    assert "'Nonsense'" in messages[0].msg


@override_settings(DASHBOARDS_LAYOUT_COMPONENT_CLASSES={"Card": {}, "Carde": {}})
def test_unknown_layout_class_name_in_css_setting_is_e005():
    assert "dashboards.E005" in check_ids()


@override_settings(DASHBOARDS_LAYOUT_COMPONENT_CLASSES=["Card"])
def test_css_setting_that_is_not_a_dict_is_e005():
    assert "dashboards.E005" in check_ids()


@override_settings(STATICFILES_FINDERS=["django.contrib.staticfiles.finders.AppDirectoriesFinder"])
def test_charts_without_a_plotly_finder_is_w002():
    assert "dashboards.W002" in check_ids()


def test_w002_is_quiet_when_plotly_js_is_served():
    assert check_plotly_js_is_served() == []


def test_w002_warns_when_charts_are_used_but_plotly_js_is_not_served():
    with override_settings(STATICFILES_FINDERS=DEFAULT_FINDERS):
        [warning] = check_plotly_js_is_served()
    assert warning.id == "dashboards.W002"
    assert "ChartsDashboard.revenue" in warning.msg
    assert "dashboards.staticfiles.PlotlyFinder" in warning.hint


def test_w002_is_quiet_without_charts(monkeypatch):
    monkeypatch.setattr("dashboards.registry.registry.get_all_items", list)
    with override_settings(STATICFILES_FINDERS=DEFAULT_FINDERS):
        assert check_plotly_js_is_served() == []


@override_settings(ASGI_APPLICATION=None)
def test_live_components_without_asgi_application_is_w003():
    [warning] = check_live_components_stream()
    assert warning.id == "dashboards.W003"
    assert "LiveDashboard.counter" in warning.msg
    assert "poll every 10 s" in warning.msg


def test_w003_is_quiet_when_the_site_is_served_under_asgi():
    assert check_live_components_stream() == []


@override_settings(DASHBOARDS_CACHE="components")
def test_a_cache_alias_that_caches_does_not_define_is_e007():
    [error] = [m for m in checks.run_checks() if m.id == "dashboards.E007"]
    assert "DASHBOARDS_CACHE is 'components'" in error.msg
    assert "'default'" in error.hint


def test_a_component_cache_that_is_not_seconds_is_e008():
    from dashboards.component import Text
    from dashboards.dashboard import Dashboard
    from dashboards.registry import registry

    class BadCache(Dashboard):
        report = Text(value=lambda **kwargs: "r", cache="60")

        class Meta:
            app_label = "testapp"

    registry.register(BadCache)
    try:
        [error] = [m for m in checks.run_checks() if m.id == "dashboards.E008"]
        assert error.msg.startswith("BadCache.report: cache='60'")
    finally:
        registry.remove(BadCache)


@override_settings(DASHBOARDS_LIVE_BROKER="no.such.Broker")
def test_unimportable_live_broker_is_e006():
    [error] = check_live_broker()
    assert error.id == "dashboards.E006"
    assert "'no.such.Broker'" in error.msg
