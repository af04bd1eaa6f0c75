"""Fixtures for the example tests."""

import httpx
import pytest
import respx


@pytest.fixture
def status_endpoints():
    """Answer the example's own slow endpoints without a server: status code from the URL."""
    with respx.mock(assert_all_called=False) as mock:
        mock.get(url__regex=r"http://testserver/async/status/(?P<code>\d+)/").mock(
            side_effect=lambda request, code: httpx.Response(int(code))
        )
        yield mock
