"""Registries of dashboards (and menus): what ``dashboards.urls`` serves and menus list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar

from django.urls import URLPattern, URLResolver
from django.utils.module_loading import autodiscover_modules

from dashboards.log import logger

__all__ = [
    "DashboardRegistry",
    "Registrable",
    "Registry",
    "registry",
]

T = TypeVar("T", bound=type["Registrable"])


class Registrable:
    """Base of classes a ``Registry`` holds: they have an id and may contribute URLs."""

    @classmethod
    def get_id(cls) -> str:
        """The registry id."""
        raise NotImplementedError

    @classmethod
    def get_urls(cls) -> list[URLPattern | URLResolver]:
        """URL patterns this item serves."""
        return []


class Registry:
    """An ordered set of registered classes, discovered from a module name in each installed app."""

    def __init__(self, module_name: str | None = None) -> None:
        self.module_name = module_name
        self.items: list[Any] = []
        #: (kept, ignored) pairs of different classes registered under one id.
        self.duplicates: list[tuple[Any, Any]] = []
        self.discovered = False
        #: Items found by ``get_by_classname``, by (app label, lower-case class name).
        self._by_classname: dict[tuple[str, str], Any] = {}

    def register(self, cls: T) -> T:
        """Add ``cls`` (usable as a decorator); a second class with the same id is ignored with a warning."""
        existing = self._find(cls.get_id())
        if existing is None:
            self.items.append(cls)
        elif existing is not cls:
            self.duplicates.append((existing, cls))
            logger.warning(
                "%s already registered by %s.%s; ignoring %s.%s",
                cls.get_id(),
                existing.__module__,
                existing.__qualname__,
                cls.__module__,
                cls.__qualname__,
            )
        return cls

    def _find(self, item_id: str) -> Any:
        """The registered item with this id, or None."""
        return next((item for item in self.items if item.get_id() == item_id), None)

    def remove(self, item: Any) -> None:
        """Remove the item with ``item``'s id, if registered."""
        existing = self._find(item.get_id())
        if existing is not None:
            self.items.remove(existing)

    def reset(self) -> None:
        """Forget every item (and allow discovery again)."""
        self.items = []
        self.duplicates = []
        self.discovered = False
        self._by_classname = {}

    def get_all_items(self) -> list[Any]:
        """Every registered item, in registration order."""
        return self.items

    def get_by_id(self, item_id: str) -> Any:
        """The item with this id; ``IndexError`` when none is registered."""
        item = self._find(item_id)
        if item is None:
            raise IndexError(f"{item_id} is not registered")
        return item

    def get_by_classname(self, app_label: str, classname: str) -> Any:
        """The item of this app whose class name matches (case-insensitive); else ``IndexError``."""
        key = (app_label, classname.lower())
        found = self._by_classname.get(key)
        if found is not None and found in self.items:  # every request asks: no scan, no lower()
            return found
        for item in self.items:
            if app_label and item._meta.app_label == app_label and item.__name__.lower() == key[1]:
                self._by_classname[key] = item
                return item
        raise IndexError(f"{app_label}.{classname} is not registered")

    def get_by_app_label(self, app_label: str) -> list[Any]:
        """The items of one app."""
        return [item for item in self.items if item._meta.app_label == app_label]

    def get_urls(self) -> list[URLPattern | URLResolver]:
        """Every item's URL patterns."""
        return [pattern for item in self.items for pattern in item.get_urls()]

    @property
    def urls(self) -> list[URLPattern | URLResolver]:
        """Every item's URL patterns (read when the URLconf is first used)."""
        return self.get_urls()

    def autodiscover(self) -> None:
        """Import ``<app>.<module_name>`` of every installed app, once."""
        if self.module_name and not self.discovered:
            autodiscover_modules(self.module_name)
            self.discovered = True

    def __contains__(self, item: Any) -> bool:
        return self._find(item.get_id()) is not None

    def __iter__(self) -> Iterator[Any]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)


class DashboardRegistry(Registry):
    """The registry of dashboards, discovered from each installed app's ``dashboards.py``."""

    def __init__(self) -> None:
        super().__init__(module_name="dashboards")


registry = DashboardRegistry()
