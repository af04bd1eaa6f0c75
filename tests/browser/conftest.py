"""Browser tests: Playwright's Chromium against the example site, served by a live server.

Run them with ``tox -e browser``. The site is served once per session by pytest-django's
``LiveServer`` (the helper behind its ``live_server`` fixture) over the test database, with the
demo data loaded once. The tests do not use the ``live_server`` fixture itself: it makes every
test transactional, and the flush after each test would delete the 10,000 demo orders. So the
data is shared by the whole session: a test that writes (the forms example adds a category)
writes something unique and asserts only about what it wrote.

Chromium is Debian's (``/usr/bin/chromium``, or ``DASHBOARDS_CHROMIUM``): ``playwright install``
cannot download browsers everywhere, and the system one is enough. ``tox -e browser`` runs these
tests with ``--ds=examples.settings``: the example site exactly as ``tox -e demo`` serves it.
"""

from __future__ import annotations

import io
import os
import threading
import time
from collections.abc import Iterator

import pytest
from django.test import override_settings

try:
    import playwright  # noqa: F401
except ImportError:  # the main test envs do not install Playwright: nothing to collect here
    collect_ignore_glob = ["test_*.py"]
else:
    from playwright.sync_api import Page

    from tests.browser.helpers import Problems, main_thread_database
    from tests.servers import free_port

CHROMIUM = os.environ.get("DASHBOARDS_CHROMIUM", "/usr/bin/chromium")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without Chromium, skip with a hint on a developer's machine; in CI (``CI`` set), run and fail."""
    if os.path.exists(CHROMIUM) or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason=f"no Chromium at {CHROMIUM}: apt-get install chromium, or set DASHBOARDS_CHROMIUM"
    )
    for item in items:
        item.add_marker(skip)


# Root in a container with no network: no sandbox, no GPU, and none of Chromium's own traffic.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 900}

# -- the site ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker) -> Iterator[None]:
    """The test database, created once, with the example site's demo data loaded once.

    These tests are not marked ``django_db`` (that would wrap each in a transaction, or flush the
    database after each), so pytest-django's own ``django_db_setup`` would create nothing.
    """
    from django.core.management import call_command
    from django.test.utils import setup_databases, teardown_databases

    with main_thread_database(django_db_blocker):
        databases = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("demo_data", stdout=io.StringIO())
    yield
    with main_thread_database(django_db_blocker):
        teardown_databases(databases, verbosity=0)


@pytest.fixture(scope="session")
def site(django_db_setup, django_db_blocker) -> Iterator[str]:
    """The example site, served on a free port by a live server thread; the value is its URL."""
    from pytest_django.live_server_helper import LiveServer

    with main_thread_database(django_db_blocker):
        server = LiveServer(os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS", "localhost"))
    server._live_server_modified_settings.enable()
    # The async example fetches its own site: here, the live server.
    site_url = override_settings(EXAMPLES_SITE_URL=server.url)
    site_url.enable()
    yield server.url
    site_url.disable()
    server._live_server_modified_settings.disable()
    server.stop()


@pytest.fixture(scope="session")
def asgi_site(site: str) -> Iterator[str]:
    """The example site served by uvicorn on a free port (on the live server's host, so that the
    session cookie of a login on either is sent to both); the value is its URL."""
    import uvicorn
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    from dashboards import live

    host = site.split("//")[1].split(":")[0]
    port = free_port()
    config = uvicorn.Config(
        ASGIStaticFilesHandler(get_asgi_application()),
        host=host,
        port=port,
        lifespan="off",
        log_level="warning",
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://{host}:{port}"
    live.close_streams()  # a server stopped from code, not by a signal, ends them itself
    server.should_exit = True
    thread.join(timeout=10)
    assert not thread.is_alive(), "uvicorn did not stop"


@pytest.fixture(autouse=True)
def _site_database(django_db_blocker) -> Iterator[None]:
    """Let the live server's threads use the database while a test runs.

    pytest-django blocks database access outside tests marked ``django_db``, for every thread;
    the live server answers the browser from its own threads, during the test.
    """
    with django_db_blocker.unblock():
        yield


# -- the browser (pytest-playwright's fixtures, configured) ----------------------------------


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(site: str) -> str:
    """``page.goto("/path/")`` opens the live server's page."""
    return site


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {
        **browser_context_args,
        "viewport": VIEWPORT,
        "color_scheme": "light",
        "locale": "en-US",
        "timezone_id": "UTC",
    }


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(page: Page, problems: Problems, request: pytest.FixtureRequest) -> Iterator[Page]:
    """pytest-playwright's page, watched: a console error, an uncaught page error, a failed
    request or an error response fails the test (``problems.allow(text)`` lets a known one by)."""
    page.set_default_timeout(10_000)
    page.on("console", problems.on_console)
    page.on("pageerror", problems.on_page_error)
    page.on("requestfailed", problems.on_request_failed)
    page.on("response", problems.on_response)
    yield page
    # Stop listening before the context closes: closing cancels what is still in flight.
    page.remove_listener("console", problems.on_console)
    page.remove_listener("pageerror", problems.on_page_error)
    page.remove_listener("requestfailed", problems.on_request_failed)
    page.remove_listener("response", problems.on_response)
    report = getattr(request.node, "rep_call", None)
    if problems and (report is None or report.passed):
        pytest.fail(f"The browser reported problems:\n{problems.report()}", pytrace=False)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Keep each phase's report on the item, so fixtures can tell whether the test passed."""
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report
