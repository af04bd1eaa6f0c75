"""Tests of the component cache: keys, permissions, invalidation, single flight, request path."""

import asyncio
import contextlib
import threading
import warnings
from unittest import mock

import pytest
from django.core.cache import caches
from django.core.cache.backends.base import CacheKeyWarning, memcache_key_warnings
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, override_settings
from django.utils import translation

from dashboards import cache as cache_module
from dashboards import singleflight
from dashboards.cache import Cache, afetch, as_cache, invalidate, reads_without_blocking
from dashboards.exceptions import ComponentNotFoundError
from dashboards.resolver import Placement
from tests.cached_dashboards import (
    COMPUTED,
    CachedDashboard,
    CachedUserDashboard,
    SlowCachedDashboard,
    call_on_the_loop,
    registered,
)
from tests.trips import count_trips

pytestmark = pytest.mark.django_db

PAGE = "/dashboards/testapp/cacheddashboard/"
XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}
AJAX = {"X-Requested-With": "XMLHttpRequest"}


@pytest.fixture(autouse=True, scope="module")
def dashboards_registered():
    """The cached dashboards, registered for this module's tests only."""
    with registered():
        yield


@pytest.fixture(autouse=True)
def fresh():
    """An empty cache and no computations counted."""
    caches["default"].clear()
    COMPUTED.clear()
    yield
    caches["default"].clear()


def fetch_json(client, key, query=""):
    return client.get(f"{PAGE}@component/{key}/{query}", **XHR)


# -- declaring -----------------------------------------------------------------------------------


def test_a_number_of_seconds_is_a_cache_with_that_timeout():
    assert as_cache(30) == Cache(timeout=30)


def test_users_are_part_of_the_key_unless_vary_on_leaves_them_out():
    assert Cache().vary_on == ("user",)
    assert Cache(vary_on=["language"]).vary_on == ("language",)


@pytest.mark.parametrize("setting", [0, -5, True, "60", object()])
def test_a_cache_setting_that_is_not_seconds_above_zero_is_refused(setting):
    with pytest.raises(ImproperlyConfigured):
        as_cache(setting)


def test_vary_on_names_only_what_a_key_can_vary_on():
    with pytest.raises(ImproperlyConfigured, match="session"):
        Cache(vary_on=("session",))


def test_a_cached_component_is_looked_up_on_the_loop_when_the_cache_is_in_memory():
    component = CachedDashboard.components["per_user"]
    assert reads_without_blocking()
    assert component.get_placement() is Placement.CACHED
    assert component.get_value_placement() is Placement.THREAD


def test_a_cached_literal_is_still_a_literal():
    assert CachedDashboard.components["literal"].get_placement() is Placement.LITERAL


# -- what a key varies on --------------------------------------------------------------------


def test_a_page_computes_a_cached_value_once(client):
    first, second = client.get(PAGE), client.get(PAGE)
    assert b"per_user #1" in first.content
    assert b"per_user #1" in second.content
    assert COMPUTED["per_user"] == 1


def test_a_component_fetch_is_cached(client):
    assert fetch_json(client, "later").json() == "later #1 []"
    assert fetch_json(client, "later").json() == "later #1 []"
    assert COMPUTED["later"] == 1


def test_filters_are_part_of_the_key(client):
    assert fetch_json(client, "later", "?status=paid").json() == "later #1 [('status', 'paid')]"
    assert fetch_json(client, "later", "?status=open").json() == "later #2 [('status', 'open')]"
    assert fetch_json(client, "later", "?status=paid").json() == "later #1 [('status', 'paid')]"


def test_each_user_gets_their_own_value(client, staff_user, member):
    client.force_login(staff_user)
    assert fetch_json(client, "per_user").json() == "per_user #1 []"
    client.force_login(member)
    assert fetch_json(client, "per_user").json() == "per_user #2 []"
    client.logout()
    assert fetch_json(client, "per_user").json() == "per_user #3 []"
    assert fetch_json(client, "per_user").json() == "per_user #3 []"


