"""The menus of the example site: one section per example app, and a hand-written one.

This module is found the way ``dashboards.py`` is: every installed app's ``dashboard_menu.py`` is
imported when Django starts.
"""

from urllib.parse import urlencode

from django.urls import reverse

from dashboards.menus.menu import DashboardMenu, Menu, MenuItem, make_dashboard_item
from dashboards.menus.registry import menu_registry
from examples.quickstart.dashboards import FirstDashboard


# dashboard-menus-start
@menu_registry.register
class QuickstartMenu(DashboardMenu):
    name = "Quickstart"
    app_label = "quickstart"


@menu_registry.register
class ComponentsMenu(DashboardMenu):
    name = "Components"
    app_label = "components"


# dashboard-menus-end


@menu_registry.register
class AsyncComponentsMenu(DashboardMenu):
    name = "Async"
    app_label = "async_components"


@menu_registry.register
class StreamingMenu(DashboardMenu):
    name = "Streaming"
    app_label = "streaming"


@menu_registry.register
class CachingMenu(DashboardMenu):
    name = "Caching"
    app_label = "caching"


@menu_registry.register
class LiveMenu(DashboardMenu):
    name = "Live"
    app_label = "live"


@menu_registry.register
class PermissionsMenu(DashboardMenu):
    name = "Permissions"
    app_label = "permissions"


@menu_registry.register
class ChartsMenu(DashboardMenu):
    name = "Charts"
    app_label = "charts"


@menu_registry.register
class TablesMenu(DashboardMenu):
    name = "Tables"
    app_label = "tables"


@menu_registry.register
class ExportMenu(DashboardMenu):
    name = "Downloads"
    app_label = "export"


@menu_registry.register
class FormsMenu(DashboardMenu):
    name = "Forms"
    app_label = "forms"


@menu_registry.register
class FiltersMenu(DashboardMenu):
    name = "Filters"
    app_label = "filters"


# model-menu-start
@menu_registry.register
class ModelDashboardsMenu(DashboardMenu):
    """Its ModelDashboards are listed only on the page of one of their model's objects."""

    name = "Model dashboards"
    app_label = "model_dashboards"


# model-menu-end


@menu_registry.register
class DynamicMenu(DashboardMenu):
    name = "Dynamic dashboards"
    app_label = "dynamic"


@menu_registry.register
class CustomViewsMenu(DashboardMenu):
    name = "Custom views"
    app_label = "custom_views"


@menu_registry.register
class LayoutMenu(DashboardMenu):
    name = "Layout"
    app_label = "layout"


@menu_registry.register
class ThemingMenu(DashboardMenu):
    name = "Templates and theming"
    app_label = "theming"


@menu_registry.register
class CustomComponentsMenu(DashboardMenu):
    name = "Custom components"
    app_label = "custom_components"


# site-menu-start
def is_staff(request) -> bool:
    """A ``check_func``: the item is shown to staff users only."""
    return request.user.is_staff


def account_items(request) -> list[MenuItem]:
    """Callable children: called with each request, so they can depend on the user."""
    if request.user.is_authenticated:
        return [MenuItem(title=f"Signed in as {request.user.get_username()}")]
    query = urlencode({"next": request.get_full_path()})
    return [MenuItem(title="Log in", url=f"{reverse('login')}?{query}")]


@menu_registry.register
class SiteMenu(Menu):
    name = "This site"

    @classmethod
    def get_items(cls, obj=None) -> list[MenuItem]:
        return [
            MenuItem(title="All examples", url=reverse("index")),
            MenuItem(
                title="Start here",
                children=[
                    make_dashboard_item(FirstDashboard, title="The quickstart dashboard"),
                    MenuItem(title="Django documentation", url="https://docs.djangoproject.com/"),
                    MenuItem(title="Back to top", url="#"),
                ],
            ),
            MenuItem(title="Your account", children=account_items),
            MenuItem(
                title="Staff notes",
                url=reverse("dashboards:permissions_staffdashboard"),
                check_func=is_staff,
            ),
        ]


# site-menu-end
