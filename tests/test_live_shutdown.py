"""Open event streams end when uvicorn stops, so that it stops without hanging."""

import signal
import time

import httpx
import pytest

from tests.uvicorn_servers import uvicorn_server

STREAM = "/dashboards/testapp/livedashboard/@live/"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_uvicorn_stops_promptly_while_streams_are_open(signum):
    with uvicorn_server() as (url, process), httpx.Client(base_url=url, timeout=10) as client:
        with client.stream("GET", STREAM) as first, client.stream("GET", STREAM) as second:
            chunks = [first.iter_text(), second.iter_text()]
            assert all(next(chunk).startswith("retry: ") for chunk in chunks)
            began = time.monotonic()
            process.send_signal(signum)
            for chunk in chunks:
                assert list(chunk) == []  # the stream ends
        # uvicorn raises the signal again once it has shut down: SIGTERM's default ends it.
        assert process.wait(timeout=10) in (0, -signum)
        assert time.monotonic() - began < 5
