"""The streaming example: the page at once under ASGI, each report in the same response as it
arrives (HTTP intercepted here); the whole page under WSGI."""

import re

URL = "/dashboards/streaming/streamedreportsdashboard/"


async def test_streamed_page_sends_the_intro_first_and_a_slot_for_each_report(
    async_client, status_endpoints
):
    response = await async_client.get(URL)
    chunks = [chunk.decode() async for chunk in response.streaming_content]
    assert "arrive in the order they finish" in chunks[0]
    assert chunks[0].count("data-dashboards-slot=") == 3
    body = "".join(chunks)
    assert len(re.findall(r"data-dashboards-fill=", body)) == 3


async def test_each_report_shows_its_status_and_delay(async_client, status_endpoints):
    response = await async_client.get(URL)
    body = "".join([chunk.decode() async for chunk in response.streaming_content])
    for code, delay in ((200, 1.5), (201, 0.1), (202, 0.6)):
        assert f'<h2 class="stat__title">{code}</h2>' in body
        assert f"after {delay} s" in body


async def test_each_report_asks_the_slow_endpoint_for_its_delay(async_client, status_endpoints):
    response = await async_client.get(URL)
    [chunk async for chunk in response.streaming_content]
    delays = sorted(call.request.url.params["delay"] for call in status_endpoints.calls)
    assert delays == ["0.1", "0.6", "1.5"]


def test_the_page_renders_whole_under_wsgi(client, status_endpoints):
    response = client.get(URL)
    assert not response.streaming
    assert b'<h2 class="stat__title">202</h2>' in response.content
