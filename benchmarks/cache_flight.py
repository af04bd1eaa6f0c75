"""The component cache, measured: ``run.py`` runs this in our venv (0.1.7 has no cache).

``python benchmarks/cache_flight.py [--rounds N]`` serves the benchmark site in process through
Django's ASGI handler (httpx's ASGI transport, no sockets) and prints one JSON line:

- cold: ``--rounds`` times, the cached component is invalidated, then 50 concurrent requests ask
  for it; its value takes 0.5 s. Each round's computations (all should be 1), and the seconds from
  the first request to the last answer;
- warm: ``--rounds`` times 200 sequential JSON fetches of a warm cached component and of a literal
  one, one of each in turn, with the garbage collector off (as ``timeit`` has it); the median
  seconds per fetch of each.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PREFIX = "/dashboards/bench/cachebench/@component"
AJAX = {"X-Requested-With": "XMLHttpRequest"}
CONCURRENT = 50
VALUE_SECONDS = 0.5
WARM_FETCHES = 200
COMPUTED = {"cold": 0}


def setup() -> type:
    """Django with the benchmark site's settings, and the measured dashboard registered."""
    sys.path.insert(0, str(HERE))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench_site.settings")
    import django

    django.setup()
    from dashboards.cache import Cache
    from dashboards.component import Text
    from dashboards.dashboard import Dashboard
    from dashboards.registry import registry

    async def slow_report(**kwargs: Any) -> str:
        COMPUTED["cold"] += 1
        await asyncio.sleep(VALUE_SECONDS)
        return "slow report"

    def warm_value(**kwargs: Any) -> str:
        return "a value"

    class CacheBench(Dashboard):
        cold = Text(value=slow_report, cache=Cache(timeout=300, vary_on=()))
        warm = Text(value=warm_value, cache=Cache(timeout=300, vary_on=()))
        literal = Text(value="a value")

        class Meta:
            app_label = "bench"

    return registry.register(CacheBench)  # type: ignore[no-any-return]


async def measure(rounds: int) -> dict[str, Any]:
    import httpx
    from django.core.asgi import get_asgi_application

    from dashboards.cache import invalidate

    dashboard = setup()
    transport = httpx.ASGITransport(app=get_asgi_application())
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:

        async def fetch(key: str) -> float:
            start = time.perf_counter()
            response = await client.get(f"{PREFIX}/{key}/", headers=AJAX)
            if response.status_code != 200:
                raise SystemExit(f"{key}: {response.status_code} {response.text[:200]}")
            return time.perf_counter() - start

        await fetch("literal")  # warm up imports, templates and URL patterns
        cold_seconds, computations = [], []
        for _ in range(rounds + 1):
            invalidate(dashboard, "cold")
            COMPUTED["cold"] = 0
            start = time.perf_counter()
            await asyncio.gather(*(fetch("cold") for _ in range(CONCURRENT)))
            cold_seconds.append(time.perf_counter() - start)
            computations.append(COMPUTED["cold"])
        cold_seconds, computations = cold_seconds[1:], computations[1:]  # the first warms up
        warm: list[float] = []
        literal: list[float] = []
        for _ in range(rounds):
            # As timeit does, without the garbage collector: a collection would land on
            # whichever of the two fetches its allocations happen to tip over, run after run.
            gc.collect()
            gc.disable()
            try:
                for _ in range(WARM_FETCHES):  # in turn, so that drift slows both alike
                    warm.append(await fetch("warm"))
                    literal.append(await fetch("literal"))
            finally:
                gc.enable()
    return {
        "concurrent": CONCURRENT,
        "value_seconds": VALUE_SECONDS,
        "cold_seconds": cold_seconds,
        "computations": computations,
        "warm": statistics.median(warm),
        "literal": statistics.median(literal),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(json.dumps(asyncio.run(measure(args.rounds))))


if __name__ == "__main__":
    main()
