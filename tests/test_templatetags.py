"""Tests of dashboards.templatetags.dashboards."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from dashboards.component import CTA
from dashboards.templatetags.dashboards import dashboard_urls, lookup, random_ms_delay
from tests.testapp.dashboards import ChildOneDashboard

rf = RequestFactory()


def render(source, **context):
    return Template("{% load dashboards %}" + source).render(Context(context))


def test_render_dashboard_renders_an_instance_with_the_request():
    html = render(
        "{% render_dashboard dashboard %}", dashboard=ChildOneDashboard(), request=rf.get("/")
    )
    assert "third, overridden" in html


def test_render_component_with_htmx_false_renders_the_deferred_value():
    component = ChildOneDashboard().get_component("second")
    html = render("{% render_component component htmx=False %}", component=component)
    assert "second, deferred" in html


def test_render_component_defaults_to_the_placeholder_for_deferred_components():
    component = ChildOneDashboard().get_component("second")
    assert "hx-get" in render("{% render_component component %}", component=component)


def test_dashboard_urls_maps_names_to_urls_of_plain_menu_dashboards():
    urls = dashboard_urls("testapp")
    assert urls["ChildOneDashboard"] == "/dashboards/testapp/childonedashboard/"
    assert "UserDashboard" not in urls


def test_random_ms_delay_is_within_bounds():
    assert random_ms_delay(5, 5) == "5ms"


def test_lookup_filter():
    assert lookup({"a": 1}, "a") == 1
    assert lookup(None, "a") is None


@pytest.mark.django_db
def test_cta_href_filter(member):
    cta = CTA(dashboard="tests.testapp.dashboards.UserDashboard")
    html = render("{{ cta|cta_href:obj }}", cta=cta, obj=member)
    assert html == "/dashboards/testapp/userdashboard/member/"