def test_users_share_a_value_that_does_not_vary_on_them(client, staff_user, member):
    client.force_login(staff_user)
    assert fetch_json(client, "shared").json() == "shared #1 []"
    client.force_login(member)
    assert fetch_json(client, "shared").json() == "shared #1 []"


def test_a_key_callable_adds_to_the_key(client):
    def tenant(name):
        url = f"{PAGE}@component/per_tenant/"
        return client.get(url, headers={"X-Tenant": name}, **XHR).json()

    assert tenant("a") == "per_tenant #1 []"
    assert tenant("b") == "per_tenant #2 []"
    assert tenant("a") == "per_tenant #1 []"


def test_the_language_is_part_of_the_key_when_vary_on_names_it(client):
    with translation.override("fr"):
        assert fetch_json(client, "per_language").json() == "per_language #1 []"
    with translation.override("de"):
        assert fetch_json(client, "per_language").json() == "per_language #2 []"
    with translation.override("fr"):
        assert fetch_json(client, "per_language").json() == "per_language #1 []"


def test_objects_are_part_of_the_key(client, staff_user, member):
    url = "/dashboards/testapp/cacheduserdashboard/{}/@component/about/"
    assert client.get(url.format("staff"), **XHR).json() == "about #1 []staff"
    assert client.get(url.format("member"), **XHR).json() == "about #2 []member"
    assert client.get(url.format("staff"), **XHR).json() == "about #1 []staff"


def test_an_async_value_is_cached(client):
    assert b"awaited #1" in client.get(PAGE).content
    assert b"awaited #1" in client.get(PAGE).content
    assert COMPUTED["awaited"] == 1


def test_a_failed_value_is_not_cached(client):
    client.get(PAGE)
    client.get(PAGE)
    assert COMPUTED["failing"] == 2


def test_keys_are_safe_for_memcached_however_long_the_filters():
    store = caches["default"]
    long_query = {"q" * 300: "v " * 300}
    written = []
    real_set = LocMemCache.set

    def spy(self, key, *args, **kwargs):
        written.append(key)
        return real_set(self, key, *args, **kwargs)

    dashboard = CachedDashboard(request=None)
    inputs = dashboard.get_inputs()
    inputs.filters = long_query
    inputs.permitted = True
    with mock.patch.object(LocMemCache, "set", spy):
        dashboard.resolve([inputs.components["shared"]])
    assert written
    for key in [*written, *store._cache]:  # what we wrote, and the generation tokens
        with warnings.catch_warnings():
            warnings.simplefilter("error", CacheKeyWarning)
            assert not list(memcache_key_warnings(key))
        assert len(key) < 200


def test_a_failing_cache_backend_computes_the_value(client, caplog):
    with mock.patch.object(LocMemCache, "get_many", side_effect=ConnectionError("down")):
        assert fetch_json(client, "later").json() == "later #1 []"
        assert fetch_json(client, "later").json() == "later #2 []"
    assert "Component cache: reading failed" in caplog.text


# -- permissions come first ------------------------------------------------------------------


def test_a_user_who_may_not_see_a_component_never_gets_its_cached_value(client, staff_user, member):
    client.force_login(staff_user)
    assert b"staff_only #1" in client.get(PAGE).content
    assert fetch_json(client, "staff_only").json() == "staff_only #1 []"
    client.force_login(member)
    page = client.get(PAGE)
    assert page.status_code == 200
    assert b"staff_only" not in page.content
    assert fetch_json(client, "staff_only").status_code in (302, 403)
    assert client.get(f"{PAGE}@component/staff_only/").status_code in (302, 403)


@pytest.mark.django_db(transaction=True)
async def test_an_asgi_user_who_may_not_see_a_component_never_gets_its_cached_value(
    async_client, django_user_model
):
    users = django_user_model.objects
    staff_user = await users.acreate(username="cache-staff", is_staff=True)
    member = await users.acreate(username="cache-member")
    await async_client.aforce_login(staff_user)
    assert b"staff_only #1" in (await async_client.get(PAGE)).content
    await async_client.aforce_login(member)
    assert b"staff_only" not in (await async_client.get(PAGE)).content
    denied = await async_client.get(f"{PAGE}@component/staff_only/", headers=AJAX)
    assert denied.status_code in (302, 403)


