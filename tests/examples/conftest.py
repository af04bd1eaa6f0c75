"""Fixtures for the example tests."""

import re

import httpx
import pytest
import respx
from django.conf import settings


@pytest.fixture
def status_endpoints():
    """Answer the example's own slow endpoints without a server: status code from the URL."""
    site = re.escape(settings.EXAMPLES_SITE_URL)
    with respx.mock(assert_all_called=False) as mock:
        mock.get(url__regex=site + r"/async/status/(?P<code>\d+)/").mock(
            side_effect=lambda request, code: httpx.Response(int(code))
        )
        yield mock
