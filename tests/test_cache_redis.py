"""The component cache on Django's Redis backend, against a real redis-server (``redis_url``)."""

import os
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches
from django.test import Client, override_settings

from dashboards.cache import invalidate, reads_without_blocking
from dashboards.resolver import Placement
from tests.cached_dashboards import (
    COMPUTED,
    CachedDashboard,
    call_on_the_loop,
    registered,
)
from tests.trips import count_trips

pytest.importorskip("redis", reason="the redis client is the 'redis' extra")

pytestmark = pytest.mark.django_db

PAGE = "/dashboards/testapp/cacheddashboard/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
ROOT = Path(__file__).resolve().parent.parent


def redis_caches(url, prefix):
    """``CACHES`` with Django's Redis backend as the components' cache."""
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "redis": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        },
    }


@pytest.fixture(autouse=True, scope="module")
def dashboards_registered():
    with registered():
        yield


@pytest.fixture
def on_redis(redis_url):
    """Cached values go to the test session's redis-server (a fresh key prefix per test)."""
    prefix = uuid.uuid4().hex
    with override_settings(CACHES=redis_caches(redis_url, prefix), DASHBOARDS_CACHE="redis"):
        COMPUTED.clear()
        yield redis_url, prefix


def test_redis_is_read_from_the_requests_thread(on_redis):
    assert not reads_without_blocking()
    assert CachedDashboard.components["shared"].get_placement() is Placement.THREAD


def test_a_value_is_kept_in_redis(on_redis, client):
    first = client.get(f"{PAGE}@component/later/", **XHR).json()
    second = client.get(f"{PAGE}@component/later/", **XHR).json()
    assert first == second == "later #1 []"
    server = caches["redis"]._cache.get_client()
    assert server.keys(f"*dashboards:value:{CachedDashboard._meta.app_label}*")


def test_invalidate_drops_the_values_kept_in_redis(on_redis, client):
    client.get(f"{PAGE}@component/later/", **XHR)
    invalidate(CachedDashboard, "later")
    assert client.get(f"{PAGE}@component/later/", **XHR).json() == "later #2 []"


def test_a_wsgi_warm_hit_on_redis_starts_no_event_loop(on_redis, client):
    client.get(PAGE)
    with count_trips() as trips:
        response = client.get(PAGE)
    assert b"awaited #1" in response.content
    assert trips.event_loops == 0


async def test_an_asgi_warm_hit_on_redis_reads_in_one_thread_trip(on_redis):
    url = f"{PAGE}@component/later/"
    await call_on_the_loop(url)
    with count_trips() as trips:
        response = await call_on_the_loop(url)
    assert response.content == b'"later #1 []"'
    assert trips.thread_trips == 1


def test_threads_asking_for_a_cold_value_compute_it_once(on_redis):
    url = "/dashboards/testapp/slowcacheddashboard/@component/slow/"
    start = threading.Barrier(6)
    answers = []

    def ask():
        start.wait()
        answers.append(Client().get(url, **XHR).json())

    threads = [threading.Thread(target=ask) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert answers == ["slow #1"] * 6
    assert COMPUTED["slow"] == 1


PROCESS = """
import os, sys, time
import django
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.settings"
django.setup()
from django.conf import settings
from tests.test_cache_redis import redis_caches
url, prefix, processes = sys.argv[1], sys.argv[2], int(sys.argv[3])
settings.CACHES = redis_caches(url, prefix)
settings.DASHBOARDS_CACHE = "redis"
import redis
from dashboards.cache import fetch
from tests.cached_dashboards import CachedDashboard
server = redis.Redis.from_url(url)
dashboard = CachedDashboard(request=None)
inputs = dashboard.get_inputs()
inputs.permitted = True
component = inputs.components["shared"]
def compute():
    server.incr(prefix + ":computations")
    time.sleep(0.5)
    return f"computed by {os.getpid()}"
server.incr(prefix + ":ready")
while int(server.get(prefix + ":ready")) < processes:
    time.sleep(0.005)
print(fetch(component, inputs, False, compute))
"""


def test_processes_asking_for_a_cold_value_compute_it_once(on_redis):
    import redis

    url, prefix = on_redis
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    processes = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", PROCESS, url, prefix, "3"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    answers = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert [process.returncode for process in processes] == [0, 0, 0]
    assert len(answers) == 1
    assert answers.pop().startswith("computed by ")
    assert int(redis.Redis.from_url(url).get(f"{prefix}:computations")) == 1
