"""The quickstart example runs as the tutorial says."""

import json
import re

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


SECOND = "/dashboards/quickstart/seconddashboard/"


def test_second_dashboard_keeps_the_first_ones_components(client, member):
    content = client.get(SECOND).content.decode()
    assert "Welcome to Django Dashboards!" in content
    assert f'hx-get="{SECOND}@component/clock/"' in content


def test_second_dashboard_shows_the_users_in_a_table(client, member):
    content = client.get(SECOND).content.decode()
    assert "<caption>Users</caption>" in content
    assert f"<td>{member.username}</td>" in content


def test_second_dashboard_draws_the_models_per_app_when_loaded(client):
    content = client.get(SECOND).content.decode()
    assert f'hx-get="{SECOND}@component/models/"' in content
    chart = client.get(SECOND + "@component/models/").content.decode()
    assert 'aria-label="Models per app"' in chart
    figure = json.loads(re.search(r'application/json" id="[^"]+">(.*?)</script>', chart).group(1))
    apps = figure["data"][0]["x"]
    assert apps[0] == "shop"  # the app with the most models comes first
    assert {"auth", "contenttypes", "sessions"} <= set(apps)
