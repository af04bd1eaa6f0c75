"""Count the bridges between sync and async code that a block of code makes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from unittest import mock

from asgiref.sync import AsyncToSync, SyncToAsync


@dataclass
class Trips:
    """How many times code bridged: thread trips (``sync_to_async``), event loops (``async_to_sync``)."""

    thread_trips: int = 0
    event_loops: int = 0


@contextlib.contextmanager
def count_trips() -> Iterator[Trips]:
    """Count every ``sync_to_async`` and ``async_to_sync`` call made inside the block."""
    trips = Trips()
    real_sync_to_async = SyncToAsync.__call__
    real_async_to_sync = AsyncToSync.__call__

    def counted_sync_to_async(self, *args, **kwargs):
        trips.thread_trips += 1
        return real_sync_to_async(self, *args, **kwargs)

    def counted_async_to_sync(self, *args, **kwargs):
        trips.event_loops += 1
        return real_async_to_sync(self, *args, **kwargs)

    with (
        mock.patch.object(SyncToAsync, "__call__", counted_sync_to_async),
        mock.patch.object(AsyncToSync, "__call__", counted_async_to_sync),
    ):
        yield trips
