"""Menus of dashboards: see ``dashboards.menus.menu`` and ``dashboards.menus.registry``."""
