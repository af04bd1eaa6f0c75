"""Tests of dashboards.config: settings read at use time, CSS dictionaries merged."""

from django.test import override_settings

from dashboards.config import (
    DEFAULT_COMPONENT_CLASSES,
    DEFAULT_LAYOUT_COMPONENT_CLASSES,
    Config,
    merge_css_dictionaries,
)


def test_defaults():
    config = Config()
    assert config.DASHBOARDS_DEFAULT_PERMISSION_CLASSES == ["dashboards.permissions.AllowAny"]
    assert config.DASHBOARDS_DEFAULT_GRID_CSS == "span-6"
    assert config.DASHBOARDS_INCLUDE_DASHBOARD_VIEWS is True
    assert config.DASHBOARDS_COMPONENT_CLASSES == DEFAULT_COMPONENT_CLASSES
    assert config.DASHBOARDS_LAYOUT_COMPONENT_CLASSES == DEFAULT_LAYOUT_COMPONENT_CLASSES
    assert config.DASHBOARDS_LAYOUT_COMPONENT_CLASSES["Card"]["card"] == "card"


def test_the_layout_defaults_are_the_ones_layout_objects_use():
    from dashboards.component import layout

    assert layout.DEFAULT_LAYOUT_COMPONENT_CLASSES == DEFAULT_LAYOUT_COMPONENT_CLASSES


@override_settings(DASHBOARDS_LAYOUT_COMPONENT_CLASSES={"Card": {"card": "my-card"}})
def test_the_layout_setting_is_merged_over_the_defaults_without_changing_them():
    card = Config().DASHBOARDS_LAYOUT_COMPONENT_CLASSES["Card"]
    assert card["card"] == "my-card"
    assert card["header"] == "card-header"
    assert DEFAULT_LAYOUT_COMPONENT_CLASSES["Card"]["card"] == "card"


@override_settings(DASHBOARDS_DEFAULT_GRID_CSS="col-4", DASHBOARDS_COMPONENT_TIMEOUT=None)
def test_settings_are_read_on_every_access():
    assert Config().DASHBOARDS_DEFAULT_GRID_CSS == "col-4"
    assert Config().DASHBOARDS_COMPONENT_TIMEOUT is None


def test_merge_updates_dicts_and_replaces_other_values_without_mutating():
    defaults = {"Stat": {"stat": "stat", "icon": "icon"}, "Form": {"form": "form"}}
    merged = merge_css_dictionaries(defaults, {"Stat": {"icon": "i"}, "Form": "flat", "New": {}})
    assert merged == {"Stat": {"stat": "stat", "icon": "i"}, "Form": "flat", "New": {}}
    assert defaults["Stat"]["icon"] == "icon"


@override_settings(DASHBOARDS_COMPONENT_CLASSES={"Chart": {"chart": "my-chart"}})
def test_a_key_for_another_component_is_added_not_a_key_error():
    assert Config().DASHBOARDS_COMPONENT_CLASSES["Chart"] == {"chart": "my-chart"}
