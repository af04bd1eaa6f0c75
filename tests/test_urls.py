"""Tests of dashboards.urls: the pattern constants, names and the lazily built patterns."""

import pytest
from django.test import override_settings
from django.urls import resolve, reverse

import dashboards.urls
from dashboards import urls


def test_pattern_constants_keep_their_exact_strings():
    assert urls.app_name == "dashboards"
    assert urls.DASHBOARD_PATTERN == "<str:app_label>/<str:dashboard>/"
    assert urls.MODEL_DASHBOARD_PATTERN == "<str:app_label>/<str:dashboard>/<str:lookup>/"
    assert urls.COMPONENT_PATTERN == "<str:app_label>/<str:dashboard>/@component/<slug:component>/"
    assert urls.COMPONENT_OBJECT_PATTERN == (
        "<str:app_label>/<str:dashboard>/<str:lookup>/@component/<slug:component>/"
    )
    assert urls.FORM_COMPONENT_PATTERN == "<str:app_label>/<str:dashboard>/<slug:component>/@form/"
    assert urls.FORM_COMPONENT_OBJECT_PATTERN == (
        "<str:app_label>/<str:dashboard>/<str:lookup>/<slug:component>/@form/"
    )


def test_component_urls_reverse_with_three_or_four_arguments():
    three = reverse("dashboards:dashboard_component", args=["app", "dash", "key"])
    four = reverse("dashboards:dashboard_component", args=["app", "dash", "obj", "key"])
    assert three == "/dashboards/app/dash/@component/key/"
    assert four == "/dashboards/app/dash/obj/@component/key/"


def test_each_dashboard_has_a_named_route():
    assert (
        reverse("dashboards:testapp_childonedashboard") == "/dashboards/testapp/childonedashboard/"
    )
    assert reverse("dashboards:testapp_userdashboard_detail", args=["x"]) == (
        "/dashboards/testapp/userdashboard/x/"
    )


def test_component_route_kwargs():
    match = resolve("/dashboards/testapp/childonedashboard/@component/first/")
    assert match.kwargs == {
        "app_label": "testapp",
        "dashboard": "childonedashboard",
        "component": "first",
    }


def test_component_names_cannot_contain_an_at_sign():
    with pytest.raises(Exception, match="Reverse"):
        reverse("dashboards:dashboard_component", args=["app", "dash", "@key"])


@override_settings(DASHBOARDS_INCLUDE_DASHBOARD_VIEWS=False)
def test_dashboard_views_can_be_left_out():
    names = [getattr(p, "name", None) for p in dashboards.urls.urlpatterns]
    assert names == [
        "dashboard_component",
        "dashboard_component",
        "form_component",
        "form_component",
        "dashboard_live",
        "dashboard_live",
        "component_export",
        "component_export",
    ]


def test_unknown_module_attributes_raise_attribute_error():
    with pytest.raises(AttributeError):
        _ = urls.not_a_thing


def test_export_route_kwargs():
    match = resolve("/dashboards/testapp/childonedashboard/@component/first/@export/csv/")
    assert match.kwargs == {
        "app_label": "testapp",
        "dashboard": "childonedashboard",
        "component": "first",
        "format": "csv",
    }
    assert match.url_name == "component_export"


def test_export_object_route_kwargs():
    match = resolve("/dashboards/testapp/childonedashboard/7/@component/first/@export/json/")
    assert match.kwargs["lookup"] == "7"
    assert match.kwargs["format"] == "json"
