"""The event stream of a page with live components (``dashboards.live_views``), under ASGI."""

import asyncio
import contextlib
import re
import threading
from html import unescape as html_unescape

import pytest
from django.test import override_settings

from dashboards import live
from dashboards.live_views import open_streams
from tests.liveapp.dashboards import STATE

PAGE = "/dashboards/testapp/livedashboard/"
STREAM = PAGE + "@live/"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def reset_state():
    STATE["count"] = 0
    yield
    STATE["count"] = 0
    assert open_streams() == 0, "a test left a stream open"


class Stream:
    """An open event stream of the async test client, read chunk by chunk."""

    def __init__(self, response):
        self.response = response
        self.chunks = response.streaming_content

    async def next(self) -> str:
        """The next chunk; a test fails rather than waits for ever."""
        async with asyncio.timeout(5):
            chunk = await self.chunks.__anext__()
        return chunk.decode() if isinstance(chunk, bytes) else chunk

    async def next_event(self) -> str:
        """The next chunk that is not a comment (a heartbeat)."""
        while True:
            chunk = await self.next()
            if not chunk.startswith(":"):
                return chunk

    async def close(self) -> None:
        """Disconnect, as the ASGI handler does: cancel the read that waits for the next event."""
        waiting = asyncio.ensure_future(self.chunks.__anext__())
        await asyncio.sleep(0.01)
        waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError, StopAsyncIteration):
            await waiting


async def open_stream(client, url: str = STREAM, **headers) -> Stream:
    response = await client.get(url, headers=headers)
    assert response.status_code == 200, response.content
    stream = Stream(response)
    assert (await stream.next()).startswith("retry: ")
    return stream


def data_of(event: str) -> str:
    return "\n".join(line[6:] for line in event.splitlines() if line.startswith("data: "))


def field(event: str, name: str) -> str | None:
    match = re.search(rf"^{name}: (.*)$", event, re.MULTILINE)
    return match.group(1) if match else None


async def test_page_under_asgi_has_one_stream_element_with_its_filters(async_client):
    response = await async_client.get(PAGE + "?region=north")
    html = response.content.decode()
    assert html.count("sse-connect=") == 1
    assert f'sse-connect="{STREAM}?region=north&amp;last-event-id=' in html
    assert "dashboards/vendor/htmx-ext-sse/sse.min.js" in html
    assert "dashboards/js/live.js" in html


async def test_stream_sends_what_was_published_between_the_page_and_the_stream(async_client):
    html = (await async_client.get(PAGE)).content.decode()
    url = html_unescape(re.search(r'sse-connect="([^"]+)"', html).group(1))
    STATE["count"] = 4
    await live.apublish("orders")  # after the page, before its stream opens
    stream = await open_stream(async_client, url)
    assert "count 4" in data_of(await stream.next_event())
    await stream.close()


@override_settings(DASHBOARDS_LIVE_HEARTBEAT=0.05)
async def test_stream_of_a_page_with_nothing_published_since_sends_nothing(async_client):
    html = (await async_client.get(PAGE)).content.decode()
    url = html_unescape(re.search(r'sse-connect="([^"]+)"', html).group(1))
    stream = await open_stream(async_client, url)
    assert await stream.next() == ": heartbeat\n\n"
    await stream.close()


def test_page_under_wsgi_polls_its_live_components_instead(client):
    html = client.get(PAGE).content.decode()
    assert "sse-connect" not in html
    # counter, regional and secret are live; the deferred one polls from its placeholder.
    assert html.count('hx-trigger="every 10s"') == 2
    assert "intersect once, every 10s" in html


@override_settings(DASHBOARDS_LIVE_POLL_RATE=3)
def test_polling_rate_under_wsgi_is_a_setting(client):
    assert 'hx-trigger="every 3s"' in client.get(PAGE).content.decode()


async def test_page_without_live_components_has_no_stream_element(async_client):
    response = await async_client.get("/dashboards/testapp/notlivedashboard/")
    assert "sse-connect" not in response.content.decode()


async def test_stream_is_an_event_stream_that_proxies_do_not_buffer(async_client):
    stream = await open_stream(async_client)
    assert stream.response["Content-Type"].startswith("text/event-stream")
    assert stream.response["Cache-Control"] == "no-cache"
    assert stream.response["X-Accel-Buffering"] == "no"
    await stream.close()


async def test_publish_sends_the_components_of_the_topic_rerendered(async_client):
    stream = await open_stream(async_client)
    STATE["count"] = 7
    await live.apublish("orders")
    event = await stream.next_event()
    assert field(event, "event") == "live"
    html = data_of(event)
    assert "count 7" in html
    assert "count 7 for everywhere" in html
    assert html.count('hx-swap-oob="true"') == 2  # counter and regional; not still nor later
    assert 'id="component-dashboardstestapplivedashboardcomponentcounter-inner"' in html
    await stream.close()


async def test_publish_renders_with_the_filters_of_the_page(async_client):
    stream = await open_stream(async_client, STREAM + "?region=north")
    await live.apublish("regions")
    html = data_of(await stream.next_event())
    assert "count 0 for north" in html
    assert "count 0</" not in html  # only the component live on "regions"
    await stream.close()


