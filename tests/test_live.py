"""Tests of dashboards.live: topics, publishing, the in-process broker and resuming."""

import asyncio

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from dashboards import live
from dashboards.component import Text
from dashboards.live import InProcessBroker, parse_event_id, topics_of


def test_live_takes_one_topic_or_several():
    assert topics_of("orders") == ("orders",)
    assert topics_of(["orders", "refunds"]) == ("orders", "refunds")
    assert topics_of(None) == ()


def test_live_that_is_not_strings_is_refused():
    with pytest.raises(ImproperlyConfigured):
        topics_of(["orders", 3])


def test_component_lists_its_live_topics():
    assert Text(value="x", live="orders").get_live_topics() == ("orders",)
    assert Text(value="x").get_live_topics() == ()


def test_components_with_other_live_topics_differ():
    assert Text(value="x", live="a") != Text(value="x", live="b")


def test_event_id_is_epoch_and_sequence():
    assert parse_event_id("3f9a:42") == ("3f9a", 42)
    for bad in (None, "", "42", "3f9a:", "3f9a:x", ":3"):
        assert parse_event_id(bad) is None


def test_each_publish_gets_the_next_sequence_number():
    broker = InProcessBroker()
    assert [broker.publish("a"), broker.publish("b"), broker.publish("a")] == [1, 2, 3]


async def test_published_since_names_the_topics_published_after_an_id():
    broker = InProcessBroker()
    broker.publish("a")
    seen = await broker.event_id()
    broker.publish("b")
    assert await broker.published_since({"a", "b", "c"}, seen) == {"b"}
    assert await broker.published_since({"a"}, await broker.event_id()) == set()


async def test_published_since_cannot_tell_for_another_epoch_or_a_future_id():
    broker = InProcessBroker()
    broker.publish("a")
    assert await broker.published_since({"a"}, "another:0") is None
    assert await broker.published_since({"a"}, f"{broker.epoch}:99") is None
    assert await broker.published_since({"a"}, "not an id") is None


async def test_published_since_cannot_tell_beyond_the_history_kept():
    broker = InProcessBroker(history=2)
    seen = await broker.event_id()
    for topic in ("a", "b", "c"):  # "a" is forgotten
        broker.publish(topic)
    assert await broker.published_since({"a"}, seen) is None
    recent = await broker.event_id()
    broker.publish("d")
    assert await broker.published_since({"c", "d"}, recent) == {"d"}


async def test_subscription_receives_only_its_topics_and_stops_when_closed():
    broker = InProcessBroker()
    subscription = await broker.subscribe({"a"})
    broker.publish("b")
    sequence = broker.publish("a")
    assert await asyncio.wait_for(subscription.get(), 1) == [("a", sequence)]
    subscription.close()
    broker.publish("a")
    await asyncio.sleep(0)
    assert subscription.queue.empty()
    assert broker.subscriber_count() == 0


def test_publish_with_no_stream_open_does_nothing():
    live.publish("nobody-listens")


async def test_apublish_uses_the_configured_broker():
    broker = live.get_broker()
    before = await broker.event_id()
    await live.apublish("topic")
    assert await broker.published_since({"topic"}, before) == {"topic"}


@override_settings(DASHBOARDS_LIVE_BROKER="no.such.Broker")
def test_unimportable_broker_is_improperly_configured():
    with pytest.raises(ImproperlyConfigured, match=r"no\.such\.Broker"):
        live.publish("topic")
