"""Streamed pages (``Meta.stream``, ``DASHBOARDS_STREAM``): the page at once under ASGI, each late
value in the same response as it resolves; whole pages under WSGI."""

import asyncio
import re

import pytest
from django.core.handlers.asgi import ASGIHandler
from django.http import StreamingHttpResponse
from django.test import override_settings

from dashboards.permissions import IsAuthenticated
from dashboards.views import split_page
from tests.test_views_request_path import call_on_the_loop
from tests.testapp.dashboards import STREAM_PROBE, StreamedDashboard, UnstreamedSlowDashboard
from tests.trips import count_trips

pytestmark = pytest.mark.django_db

URL = "/dashboards/testapp/{}/"


async def chunks_of(response) -> list[str]:
    """The chunks of a streamed response, decoded."""
    return [chunk.decode() async for chunk in response.streaming_content]


def fill_order(body: str) -> list[str]:
    """The slot ids in the order their values were streamed."""
    return re.findall(r'data-dashboards-fill="([^"]+)"', body)


async def test_a_streamed_page_sends_the_page_first_with_a_slot_for_each_late_value(
    async_client,
):
    response = await async_client.get(URL.format("streameddashboard"))
    assert isinstance(response, StreamingHttpResponse)
    first = (await chunks_of(response))[0]
    assert "ready at once" in first
    assert first.count('data-dashboards-slot="') == 3
    assert "slow value" not in first
    assert "</body>" not in first


async def test_a_streamed_page_sends_each_late_value_as_it_resolves_in_order_of_completion(
    async_client,
):
    response = await async_client.get(URL.format("streameddashboard"))
    chunks = await chunks_of(response)
    order = fill_order("".join(chunks[1:]))
    keys = [next(k for k in ("failing", "quick", "slow") if slot.endswith(k)) for slot in order]
    assert keys == ["failing", "quick", "slow"]
    assert chunks[-1].strip().endswith("</html>")


async def test_every_slot_of_a_streamed_page_gets_its_value(async_client):
    response = await async_client.get(URL.format("streameddashboard"))
    body = "".join(await chunks_of(response))
    slots = re.findall(r'data-dashboards-slot="([^"]+)"', body)
    assert sorted(slots) == sorted(fill_order(body))
    assert "quick value" in body
    assert "slow value" in body


async def test_a_failing_value_streams_its_error_state_into_its_slot(async_client):
    response = await async_client.get(URL.format("streameddashboard"))
    body = "".join(await chunks_of(response))
    fill = body.split('data-dashboards-fill="', 1)[1].split("<template", 1)[0]
    assert "failing" in fill.split('"', 1)[0]
    assert "could not be loaded" in fill
    assert "the backend is down" not in body


async def test_a_timed_out_value_streams_its_error_state(async_client):
    with override_settings(DASHBOARDS_COMPONENT_TIMEOUT=0.05):
        response = await async_client.get(URL.format("streameddashboard"))
        body = "".join(await chunks_of(response))
    assert "slow value" not in body
    assert len(fill_order(body)) == 3


async def test_sync_values_of_a_streamed_page_resolve_in_one_thread_trip():
    with count_trips() as trips:
        _, response = await call_on_the_loop(URL.format("streamedsyncdashboard"))
        body = "".join(await chunks_of(response))
    assert "computed on the request&#x27;s thread" in body
    assert trips.thread_trips == 1


async def test_an_async_streamed_page_makes_no_thread_trip():
    with count_trips() as trips:
        _, response = await call_on_the_loop(URL.format("streameddashboard"))
        await chunks_of(response)
    assert (trips.thread_trips, trips.event_loops) == (0, 0)


async def test_a_streamed_page_whose_values_are_all_ready_is_sent_whole(async_client):
    response = await async_client.get(URL.format("streamedliteralsdashboard"))
    assert not response.streaming
    assert b"ready at once" in response.content
    assert b"data-dashboards-slot" not in response.content


def test_a_streamed_dashboard_renders_whole_under_wsgi(client):
    response = client.get(URL.format("streameddashboard"))
    assert not response.streaming
    assert b"slow value" in response.content
    assert b"data-dashboards-slot" not in response.content


async def test_an_htmx_request_for_a_streamed_page_gets_it_whole(async_client):
    response = await async_client.get(
        URL.format("streameddashboard"), headers={"HX-Request": "true"}
    )
    assert not response.streaming
    assert b"slow value" in response.content


async def test_dashboards_stream_setting_streams_a_dashboard_without_meta_stream(async_client):
    with override_settings(DASHBOARDS_STREAM=True):
        response = await async_client.get(URL.format("unstreamedslowdashboard"))
        body = "".join(await chunks_of(response))
    assert response.streaming
    assert "quick value" in body


async def test_meta_stream_false_overrides_the_setting(async_client, monkeypatch):
    monkeypatch.setattr(UnstreamedSlowDashboard._meta, "stream", False)
    with override_settings(DASHBOARDS_STREAM=True):
        response = await async_client.get(URL.format("unstreamedslowdashboard"))
    assert not response.streaming


async def test_a_refused_streamed_page_is_not_streamed(async_client, monkeypatch):
    monkeypatch.setattr(StreamedDashboard._meta, "permission_classes", [IsAuthenticated])
    response = await async_client.get(URL.format("streameddashboard"))
    assert not response.streaming
    assert response.status_code in (302, 403)


def test_split_page_cuts_before_the_closing_body_tag():
    assert split_page("<html><body>page</body></html>") == ("<html><body>page", "</body></html>")


def test_split_page_of_a_page_without_body_end_puts_late_values_at_the_end():
    assert split_page("<div>page</div>") == ("<div>page</div>", "")


async def test_a_client_that_goes_away_cancels_the_values_still_running():
    """Drive Django's ASGI handler: the client disconnects after the first chunk."""
    STREAM_PROBE.update(started=0, finished=0, cancelled=0)
    sent: list[dict] = []
    first_chunk = asyncio.Event()
    request_sent = False

    async def receive():
        nonlocal request_sent
        if not request_sent:
            request_sent = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await first_chunk.wait()
        return {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)
        if message["type"] == "http.response.body" and message.get("body"):
            first_chunk.set()

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": URL.format("streamedhangingdashboard"),
        "raw_path": URL.format("streamedhangingdashboard").encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
    }
    await asyncio.wait_for(ASGIHandler()(scope, receive, send), timeout=10)
    await asyncio.sleep(0)
    assert sent[0]["status"] == 200
    assert b"ready at once" in sent[1]["body"]
    assert STREAM_PROBE == {"started": 1, "finished": 0, "cancelled": 1}