async def test_sync_publish_from_a_worker_thread_reaches_the_stream(async_client):
    stream = await open_stream(async_client)
    STATE["count"] = 3
    thread = threading.Thread(target=live.publish, args=("orders",))
    thread.start()
    thread.join()
    assert "count 3" in data_of(await stream.next_event())
    await stream.close()


async def test_publishes_that_arrive_together_make_one_event(async_client):
    stream = await open_stream(async_client)
    broker = live.get_broker()
    broker.publish("orders")
    broker.publish("later")
    event = await stream.next_event()
    assert data_of(event).count('hx-swap-oob="true"') == 3
    assert field(event, "id") == await broker.event_id()
    await stream.close()


async def test_stream_leaves_out_a_component_the_user_may_not_see(async_client, staff_user):
    stream = await open_stream(async_client)
    await live.apublish("orders")
    assert "staff only" not in data_of(await stream.next_event())
    await stream.close()
    await async_client.aforce_login(staff_user)
    stream = await open_stream(async_client)
    await live.apublish("orders")
    assert "staff only" in data_of(await stream.next_event())
    await stream.close()


async def test_stream_checks_the_dashboard_permissions_when_it_opens(async_client):
    response = await async_client.get("/dashboards/testapp/memberslivedashboard/@live/")
    assert response.status_code in (302, 403)
    assert open_streams() == 0


async def test_stream_checks_the_permissions_again_on_every_rerender(async_client, member):
    await async_client.aforce_login(member)
    stream = await open_stream(async_client, "/dashboards/testapp/memberslivedashboard/@live/")
    await live.apublish("orders")
    assert "count 0" in data_of(await stream.next_event())
    await async_client.alogout()  # the session the stream was opened with is gone
    await live.apublish("orders")
    event = await stream.next_event()
    assert field(event, "event") == "close"
    with pytest.raises(StopAsyncIteration):
        await stream.next()
    assert open_streams() == 0


async def test_stream_of_an_object_renders_that_object(async_client, member):
    stream = await open_stream(
        async_client, f"/dashboards/testapp/userlivedashboard/{member.pk}/@live/"
    )
    await live.apublish("users")
    assert "user member" in data_of(await stream.next_event())
    await stream.close()


async def test_stream_of_a_page_without_live_components_is_404(async_client):
    response = await async_client.get("/dashboards/testapp/notlivedashboard/@live/")
    assert response.status_code == 404


def test_stream_under_wsgi_answers_no_content(client):
    assert client.get(STREAM).status_code == 204


@override_settings(DASHBOARDS_LIVE_HEARTBEAT=0.05)
async def test_quiet_stream_sends_heartbeat_comments(async_client):
    stream = await open_stream(async_client)
    assert await stream.next() == ": heartbeat\n\n"
    await stream.close()


async def test_reconnect_resends_the_components_published_since_its_last_event(async_client):
    broker = live.get_broker()
    await live.apublish("later")
    last_seen = await broker.event_id()
    STATE["count"] = 5
    await live.apublish("regions")
    stream = await open_stream(async_client, **{"Last-Event-ID": last_seen})
    event = await stream.next_event()
    assert field(event, "id") == await broker.event_id()
    html = data_of(event)
    assert "count 5 for everywhere" in html
    assert html.count('hx-swap-oob="true"') == 1  # only regional's topic was published since
    await stream.close()


@override_settings(DASHBOARDS_LIVE_HEARTBEAT=0.05)
async def test_reconnect_that_missed_nothing_gets_nothing(async_client):
    await live.apublish("orders")
    stream = await open_stream(
        async_client, **{"Last-Event-ID": await live.get_broker().event_id()}
    )
    assert await stream.next() == ": heartbeat\n\n"
    await stream.close()


async def test_reconnect_with_an_id_of_another_epoch_resends_every_live_component(async_client):
    stream = await open_stream(async_client, **{"Last-Event-ID": "another-process:3"})
    assert data_of(await stream.next_event()).count('hx-swap-oob="true"') == 3
    await stream.close()


async def test_reconnect_takes_the_last_event_id_from_the_query_not_as_a_filter(async_client):
    await live.apublish("later")
    last_seen = await live.get_broker().event_id()
    await live.apublish("regions")
    stream = await open_stream(async_client, f"{STREAM}?region=south&last-event-id={last_seen}")
    html = data_of(await stream.next_event())
    assert "count 0 for south" in html
    assert "last-event-id" not in html
    await stream.close()


@override_settings(DASHBOARDS_LIVE_MAX_STREAMS=1)
async def test_streams_beyond_the_cap_are_refused_with_503(async_client):
    stream = await open_stream(async_client)
    response = await async_client.get(STREAM)
    assert response.status_code == 503
    assert response["Retry-After"]
    await stream.close()
    assert open_streams() == 0
    await (await open_stream(async_client)).close()


async def test_close_streams_ends_every_open_stream(async_client):
    first, second = await open_stream(async_client), await open_stream(async_client)
    assert open_streams() == 2
    live.close_streams()
    for stream in (first, second):
        with pytest.raises(StopAsyncIteration):
            await stream.next()
    assert open_streams() == 0
    assert live.get_broker().subscriber_count() == 0
