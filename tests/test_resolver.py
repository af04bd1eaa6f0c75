"""Tests of dashboards.resolver: concurrency, isolation of failures, timeouts, where values run."""

import asyncio
import threading
import time

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.resolver import Placement, aresolve, resolve, resolve_as_completed
from tests.trips import count_trips

rf = RequestFactory()


def make_dashboard(request=None, **components):
    """A dashboard instance with the given components (not registered)."""
    namespace = {**components, "Meta": type("Meta", (), {"app_label": "testapp"})}
    return type("ResolverDashboard", (Dashboard,), namespace)(request=request)


def resolutions(dashboard, call_deferred=False):
    """The dashboard's resolutions of this request by component key."""
    return {
        key: resolution
        for (key, deferred), resolution in dashboard.get_inputs().resolutions.items()
        if deferred == call_deferred
    }


async def test_async_values_resolve_concurrently():
    # Each value waits until all five have started: run one after another, they would time out.
    barrier = asyncio.Barrier(5)

    async def waits_for_all(**kwargs):
        await barrier.wait()
        return "done"

    dashboard = make_dashboard(**{f"c{i}": Text(value=waits_for_all, timeout=2) for i in range(5)})
    await dashboard.aresolve()
    assert [r.value for r in resolutions(dashboard).values()] == ["done"] * 5


def test_async_values_resolve_concurrently_from_sync_render():
    barrier = asyncio.Barrier(3)

    async def waits_for_all(**kwargs):
        await barrier.wait()
        return "together"

    dashboard = make_dashboard(**{f"c{i}": Text(value=waits_for_all, timeout=2) for i in range(3)})
    assert dashboard.render().count("together") == 3


async def test_an_exception_becomes_that_components_error_state(caplog):
    dashboard = make_dashboard(ok=Text(value="fine"), broken=Text(value=lambda **kw: 1 / 0))
    await dashboard.aresolve()
    found = resolutions(dashboard)
    assert found["ok"].value == "fine"
    assert isinstance(found["broken"].error, ZeroDivisionError)
    assert "Component 'broken' of ResolverDashboard failed" in caplog.text


async def test_a_timeout_becomes_a_timed_out_error_state():
    async def too_slow(**kwargs):
        await asyncio.sleep(5)

    dashboard = make_dashboard(slow=Text(value=too_slow, timeout=0.01))
    await dashboard.aresolve()
    assert resolutions(dashboard)["slow"].timed_out


async def test_a_timeout_does_not_cut_short_its_siblings():
    async def quick(**kwargs):
        await asyncio.sleep(0)
        return "quick"

    async def too_slow(**kwargs):
        await asyncio.sleep(5)

    dashboard = make_dashboard(slow=Text(value=too_slow, timeout=0.01), quick=Text(value=quick))
    inputs = dashboard.get_inputs()
    await aresolve(inputs.components.values(), inputs)
    assert resolutions(dashboard)["quick"].value == "quick"


def test_timeout_defaults_to_the_setting(settings):
    settings.DASHBOARDS_COMPONENT_TIMEOUT = 1.5
    assert Text(value="x").get_timeout() == 1.5
    assert Text(value="x", timeout=3).get_timeout() == 3


@pytest.mark.django_db
def test_thread_sensitive_sync_values_see_the_test_transaction():
    get_user_model().objects.create_user("visible")
    dashboard = make_dashboard(users=Text(value=lambda **kw: get_user_model().objects.count()))
    dashboard.resolve()
    assert resolutions(dashboard)["users"].value == 1


def test_thread_sensitive_sync_values_run_on_the_calling_thread():
    dashboard = make_dashboard(thread=Text(value=lambda **kw: threading.get_ident()))
    dashboard.resolve()
    assert resolutions(dashboard)["thread"].value == threading.get_ident()


async def test_sync_values_with_thread_sensitive_false_run_concurrently():
    barrier = threading.Barrier(2, timeout=2)

    def waits_for_the_other(**kwargs):
        barrier.wait()
        return threading.get_ident()

    dashboard = make_dashboard(
        a=Text(value=waits_for_the_other, thread_sensitive=False),
        b=Text(value=waits_for_the_other, thread_sensitive=False),
    )
    await dashboard.aresolve()
    a, b = resolutions(dashboard).values()
    assert a.error is None
    assert b.error is None
    assert a.value != b.value


async def test_filters_and_request_reach_value_callables():
    def echo(request, filters, **kwargs):
        return f"{request.path}:{filters['q']}"

    dashboard = make_dashboard(rf.get("/path/", {"q": "x"}), echo=Text(value=echo))
    await dashboard.aresolve()
    assert resolutions(dashboard)["echo"].value == "/path/:x"


def test_resolutions_belong_to_the_request_not_to_the_components():
    dashboard = make_dashboard(one=Text(value="1"))
    dashboard.resolve()
    assert resolutions(dashboard)["one"].value == "1"
    assert not make_dashboard(one=Text(value="1")).get_inputs().resolutions


