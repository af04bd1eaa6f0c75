"""Tests of dashboards.registry: registration, lookups, autodiscovery."""

import pytest

from dashboards.dashboard import Dashboard
from dashboards.registry import Registrable, Registry, registry
from tests.testapp.dashboards import ChildOneDashboard, ChildTwoDashboard


def make(name, app_label="testapp"):
    return type(name, (Dashboard,), {"Meta": type("Meta", (), {"app_label": app_label})})


def test_dashboards_in_an_apps_dashboards_module_are_autodiscovered():
    assert ChildOneDashboard in registry
    assert registry.discovered


def test_register_returns_the_class_so_it_works_as_a_decorator():
    local = Registry()
    cls = make("Decorated")
    assert local.register(cls) is cls
    assert cls in local


def test_contains_is_false_for_unregistered_items():
    assert make("Stranger") not in Registry()


def test_a_second_class_with_the_same_id_is_ignored_with_a_warning(caplog):
    local = Registry()
    first, second = make("Same"), make("Same")
    local.register(first)
    local.register(second)
    assert local.get_all_items() == [first]
    assert "already registered" in caplog.text


def test_registering_the_same_class_twice_keeps_one():
    local = Registry()
    cls = make("Twice")
    local.register(cls)
    local.register(cls)
    assert len(local) == 1


def test_remove_by_id_and_reset():
    local = Registry()
    cls = make("Removed")
    local.register(cls)
    local.remove(make("Removed"))
    assert list(local) == []
    local.register(cls)
    local.discovered = True
    local.reset()
    assert (local.items, local.discovered) == ([], False)


def test_lookups_by_classname_app_label_and_id():
    assert registry.get_by_classname("testapp", "CHILDONEDASHBOARD") is ChildOneDashboard
    assert ChildTwoDashboard in registry.get_by_app_label("testapp")
    assert registry.get_by_id("testapp_childonedashboard") is ChildOneDashboard


def test_failed_lookups_raise_index_error():
    with pytest.raises(IndexError):
        registry.get_by_classname("testapp", "nope")
    with pytest.raises(IndexError):
        registry.get_by_classname("", "childonedashboard")
    with pytest.raises(IndexError):
        registry.get_by_id("nope")


def test_urls_are_every_items_urls():
    local = Registry()
    local.register(ChildOneDashboard)
    assert [p.name for p in local.urls] == ["testapp_childonedashboard"]


def test_registrable_defaults():
    assert Registrable.get_urls() == []
    with pytest.raises(NotImplementedError):
        Registrable.get_id()


def test_autodiscover_runs_once(monkeypatch):
    calls = []
    monkeypatch.setattr("dashboards.registry.autodiscover_modules", calls.append)
    local = Registry("some_module")
    local.autodiscover()
    local.autodiscover()
    assert calls == ["some_module"]
