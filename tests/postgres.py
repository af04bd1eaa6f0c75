"""A pytest plugin that runs the tests on a throwaway PostgreSQL server.

``pytest -p tests.postgres --ds=tests.settings_postgres`` (tox's PostgreSQL env): the server starts
before pytest-django reads the settings, which find it through ``DASHBOARDS_POSTGRES_HOST`` and
``DASHBOARDS_POSTGRES_PORT``, and stops at the end of the run, leaving no files behind. Without
the server binaries the run ends at once, saying so, with exit code 0; in CI (``CI`` set) that is
an error.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from typing import Any

import pytest
from asgiref.sync import sync_to_async
from django.db import connections

from tests.servers import PostgresServer, find_binary, missing_binary_message, postgres_bin_dirs

__all__ = [
    "close_connections_of_async_tests",
    "pytest_load_initial_conftests",
    "pytest_sessionstart",
]

#: Why the tests cannot run on PostgreSQL here (set when the binaries are missing).
skip_reason = pytest.StashKey[str]()


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: pytest.Config) -> None:
    """Start the server before pytest-django's own hook loads the settings."""
    initdb = find_binary("initdb", postgres_bin_dirs())
    if initdb is None:
        message = missing_binary_message("initdb", "postgresql")
        if os.environ.get("CI"):
            raise pytest.UsageError(f"PostgreSQL tests: {message}")
        early_config.stash[skip_reason] = message
        return
    server = PostgresServer(initdb)
    early_config.add_cleanup(server.stop)
    try:
        server.start()
    except RuntimeError as error:
        raise pytest.UsageError(f"PostgreSQL tests: {error}") from error
    os.environ["DASHBOARDS_POSTGRES_HOST"] = server.host
    os.environ["DASHBOARDS_POSTGRES_PORT"] = str(server.port)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session: pytest.Session) -> None:
    """Without a server, end the run before any test, with the reason (and exit code 0)."""
    reason = session.config.stash.get(skip_reason, None)
    if reason:
        pytest.exit(f"PostgreSQL tests skipped: {reason}", returncode=pytest.ExitCode.OK)


@pytest.fixture(scope="session", autouse=True)
def close_connections_of_async_tests(
    django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """Before the test database is dropped, close the connection that async tests opened in
    asgiref's thread (the async ORM's), which PostgreSQL would count as a user of the database."""
    yield
    with django_db_blocker.unblock():
        asyncio.run(sync_to_async(connections.close_all)())