async def test_a_slow_sync_value_on_the_request_thread_times_out():
    def too_slow(**kwargs):
        time.sleep(0.05)
        return "late"

    dashboard = make_dashboard(slow=Text(value=too_slow, timeout=0.01), fine=Text(value=lambda: 1))
    await dashboard.aresolve()
    found = resolutions(dashboard)
    assert found["slow"].timed_out
    assert found["fine"].value == 1


async def test_a_failing_sync_value_on_the_request_thread_spares_its_siblings(caplog):
    dashboard = make_dashboard(
        broken=Text(value=lambda: 1 / 0), fine=Text(value=lambda: "fine"), literal=Text(value="x")
    )
    await dashboard.aresolve()
    found = resolutions(dashboard)
    assert isinstance(found["broken"].error, ZeroDivisionError)
    assert [found["fine"].value, found["literal"].value] == ["fine", "x"]
    assert "Component 'broken' of ResolverDashboard failed" in caplog.text


async def test_a_worker_thread_value_closes_the_connections_of_its_thread(monkeypatch):
    # (SQLite ignores closing the in-memory test database, so watch the call itself.)
    closed_on = []
    monkeypatch.setattr(
        "dashboards.component.values.connections",
        type(
            "Connections", (), {"close_all": lambda self: closed_on.append(threading.get_ident())}
        )(),
    )
    dashboard = make_dashboard(
        worker=Text(value=lambda: threading.get_ident(), thread_sensitive=False)
    )
    await dashboard.aresolve()
    assert closed_on == [resolutions(dashboard)["worker"].value]


def test_request_thread_values_leave_connections_to_django(monkeypatch):
    closed = []
    monkeypatch.setattr(
        "dashboards.component.values.connections",
        type("Connections", (), {"close_all": lambda self: closed.append(True)})(),
    )
    make_dashboard(here=Text(value=lambda: 1)).render()
    assert closed == []


# -- where values run: counted, not timed ---------------------------------------------------


async def _async_value(**kwargs):
    return "async"


def test_each_kind_of_value_has_its_placement():
    assert Text(value="x").get_placement() is Placement.LITERAL
    assert Text(value=_async_value).get_placement() is Placement.ASYNC
    assert Text(value=lambda: 1).get_placement() is Placement.THREAD
    assert Text(value=lambda: 1, thread_sensitive=False).get_placement() is Placement.WORKER


def test_sync_code_resolves_sync_values_with_no_event_loop_and_no_trip():
    dashboard = make_dashboard(literal=Text(value="x"), sync=Text(value=lambda: "y"))
    with count_trips() as trips:
        dashboard.resolve()
    assert trips.event_loops == 0
    assert trips.thread_trips == 0
    assert [r.value for r in resolutions(dashboard).values()] == ["x", "y"]


def test_sync_code_starts_one_event_loop_for_all_async_values():
    dashboard = make_dashboard(**{f"a{i}": Text(value=_async_value) for i in range(3)})
    with count_trips() as trips:
        dashboard.resolve()
    assert trips.event_loops == 1
    assert [r.value for r in resolutions(dashboard).values()] == ["async"] * 3


async def test_async_code_resolves_literal_and_async_values_with_no_trip():
    dashboard = make_dashboard(literal=Text(value="x"), a=Text(value=_async_value))
    with count_trips() as trips:
        await dashboard.aresolve()
    assert trips.thread_trips == 0
    assert trips.event_loops == 0


async def test_async_code_runs_every_sync_value_in_one_trip():
    dashboard = make_dashboard(
        a=Text(value=_async_value), **{f"s{i}": Text(value=lambda: "sync") for i in range(4)}
    )
    with count_trips() as trips:
        await dashboard.aresolve()
    assert trips.thread_trips == 1
    assert list(resolutions(dashboard).values())[1].value == "sync"


def test_resolve_computes_given_components_only():
    dashboard = make_dashboard(a=Text(value="a"), b=Text(value="b"))
    inputs = dashboard.get_inputs()
    resolve([inputs.components["b"]], inputs)
    assert list(resolutions(dashboard)) == ["b"]


async def test_closing_resolve_as_completed_before_iterating_cancels_the_running_values():
    cancelled = []

    async def hangs(**kwargs):
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            cancelled.append(True)
            raise

    dashboard = make_dashboard(hanging=Text(value=hangs), ready=Text(value="ready"))
    inputs = dashboard.get_inputs()
    completions = resolve_as_completed(list(inputs.components.values()), inputs)
    await asyncio.sleep(0)  # the hanging value starts
    await completions.aclose()
    await asyncio.sleep(0)  # the cancellation reaches it
    assert cancelled == [True]
    assert [c async for c in completions] == []


async def test_resolve_as_completed_yields_the_values_not_ready_at_once_as_they_are_stored():
    async def later(**kwargs):
        await asyncio.sleep(0.01)
        return "later"

    dashboard = make_dashboard(ready=Text(value="ready"), later=Text(value=later))
    inputs = dashboard.get_inputs()
    completions = resolve_as_completed(list(inputs.components.values()), inputs)
    assert ("ready", False) in inputs.resolutions  # a literal is stored before any await
    assert [component.key async for component in completions] == ["later"]
    assert inputs.resolutions[("later", False)].value == "later"
