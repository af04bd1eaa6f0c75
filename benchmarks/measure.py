"""Measure one library, inside a venv that has it installed; ``run.py`` drives two of these.

Both libraries import as ``dashboards``, so each side runs in its own venv and its own process.
This process seeds a SQLite file, checks that every measured URL answers what it should, starts
uvicorn on 127.0.0.1, then waits for commands on stdin, one JSON object a line, and answers each
on stdout: ``{"row": KEY, "runs": N, "warmup": N}`` gives ``{"times": [...]}`` (or
``{"rates": [...]}`` for the uvicorn row, ``{"series": {URL: [...]}}`` for the wrk rows,
``{"fields": {...}}`` for the memory row, or ``{"skip": "why"}``). ``run.py`` asks the two sides
for runs of the same row in short turns, so that a busy moment on the machine slows both sides
alike.

Rows that go through a URL use Django's test client: the WSGI handler, in process. The ``asgi_*``,
``wrk_*`` and ``memory`` rows go through uvicorn (one worker) on 127.0.0.1: ``wrk_*`` rows load it
with wrk (Debian: ``apt-get install wrk``; skipped when it is not on PATH), the others with a small
HTTP/1.1 client below. Logs go to stderr. ``python benchmarks/measure.py --db PATH --all`` measures
every row once and prints them.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import re
import shutil
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
AJAX = {"X-Requested-With": "XMLHttpRequest"}
FLOOR = "/bench/floor/"
# The wrk rows, ``wrk_c<connections>``: one wrk thread, WRK_SECONDS on each URL in turn, the
# floor first.
WRK_TARGETS = {
    "floor": (FLOOR, {}),
    "text10": (f"{PREFIX}/text10/", {}),
    "fetch": (f"{PREFIX}/deferred20/@component/deferred_0/", AJAX),
}
WRK_CONNECTIONS = (10, 50)
WRK_SECONDS = 2
WRK_WARMUP_SECONDS = 1
# The streaming pages: the 10-Text page streamed with one 2 s value, and without it.
STREAM_SLOW = f"{PREFIX}/streamslow/"
STREAM_QUICK = f"{PREFIX}/streamquick/"
INSTALL_WRK = "wrk is not installed: apt-get install wrk (Debian/Ubuntu), brew install wrk (macOS)"
# The memory row: a fresh server, MEMORY_REQUESTS requests alternating between the 10-Text page
# and a deferred fetch from a dashboard with get_<key>_value/_defer methods, with
# MEMORY_CONCURRENCY in flight; its RSS read after every MEMORY_STEP requests.
MEMORY_REQUESTS = 10_000
MEMORY_STEP = 1_000
MEMORY_CONCURRENCY = 10
MEMORY_MIX = ((f"{PREFIX}/text10/", {}), (f"{PREFIX}/methods/@component/later/", AJAX))
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
        self.server_checked = False

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
        found = getter(f"{PREFIX}/methods/")().content.decode().count("method value")
        self.check(found == 1, f"methods: get_live_value's value {found} times, not 1")
        answer = json.loads(getter(MEMORY_MIX[1][0], ajax)().content)
        self.check(answer == "deferred method value", f"get_later_defer JSON: {answer!r}")
        floor = Client().get(FLOOR)
        self.check(floor.content == b"ok", f"{FLOOR}: {floor.status_code} {floor.content[:60]!r}")

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

    def spawn_server(self) -> tuple[subprocess.Popen, int]:
        """A uvicorn process (one worker: the process itself serves) on a free port of 127.0.0.1."""
        port = free_port()
        command = [sys.executable, "-m", "uvicorn", "bench_site.asgi:application"]
        command += ["--app-dir", str(HERE), "--host", "127.0.0.1", "--port", str(port)]
        command += ["--workers", "1", "--no-access-log", "--log-level", "warning"]
        self.log(f"uvicorn on 127.0.0.1:{port}")
        return subprocess.Popen(command, cwd=self.db.parent, stdout=sys.stderr), port

    def start_server(self) -> None:
        """uvicorn serving the same site and database on 127.0.0.1, until ``stop_server``."""
        self.server, self.port = self.spawn_server()
        self.server_checked = False

    @staticmethod
    def end_process(process: subprocess.Popen) -> None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def stop_server(self) -> None:
        if self.server is None:
            return
        self.end_process(self.server)
        self.server = None

    async def wait_for(self, process: subprocess.Popen, port: int) -> None:
        """Until the server on ``port`` answers the floor URL, at most about 20 s."""
        for _ in range(200):
            if process.poll() is not None:
                raise SystemExit(f"[{self.name}] uvicorn stopped (exit code {process.returncode})")
            try:
                async with Connection(port) as connection:
                    status, _ = await connection.get(FLOOR)
                self.check(status == 200, f"uvicorn {FLOOR}: {status}")
                return
            except OSError:
                await asyncio.sleep(0.1)
        raise SystemExit(f"[{self.name}] uvicorn did not answer on 127.0.0.1:{port}")

    async def check_server(self) -> None:
        """Once: the shared server is up and answers what the test client answered."""
        if self.server_checked:
            return
        await self.wait_for(self.server, self.port)
        async with Connection(self.port) as connection:
            expectations = [
                (f"{PREFIX}/text10/", {}, b"Text number ", 10),
                (f"{PREFIX}/slow5/", {}, b"slow value", 5),
                (WRK_TARGETS["fetch"][0], AJAX, b'"deferred value"', 1),
                (MEMORY_MIX[1][0], AJAX, b'"deferred method value"', 1),
                (FLOOR, {}, b"ok", 1),
            ]
            for path, headers, expect, count in expectations:
                status, body = await connection.get(path, headers)
                found = body.count(expect)
                self.check(status == 200, f"uvicorn {path}: {status}")
                self.check(found == count, f"uvicorn {path}: {expect!r} {found} times, not {count}")
        self.server_checked = True

    # -- measuring ---------------------------------------------------------------------------

    def measure(self, row: str, runs: int, warmup: int) -> dict[str, Any]:
        """``warmup`` untimed calls of a row, then ``runs`` timed ones."""
        if row == "asgi_rps":
            return asyncio.run(self.load(runs, warmup=bool(warmup)))
        if row == "asgi_slow5":
            return {"times": asyncio.run(self.asgi_times(f"{PREFIX}/slow5/", runs, warmup))}
        if row == "stream_ttfb":
            slow, quick = asyncio.run(self.first_bytes(runs, warmup))
            return {"times": slow, "series": {"without": quick}}
        if row == "stream_end":
            return {"times": asyncio.run(self.last_bytes(runs, warmup))}
        if row == "memory":
            return {"fields": asyncio.run(self.memory())}
        if row.startswith("wrk_"):
            return self.wrk_series(row, runs, warmup)
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

    async def streamed(self, path: str) -> tuple[float, float]:
        """Seconds from sending a GET of a streamed page (on a new connection) to the answer's
        first byte, and to its last."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        start = time.perf_counter()
        writer.write(request.encode("latin-1"))
        first = await reader.read(1)
        first_byte = time.perf_counter() - start
        rest = await reader.read()  # the server closes the connection after the response
        last_byte = time.perf_counter() - start
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        response = first + rest
        self.check(response.startswith(b"HTTP/1.1 200"), f"uvicorn {path}: {response[:40]!r}")
        self.check(b"Text number 9" in response, f"uvicorn {path}: no page in the answer")
        if path == STREAM_SLOW:
            self.check(b"streamed slow value" in response, f"uvicorn {path}: no slow value")
        return first_byte, last_byte

    async def first_bytes(self, runs: int, warmup: int) -> tuple[list[float], list[float]]:
        """The first byte of the page with the 2 s value, and of the page without it: one of
        each in a run, in turn (which goes first alternates), so both meet the server alike."""
        await self.check_server()
        slow, quick = [], []
        for attempt in range(warmup + runs):
            pages = [(STREAM_SLOW, slow), (STREAM_QUICK, quick)]
            for path, times in pages if attempt % 2 else pages[::-1]:
                first_byte, _ = await self.streamed(path)
                if attempt >= warmup:
                    times.append(first_byte)
        return slow, quick

    async def last_bytes(self, runs: int, warmup: int) -> list[float]:
        """The last byte of the page with the 2 s value."""
        await self.check_server()
        times = []
        for attempt in range(warmup + runs):
            _, last_byte = await self.streamed(STREAM_SLOW)
            if attempt >= warmup:
                times.append(last_byte)
        return times

    async def asgi_times(self, path: str, runs: int, warmup: int) -> list[float]:
        """Seconds for single GETs of ``path`` from the shared server, one at a time."""
        await self.check_server()
        times = []
        async with Connection(self.port) as connection:
            for attempt in range(warmup + runs):
                start = time.perf_counter()
                status, _ = await connection.get(path)
                elapsed = time.perf_counter() - start
                self.check(status == 200, f"uvicorn {path}: {status}")
                if attempt >= warmup:
                    times.append(elapsed)
        return times

    async def memory(self) -> dict[str, Any]:
        """A fresh server's RSS (KiB) after every MEMORY_STEP of MEMORY_REQUESTS requests."""
        server, port = self.spawn_server()
        try:
            await self.wait_for(server, port)
            began, start_kib, marks = time.perf_counter(), rss_kib(server.pid), []
            connections = [await Connection(port).open() for _ in range(MEMORY_CONCURRENCY)]
            try:
                sent = 0
                while sent < MEMORY_REQUESTS:
                    numbers = iter(range(sent, sent + MEMORY_STEP))

                    async def worker(connection: Connection, numbers=numbers) -> None:
                        for number in numbers:
                            path, headers = MEMORY_MIX[number % len(MEMORY_MIX)]
                            status, _ = await connection.get(path, headers)
                            self.check(status == 200, f"uvicorn {path}: {status}")

                    await asyncio.gather(*(worker(c) for c in connections))
                    sent += MEMORY_STEP
                    marks.append(rss_kib(server.pid))
            finally:
                for connection in connections:
                    await connection.close()
            seconds = time.perf_counter() - began
        finally:
            self.end_process(server)
        first, last = marks[0], marks[-1]
        steps = len(marks) - 1
        self.log(f"memory: RSS {start_kib} KiB at start, then every {MEMORY_STEP}: {marks}")
        return {
            "rss_start": start_kib * 1024,
            "rss_1k": first * 1024,
            "rss_10k": last * 1024,
            "growth": (last - first) * 1024,
            "growth_per_1k": (last - first) * 1024 / steps,
            "rss_marks_kib": marks,
            "requests": MEMORY_REQUESTS,
            "rate": MEMORY_REQUESTS / seconds,
        }

    def wrk_series(self, row: str, runs: int, warmup: int) -> dict[str, Any]:
        """``wrk_c<connections>[:<target>]``: ``runs`` rounds of WRK_SECONDS of wrk on each
        WRK_TARGETS URL in turn (or on the one named), against the shared server; the requests per
        second of each URL, round by round."""
        match = re.fullmatch(r"wrk_c(\d+)(?::(\w+))?", row)
        if not match or (match[2] and match[2] not in WRK_TARGETS):
            return {"skip": f"unknown row {row}"}
        targets = {match[2]: WRK_TARGETS[match[2]]} if match[2] else WRK_TARGETS
        wrk = shutil.which("wrk")
        if wrk is None:
            return {"skip": INSTALL_WRK}
        asyncio.run(self.check_server())
        series: dict[str, list[float]] = {target: [] for target in targets}
        errors = []
        for attempt in range(warmup + runs):
            seconds = WRK_WARMUP_SECONDS if attempt < warmup else WRK_SECONDS
            for target, (path, headers) in targets.items():
                command = [wrk, "-t1", f"-c{match[1]}", f"-d{seconds}s", "--timeout", "10s"]
                for name, value in headers.items():
                    command += ["-H", f"{name}: {value}"]
                command.append(f"http://127.0.0.1:{self.port}{path}")
                output = subprocess.run(
                    command, capture_output=True, text=True, check=True, timeout=seconds + 60
                ).stdout
                result = parse_wrk(output)
                self.check(result["requests"] > 0, f"wrk {path}: no answers\n{output}")
                self.check(result["non_2xx"] == 0, f"wrk {path}: {result['non_2xx']} non-2xx")
                if attempt >= warmup:
                    series[target].append(result["rate"])
                    if result["socket_errors"]:
                        errors.append(f"{target}: {result['socket_errors']}")
        return {"series": series, "socket_errors": errors}

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


