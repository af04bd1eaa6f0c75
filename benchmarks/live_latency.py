"""Publish-to-browser latency of live components: ``run.py`` runs this in our venv (0.1.7 has none).

``python benchmarks/live_latency.py --streams 100 --publishes 30`` starts uvicorn (one worker)
serving a dashboard with one live component, opens that many event streams of its page, then
publishes its topic again and again through an endpoint of the server, each time after every
stream has received the last one. A stream's latency for a publish is the time from just before
the server publishes to the moment the event has arrived at this client; it prints one JSON line
with the median, the 95th percentile and the maximum, over every stream and publish.

Imported by uvicorn (``--factory live_latency:app``), it is that server's site.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PAGE = "/dashboards/live/livebenchdashboard/"
TOPIC = "bench"


# -- the server's site -----------------------------------------------------------------------


def app() -> Any:
    """The ASGI application of a site with one live dashboard and a publish endpoint."""
    import django
    from django.conf import settings

    settings.configure(
        DEBUG=False,
        SECRET_KEY="benchmark-only-not-a-secret",  # noqa: S106
        ALLOWED_HOSTS=["127.0.0.1"],
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django_htmx",
            "dashboards",
        ],
        ROOT_URLCONF=__name__,
        TEMPLATES=[
            {"BACKEND": "django.template.backends.django.DjangoTemplates", "APP_DIRS": True}
        ],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        STATIC_URL="static/",
        USE_TZ=True,
        ASGI_APPLICATION=f"{__name__}.app",
    )
    django.setup()
    from django.core.asgi import get_asgi_application

    return get_asgi_application()


def __getattr__(name: str) -> Any:
    # Django reads ``urlpatterns`` when it first resolves a URL: the app is set up by then.
    if name == "urlpatterns":
        return _urlpatterns()
    raise AttributeError(name)


def _urlpatterns() -> list[Any]:
    from django.http import JsonResponse
    from django.urls import include, path

    from dashboards.component import Text
    from dashboards.dashboard import Dashboard
    from dashboards.live import apublish
    from dashboards.registry import registry

    published = {"count": 0}

    async def count(**kwargs: Any) -> str:
        return f"published {published['count']} times"

    class LiveBenchDashboard(Dashboard):
        counter = Text(value=count, live=TOPIC)

        class Meta:
            app_label = "live"

    registry.register(LiveBenchDashboard)

    async def publish(request: Any) -> JsonResponse:
        published["count"] += 1
        sent = time.time()
        await apublish(TOPIC)
        return JsonResponse({"sent": sent})

    return [
        path("publish/", publish),
        path("dashboards/", include("dashboards.urls")),
    ]


# -- the client ------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def measure(base: str, streams: int, publishes: int) -> list[float]:
    """Every stream's latency of every publish, in seconds."""
    import httpx

    limits = httpx.Limits(max_connections=streams + 10, max_keepalive_connections=streams + 10)
    timeout = httpx.Timeout(30.0, read=None)
    arrivals: list[list[float]] = [[] for _ in range(streams)]
    opened = asyncio.Semaphore(0)

    async def listen(client: httpx.AsyncClient, number: int) -> None:
        async with client.stream("GET", base + PAGE + "@live/") as response:
            async for line in response.aiter_lines():
                if line.startswith("retry:"):
                    opened.release()
                elif line == "event: live":
                    arrivals[number].append(time.time())

    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        tasks = [asyncio.create_task(listen(client, n)) for n in range(streams)]
        for _ in range(streams):
            await asyncio.wait_for(opened.acquire(), 30)
        sent = []
        for number in range(publishes):
            response = await client.post(base + "/publish/")
            sent.append(response.json()["sent"])
            deadline = time.monotonic() + 30
            while any(len(times) <= number for times in arrivals):
                if time.monotonic() > deadline:
                    raise SystemExit("live_latency: a stream missed a publish")
                await asyncio.sleep(0.002)
            await asyncio.sleep(0.05)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    return [times[n] - sent[n] for times in arrivals for n in range(publishes)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--streams", type=int, default=100)
    parser.add_argument("--publishes", type=int, default=30)
    args = parser.parse_args()
    port = free_port()
    command = [sys.executable, "-m", "uvicorn", "--factory", f"{Path(__file__).stem}:app"]
    command += ["--app-dir", str(HERE), "--port", str(port), "--log-level", "warning"]
    server = subprocess.Popen(command)
    try:
        for _ in range(200):
            if server.poll() is not None:
                raise SystemExit(f"live_latency: uvicorn exited with code {server.returncode}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.1).close()
                break
            except OSError:
                time.sleep(0.05)
        latencies = asyncio.run(measure(f"http://127.0.0.1:{port}", args.streams, args.publishes))
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(
        json.dumps(
            {
                "streams": args.streams,
                "publishes": args.publishes,
                "samples": len(latencies),
                "p50": statistics.median(latencies),
                "p95": percentile(latencies, 0.95),
                "max": max(latencies),
            }
        )
    )


if __name__ == "__main__":
    main()
