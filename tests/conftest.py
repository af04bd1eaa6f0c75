"""Shared fixtures for the library and example tests."""

import pytest
from django.test import AsyncClient, Client


@pytest.fixture
def staff_user(django_user_model):
    """A logged-in-able staff user."""
    return django_user_model.objects.create_user("staff", password="pw", is_staff=True)


@pytest.fixture
def member(django_user_model):
    """A logged-in-able user who is not staff."""
    return django_user_model.objects.create_user("member", password="pw")


@pytest.fixture
def async_client() -> AsyncClient:
    """Django's async test client (requests go through the ASGI handler)."""
    return AsyncClient()


@pytest.fixture
def client() -> Client:
    """Django's test client (requests go through the WSGI handler)."""
    return Client()


# Session fixtures that start real servers (skipped outside CI when the server is not installed).
from tests.servers import redis_url  # noqa: E402, F401
