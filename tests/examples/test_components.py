"""The components example shows what the components page of the docs says."""

import pytest

URL = "/dashboards/components/componentsdashboard/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.content.decode()


def test_literal_text_is_escaped_and_trusted_text_is_not(page):
    assert "&lt;b&gt;Escaped:&lt;/b&gt;" in page
    assert "<b>Bold</b>, because mark_safe=True." in page


def test_value_callable_greets_the_visitor(page):
    assert "Hello, visitor!" in page


def test_value_callable_greets_a_logged_in_user(client, member):
    client.force_login(member)
    assert b"Hello, member!" in client.get(URL).content


def test_filters_carry_the_query_string(client, page):
    assert "No search yet." in page
    assert b"You searched for &#x27;hello&#x27;." in client.get(URL, {"q": "hello"}).content


def test_deferred_text_loads_after_the_page(client, page):
    assert "Loaded after the page" not in page
    deferred = client.get(URL + "@component/deferred/")
    assert b"Loaded after the page, by htmx." in deferred.content


def test_stats_show_up_and_down_changes(page):
    assert 'positive text-success">&uarr; 8.5' in page
    assert 'negative text-danger">&darr; -2.1' in page


def test_clock_polls_every_five_seconds(page):
    assert 'hx-get="/dashboards/components/componentsdashboard/@component/clock/"' in page
    assert 'hx-trigger="every 5s"' in page


def test_cta_links_back_to_the_index(page):
    assert '<a class="dashboard-component-link" href="/">' in page


def test_get_visits_value_counts_visits_in_the_session(client):
    client.get(URL)
    response = client.get(URL + "@component/visits/")
    assert b'<h2 class="stat__title">2</h2>' in response.content


@pytest.mark.django_db(transaction=True)
async def test_components_render_under_asgi(async_client):
    response = await async_client.get(URL)
    assert response.status_code == 200
    assert b"Hello, visitor!" in response.content
