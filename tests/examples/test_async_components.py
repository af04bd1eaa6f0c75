"""The async example: components fetch slow endpoints concurrently (HTTP intercepted here)."""

import pytest
from django.conf import settings

from examples.async_components.views import STATUS_CODES

URL = "/dashboards/async_components/statusdashboard/"
CUSTOM = "/dashboards/async_components/asynccomponentdashboard/"


def test_status_dashboard_shows_every_status(client, status_endpoints):
    content = client.get(URL).content.decode()
    for code in STATUS_CODES:
        assert f'<h2 class="stat__title">{code}</h2>' in content
    assert "I&#x27;m a teapot" in content


async def test_status_dashboard_under_asgi(async_client, status_endpoints):
    response = await async_client.get(URL)
    assert response.status_code == 200
    assert b'<h2 class="stat__title">418</h2>' in response.content
    assert status_endpoints.calls.call_count == len(STATUS_CODES)


def test_fetch_all_is_deferred_and_gathers_every_code(client, status_endpoints):
    response = client.get(URL + "@component/everything/")
    assert b"200, 201, 404, 418, 500" in response.content


async def test_slow_status_answers_the_code_after_the_delay(async_client):
    response = await async_client.get("/async/status/418/", {"delay": "0"})
    assert response.status_code == 418
    assert response.content == b"Status 418"


def test_custom_async_component_view_is_routed_through_defer_url(client, status_endpoints):
    page = client.get(CUSTOM).content.decode()
    custom_url = (
        "/async/asynccomponent/async_components/asynccomponentdashboard/@component/async_httpbin/"
    )
    assert f'hx-get="{custom_url}"' in page
    response = client.get(custom_url)
    assert response.content == b"Async<br>200<hr>201<hr>404<hr>418<hr>500"


async def test_custom_async_component_view_answers_post(async_client, status_endpoints):
    custom_url = (
        "/async/asynccomponent/async_components/asynccomponentdashboard/@component/async_httpbin/"
    )
    response = await async_client.post(custom_url)
    assert response.content.startswith(b"Async<br>200")


def test_custom_view_still_404s_for_an_unknown_component(client):
    url = "/async/asynccomponent/async_components/asynccomponentdashboard/@component/nope/"
    assert client.get(url).status_code == 404


def test_standard_deferred_component_beside_the_custom_one(client):
    response = client.get(CUSTOM + "@component/standard/")
    assert b"A standard deferred component, beside it." in response.content


@pytest.mark.parametrize(
    "path", ["/async/status/abc/", "/async/status/99999/", "/async/status/99/"]
)
def test_slow_status_of_an_unknown_code_is_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize("delay", ["abc", "nan", "inf", "-inf", ""])
def test_slow_status_with_a_delay_that_is_not_a_number_is_400(client, delay):
    assert client.get("/async/status/200/", {"delay": delay}).status_code == 400


def test_slow_status_with_a_negative_delay_answers_at_once(client):
    assert client.get("/async/status/201/", {"delay": "-5"}).status_code == 201


def test_status_urls_come_from_the_site_setting_not_the_host_header(client, status_endpoints):
    response = client.get(URL, HTTP_HOST="127.0.0.1:9999")
    assert response.status_code == 200
    urls = [str(call.request.url) for call in status_endpoints.calls]
    assert len(urls) == len(STATUS_CODES)
    assert all(url.startswith(settings.EXAMPLES_SITE_URL + "/async/status/") for url in urls)
