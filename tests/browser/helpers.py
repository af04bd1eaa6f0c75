"""Helpers for the browser tests: what a page reported, and what a user does on the site."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import ConsoleMessage, Locator, Page, Request, Response, expect

# The async example's components ask the site's slow endpoints for these statuses on purpose.
# (The server fetches them, not the browser; they are allowed here in case a page links them.)
EXPECTED_ERROR_URLS = re.compile(r"/async/status/(404|418|500)/")
# The favicon is fetched in the background; a reload or navigation may cancel that fetch.
IGNORED_URLS = re.compile(r"/favicon\.(ico|svg)$")


@dataclass
class Problems:
    """What went wrong in the browser while a test ran."""

    console: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    error_responses: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)

    def allow(self, text: str) -> None:
        """Do not report problems that mention ``text`` (a known bug with a test of its own)."""
        self.allowed.append(text)

    def on_console(self, message: ConsoleMessage) -> None:
        location = message.location
        if message.type == "error" and not IGNORED_URLS.search(location.get("url") or ""):
            self.console.append(
                f"{message.text} ({location.get('url')}:{location.get('lineNumber')})"
            )

    def on_page_error(self, error: Exception) -> None:
        self.page_errors.append(str(error))

    def on_request_failed(self, request: Request) -> None:
        failure = request.failure or ""
        # A reload or a navigation cancels the requests still in flight (a poll, a deferred
        # component): that is the browser's doing, not a failure of the site.
        if failure == "net::ERR_ABORTED" and request.resource_type in {"xhr", "fetch"}:
            return
        if IGNORED_URLS.search(request.url):
            return
        self.failed_requests.append(f"{request.method} {request.url}: {failure}")

    def on_response(self, response: Response) -> None:
        url = response.url
        if response.status < 400 or EXPECTED_ERROR_URLS.search(url) or IGNORED_URLS.search(url):
            return
        self.error_responses.append(f"{response.request.method} {url}: {response.status}")

    def found(self) -> dict[str, list[str]]:
        """Each kind of problem, with what was found of it (not allowed)."""
        kinds = {
            "console errors": self.console,
            "page errors": self.page_errors,
            "failed requests": self.failed_requests,
            "error responses": self.error_responses,
        }
        return {
            kind: [item for item in items if not any(text in item for text in self.allowed)]
            for kind, items in kinds.items()
        }

    def __bool__(self) -> bool:
        return any(self.found().values())

    def report(self) -> str:
        lines = []
        for kind, items in self.found().items():
            lines += [f"{kind}:", *(f"  {item}" for item in items)] if items else []
        return "\n".join(lines)


@contextmanager
def main_thread_database(django_db_blocker) -> Iterator[None]:
    """Database access from the tests' own thread, where Playwright's event loop runs.

    Django refuses sync database calls where an event loop runs, unless
    ``DJANGO_ALLOW_ASYNC_UNSAFE`` is set. It is set only here, not for the whole session: the
    variable is process-wide, and the live server's async views must still be checked.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with django_db_blocker.unblock():
            yield
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def url_of(dashboard: type, django_db_blocker) -> str:
    """The dashboard's page; a model dashboard's for the first of its model's demo objects."""
    from django.urls import reverse

    if not getattr(dashboard._meta, "model", None):
        return dashboard.get_absolute_url()
    with main_thread_database(django_db_blocker):
        first = dashboard._meta.model._default_manager.order_by("pk").first()
        lookup = getattr(first, dashboard._meta.lookup_field)
    return reverse(
        f"dashboards:{dashboard.get_slug()}_detail", kwargs={dashboard._meta.lookup_kwarg: lookup}
    )


# -- what a user does --------------------------------------------------------------------

PLACEHOLDER = ".dashboard-component-placeholder"
# A placeholder shows its loading indicator until htmx swaps the component in.
PENDING = f"{PLACEHOLDER}:has(> .htmx-indicator)"


def load_deferred(page: Page) -> None:
    """Scroll every deferred component into view (they load when seen, as a reader scrolls),
    wait until each placeholder holds its component, and check none shows its error state."""
    page.wait_for_load_state("load")
    placeholders = page.locator(PLACEHOLDER)
    for index in range(placeholders.count()):
        placeholders.nth(index).scroll_into_view_if_needed()
    expect(page.locator(PENDING)).to_have_count(0)
    expect(page.locator(".dashboard-component-error")).to_have_count(0)
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")


def log_in(page: Page, username: str) -> None:
    """Log in through the example site's login form (each demo user's password is its name)."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(username)
    with page.expect_navigation():
        page.locator("form [type=submit]").click()
    expect(page.get_by_text(f"Logged in as {username}.")).to_be_visible()


def example_dashboards(*, with_models: bool = False) -> list[type]:
    """The example site's dashboards (not the test app's), in registry order."""
    from dashboards.registry import registry

    return [
        dashboard
        for dashboard in registry.get_all_items()
        if dashboard.__module__.startswith("examples.")
        and (with_models or not getattr(dashboard._meta, "model", None))
    ]


def user_for(dashboard: type) -> str | None:
    """The demo user who may see ``dashboard``: None when anyone may."""
    from dashboards.permissions import AllowAny

    classes = list(getattr(dashboard._meta, "permission_classes", None) or [])
    if all(issubclass(cls, AllowAny) for cls in classes):
        return None
    if any(getattr(cls, "group_name", None) == "analysts" for cls in classes):
        return "analyst"
    return "admin"


def app_installed(name: str) -> bool:
    from django.apps import apps

    return apps.is_installed(name)


def component(scope: Page | Locator, key: str) -> Locator:
    """The rendered value of the component named ``key`` (its ``…component<key>-inner`` box)."""
    return scope.locator(f'[id^="component-"][id$="component{key}-inner"]')


def needs_app(name: str):
    """Skip a module's tests when the example app ``name`` is not in INSTALLED_APPS."""
    return pytest.mark.skipif(not app_installed(name), reason=f"{name} is not installed")