def rss_kib(pid: int) -> int:
    """The process's resident set size, in KiB, from ``/proc/<pid>/status``."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise SystemExit(f"no VmRSS in /proc/{pid}/status")


def parse_wrk(output: str) -> dict[str, Any]:
    """Requests/sec, the request count and any errors from wrk's report."""
    rate = re.search(r"^Requests/sec:\s*([\d.]+)", output, re.MULTILINE)
    count = re.search(r"^\s*(\d+) requests in", output, re.MULTILINE)
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output)
    socket = re.search(r"Socket errors:(.*)", output)
    return {
        "rate": float(rate[1]) if rate else 0.0,
        "requests": int(count[1]) if count else 0,
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": socket[1].strip() if socket else "",
    }


class Connection:
    """One keep-alive HTTP/1.1 connection to 127.0.0.1: GET, read the status and the body.

    Small on purpose, so that the client spends less time per request than the server does.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def open(self) -> Connection:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        return self

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
            self.reader = self.writer = None

    async def __aenter__(self) -> Connection:
        return await self.open()

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def get(self, path: str, headers: dict[str, str] | None = None) -> tuple[int, bytes]:
        if self.writer is None:
            await self.open()
        lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}"]
        lines += [f"{name}: {value}" for name, value in (headers or {}).items()]
        self.writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        status_line, *header_lines = head.split("\r\n")
        fields = {}
        for line in header_lines:
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        if "content-length" in fields:
            body = await self.reader.readexactly(int(fields["content-length"]))
        elif fields.get("transfer-encoding", "").lower() == "chunked":
            body = b""
            while size := int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16):
                body += (await self.reader.readexactly(size + 2))[:-2]
            await self.reader.readuntil(b"\r\n")
        else:
            body = await self.reader.read()
            fields["connection"] = "close"
        if fields.get("connection", "").lower() == "close":
            await self.close()
        return int(status_line.split()[1]), body


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
    wrk = [f"wrk_c{n}" for n in WRK_CONNECTIONS]
    rows = [*side.rows, "asgi_rps", "asgi_slow5", *wrk, "memory", "import_time"]
    try:
        for row in rows:
            runs = 50 if row in side.rows and row != "slow5" else 3
            result = side.measure(row, runs=runs, warmup=1)
            samples = result.get("times") or result.get("rates")
            if samples:
                print(f"{row:24s} median {statistics.median(samples):.6f} of {len(samples)}")
            else:
                print(f"{row:24s} {result.get('fields') or result.get('series') or result}")
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
