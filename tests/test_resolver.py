"""Tests of dashboards.resolver: concurrency, isolation of failures, timeouts, sync callables."""

import asyncio
import threading

import pytest
from django.contrib.auth import get_user_model
from django.test import RequestFactory

from dashboards.component import Text
from dashboards.dashboard import Dashboard
from dashboards.resolver import Resolution, resolve, resolve_all, resolve_sync

rf = RequestFactory()


def make_dashboard(**components):
    """A dashboard instance with the given components (not registered)."""
    namespace = {**components, "Meta": type("Meta", (), {"app_label": "testapp"})}
    return type("ResolverDashboard", (Dashboard,), namespace)()


async def test_async_values_resolve_concurrently():
    # Each value waits until all five have started: run one after another, they would time out.
    barrier = asyncio.Barrier(5)

    async def waits_for_all(**kwargs):
        await barrier.wait()
        return "done"

    dashboard = make_dashboard(**{f"c{i}": Text(value=waits_for_all, timeout=2) for i in range(5)})
    await dashboard.aresolve(None)
    assert [c.resolution.value for c in dashboard.get_components()] == ["done"] * 5


def test_async_values_resolve_concurrently_from_sync_render():
    barrier = asyncio.Barrier(3)

    async def waits_for_all(**kwargs):
        await barrier.wait()
        return "together"

    dashboard = make_dashboard(**{f"c{i}": Text(value=waits_for_all, timeout=2) for i in range(3)})
    assert dashboard.render().count("together") == 3


async def test_an_exception_becomes_that_components_error_state(caplog):
    dashboard = make_dashboard(ok=Text(value="fine"), broken=Text(value=lambda **kw: 1 / 0))
    await dashboard.aresolve(None)
    ok, broken = dashboard.get_components()
    assert ok.resolution == Resolution(value="fine")
    assert isinstance(broken.resolution.error, ZeroDivisionError)
    assert "Component 'broken' of ResolverDashboard failed" in caplog.text


async def test_a_timeout_becomes_a_timed_out_error_state():
    async def too_slow(**kwargs):
        await asyncio.sleep(5)

    component = make_dashboard(slow=Text(value=too_slow, timeout=0.01)).get_component("slow")
    resolution = await resolve(component, None)
    assert resolution.timed_out


async def test_a_timeout_does_not_cut_short_its_siblings():
    async def quick(**kwargs):
        await asyncio.sleep(0)
        return "quick"

    async def too_slow(**kwargs):
        await asyncio.sleep(5)

    dashboard = make_dashboard(slow=Text(value=too_slow, timeout=0.01), quick=Text(value=quick))
    slow, quick_component = dashboard.get_components()
    await resolve_all([slow, quick_component], None)
    assert quick_component.resolution.value == "quick"


def test_timeout_defaults_to_the_setting(settings):
    settings.DASHBOARDS_COMPONENT_TIMEOUT = 1.5
    assert Text(value="x").get_timeout() == 1.5
    assert Text(value="x", timeout=3).get_timeout() == 3


@pytest.mark.django_db
def test_thread_sensitive_sync_values_see_the_test_transaction():
    get_user_model().objects.create_user("visible")
    component = make_dashboard(
        users=Text(value=lambda **kw: get_user_model().objects.count())
    ).get_component("users")
    assert resolve_sync(component, None).value == 1


def test_thread_sensitive_sync_values_run_on_the_calling_thread():
    component = make_dashboard(thread=Text(value=lambda **kw: threading.get_ident())).get_component(
        "thread"
    )
    assert resolve_sync(component, None).value == threading.get_ident()


async def test_sync_values_with_thread_sensitive_false_run_concurrently():
    barrier = threading.Barrier(2, timeout=2)

    def waits_for_the_other(**kwargs):
        barrier.wait()
        return threading.get_ident()

    dashboard = make_dashboard(
        a=Text(value=waits_for_the_other, thread_sensitive=False),
        b=Text(value=waits_for_the_other, thread_sensitive=False),
    )
    await dashboard.aresolve(None)
    a, b = (c.resolution for c in dashboard.get_components())
    assert a.error is None
    assert b.error is None
    assert a.value != b.value


async def test_filters_and_request_reach_value_callables():
    def echo(request, filters, **kwargs):
        return f"{request.path}:{filters['q']}"

    dashboard = make_dashboard(echo=Text(value=echo))
    await dashboard.aresolve(rf.get("/path/", {"q": "x"}))
    assert dashboard.get_component("echo").resolution.value == "/path/:x"


def test_resolution_is_stored_on_the_instance_copy_only():
    dashboard = make_dashboard(one=Text(value="1"))
    component = dashboard.get_component("one")
    resolve_sync(component, None)
    assert component.resolution.value == "1"
    assert type(dashboard).components["one"].resolution is None


async def test_a_slow_sync_value_on_the_request_thread_times_out():
    import time

    def too_slow(**kwargs):
        time.sleep(0.05)
        return "late"

    dashboard = make_dashboard(slow=Text(value=too_slow, timeout=0.01), fine=Text(value=lambda: 1))
    await dashboard.aresolve(None)
    slow, fine = dashboard.get_components()
    assert slow.resolution.timed_out
    assert fine.resolution.value == 1


async def test_a_failing_sync_value_on_the_request_thread_spares_its_siblings(caplog):
    dashboard = make_dashboard(
        broken=Text(value=lambda: 1 / 0), fine=Text(value=lambda: "fine"), literal=Text(value="x")
    )
    resolutions = await resolve_all(dashboard.get_components(), None)
    assert isinstance(resolutions[0].error, ZeroDivisionError)
    assert [r.value for r in resolutions[1:]] == ["fine", "x"]
    assert "Component 'broken' of ResolverDashboard failed" in caplog.text


def test_sync_values_on_the_request_thread_are_resolved_in_one_trip(monkeypatch):
    import dashboards.resolver

    calls = []
    real = dashboards.resolver.resolve_on_request_thread
    monkeypatch.setattr(
        dashboards.resolver,
        "resolve_on_request_thread",
        lambda components, *args, **kwargs: (
            calls.append(len(components)) or real(components, *args, **kwargs)
        ),
    )
    dashboard = make_dashboard(**{f"c{i}": Text(value=lambda: "v") for i in range(4)})
    dashboard.render()
    assert calls == [4]


async def test_a_worker_thread_value_closes_the_connections_of_its_thread(monkeypatch):
    # (SQLite ignores closing the in-memory test database, so watch the call itself.)
    closed_on = []
    monkeypatch.setattr(
        "dashboards.component.base.connections",
        type(
            "Connections", (), {"close_all": lambda self: closed_on.append(threading.get_ident())}
        )(),
    )
    dashboard = make_dashboard(
        worker=Text(value=lambda: threading.get_ident(), thread_sensitive=False)
    )
    await dashboard.aresolve(None)
    assert closed_on == [dashboard.get_component("worker").resolution.value]


def test_request_thread_values_leave_connections_to_django(monkeypatch):
    closed = []
    monkeypatch.setattr(
        "dashboards.component.base.connections",
        type("Connections", (), {"close_all": lambda self: closed.append(True)})(),
    )
    make_dashboard(here=Text(value=lambda: 1)).render()
    assert closed == []
