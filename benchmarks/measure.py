"""Measure one library, inside a venv that has it installed; ``run.py`` drives two of these.

Both libraries import as ``dashboards``, so each side runs in its own venv and its own process.
This process seeds a SQLite file, checks that every measured URL answers what it should, starts
uvicorn on 127.0.0.1, then waits for commands on stdin, one JSON object a line, and answers each
on stdout: ``{"row": KEY, "runs": N, "warmup": N}`` gives ``{"times": [...]}`` (or
``{"rates": [...]}`` for the uvicorn row). ``run.py`` asks the two sides for runs of the same row
in short turns, so that a busy moment on the machine slows both sides alike.

Rows that go through a URL use Django's test client: the WSGI handler, in process. Logs go to
stderr. ``python benchmarks/measure.py --db PATH --all`` measures every row once and prints them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PREFIX = "/dashboards/bench"
TABLE_QUERY = "draw=1&start=0&length=25"
SORT_SEARCH_QUERY = (
    "draw=2&start=0&length=25&search[value]=ada&order[0][column]=6&order[0][dir]=desc"
)
TABLE_ROWS = ("table_10k", "table_10k_sort_search", "table_1k")
ASGI_REQUESTS = 100
ASGI_CONCURRENCY = 10
IMPORT_CODE = """
import time
import django
from django.conf import settings
settings.configure(USE_TZ=True)
django.setup()
start = time.perf_counter()
import dashboards.component
print(time.perf_counter() - start)
"""


def library() -> tuple[str, str]:
    """The installed library's distribution name and version."""
    for name in ("django-async-dashboards", "django-dashboards"):
        try:
            return name, version(name)
        except PackageNotFoundError:
            continue
    raise SystemExit("neither django-async-dashboards nor django-dashboards is installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Side:
    """One library's site: the measured rows, a uvicorn server and the import-time probe."""

    def __init__(self, db: Path) -> None:
        self.name, self.version = library()
        self.db = db
        self.rows: dict[str, Callable[[], Any]] = {}
        self.info: dict[str, dict[str, Any]] = {}
        self.server: subprocess.Popen | None = None
        self.port = 0

    def log(self, message: str) -> None:
        print(f"  [{self.name}] {message}", file=sys.stderr, flush=True)

    def check(self, condition: bool, message: str) -> None:
        if not condition:
            raise SystemExit(f"[{self.name}] check failed: {message}")

    # -- setup -------------------------------------------------------------------------------

    def setup(self) -> dict[str, Any]:
        os.environ["BENCH_DB"] = str(self.db)
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench_site.settings"
        import django

        import dashboards

        location = Path(dashboards.__file__).resolve().parent
        self.check(location != REPO / "dashboards", f"imported the work tree: {location}")
        django.setup()

        from bench.seed import seed
        from django.core.management import call_command

        self.log("migrate and seed")
        call_command("migrate", run_syncdb=True, verbosity=0)
        seed()
        self.build_client_rows()
        self.start_server()
        return {
            "library": self.name,
            "version": self.version,
            "django": django.get_version(),
            "python": platform.python_version(),
            "dashboards_path": str(location),
            "info": self.info,
        }

    def build_client_rows(self) -> None:
        """Check each URL's answer once, and keep a callable that requests it."""
        from bench.dashboards import ASYNC_VALUES, TableSerializer
        from django.test import Client

        client = Client()
        ajax = {"X-Requested-With": "XMLHttpRequest"}

        def getter(url: str, headers: dict[str, str] | None = None) -> Callable[[], Any]:
            def run() -> Any:
                response = client.get(url, headers=headers)
                self.check(response.status_code == 200, f"{url}: {response.status_code}")
                return response

            return run

        def page(key: str, name: str, expect: str, count: int) -> None:
            run = getter(f"{PREFIX}/{name}/")
            found = run().content.decode().count(expect)
            self.check(found == count, f"{name}: {expect!r} {found} times, not {count}")
            self.rows[key] = run

        page("page_text10", "text10", "Text number ", 10)
        page("page_text10_callables", "text10callables", "computed value", 10)
        page("page_text100", "text100", "Text number ", 100)
        page("page_deferred20", "deferred20", f'hx-get="{PREFIX}/deferred20/@component/', 20)
        page("slow5", "slow5", "slow value", 5)
        self.info["slow5"] = {
            "note": "async def + asyncio.sleep" if ASYNC_VALUES else "def + time.sleep"
        }

        fetch = f"{PREFIX}/deferred20/@component/deferred_0/"
        self.rows["fetch_html"] = getter(fetch)
        self.check(b"deferred value" in self.rows["fetch_html"]().content, "deferred HTML")
        self.rows["fetch_json"] = getter(fetch, ajax)
        answer = json.loads(self.rows["fetch_json"]().content)
        self.check(answer == "deferred value", f"deferred JSON: {answer!r}")

        if TableSerializer is None:
            self.log("no Table in this build: the table rows are n/a")
            for key in TABLE_ROWS:
                self.info[key] = {"note": "n/a (no Table yet)"}
            return
        for key, component, query, total in zip(
            TABLE_ROWS,
            ("orders", "orders", "small_orders"),
            (TABLE_QUERY, SORT_SEARCH_QUERY, TABLE_QUERY),
            (10_000, 10_000, 1_000),
            strict=True,
        ):
            run = getter(f"{PREFIX}/tables/@component/{component}/?{query}", ajax)
            data = json.loads(run().content)
            self.check(len(data["data"]) == 25, f"{key}: {len(data['data'])} rows, not 25")
            self.check(data["total"] == total, f"{key}: total {data['total']}, not {total}")
            self.info[key] = {"filtered": data["filtered"], "first_id": data["data"][0]["id"]}
            self.rows[key] = run

    def start_server(self) -> None:
        """uvicorn serving the same site and database on 127.0.0.1, until ``stop_server``."""
        self.port = free_port()
        command = [sys.executable, "-m", "uvicorn", "bench_site.asgi:application"]
        command += ["--app-dir", str(HERE), "--host", "127.0.0.1", "--port", str(self.port)]
        command += ["--workers", "1", "--no-access-log", "--log-level", "warning"]
        self.log(f"uvicorn on 127.0.0.1:{self.port}")
        self.server = subprocess.Popen(command, cwd=self.db.parent, stdout=sys.stderr)

    def stop_server(self) -> None:
        if self.server is None:
            return
        self.server.terminate()
        try:
            self.server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()
        self.server = None

    # -- measuring ---------------------------------------------------------------------------

    def measure(self, row: str, runs: int, warmup: int) -> dict[str, Any]:
        """``warmup`` untimed calls of a row, then ``runs`` timed ones."""
        if row == "asgi_rps":
            return asyncio.run(self.load(runs, warmup=bool(warmup)))
        if row == "import_time":
            return {"times": self.import_times(runs, warmup=bool(warmup))}
        if row not in self.rows:
            return {"times": []}
        run = self.rows[row]
        for _ in range(warmup):
            run()
        times: list[float] = []
        for _ in range(runs):
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
        return {"times": times}

    async def load(self, runs: int, warmup: bool) -> dict[str, Any]:
        """Requests per second of the 10-Text page, ``runs`` times ``ASGI_REQUESTS`` requests with
        ``ASGI_CONCURRENCY`` in flight."""
        import httpx

        path = f"{PREFIX}/text10/"
        limits = httpx.Limits(max_connections=ASGI_CONCURRENCY)
        base_url = f"http://127.0.0.1:{self.port}"
        async with httpx.AsyncClient(base_url=base_url, limits=limits, timeout=60) as client:
            for _ in range(100):  # wait for the server, at most about 10 s
                try:
                    await client.get(path)
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.1)
            else:
                raise SystemExit(f"[{self.name}] uvicorn did not answer on {base_url}")

            async def round_of(count: int) -> tuple[float, list[float]]:
                remaining = iter(range(count))
                latencies: list[float] = []

                async def worker() -> None:
                    for _ in remaining:
                        start = time.perf_counter()
                        response = await client.get(path)
                        latencies.append(time.perf_counter() - start)
                        self.check(response.status_code == 200, f"uvicorn: {response.status_code}")

                began = time.perf_counter()
                await asyncio.gather(*(worker() for _ in range(ASGI_CONCURRENCY)))
                return time.perf_counter() - began, latencies

            if warmup:
                await round_of(30)
            rates, latencies = [], []
            for _ in range(runs):
                elapsed, round_latencies = await round_of(ASGI_REQUESTS)
                rates.append(ASGI_REQUESTS / elapsed)
                latencies += round_latencies
        return {"rates": rates, "latency": statistics.median(latencies)}

    def import_times(self, runs: int, warmup: bool) -> list[float]:
        """Seconds to import ``dashboards.component`` in fresh interpreters, after django.setup()."""
        env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
        times = []
        for attempt in range(runs + int(warmup)):  # a warm-up run writes the bytecode caches
            output = subprocess.run(
                [sys.executable, "-c", IMPORT_CODE],
                env=env,
                cwd=self.db.parent,  # not the work tree: ``-c`` puts the cwd on sys.path
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if attempt >= int(warmup):
                times.append(float(output.strip().splitlines()[-1]))
        return times


def serve(side: Side) -> None:
    """Answer measuring commands from stdin until it closes."""
    print(json.dumps(side.setup()), flush=True)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            command = json.loads(line)
            result = side.measure(command["row"], command["runs"], command["warmup"])
            print(json.dumps(result), flush=True)
    finally:
        side.stop_server()


def measure_all(side: Side) -> None:
    """Every row once, printed (a quick look at one library without run.py)."""
    print(json.dumps(side.setup(), indent=2))
    rows = [*side.rows, "asgi_rps", "import_time"]
    try:
        for row in rows:
            runs = 3 if row in ("slow5", "asgi_rps", "import_time") else 50
            result = side.measure(row, runs=runs, warmup=1)
            samples = result.get("times") or result.get("rates")
            print(f"{row:24s} median {statistics.median(samples):.6f} of {len(samples)}")
    finally:
        side.stop_server()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path, help="SQLite file to create and seed")
    parser.add_argument("--all", action="store_true", help="measure every row once and print")
    args = parser.parse_args()
    side = Side(args.db.resolve())
    if args.all:
        measure_all(side)
    else:
        serve(side)


if __name__ == "__main__":
    main()
