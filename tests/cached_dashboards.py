"""Dashboards with cached components, for the cache tests (registered by ``registered()``)."""

import asyncio
import contextlib
from collections import Counter

from django.contrib.auth.models import User
from django.test import override_settings
from django.urls import include, path, resolve

from dashboards.cache import Cache
from dashboards.component import Text
from dashboards.dashboard import Dashboard, ModelDashboard
from dashboards.permissions import IsAdminUser
from dashboards.registry import registry
from examples import urls as site

COMPUTED: Counter[str] = Counter()


def counted(name):
    """A sync value callable that counts its calls and shows the filters it got."""

    def value(filters, **kwargs):
        COMPUTED[name] += 1
        return f"{name} #{COMPUTED[name]} {sorted(filters.items())}"

    return value


def acounted(name, seconds=0.0):
    """An async value callable that counts its calls (and takes ``seconds``)."""

    async def value(**kwargs):
        COMPUTED[name] += 1
        await asyncio.sleep(seconds)
        return f"{name} #{COMPUTED[name]}"

    return value


def failing(**kwargs):
    COMPUTED["failing"] += 1
    raise ValueError("no value")


class CachedDashboard(Dashboard):
    per_user = Text(value=counted("per_user"), cache=60)
    shared = Text(value=counted("shared"), cache=Cache(timeout=60, vary_on=()))
    staff_only = Text(
        value=counted("staff_only"),
        cache=Cache(vary_on=()),
        permission_classes=[IsAdminUser],
    )
    later = Text(defer=counted("later"), cache=60)
    awaited = Text(value=acounted("awaited"), cache=60)
    broken = Text(value=failing, cache=60)
    literal = Text(value="a literal", cache=60)
    per_tenant = Text(
        defer=counted("per_tenant"),
        cache=Cache(vary_on=(), key=lambda request, **kwargs: request.headers.get("X-Tenant", "")),
    )
    per_language = Text(defer=counted("per_language"), cache=Cache(vary_on=("language",)))

    class Meta:
        app_label = "testapp"


class CachedUserDashboard(ModelDashboard):
    about = Text(value=lambda object, **kwargs: counted("about")({}) + object.username, cache=60)

    class Meta:
        app_label = "testapp"
        model = User
        lookup_field = "username"


class SlowCachedDashboard(Dashboard):
    slow = Text(defer=acounted("slow", 0.2), cache=Cache(vary_on=()))
    slow_sync = Text(defer=counted("slow_sync"), cache=Cache(vary_on=(), lock_timeout=0.1))

    class Meta:
        app_label = "testapp"


DASHBOARDS = (CachedDashboard, CachedUserDashboard, SlowCachedDashboard)


#: This module is the URLconf of the cache tests: its dashboards' routes are read when it is
#: first used, after ``registered()`` has registered them (the site's are read earlier).
urlpatterns = [
    *(pattern for pattern in site.urlpatterns if str(pattern.pattern) != "dashboards/"),
    path("dashboards/", include("dashboards.urls")),
]


@contextlib.contextmanager
def registered():
    """These dashboards, registered and routed (by this module as the URLconf) inside the block."""
    for dashboard in DASHBOARDS:
        registry.register(dashboard)
    try:
        with override_settings(ROOT_URLCONF=__name__):
            yield
    finally:
        for dashboard in DASHBOARDS:
            registry.remove(dashboard)


async def call_on_the_loop(path):
    """Resolve ``path`` from the event loop, as Django's ASGI handler does, and call the view."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import AsyncRequestFactory

    match = resolve(path)
    request = AsyncRequestFactory().get(path, headers={"X-Requested-With": "XMLHttpRequest"})
    user = AnonymousUser()
    request.user = user

    async def auser():
        return user

    request.auser = auser
    return await match.func(request, *match.args, **match.kwargs)
