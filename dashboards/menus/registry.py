"""The registry of menus, discovered from each installed app's ``dashboard_menu.py``."""

from __future__ import annotations

from typing import Any

from django.apps import apps

from dashboards.registry import Registry

__all__ = ["MenuRegistry", "menu_app_label", "menu_registry"]


def menu_app_label(menu: Any) -> str:
    """A menu's ``app_label``, else the label of the app that defines it ("" outside any app)."""
    label = getattr(menu, "app_label", "")
    if label:
        return str(label)
    app_config = apps.get_containing_app_config(menu.__module__)
    return app_config.label if app_config is not None else ""


class MenuRegistry(Registry):
    """The registered ``Menu`` classes, in registration order; each one is a section of the menu."""

    def __init__(self) -> None:
        super().__init__(module_name="dashboard_menu")

    def get_by_classname(self, app_label: str, classname: str) -> Any:
        """The menu of this app whose class name matches (case-insensitive); else ``IndexError``."""
        for item in self.items:
            if (
                app_label
                and menu_app_label(item) == app_label
                and item.__name__.lower() == classname.lower()
            ):
                return item
        raise IndexError(f"{app_label}.{classname} is not registered")

    def get_by_app_label(self, app_label: str) -> list[Any]:
        """The menus of one app (a ``DashboardMenu``'s is the app whose dashboards it lists)."""
        return [item for item in self.items if menu_app_label(item) == app_label]


menu_registry = MenuRegistry()
