"""The theming example: a dashboard template, a component template, CSS classes, the site theme."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_dashboard_template_replaces_the_layout(client):
    content = client.get("/dashboards/theming/templateddashboard/").content.decode()
    assert '<div class="span-12 card card-body">' in content
    assert "This page is laid out by theming/templated.html." in content
    assert '<h2 class="stat__title">98%</h2>' in content


def test_component_template_and_css_classes(client):
    content = client.get("/dashboards/theming/themeddashboard/").content.decode()
    assert '<span class="pill" role="status">All systems normal</span>' in content
    assert '<h2 class="stat__title stat__title--huge">42</h2>' in content
    assert '<div class="dashboard-text lead">' in content


def test_site_base_template_adds_its_stylesheet_and_home_link(client):
    content = client.get("/dashboards/theming/themeddashboard/").content.decode()
    assert '<link rel="stylesheet" href="/static/examples/site.css">' in content
    assert 'class="site-home"' in content


def test_dark_cookie_sets_the_dark_theme(client):
    client.cookies["appearanceMode"] = "dark"
    content = client.get("/dashboards/theming/themeddashboard/").content.decode()
    assert "<body hx-headers=" in content
    assert 'class="dark"' in content
    assert 'aria-pressed="true"' in content


def test_unknown_cookie_values_are_ignored(client):
    client.cookies["appearanceMode"] = '"><script>'
    content = client.get("/dashboards/theming/themeddashboard/").content.decode()
    assert "<script>" not in content.split("<body")[1].split(">")[0]


def test_grid_classes_say_how_many_columns_each_component_spans(client):
    content = client.get("/dashboards/theming/griddashboard/").content.decode()
    spans = re.findall(r'<div class="(span-\d+)">\s*<section class="card">', content)
    assert spans == ["span-3"] * 4 + ["span-8", "span-4", "span-6", "span-6"]


def test_a_deferred_component_shows_its_own_loading_placeholder(client):
    url = "/dashboards/theming/placeholderdashboard/"
    content = client.get(url).content.decode()
    assert '<div class="report-loading" role="status">' in content
    assert "Preparing the report…" in content
    assert "dashboards/loading.svg" not in content
    report = client.get(url + "@component/report/").content.decode()
    assert "Report of the week to" in report


def test_a_base_class_with_media_of_its_own_replaces_the_default_css_and_js(client):
    content = client.get("/dashboards/theming/plainthemedashboard/").content.decode()
    assert '<link href="/static/theming/plain.css" media="all" rel="stylesheet">' in content
    assert '<script src="/static/theming/plain.js"></script>' in content
    assert "dashboards/css/dashboards.css" not in content
    assert "dashboards/js/dashboard.js" not in content
    assert "This page has a stylesheet and a script of its own." in content
