"""The live example: the "orders arriving" page updates as orders are placed, as docs/live.rst says."""

import asyncio
import contextlib
import importlib
import io
import os
import re
import subprocess
import sys
from datetime import date
from decimal import Decimal

import httpx
import pytest
from asgiref.sync import sync_to_async
from django.core.management import CommandError, call_command

from examples.live.dashboards import OrdersArrivingDashboard, latest_orders
from examples.live.orders import place_order
from examples.shop.models import Category, Customer, Order, Product
from tests.uvicorn_servers import ROOT, uvicorn_server

PAGE = "/dashboards/live/ordersarrivingdashboard/"
STREAM = PAGE + "@live/"
NEW_ORDER = "/live/orders/new/"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shop():
    """One product and one customer to place orders with."""
    books = Category.objects.create(name="Books")
    Product.objects.create(name="Async Python", slug="async-python", category=books, price=10)
    Customer.objects.create(name="Ada", email="ada@example.com", country="GB", joined=date.today())


async def next_event(chunks) -> str:
    """The next event of a stream (heartbeat comments skipped), within 5 seconds."""
    async with asyncio.timeout(5):
        while True:
            chunk = (await chunks.__anext__()).decode()
            if not chunk.startswith((":", "retry:")):
                return chunk


async def disconnect(chunks) -> None:
    """Close the stream as the ASGI handler does when the browser goes away."""
    waiting = asyncio.ensure_future(chunks.__anext__())
    await asyncio.sleep(0.01)
    waiting.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await waiting


async def test_page_under_asgi_opens_one_event_stream(async_client, shop):
    html = (await async_client.get(PAGE)).content.decode()
    assert html.count("sse-connect=") == 1
    assert "every 10s" not in html


def test_page_under_wsgi_polls_the_live_components(client, shop):
    html = client.get(PAGE).content.decode()
    assert "sse-connect" not in html
    assert html.count("every 10s") == 4  # both stats, the chart and the table


def test_counters_chart_and_table_show_the_last_hour(client, shop):
    place_order()
    html = client.get(PAGE).content.decode()
    assert "orders in the last hour" in html
    assert "Orders per minute" in html
    assert "Async Python" in html


def test_latest_orders_are_the_ten_newest(shop):
    orders = [place_order() for _ in range(12)]
    rows = latest_orders()
    assert [row["Order"] for row in rows] == [order.pk for order in orders[::-1][:10]]


async def test_placing_an_order_updates_every_live_component_of_an_open_page(async_client, shop):
    response = await async_client.get(STREAM)
    chunks = response.streaming_content
    await sync_to_async(place_order)()  # the post_save signal publishes "orders"
    event = await next_event(chunks)
    assert "event: live" in event
    assert event.count('hx-swap-oob="true"') == 4
    assert "data: <div" in event
    assert ">1<" in event.replace(" ", "")  # the count of the last hour's orders
    assert "Async Python" in event  # the latest orders table
    await disconnect(chunks)


def test_button_is_shown_to_logged_in_users_only(client, shop, member):
    assert "Place an order" not in client.get(PAGE).content.decode()
    client.force_login(member)
    assert f'hx-post="{NEW_ORDER}"' in client.get(PAGE).content.decode()


def test_button_places_an_order_for_a_logged_in_user(client, shop, member):
    client.force_login(member)
    response = client.post(NEW_ORDER)
    assert response.status_code == 204
    order = Order.objects.get()
    assert order.total == order.product.price * order.quantity


def test_button_refuses_anonymous_users(client, shop):
    assert client.post(NEW_ORDER).status_code == 403
    assert not Order.objects.exists()


def test_button_only_posts(client, member):
    client.force_login(member)
    assert client.get(NEW_ORDER).status_code == 405


def test_button_without_demo_data_says_so(client, member):
    client.force_login(member)
    response = client.post(NEW_ORDER)
    assert response.status_code == 409
    assert b"demo_data" in response.content


