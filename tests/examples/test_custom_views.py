"""The custom views example: the dashboard at a custom route, in a template view, and a custom view."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PLAIN = "/custom/plain/custom_views/reportdashboard/@component/shouted/"


def test_custom_route_serves_the_dashboard_with_its_permissions(client, member):
    assert client.get("/custom/report/").status_code == 302
    client.force_login(member)
    content = client.get("/custom/report/").content.decode()
    assert "A dashboard inside your own views." in content
    assert f'hx-get="{PLAIN}"' in content


def test_template_view_renders_the_dashboard_in_its_own_page(client, member):
    client.force_login(member)
    content = client.get("/custom/report-page/").content.decode()
    assert "A page of my own" in content
    assert "A dashboard inside your own views." in content


def test_template_view_checks_the_dashboard_permissions(client):
    response = client.get("/custom/report-page/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_custom_component_view_answers_get_and_post(client, member):
    client.force_login(member)
    assert (
        client.get(PLAIN).content == b"<p class='custom-view'>SERVED BY A CUSTOM COMPONENT VIEW</p>"
    )
    assert client.post(PLAIN).status_code == 200


def test_custom_component_view_applies_the_permissions(client):
    assert client.get(PLAIN).status_code == 302


def test_overview_shows_several_dashboards_on_one_page(client, member):
    client.force_login(member)
    content = client.get("/custom/overview/").content.decode()
    assert '<h2 id="custom_views_reportdashboard">Report</h2>' in content
    assert '<h2 id="custom_views_teamdashboard">Team</h2>' in content
    assert "A dashboard inside your own views." in content
    assert "On call this week: Grace." in content


def test_overview_links_the_media_of_its_dashboards_once(client, member):
    client.force_login(member)
    content = client.get("/custom/overview/").content.decode()
    assert content.count("/static/dashboards/css/dashboards.css") == 1
    assert content.count("/static/dashboards/js/dashboard.js") == 1


def test_overview_checks_the_permissions_of_every_dashboard(client):
    response = client.get("/custom/overview/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_dashboards_are_routed_again_in_the_reports_namespace(client, member):
    url = reverse("reports:custom_views_teamdashboard")
    assert url == "/custom/reports/custom_views/teamdashboard/"
    assert (
        reverse("dashboards:custom_views_teamdashboard")
        == "/dashboards/custom_views/teamdashboard/"
    )
    assert "On call this week: Grace." in client.get(url).content.decode()


def test_the_reports_namespace_applies_the_permissions(client):
    response = client.get(reverse("reports:custom_views_reportdashboard"))
    assert response.status_code == 302
