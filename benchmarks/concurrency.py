"""How long a page of five slow components takes: async values together, sync values in turn.

Run it with ``python benchmarks/concurrency.py`` from the repository root (Django and
django-htmx installed). Each component waits 0.2 s; the async page should take about 0.2 s.
"""

import asyncio
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "examples.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")

import django

django.setup()

from django.test import RequestFactory  # noqa: E402

from dashboards.component import Text  # noqa: E402
from dashboards.dashboard import Dashboard  # noqa: E402

DELAY = 0.2
RUNS = 5


async def slow_async(**kwargs) -> str:
    await asyncio.sleep(DELAY)
    return "async"


def slow_sync(**kwargs) -> str:
    time.sleep(DELAY)
    return "sync"


def dashboard_of(value) -> type[Dashboard]:
    components = {f"slow_{i}": Text(value=value) for i in range(5)}
    meta = type("Meta", (), {"app_label": "benchmarks"})
    return type("SlowDashboard", (Dashboard,), {**components, "Meta": meta})


def median_seconds(dashboard_class: type[Dashboard], expected: str) -> float:
    request = RequestFactory().get("/")
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        html = dashboard_class(request=request).render(request)
        timings.append(time.perf_counter() - start)
        assert html.count(expected) == 5, "every component must render its value"
    return statistics.median(timings)


def main() -> None:
    async_page = median_seconds(dashboard_of(slow_async), ">async<")
    sync_page = median_seconds(dashboard_of(slow_sync), ">sync<")
    print(f"five components waiting {DELAY} s each, median of {RUNS} renders:")
    print(f"  async value callables: {async_page:.3f} s")
    print(
        f"  sync value callables:  {sync_page:.3f} s (run one after another on the request thread)"
    )


if __name__ == "__main__":
    main()
