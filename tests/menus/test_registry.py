"""Tests of dashboards.menus.registry: the menu registry and its discovery."""

from unittest import mock

import pytest
from django.apps import apps

from dashboards.menus.menu import DashboardMenu, Menu
from dashboards.menus.registry import MenuRegistry, menu_app_label, menu_registry
from dashboards.registry import Registry
from examples.menus.dashboard_menu import QuickstartMenu, SiteMenu


class Orphan(Menu):
    """A menu defined outside any installed app (this test module)."""

    @classmethod
    def get_items(cls, obj=None):
        return []


def test_menu_registry_discovers_dashboard_menu_modules():
    assert isinstance(menu_registry, MenuRegistry)
    assert isinstance(menu_registry, Registry)
    assert menu_registry.module_name == "dashboard_menu"
    assert MenuRegistry().module_name == "dashboard_menu"


def test_menus_in_an_apps_dashboard_menu_module_are_discovered_at_startup():
    assert menu_registry.discovered
    assert SiteMenu in menu_registry
    assert QuickstartMenu in menu_registry


def test_the_app_config_autodiscovers_menus_when_django_starts():
    config = apps.get_app_config("dashboards")
    with mock.patch.object(menu_registry, "autodiscover") as autodiscover:
        config.ready()
    autodiscover.assert_called_once_with()


def test_register_works_as_a_decorator_and_ids_are_class_names(caplog):
    local = MenuRegistry()
    assert local.register(Orphan) is Orphan
    assert local.get_by_id("Orphan") is Orphan
    duplicate = type("Orphan", (Menu,), {})
    local.register(duplicate)
    assert local.get_all_items() == [Orphan]
    assert "already registered" in caplog.text
    assert duplicate in local  # the same id is registered
    local.remove(duplicate)
    assert Orphan not in local


def test_app_label_of_a_menu():
    assert menu_app_label(QuickstartMenu) == "quickstart"  # the app whose dashboards it lists
    assert menu_app_label(SiteMenu) == "menus"  # the app that defines it
    assert menu_app_label(Orphan) == ""


def test_get_by_app_label_and_classname_work_without_meta():
    assert menu_registry.get_by_app_label("quickstart") == [QuickstartMenu]
    assert SiteMenu in menu_registry.get_by_app_label("menus")
    assert QuickstartMenu not in menu_registry.get_by_app_label("menus")
    assert menu_registry.get_by_classname("menus", "sitemenu") is SiteMenu
    assert menu_registry.get_by_classname("quickstart", "QuickstartMenu") is QuickstartMenu


@pytest.mark.parametrize(("app_label", "classname"), [("menus", "nope"), ("", "SiteMenu")])
def test_get_by_classname_raises_index_error_when_not_found(app_label, classname):
    with pytest.raises(IndexError):
        menu_registry.get_by_classname(app_label, classname)


def test_a_dashboard_menu_without_app_label_falls_back_to_its_module_app():
    unlabelled = type("Unlabelled", (DashboardMenu,), {"__module__": "examples.menus.x"})
    assert menu_app_label(unlabelled) == "menus"
