"""The example site: index, demo data, ASGI and WSGI entry points."""

import importlib

import pytest
from django.core.management import call_command

from dashboards.registry import registry

pytestmark = pytest.mark.django_db


def test_index_links_every_registered_dashboard(client):
    content = client.get("/").content.decode()
    for dashboard in registry.get_all_items():
        if not getattr(dashboard._meta, "model", None):
            assert f'href="{dashboard.get_absolute_url()}"' in content


def test_index_offers_logout_to_logged_in_users(client, member):
    client.force_login(member)
    assert b"Logged in as member." in client.get("/").content


def test_demo_data_creates_the_demo_users(django_user_model, capsys):
    call_command("demo_data")
    call_command("demo_data")  # running it again changes nothing
    users = {u.username: u for u in django_user_model.objects.all()}
    assert sorted(users) == ["admin", "analyst", "member"]
    assert users["admin"].is_staff
    assert users["analyst"].groups.filter(name="analysts").exists()
    assert users["member"].check_password("member")
    assert "Demo data is ready." in capsys.readouterr().out


def test_every_example_dashboard_renders(client, status_endpoints):
    call_command("demo_data")
    client.login(username="admin", password="admin")
    for dashboard in registry.get_all_items():
        if dashboard.__module__.startswith("examples.") and not getattr(
            dashboard._meta, "model", None
        ):
            assert client.get(dashboard.get_absolute_url()).status_code in (200, 403), dashboard


def test_wsgi_application_is_a_django_handler():
    from django.core.handlers.wsgi import WSGIHandler

    assert isinstance(importlib.import_module("examples.wsgi").application, WSGIHandler)


def test_asgi_application_serves_static_files_when_debug(settings):
    import examples.asgi

    settings.DEBUG = True
    module = importlib.reload(examples.asgi)
    assert type(module.application).__name__ == "ASGIStaticFilesHandler"
    settings.DEBUG = False
    module = importlib.reload(examples.asgi)
    assert type(module.application).__name__ == "ASGIHandler"


def test_logout_without_next_goes_to_the_index(client, member):
    client.force_login(member)
    response = client.post("/accounts/logout/")
    assert (response.status_code, response["Location"]) == (302, "/")


def test_debug_secret_key_and_site_url_come_from_the_environment(monkeypatch):
    import examples.settings

    monkeypatch.setenv("DJANGO_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("DJANGO_DEBUG", "0")
    monkeypatch.setenv("EXAMPLES_SITE_URL", "https://demo.example")
    try:
        module = importlib.reload(examples.settings)
        assert (module.SECRET_KEY, module.DEBUG, module.EXAMPLES_SITE_URL) == (
            "from-the-environment",
            False,
            "https://demo.example",
        )
    finally:
        monkeypatch.undo()
        importlib.reload(examples.settings)