def test_values_computed_outside_a_view_never_read_the_cache(rf):
    for _ in range(2):
        assert CachedDashboard(request=rf.get("/")).render(rf.get("/"))
    assert COMPUTED["shared"] == 2


# -- invalidation --------------------------------------------------------------------------------


def test_invalidate_drops_every_value_of_a_component(client, staff_user):
    client.force_login(staff_user)
    fetch_json(client, "later", "?a=1")
    client.logout()
    fetch_json(client, "later", "?a=2")
    invalidate(CachedDashboard, "later")
    client.force_login(staff_user)
    assert fetch_json(client, "later", "?a=1").json() == "later #3 [('a', '1')]"
    client.logout()
    assert fetch_json(client, "later", "?a=2").json() == "later #4 [('a', '2')]"


def test_invalidate_with_filters_drops_only_their_values(client):
    fetch_json(client, "later", "?a=1")
    fetch_json(client, "later", "?a=2")
    invalidate(CachedDashboard, "later", filters={"a": 1})
    assert fetch_json(client, "later", "?a=1").json() == "later #3 [('a', '1')]"
    assert fetch_json(client, "later", "?a=2").json() == "later #2 [('a', '2')]"


def test_invalidate_with_an_object_drops_only_its_values(client, staff_user, member):
    url = "/dashboards/testapp/cacheduserdashboard/{}/@component/about/"
    client.get(url.format("staff"), **XHR)
    client.get(url.format("member"), **XHR)
    invalidate(CachedUserDashboard, "about", object=staff_user)
    assert client.get(url.format("staff"), **XHR).json() == "about #3 []staff"
    assert client.get(url.format("member"), **XHR).json() == "about #2 []member"


def test_invalidate_names_a_component_of_the_dashboard():
    with pytest.raises(ComponentNotFoundError):
        invalidate(CachedDashboard, "nope")


# -- the request path: a warm value costs what a literal costs --------------------------------


def test_a_wsgi_warm_page_of_cached_async_values_starts_no_event_loop(client):
    client.get(PAGE)
    with count_trips() as trips:
        response = client.get(PAGE)
    assert b"awaited #1" in response.content
    assert (trips.event_loops, trips.thread_trips) == (0, 0)


async def test_an_asgi_warm_hit_of_a_cached_sync_value_makes_no_thread_trip():
    with count_trips() as cold:
        first = await call_on_the_loop(f"{PAGE}@component/later/")
    with count_trips() as warm:
        second = await call_on_the_loop(f"{PAGE}@component/later/")
    assert first.content == second.content == b'"later #1 []"'
    assert cold.thread_trips == 1  # the sync value, computed once in a trip
    assert (warm.thread_trips, warm.event_loops) == (0, 0)


async def test_an_asgi_warm_hit_from_an_in_process_cache_is_read_without_awaiting():
    await call_on_the_loop(f"{PAGE}@component/later/")
    with mock.patch("dashboards.resolver.afetch", wraps=afetch) as awaited:
        second = await call_on_the_loop(f"{PAGE}@component/later/")
    assert second.content == b'"later #1 []"'
    awaited.assert_not_called()


def test_peeking_at_a_cache_in_another_process_finds_nothing():
    with mock.patch.object(cache_module, "get_store", return_value=mock.Mock(spec=["get_many"])):
        assert cache_module.peek(mock.Mock(), mock.Mock(), False) == (False, None)


# -- single flight ---------------------------------------------------------------------------


async def test_concurrent_asgi_requests_for_a_cold_value_compute_it_once(async_client):
    url = "/dashboards/testapp/slowcacheddashboard/@component/slow/"
    responses = await asyncio.gather(*(async_client.get(url, headers=AJAX) for _ in range(20)))
    assert {response.json() for response in responses} == {"slow #1"}
    assert COMPUTED["slow"] == 1


