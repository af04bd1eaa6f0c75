"""A broker for live components across processes and hosts: Redis pub/sub (the ``redis`` extra).

Set ``DASHBOARDS_LIVE_BROKER = "dashboards.live_redis.RedisBroker"`` and
``DASHBOARDS_LIVE_REDIS_URL`` in every process that publishes or serves pages. A publish, from any
of them, takes one Redis round trip: a script numbers it (one counter for all processes), records
its topic's latest number (for ``Last-Event-ID``) and publishes it on one channel. Each server
process listens on that channel with one connection (not one per stream) and hands each publish
to its own streams.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass, field
from typing import Any

from dashboards.config import Config
from dashboards.extras import install_hint
from dashboards.live import Broker, Subscription, parse_event_id
from dashboards.log import logger

try:
    import redis
    import redis.asyncio as aioredis
except ImportError as error:  # pragma: no cover - the tests run with the extra
    raise ImportError(
        f"dashboards.live_redis.RedisBroker needs redis: {install_hint('redis')}"
    ) from error

__all__ = ["PUBLISH_SCRIPT", "RedisBroker"]

#: Number the publish, record it as its topic's latest (keeping the latest ``ARGV[2]`` topics),
#: and publish ``"<number> <topic>"``; atomic, so every process sees the same order.
PUBLISH_SCRIPT = """
local sequence = redis.call('INCR', KEYS[1])
redis.call('ZADD', KEYS[2], sequence, ARGV[1])
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, -(tonumber(ARGV[2]) + 1))
redis.call('PUBLISH', KEYS[3], sequence .. ' ' .. ARGV[1])
return sequence
"""


@dataclass(eq=False)
class _Listener:
    """One event loop's connection to Redis: its subscriptions' channel reader and client."""

    client: Any
    subscriptions: int = 0
    task: asyncio.Task[None] | None = field(default=None)


class RedisBroker(Broker):
    """Carries publishes through Redis pub/sub to the streams of every connected process."""

    def __init__(
        self, url: str | None = None, prefix: str = "dashboards:live", history: int = 10_000
    ) -> None:
        super().__init__(history=history)
        self.url = url or Config().DASHBOARDS_LIVE_REDIS_URL
        self.keys = [f"{prefix}:sequence", f"{prefix}:topics", f"{prefix}:events"]
        self.channel = self.keys[2]
        self.epoch_key = f"{prefix}:epoch"
        self.epoch = ""  # read from Redis: the same in every process
        self._sync_client: redis.Redis | None = None
        self._listeners: dict[asyncio.AbstractEventLoop, _Listener] = {}

    # -- publishing ------------------------------------------------------------------------

    def publish(self, topic: str) -> int:
        """Publish ``topic`` to every process, from sync code (one round trip)."""
        if self._sync_client is None:
            self._sync_client = redis.Redis.from_url(self.url)
        keys = self.keys
        answer = self._sync_client.eval(PUBLISH_SCRIPT, len(keys), *keys, topic, self.history)
        return int(answer)

    async def apublish(self, topic: str) -> int:
        """Publish ``topic`` to every process, from async code (one round trip)."""
        async with self._client() as client:
            keys = self.keys
            return int(await client.eval(PUBLISH_SCRIPT, len(keys), *keys, topic, self.history))

    # -- listening -------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def _client(self) -> AsyncIterator[Any]:
        """This loop's client while streams listen on it, else one for this call."""
        listener = self._listeners.get(asyncio.get_running_loop())
        if listener is not None:
            yield listener.client
            return
        client = aioredis.Redis.from_url(self.url)
        try:
            yield client
        finally:
            await client.aclose()

    async def _load_epoch(self, client: Any) -> None:
        """Agree on the epoch with every other process (the first to ask sets it)."""
        if not self.epoch:
            await client.set(self.epoch_key, secrets.token_hex(4), nx=True)
            self.epoch = (await client.get(self.epoch_key)).decode()

    async def subscribe(self, topics: Iterable[str]) -> Subscription:
        """A subscription on the running loop, whose process now listens to the channel."""
        loop = asyncio.get_running_loop()
        listener = self._listeners.get(loop)
        if listener is None:
            listener = self._listeners[loop] = _Listener(aioredis.Redis.from_url(self.url))
            try:
                await self._load_epoch(listener.client)
                pubsub = listener.client.pubsub()
                await pubsub.subscribe(self.channel)
                await pubsub.get_message(timeout=5)  # confirmed: listening before the stream opens
            except BaseException:
                del self._listeners[loop]
                await listener.client.aclose()
                raise
            listener.task = loop.create_task(self._listen(listener, pubsub))
        listener.subscriptions += 1
        return await super().subscribe(topics)

    async def _listen(self, listener: _Listener, pubsub: Any) -> None:
        """Hand each publish on the channel to this process's streams, until none is left."""
        try:
            while True:
                try:
                    async for message in pubsub.listen():
                        if message.get("type") == "message":
                            sequence, _, topic = message["data"].decode().partition(" ")
                            self.record(topic, int(sequence))
                except (redis.ConnectionError, redis.TimeoutError, OSError):
                    # redis-py connects and subscribes again when it next reads.
                    logger.warning("Lost the live broker's Redis channel; listening again")
                    await asyncio.sleep(1)
        finally:
            with contextlib.suppress(Exception):
                await pubsub.aclose()
            with contextlib.suppress(Exception):
                await listener.client.aclose()

    def unsubscribe(self, subscription: Subscription) -> None:
        """Forget a subscription; the last one on its loop stops the loop's listener."""
        super().unsubscribe(subscription)
        listener = self._listeners.get(subscription.loop)
        if listener is None:
            return
        listener.subscriptions -= 1
        if listener.subscriptions <= 0:
            del self._listeners[subscription.loop]
            if listener.task is not None:
                listener.task.cancel()

    # -- resuming --------------------------------------------------------------------------

    def current_event_id(self) -> str:
        """The id of the latest publish, from sync code: as this process last heard it while it
        listens (an older id only makes a stream send again what a page shows), else asked of
        Redis."""
        if self._listeners and self.epoch:
            return super().current_event_id()
        if self._sync_client is None:
            self._sync_client = redis.Redis.from_url(self.url)
        if not self.epoch:
            self._sync_client.set(self.epoch_key, secrets.token_hex(4), nx=True)
            self.epoch = str(self._sync_client.get(self.epoch_key).decode())  # type: ignore[union-attr]
        sequence = self._sync_client.get(self.keys[0])
        return f"{self.epoch}:{int(sequence or 0)}"

    async def event_id(self) -> str:
        """The id of the latest publish of any process."""
        async with self._client() as client:
            await self._load_epoch(client)
            sequence = int(await client.get(self.keys[0]) or 0)
        return f"{self.epoch}:{sequence}"

    async def published_since(self, topics: Iterable[str], event_id: str) -> set[str] | None:
        """Which of ``topics`` any process published after ``event_id`` (None: cannot tell)."""
        topics = list(topics)
        async with self._client() as client:
            await self._load_epoch(client)
            parsed = parse_event_id(event_id)
            if parsed is None or parsed[0] != self.epoch:
                return None
            async with client.pipeline(transaction=True) as pipe:
                pipe.get(self.keys[0])
                pipe.zcard(self.keys[1])
                pipe.zrange(self.keys[1], 0, 0, withscores=True)
                pipe.zmscore(self.keys[1], topics)
                current, kept, oldest, scores = await pipe.execute()
        seen = parsed[1]
        if seen > int(current or 0):
            return None
        if kept >= self.history and oldest and oldest[0][1] > seen:
            return None  # a topic published since may have been forgotten
        return {t for t, score in zip(topics, scores, strict=True) if score and score > seen}
