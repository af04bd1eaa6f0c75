"""The Redis broker of live components, against a real redis-server (``redis_url``)."""

import asyncio
import uuid

import httpx
import pytest
from django.test import override_settings

from dashboards.live import get_broker
from dashboards.live_redis import RedisBroker
from tests.uvicorn_servers import uvicorn_server

STREAM = "/dashboards/testapp/livedashboard/@live/"


@pytest.fixture
def prefix():
    """Keys and a channel of this test's own in the session's Redis."""
    return f"test:{uuid.uuid4().hex}"


async def received(subscription):
    return await asyncio.wait_for(subscription.get(), 5)


async def test_publish_from_sync_code_reaches_a_subscription(redis_url, prefix):
    broker = RedisBroker(redis_url, prefix=prefix)
    subscription = await broker.subscribe({"orders"})
    sequence = await asyncio.to_thread(broker.publish, "orders")
    assert await received(subscription) == [("orders", sequence)]
    subscription.close()


async def test_publish_from_another_broker_reaches_a_subscription(redis_url, prefix):
    listening, publishing = (
        RedisBroker(redis_url, prefix=prefix),
        RedisBroker(redis_url, prefix=prefix),
    )
    subscription = await listening.subscribe({"orders"})
    await publishing.apublish("refunds")
    sequence = await publishing.apublish("orders")
    assert await received(subscription) == [("orders", sequence)]
    subscription.close()


async def test_brokers_of_one_redis_share_numbers_epoch_and_history(redis_url, prefix):
    first, second = RedisBroker(redis_url, prefix=prefix), RedisBroker(redis_url, prefix=prefix)
    await first.apublish("a")
    seen = await second.event_id()
    await first.apublish("b")
    assert seen.split(":")[0] == (await first.event_id()).split(":")[0]
    assert await second.published_since({"a", "b", "c"}, seen) == {"b"}


async def test_published_since_cannot_tell_for_another_epoch_or_beyond_the_history(
    redis_url, prefix
):
    broker = RedisBroker(redis_url, prefix=prefix, history=2)
    seen = await broker.event_id()
    for topic in ("a", "b", "c"):
        await broker.apublish(topic)
    assert await broker.published_since({"a"}, seen) is None
    assert await broker.published_since({"a"}, "another:1") is None
    epoch = (await broker.event_id()).split(":")[0]
    assert await broker.published_since({"a"}, f"{epoch}:999") is None


async def test_current_event_id_from_sync_code_agrees_with_redis(redis_url, prefix):
    first, second = RedisBroker(redis_url, prefix=prefix), RedisBroker(redis_url, prefix=prefix)
    await first.apublish("a")
    assert await asyncio.to_thread(second.current_event_id) == await first.event_id()
    subscription = await second.subscribe({"a"})
    sequence = await first.apublish("a")
    await received(subscription)
    assert second.current_event_id().endswith(f":{sequence}")  # as heard on the channel
    subscription.close()


async def test_last_subscription_closed_stops_listening(redis_url, prefix):
    broker = RedisBroker(redis_url, prefix=prefix)
    first, second = await broker.subscribe({"a"}), await broker.subscribe({"b"})
    first.close()
    assert broker._listeners
    second.close()
    assert not broker._listeners


async def test_setting_selects_the_redis_broker(redis_url):
    with override_settings(
        DASHBOARDS_LIVE_BROKER="dashboards.live_redis.RedisBroker",
        DASHBOARDS_LIVE_REDIS_URL=redis_url,
    ):
        broker = get_broker()
        assert isinstance(broker, RedisBroker)
        assert broker.url == redis_url


def first_event(lines) -> str:
    """The first event (not a comment) of a stream's lines."""
    event = []
    for line in lines:
        if line:
            event.append(line)
        elif event and not event[0].startswith(("retry:", ":")):
            return "\n".join(event)
        else:
            event = []
    raise AssertionError("the stream ended")


def test_publish_reaches_the_pages_of_two_server_processes(redis_url):
    env = {
        "DJANGO_SETTINGS_MODULE": "tests.settings_live_redis",
        "DASHBOARDS_LIVE_REDIS_URL": redis_url,
    }
    with (
        uvicorn_server(**env) as (first_url, _),
        uvicorn_server(**env) as (second_url, _),
        httpx.Client(timeout=10) as client,
        client.stream("GET", first_url + STREAM) as first,
        client.stream("GET", second_url + STREAM) as second,
    ):
        streams = [first.iter_lines(), second.iter_lines()]
        assert all(next(lines).startswith("retry: ") for lines in streams)
        RedisBroker(redis_url).publish("orders")
        for lines in streams:
            assert "event: live" in first_event(lines)