def test_concurrent_wsgi_threads_for_a_cold_value_compute_it_once():
    url = "/dashboards/testapp/slowcacheddashboard/@component/slow_sync/"
    started = threading.Barrier(8)
    answers = []
    gate = threading.Event()
    real = SlowCachedDashboard.components["slow_sync"].defer

    def held(**kwargs):
        gate.wait(5)  # the leader waits until every thread has asked
        return real(**kwargs)

    def ask():
        started.wait()
        answers.append(Client().get(url, **XHR).json())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    with mock.patch.object(SlowCachedDashboard.components["slow_sync"], "defer", held):
        for thread in threads:
            thread.start()
        threading.Timer(0.3, gate.set).start()
        for thread in threads:
            thread.join(10)
    assert answers == ["slow_sync #1 []"] * 8
    assert COMPUTED["slow_sync"] == 1


async def test_waiters_compute_the_value_themselves_when_its_leader_is_cancelled():
    dashboard = SlowCachedDashboard(request=None)
    inputs = dashboard.get_inputs()
    inputs.permitted = True
    component = inputs.components["slow"]
    computing = asyncio.Event()

    async def hang():
        computing.set()
        await asyncio.sleep(60)

    async def quick():
        return "computed by the waiter"

    claims = []
    joined = asyncio.Event()

    def claim(key):
        claims.append(singleflight.claim(key))
        if len(claims) == 2:
            joined.set()
        return claims[-1]

    with mock.patch.object(cache_module, "claim", claim):
        leader = asyncio.create_task(afetch(component, inputs, True, hang))
        await computing.wait()
        waiter = asyncio.create_task(afetch(component, inputs, True, quick))
        await joined.wait()  # the waiter has joined the leader's flight
        await asyncio.sleep(0)  # and awaits its outcome
        assert [flight.leads for flight in claims] == [True, False]
        leader.cancel()
        assert await waiter == "computed by the waiter"
    with pytest.raises(asyncio.CancelledError):
        await leader


@contextlib.contextmanager
def lock_held_elsewhere(then_set=None):
    """``add`` as if another process held every lock; that process may store a value (under the
    generation tokens the request read) a moment later."""
    real_add, real_read = LocMemCache.add, cache_module._read
    tokens = {}

    def read(store, entry):
        tokens[entry.key], value = real_read(store, entry)
        return tokens[entry.key], value

    def add(self, key, *args, **kwargs):
        if not key.endswith(":lock"):
            return real_add(self, key, *args, **kwargs)
        if then_set is not None:
            value_key = key.removesuffix(":lock")
            stored = (tokens[value_key], then_set)
            threading.Timer(0.05, lambda: caches["default"].set(value_key, stored)).start()
        return False

    async def aread(store, entry):
        return read(store, entry)  # LocMemCache: the sync read is what the async one does

    with (
        mock.patch.object(LocMemCache, "add", add),
        mock.patch.object(cache_module, "_read", read),
        mock.patch.object(cache_module, "_aread", aread),
    ):
        yield


def test_a_value_computed_by_another_process_is_waited_for(client):
    with lock_held_elsewhere(then_set="from another process"):
        answer = client.get("/dashboards/testapp/slowcacheddashboard/@component/slow_sync/", **XHR)
    assert answer.json() == "from another process"
    assert COMPUTED["slow_sync"] == 0


async def test_an_asgi_request_waits_for_another_process_too(async_client):
    with lock_held_elsewhere(then_set="from another process"):
        answer = await async_client.get(
            "/dashboards/testapp/slowcacheddashboard/@component/slow/", headers=AJAX
        )
    assert answer.json() == "from another process"
    assert COMPUTED["slow"] == 0


def test_a_waiter_computes_the_value_itself_once_the_lock_times_out(client):
    with lock_held_elsewhere():
        answer = client.get("/dashboards/testapp/slowcacheddashboard/@component/slow_sync/", **XHR)
    assert answer.json() == "slow_sync #1 []"
    assert COMPUTED["slow_sync"] == 1


@override_settings(
    CACHES={
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "components": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "components",
        },
    },
    DASHBOARDS_CACHE="components",
)
def test_values_go_to_the_cache_dashboards_cache_names(client):
    caches["components"].clear()
    fetch_json(client, "later")
    assert caches["components"]._cache
    assert not caches["default"]._cache
