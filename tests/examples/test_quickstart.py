"""The quickstart example runs as the tutorial says."""

import pytest

URL = "/dashboards/quickstart/firstdashboard/"

pytestmark = pytest.mark.django_db


def test_first_dashboard_shows_the_welcome_text_and_the_user_count(client, member):
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Welcome to Django Dashboards!" in content
    assert '<h2 class="stat__title">1</h2>' in content
    assert "registered users" in content


def test_clock_is_deferred_and_loads_from_its_component_url(client):
    content = client.get(URL).content.decode()
    assert f'hx-get="{URL}@component/clock/"' in content
    clock = client.get(URL + "@component/clock/")
    assert b"The server&#x27;s time is" in clock.content


@pytest.mark.django_db(transaction=True)
async def test_first_dashboard_renders_under_asgi(async_client):
    response = await async_client.get(URL)
    assert response.status_code == 200
    assert b"Welcome to Django Dashboards!" in response.content
