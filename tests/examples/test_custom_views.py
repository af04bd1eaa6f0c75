"""The custom views example: the dashboard at a custom route, in a template view, and a custom view."""

import pytest

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