def test_command_places_orders_one_after_another(shop):
    out = io.StringIO()
    call_command("place_orders", count=3, interval=0, stdout=out)
    assert Order.objects.count() == 3
    assert out.getvalue().count("Async Python") == 3
    assert Order.objects.first().total == Decimal(10) * Order.objects.first().quantity


def test_command_without_demo_data_says_so():
    with pytest.raises(CommandError, match="demo_data"):
        call_command("place_orders", count=1, interval=0, stdout=io.StringIO())


def test_redis_settings_name_the_redis_broker(monkeypatch):
    monkeypatch.setenv("DASHBOARDS_LIVE_REDIS_URL", "redis://redis.example:6379/2")
    settings = importlib.reload(importlib.import_module("examples.live.settings_redis"))
    assert settings.DASHBOARDS_LIVE_BROKER == "dashboards.live_redis.RedisBroker"
    assert settings.DASHBOARDS_LIVE_REDIS_URL == "redis://redis.example:6379/2"
    assert "examples.live" in settings.INSTALLED_APPS


def test_dashboard_declares_its_live_components():
    live = {key for key, c in OrdersArrivingDashboard.components.items() if c.live}
    assert live == {"count", "revenue", "per_minute", "latest"}


def manage(env: dict[str, str], *args: str) -> None:
    """Run ``manage.py`` (``python -m django``) in a process of its own."""
    command = [sys.executable, "-m", "django", *args]
    subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)  # noqa: S603


def log_in(http: httpx.Client, url: str) -> str:
    """Log the demo user ``member`` in on the site at ``url``; return the CSRF token to post with."""
    form = http.get(url + "/accounts/login/").text
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    data = {"username": "member", "password": "member", "csrfmiddlewaretoken": token}
    http.post(url + "/accounts/login/", data=data, headers={"Referer": url + "/"})
    return http.cookies["csrftoken"]


def next_live_event(lines) -> str:
    """The next event of a stream's lines that carries HTML."""
    event: list[str] = []
    for line in lines:
        if line:
            event.append(line)
        elif "event: live" in event:
            return "\n".join(event)
        else:
            event = []
    raise AssertionError("the stream ended")


def shown_count(event: str) -> int:
    """The count of the last hour's orders that an event's HTML shows."""
    html = event.split("componentcount-inner", 1)[1]
    return int(re.search(r">\s*([\d,]+)\s*<", html).group(1).replace(",", ""))


def test_orders_placed_in_one_process_update_the_pages_of_every_server(redis_url, tmp_path):
    """Two uvicorn servers and the command share the Redis broker: an order placed with the
    button on one server, or by the command, reaches the open pages of both servers."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "examples.live.settings_redis",
        "DASHBOARDS_LIVE_REDIS_URL": redis_url,
        "DASHBOARDS_EXAMPLES_DB": str(tmp_path / "site.sqlite3"),
        "PYTHONPATH": str(ROOT),
    }
    manage(env, "migrate", "--noinput")
    manage(env, "demo_data")
    server_env = {
        key: env[key]
        for key in ("DJANGO_SETTINGS_MODULE", "DASHBOARDS_LIVE_REDIS_URL", "DASHBOARDS_EXAMPLES_DB")
    }
    with (
        uvicorn_server(**server_env) as (first, _),
        uvicorn_server(**server_env) as (second, _),
        httpx.Client(timeout=10) as http,
        http.stream("GET", first + STREAM) as first_stream,
        http.stream("GET", second + STREAM) as second_stream,
    ):
        streams = [first_stream.iter_lines(), second_stream.iter_lines()]
        assert all(next(lines).startswith("retry: ") for lines in streams)
        token = log_in(http, first)
        assert http.post(first + NEW_ORDER, headers={"X-CSRFToken": token}).status_code == 204
        counts = {shown_count(next_live_event(lines)) for lines in streams}
        assert len(counts) == 1  # both pages show the same new count
        manage(env, "place_orders", "--count", "1")
        assert {shown_count(next_live_event(lines)) for lines in streams} == {counts.pop() + 1}
