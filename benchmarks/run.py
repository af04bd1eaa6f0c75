"""Benchmark django-async-dashboards against django-dashboards 0.1.7, side by side.

``tox -e bench`` runs this. Both libraries import as ``dashboards``, so each gets a venv of its own
(made with uv when it is there): this work tree, without extras, in one; PyPI's
``django-dashboards==0.1.7`` in the other, with the same Django. A ``measure.py`` process runs in
each; this script asks both for the same row in short turns, one side after the other (so a
busy moment on the machine slows both sides alike), then prints one table of medians and ratios
with a PASS/MISS column.

Usage: ``python benchmarks/run.py [--work-dir DIR] [--python PYTHON] [--quick] [--json PATH]
[--only ROW[,ROW...]]``; ``--only`` takes row keys (``--list`` prints them) or the groups ``wrk``,
``memory`` and ``export`` (the peak memory of our CSV downloads, by ``export_memory.py``).
The group ``live`` is the publish-to-browser latency of live components (``live_latency.py``).

The ``wrk_*`` rows need wrk on PATH (Debian/Ubuntu: ``apt-get install wrk``; macOS:
``brew install wrk``); without it they are skipped with a note.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PEER = "django-dashboards==0.1.7"
PEER_DJANGO = "Django>=4.2,<6.1"
RUNNER_DEPS = ["uvicorn>=0.30", "httpx>=0.27"]
SLOW_TARGET = 0.25
# The streaming rows: ours passes when the first byte of a page with one 2 s value comes within
# this factor of the same page's without it, and the whole page within STREAM_END_TARGET seconds.
STREAM_TTFB_FACTOR = 1.2
STREAM_END_TARGET = 2.2
GROWTH_TARGET = 1.25
# The memory row: ours passes when its server's RSS grows less than this over the last 9,000 of
# 10,000 requests.
RSS_GROWTH_TARGET = 2 * 1024 * 1024
# The wrk rows: ours passes when its own time per request above Django's floor is at most this
# fraction of 0.1.7's.
ABOVE_FLOOR_TARGET = 0.5
WRK_PAGES = ("text10", "fetch")  # the URLs with an own time above the floor
WRK_CONNECTIONS = (10, 50)
INSTALL_WRK = "apt-get install wrk (Debian/Ubuntu) or brew install wrk (macOS)"
# (fewest, most) turns per side of the slow rows, one run a turn; the other rows take 5 to 100
# turns, as many as fit in the time budget. A run of the uvicorn row is 100 requests, one of a
# wrk measurement 2 s of wrk on each of its URLs, one of the memory row 10,000 requests to a
# fresh server.
PAIRS = {
    "slow5": (5, 5),
    "asgi_rps": (6, 6),
    "asgi_slow5": (5, 5),
    "stream_ttfb": (7, 7),
    "stream_end": (3, 3),
    "import_time": (6, 6),
    "memory": (1, 1),
    **{f"wrk_c{n}": (5, 5) for n in WRK_CONNECTIONS},
}
# Measurements asked for in parts, each part of a turn from both sides before the next part: a
# wrk turn is the floor on each side, then the 10-Text page on each, then the fetch on each.
PARTS = {f"wrk_c{n}": ("floor", "text10", "fetch") for n in WRK_CONNECTIONS}
# Untimed runs before a row's first turn (default 2); for wrk, 1 s on each URL.
WARMUP = {
    "slow5": 1,
    "asgi_slow5": 1,
    "stream_ttfb": 2,
    "stream_end": 1,
    "memory": 0,
    **{f"wrk_c{n}": 1 for n in WRK_CONNECTIONS},
}
TURN = 0.05
# Environment variables that must not reach the venvs: tox's bytecode switch would make every
# import time include compiling, and a PYTHONPATH could put this work tree's ``dashboards`` first.
DROP_ENV = ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: str = "time"  # "time", "ms", "size", "mib", "kib" (lower is better); "rate" (higher)
    source: str = ""  # the measurement that gives this row its number, when not ``key``
    field: str = "median"  # which number of that measurement
    group: str = ""  # another name ``--only`` knows the row by

    @property
    def measured(self) -> str:
        return self.source or self.key


def wrk_rows() -> list[Row]:
    """For each number of connections: the rate of each URL from that wrk measurement, then each
    page's own time above the floor, computed round by round from those rates."""
    names = {
        "floor": "floor: bare Django view",
        "text10": "10-Text page",
        "fetch": "deferred fetch, JSON",
    }
    rows = []
    for n in WRK_CONNECTIONS:
        for target, name in names.items():
            label = f"wrk, {name}, {n} conn."
            rows.append(Row(f"wrk_{target}_c{n}", label, "rate", f"wrk_c{n}", target, "wrk"))
        for target in WRK_PAGES:
            label = f"wrk, {names[target]}, {n} conn., own time above floor"
            field = f"above_{target}"
            rows.append(Row(f"{field}_c{n}", label, "ms", f"wrk_c{n}", field, "wrk"))
    return rows


ROWS = [
    Row("page_text10", "Page, 10 Text"),
    Row("page_text10_callables", "Page, 10 Text, sync callable values"),
    Row("page_text100", "Page, 100 Text"),
    Row("page_deferred20", "Page, 20 deferred (placeholders only)"),
    Row("fetch_html", "Deferred component fetch, HTML"),
    Row("fetch_json", "Deferred component fetch, JSON"),
    Row("table_10k", "Table JSON, 25 of 10,000 rows"),
    Row("table_10k_sort_search", "Table JSON, sort + search, 10,000 rows"),
    Row("table_1k", "Table JSON, 25 of 1,000 rows"),
    Row("slow5", "Page, 5 components x 0.2 s I/O"),
    Row("asgi_rps", "uvicorn, 10-Text page, 10 at a time", "rate"),
    Row("asgi_slow5", "uvicorn, page, 5 components x 0.2 s I/O"),
    Row(
        "stream_ttfb_without",
        "uvicorn, streamed 10-Text page: first byte",
        source="stream_ttfb",
        field="without",
    ),
    Row("stream_ttfb", "uvicorn, streamed 10-Text page + one 2 s value: first byte"),
    Row("stream_end", "uvicorn, streamed 10-Text page + one 2 s value: last byte"),
    *wrk_rows(),
    Row("rss_1k", "uvicorn RSS after 1,000 requests", "mib", "memory", "rss_1k", "memory"),
    Row("rss_10k", "uvicorn RSS after 10,000 requests", "mib", "memory", "rss_10k", "memory"),
    Row(
        "rss_growth",
        "uvicorn RSS growth per 1,000 requests",
        "kib",
        "memory",
        "growth_per_1k",
        "memory",
    ),
    Row("import_time", "import dashboards.component"),
    Row("installed_size", "Installed size, package + deps", "size"),
]


# The export rows (ours only: 0.1.7 has no downloads): the peak RSS of a process downloading this
# many rows as CSV; ours passes when a million rows peak within EXPORT_RSS_TARGET of 10,000.
EXPORT_SIZES = (10_000, 1_000_000)
EXPORT_RSS_TARGET = 16 * 1024 * 1024
EXPORT_GROUP = "export"
# The cache rows (ours only: 0.1.7 has no cache), by ``cache_flight.py``: 50 concurrent requests
# for a cold cached value that takes 0.5 s compute it once and all answer within CACHE_COLD_TARGET;
# a warm cached value's fetch costs at most CACHE_WARM_TARGET times a literal's.
CACHE_GROUP = "cache"
CACHE_COLD_TARGET = 0.65
CACHE_WARM_TARGET = 1.05

# The live rows (ours only: 0.1.7 has no live components), by ``live_latency.py``: the time from
# a publish to its event's arrival at each of LIVE_STREAMS open streams of one uvicorn worker.
LIVE_GROUP = "live"
LIVE_STREAMS = 100
LIVE_PUBLISHES = 30


def log(message: str) -> None:
    print(f"bench: {message}", file=sys.stderr, flush=True)


def child_env(venv: Path | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in DROP_ENV}
    env["UV_PYTHON_PREFERENCE"] = "only-system"
    env["UV_PYTHON_DOWNLOADS"] = "never"
    if venv is not None:
        env["VIRTUAL_ENV"] = str(venv)
        env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return env


def run(command: list[str], **kwargs: Any) -> subprocess.CompletedProcess:
    return subprocess.run(command, check=True, env=kwargs.pop("env", child_env()), **kwargs)


class Installer:
    """Make venvs and install into them: uv when available, else venv + pip."""

    def __init__(self, python: str) -> None:
        self.python = python
        self.uv = self.find_uv()

    @staticmethod
    def find_uv() -> str | None:
        try:
            from uv import find_uv_bin
        except ImportError:
            return shutil.which("uv")
        return find_uv_bin()

    def venv(self, path: Path) -> Path:
        shutil.rmtree(path, ignore_errors=True)
        if self.uv:
            run([self.uv, "venv", "--quiet", "--python", self.python, str(path)])
        else:
            run([self.python, "-m", "venv", str(path)])
        return path

    def install(self, venv: Path, *requirements: str, refresh: str | None = None) -> None:
        python = str(venv / "bin" / "python")
        if self.uv:
            extra = (
                ["--refresh-package", refresh, "--reinstall-package", refresh] if refresh else []
            )
            run([self.uv, "pip", "install", "--quiet", "--python", python, *extra, *requirements])
        else:
            run([python, "-m", "pip", "install", "--quiet", *requirements])

    @staticmethod
    def site_packages(venv: Path) -> Path:
        python = venv / "bin" / "python"
        code = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
        return Path(run([str(python), "-c", code], capture_output=True, text=True).stdout.strip())

    @staticmethod
    def version(venv: Path, distribution: str) -> str:
        code = f"from importlib.metadata import version; print(version({distribution!r}))"
        python = str(venv / "bin" / "python")
        return run([python, "-c", code], capture_output=True, text=True).stdout.strip()


def tree_size(path: Path) -> int:
    """Bytes of the files under ``path``, bytecode caches left out."""
    total = 0
    for root, dirs, files in os.walk(path):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        total += sum((Path(root) / name).lstat().st_size for name in files)
    return total


def copy_source(destination: Path) -> Path:
    """A copy of what builds our package, so that building it leaves nothing in the work tree."""
    shutil.rmtree(destination, ignore_errors=True)
    destination.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    shutil.copytree(REPO / "dashboards", destination / "dashboards", ignore=ignore)
    for name in ("pyproject.toml", "README.md", "LICENSE", "setup.py", "setup.cfg", "MANIFEST.in"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, destination / name)
    return destination


def prepare(installer: Installer, side: str, work: Path, django: str | None) -> dict[str, Any]:
    """Make the side's venv, measure its installed size, add the runner's deps."""
    venv = installer.venv(work / f"venv-{side}")
    before = tree_size(installer.site_packages(venv))
    if side == "ours":
        log("installing django-async-dashboards from this work tree (no extras)")
        source = copy_source(work / "source-ours")
        pin = [f"Django=={django}"] if django else []
        installer.install(venv, str(source), *pin, refresh="django-async-dashboards")
    else:
        log(f"installing {PEER} with {PEER_DJANGO}")
        installer.install(venv, PEER, PEER_DJANGO)
    size = tree_size(installer.site_packages(venv)) - before
    installer.install(venv, *RUNNER_DEPS)
    return {"venv": venv, "size": size, "django": installer.version(venv, "django")}


class Runner:
    """A side's ``measure.py`` process, asked for one row at a time over a pipe."""

    def __init__(self, side: str, venv: Path, work: Path) -> None:
        self.side = side
        db = work / f"{side}.sqlite3"
        db.unlink(missing_ok=True)
        command = [str(venv / "bin" / "python"), str(HERE / "measure.py"), "--db", str(db)]
        self.process = subprocess.Popen(
            command,
            env=child_env(venv),
            cwd=work,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.setup = self.read()

    def read(self) -> dict[str, Any]:
        line = self.process.stdout.readline()
        if not line:
            code = self.process.wait()
            raise SystemExit(f"bench: the {self.side} runner stopped (exit code {code})")
        return json.loads(line)

    def measure(self, row: str, runs: int, warmup: int) -> dict[str, Any]:
        command = {"row": row, "runs": runs, "warmup": warmup}
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> None:
        with contextlib.suppress(BrokenPipeError):
            self.process.stdin.close()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def select(only: str | None) -> list[Row]:
    """The rows ``--only`` names (keys, measurements or groups), with the rows they need."""
    if not only:
        return list(ROWS)
    names = {name.strip() for name in only.split(",") if name.strip()}
    known = {row.key for row in ROWS} | {row.measured for row in ROWS} | {r.group for r in ROWS}
    unknown = sorted(names - known)
    if unknown:
        raise SystemExit(f"bench: unknown row(s) {', '.join(unknown)}; --list prints the keys")
    chosen = {row.measured for row in ROWS if names & {row.key, row.measured, row.group}}
    # A measurement's rows go together: a wrk row's floor is needed for its own time above it.
    return [row for row in ROWS if row.measured in chosen or row.key in names]


def measure(runners: dict[str, Runner], budget: float, rows: list[Row]) -> dict[str, Any]:
    """The rows' measurements, on each side in short turns for about ``budget`` seconds; the
    medians (or, for one-shot measurements such as ``memory``, their fields)."""
    results: dict[str, dict[str, Any]] = {side: {} for side in runners}
    order = list(runners)
    keys = [row.measured for row in rows if row.key != "installed_size"]
    for key in dict.fromkeys(keys):
        log(f"row {key}")
        low, high = PAIRS.get(key, (5, 100))
        samples: dict[str, list[float]] = {side: [] for side in runners}
        extra: dict[str, dict[str, Any]] = {side: {} for side in runners}
        began, turns, batch, rewarm = time.perf_counter(), 0, 1, 0
        while turns < low or (turns < high and time.perf_counter() - began < budget):
            for part in PARTS.get(key, (None,)):
                for side in order if turns % 2 == 0 else order[::-1]:
                    warmup = WARMUP.get(key, 2) if turns == 0 else rewarm
                    command = f"{key}:{part}" if part else key
                    answer = runners[side].measure(command, runs=batch, warmup=warmup)
                    samples[side] += answer.get("times") or answer.get("rates") or []
                    extra[side].update(answer.get("fields") or {})
                    for target, rates in (answer.get("series") or {}).items():
                        extra[side].setdefault("series", {}).setdefault(target, []).extend(rates)
                    if answer.get("skip"):
                        extra[side]["note"] = answer["skip"]
                    if answer.get("socket_errors"):
                        extra[side].setdefault("socket_errors", []).extend(answer["socket_errors"])
            if any("note" in values for values in extra.values()):
                break
            if turns == 0 and key not in PAIRS:
                # Quick rows: turns of about TURN seconds, each after one untimed run, so that
                # a run does not pay for the caches the other process has just taken over.
                seconds = max(statistics.median(v) for v in samples.values() if v)
                batch = max(1, min(50, int(TURN / seconds)))
                rewarm = 1
            turns += 1
        for side, values in samples.items():
            results[side][key] = {
                "median": statistics.median(values) if values else None,
                "samples": len(values),
                **runners[side].setup["info"].get(key, {}),
                **extra[side],
                **series_medians(extra[side].get("series")),
            }
    return results


def series_medians(series: dict[str, list[float]] | None) -> dict[str, float]:
    """The median rate of each wrk URL, and each page's median own time above the floor:
    1/rps - 1/rps(floor), round by round, the floor measured just before the page."""
    if not series:
        return {}
    medians = {target: statistics.median(rates) for target, rates in series.items() if rates}
    for page in (page for page in WRK_PAGES if page in series):
        above = [1 / r - 1 / f for r, f in zip(series[page], series["floor"], strict=True)]
        medians[f"above_{page}"] = statistics.median(above)
    return medians


# -- the table -------------------------------------------------------------------------------


def fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "n/a"
    if kind == "rate":
        return f"{value:,.0f} req/s"
    if kind == "size":
        return f"{value / 1e6:,.1f} MB"
    if kind == "mib":
        return f"{value / 2**20:,.1f} MiB"
    if kind == "kib":
        return f"{value / 2**10:+,.0f} KiB"
    if kind == "ms":
        return f"{value * 1e3:.3f} ms"
    if value >= 1:
        return f"{value:.2f} s"
    if value >= 0.001:
        return f"{value * 1e3:.1f} ms"
    return f"{value * 1e6:.0f} us"


def ratio(ours: float | None, theirs: float | None, kind: str) -> float | None:
    """How many times faster (or smaller) ours is: > 1 means ours wins."""
    if not ours or not theirs:
        return None
    return ours / theirs if kind == "rate" else theirs / ours


def stream_verdict(ours: float | None, base: float | None) -> tuple[str, str]:
    """The first byte of a streamed page with a 2 s value against the same page's without it
    (the median of the same runs)."""
    target = f"ours <= {STREAM_TTFB_FACTOR}x ours without the 2 s value"
    if ours is None or base is None:
        return "n/a", target
    return ("PASS" if ours <= STREAM_TTFB_FACTOR * base else "MISS"), target


def verdict(row: Row, ours: float | None, factor: float | None, fields: dict) -> tuple[str, str]:
    if row.key in ("rss_1k", "rss_10k", "stream_ttfb_without"):
        return "", "(for scale)"
    if row.key == "stream_end":
        passed = ours is not None and ours <= STREAM_END_TARGET
        return ("PASS" if passed else "MISS"), f"ours <= {STREAM_END_TARGET} s (the 2 s value)"
    if row.key == "rss_growth":
        growth = fields.get("growth")
        target = f"ours < {RSS_GROWTH_TARGET / 2**20:g} MiB over the last 9,000"
        if growth is None:
            return "n/a", target
        return ("PASS" if growth < RSS_GROWTH_TARGET else "MISS"), target
    if row.key.startswith("wrk_floor"):
        return "", "(Django alone: the same on both sides)"
    if factor is None:
        return "n/a", ""
    if row.key.startswith("above_"):
        target = f"ours <= {ABOVE_FLOOR_TARGET:g}x 0.1.7's (ratio >= {1 / ABOVE_FLOOR_TARGET:.2f}x)"
        return ("PASS" if factor >= 1 / ABOVE_FLOOR_TARGET else "MISS"), target
    passed, target = factor >= 1.0, ">= 1.00x"
    if row.key in ("slow5", "asgi_slow5"):
        passed = passed and ours <= SLOW_TARGET
        target += f", ours <= {SLOW_TARGET} s"
    return ("PASS" if passed else "MISS"), target


def table(results: dict[str, dict[str, Any]], rows: list[Row]) -> tuple[list[list[str]], list[str]]:
    """The rows to print (header first) and the notes under them."""
    lines = [["Row", "ours", "0.1.7", "ratio", "target", ""]]
    notes = []
    ours_rows, theirs_rows = results["ours"]["rows"], results["theirs"]["rows"]
    skipped = set()
    for row in rows:
        shown, values = [], []
        for measured in (ours_rows, theirs_rows):
            entry = measured.get(row.measured, {})
            value = entry.get(row.field)
            note = entry.get("note")
            if value is None and note:
                wrk_missing = note.startswith("wrk")
                if wrk_missing:
                    skipped.add(note)
                shown.append("skipped" if wrk_missing else note)
            else:
                shown.append(fmt(value, row.kind))
            values.append(value)
        ours, theirs = values
        factor = None if row.key == "rss_growth" else ratio(ours, theirs, row.kind)
        status, target = verdict(row, ours, factor, ours_rows.get(row.measured, {}))
        if row.key == "stream_ttfb":
            status, target = stream_verdict(ours, ours_rows.get("stream_ttfb", {}).get("without"))
        lines.append([row.label, *shown, f"{factor:.2f}x" if factor else "n/a", status, target])
        for side, measured in (("ours", ours_rows), ("0.1.7", theirs_rows)):
            errors = measured.get(row.measured, {}).get("socket_errors")
            note = f"{row.measured} ({side}): wrk reported socket errors: {errors}"
            if errors and note not in notes:
                notes.append(note)
    for note in sorted(skipped):
        notes.append(f"skipped rows: {note}")
    keys = {row.key for row in rows}
    small = ours_rows.get("table_1k", {}).get("median")
    large = ours_rows.get("table_10k", {}).get("median")
    growth_line = ["Table 10,000 / 1,000 rows (ours)", "n/a", "", "", "n/a", f"<= {GROWTH_TARGET}x"]
    if small and large:
        growth = large / small
        growth_line[1] = f"{growth:.2f}x"
        growth_line[4] = "PASS" if growth <= GROWTH_TARGET else "MISS"
    if {"table_1k", "table_10k"} <= keys:
        lines.append(growth_line)
    for key in ("table_10k", "table_10k_sort_search", "table_1k"):
        a, b = (
            {k: measured[key].get(k) for k in ("filtered", "first_id")} if key in measured else None
            for measured in (ours_rows, theirs_rows)
        )
        if a and b and a != b:
            notes.append(f"{key}: the libraries answered differently: ours {a}, 0.1.7 {b}")
    if keys & {"slow5", "asgi_slow5"}:
        notes.append(
            "Page, 5 components x 0.2 s I/O: ours are `async def` values awaiting"
            " asyncio.sleep(0.2); 0.1.7 calls values synchronously, so there they are plain"
            " functions calling time.sleep(0.2), the way a 0.1.7 user has to write them."
        )
    if keys & {"stream_ttfb", "stream_end"}:
        notes.append(
            "streamed rows: Meta.stream on the 10-Text page, with and without one value that takes"
            " 2 s (async def + asyncio.sleep for ours, time.sleep for 0.1.7, which ignores the"
            " option and sends pages whole); one GET a connection through uvicorn, timed from"
            " sending it to the answer's first byte, or its last; the two first-byte rows come"
            " from the same runs, one GET of each page a run, in turn."
        )
    if any(row.group == "wrk" for row in rows):
        notes.append(
            "wrk rows: one wrk thread against uvicorn (one worker), 5 rounds of 2 s on the floor"
            " on each side, then 2 s on each page on each side; the fetch is deferred20's deferred_0 with"
            " X-Requested-With: XMLHttpRequest; the floor is HttpResponse('ok') behind the same"
            " middleware; own time above the floor = median over rounds of"
            " 1/(req/s) - 1/(floor req/s of the same round)."
        )
    if "memory" in {row.group for row in rows}:
        marks = {
            side: measured.get("memory", {}).get("rss_marks_kib")
            for side, measured in (("ours", ours_rows), ("0.1.7", theirs_rows))
        }
        notes.append(
            "memory rows: a fresh uvicorn (one worker) per side, 10,000 requests with 10 in"
            " flight, alternating the 10-Text page and a JSON fetch of a get_<key>_defer component"
            " on a dashboard with a get_<key>_value method; VmRSS (KiB) after each 1,000:"
            f" ours {marks['ours']}, 0.1.7 {marks['0.1.7']}."
        )
    return lines, notes


def render(lines: list[list[str]]) -> str:
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    aligns = ["<", ">", ">", ">", "<", "<"]
    out = []
    for number, line in enumerate(lines):
        cells = [
            f"{cell:{align}{width}}"
            for cell, align, width in zip(line, aligns, widths, strict=True)
        ]
        out.append("  ".join(cells).rstrip())
        if number == 0:
            out.append("  ".join("-" * width for width in widths))
    return "\n".join(out)


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}"


def export_memory(venv: Path, work: Path) -> tuple[list[list[str]], list[str]]:
    """The export rows: for each size, a fresh process of ours (``export_memory.py``) downloads
    that many rows as CSV; its peak RSS during the download, and the time it took."""
    lines, notes, peaks = [], [], {}
    for size in EXPORT_SIZES:
        log(f"row export_{size}: downloading {size:,} rows as CSV")
        db = work / "export.sqlite3"
        db.unlink(missing_ok=True)
        command = [str(venv / "bin" / "python"), str(HERE / "export_memory.py")]
        command += ["--db", str(db), "--rows", str(size)]
        output = run(command, env=child_env(venv), cwd=work, capture_output=True, text=True)
        result = json.loads(output.stdout.strip().splitlines()[-1])
        db.unlink(missing_ok=True)
        if result["rows"] != size:
            notes.append(f"export of {size:,} rows: the CSV had {result['rows']:,} rows")
        peaks[size] = peak = result["peak_rss_kib"] * 1024
        status, target = "", "(for scale)"
        if size != EXPORT_SIZES[0]:
            passed = peak <= peaks[EXPORT_SIZES[0]] + EXPORT_RSS_TARGET
            status = "PASS" if passed else "MISS"
            target = f"<= {EXPORT_SIZES[0]:,} rows' + {EXPORT_RSS_TARGET / 2**20:g} MiB"
        label = f"Export CSV, {size:,} rows: peak RSS"
        lines.append([label, fmt(peak, "mib"), "n/a", "n/a", status, target])
        lines.append([f"Export CSV, {size:,} rows: time", fmt(result["seconds"], "time")])
        lines[-1] += ["n/a", "n/a", "", "(for scale)"]
    notes.append(
        "export rows: ours only (0.1.7 has no downloads); a fresh process per size fills SQLite,"
        " then downloads every row of an 8-column table as CSV through the test client (WSGI,"
        " streamed 2,000 rows a chunk); peak RSS is VmHWM, reset just before the download."
    )
    return lines, notes


def cache_flight(venv: Path, work: Path) -> tuple[list[list[str]], list[str]]:
    """The cache rows: a process of ours (``cache_flight.py``) serves the benchmark site through
    Django's ASGI handler; a cold value asked for by 50 requests at once, and a warm value beside
    a literal."""
    log("row cache: 50 concurrent requests for a cold cached value, then warm and literal fetches")
    command = [str(venv / "bin" / "python"), str(HERE / "cache_flight.py")]
    output = run(command, env=child_env(venv), cwd=work, capture_output=True, text=True)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    cold = statistics.median(result["cold_seconds"])
    once = set(result["computations"]) == {1}
    passed = once and cold <= CACHE_COLD_TARGET
    computed = "once" if once else f"{result['computations']} times"
    label = f"Cache, {result['concurrent']} concurrent requests, cold 0.5 s value"
    target = f"computed once, all answered <= {CACHE_COLD_TARGET} s"
    lines = [[label, fmt(cold, "time"), "n/a", "n/a", "PASS" if passed else "MISS", target]]
    lines.append([f"Cache, cold value computed (of {len(result['computations'])} rounds)"])
    lines[-1] += [computed, "n/a", "n/a", "", "(for scale)"]
    warm, literal = result["warm"], result["literal"]
    ratio_warm = warm / literal
    status = "PASS" if ratio_warm <= CACHE_WARM_TARGET else "MISS"
    lines.append(["Cache, warm value fetch, JSON (ASGI)", fmt(warm, "time"), "n/a", "n/a"])
    lines[-1] += [status, f"<= {CACHE_WARM_TARGET:g}x a literal's ({ratio_warm:.2f}x)"]
    lines.append(["Cache, literal value fetch, JSON (ASGI)", fmt(literal, "time"), "n/a", "n/a"])
    lines[-1] += ["", "(for scale)"]
    notes = [
        "cache rows: ours only (0.1.7 has no cache); one process serves the benchmark site through"
        " Django's ASGI handler (httpx's ASGI transport), LocMemCache; cold = median over rounds of"
        " the seconds from the first of 50 concurrent requests to the last answer, the value"
        " invalidated before each round; warm and literal = medians of 1,000 sequential JSON"
        " fetches of each component, one of each in turn, the garbage collector off as in timeit."
    ]
    return lines, notes


def live_latency(venv: Path, work: Path) -> tuple[list[list[str]], list[str]]:
    """The live rows: ``live_latency.py`` in our venv opens LIVE_STREAMS event streams of a page
    served by uvicorn and publishes its topic LIVE_PUBLISHES times; the latency's p50 and p95."""
    log(f"row live: {LIVE_PUBLISHES} publishes to {LIVE_STREAMS} open event streams under uvicorn")
    command = [str(venv / "bin" / "python"), str(HERE / "live_latency.py")]
    command += ["--streams", str(LIVE_STREAMS), "--publishes", str(LIVE_PUBLISHES)]
    output = run(command, env=child_env(venv), cwd=work, capture_output=True, text=True)
    result = json.loads(output.stdout.strip().splitlines()[-1])
    label = f"Live, publish to browser, {LIVE_STREAMS} open streams (uvicorn)"
    lines = [
        [f"{label}, p50", fmt(result["p50"], "time"), "n/a", "n/a", "", "(for scale)"],
        [f"{label}, p95", fmt(result["p95"], "time"), "n/a", "n/a", "", "(for scale)"],
    ]
    notes = [
        "live rows: ours only (0.1.7 has no live components); one uvicorn worker serves a page with"
        f" one live component (an async value), {LIVE_STREAMS} event streams of it are open; the"
        f" server publishes its topic {LIVE_PUBLISHES} times, each after every stream received the"
        " last; a latency is the time from just before the publish to the event's arrival at the"
        f" client, over every stream and publish ({result['samples']} samples, max"
        f" {fmt(result['max'], 'time')})."
    ]
    return lines, notes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, help="where the venvs go (default: a temp dir)")
    parser.add_argument("--python", default=sys.executable, help="interpreter of both venvs")
    parser.add_argument("--quick", action="store_true", help="shorter time budget per row")
    parser.add_argument("--json", type=Path, help="also write both sides' results here")
    parser.add_argument(
        "--only",
        metavar="ROW[,ROW]",
        help="only these rows (keys, or the groups wrk, memory, export, cache, live)",
    )
    parser.add_argument("--list", action="store_true", help="print the row keys and stop")
    args = parser.parse_args()
    if args.list:
        for row in ROWS:
            print(f"{row.key:24s} {row.group:7s} {row.label}")
        for size in EXPORT_SIZES:
            print(f"{'export_' + str(size):24s} {EXPORT_GROUP:7s} Export CSV, {size:,} rows")
        print(f"{'live':24s} {LIVE_GROUP:7s} Live, publish-to-browser latency, p50 and p95")
        print(f"{'cache':24s} {CACHE_GROUP:7s} Cache, cold value under 50 requests; warm value")
        return
    names = {name.strip() for name in (args.only or "").split(",") if name.strip()}
    export = not names or bool(names & {EXPORT_GROUP, *(f"export_{n}" for n in EXPORT_SIZES)})
    names -= {EXPORT_GROUP, *(f"export_{n}" for n in EXPORT_SIZES)}
    cache = not names or CACHE_GROUP in names
    names -= {CACHE_GROUP}
    live = not args.only or LIVE_GROUP in names
    names -= {LIVE_GROUP}
    rows = select(",".join(sorted(names))) if names or not args.only else []
    if any(row.group == "wrk" for row in rows) and not shutil.which("wrk"):
        log(f"wrk is not installed, so the wrk rows are skipped: {INSTALL_WRK}")

    work = (args.work_dir or Path(tempfile.mkdtemp(prefix="dashboards-bench-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    installer = Installer(args.python)
    log(f"work dir {work}; installer {'uv' if installer.uv else 'venv + pip'}")

    load_before = os.getloadavg()[0]
    theirs = prepare(installer, "theirs", work, None)
    ours = prepare(installer, "ours", work, theirs["django"])
    runners = {}
    try:
        for side, prepared in (("theirs", theirs), ("ours", ours)):
            log(f"starting the {side} runner")
            runners[side] = Runner(side, prepared["venv"], work)
        measured = measure(runners, budget=0.5 if args.quick else 3.0, rows=rows)
    finally:
        for runner in runners.values():
            runner.close()
    results = {}
    for side, prepared in (("theirs", theirs), ("ours", ours)):
        results[side] = {**runners[side].setup, "rows": measured[side]}
        results[side]["rows"]["installed_size"] = {"median": prepared["size"]}
    export_lines, export_notes = export_memory(ours["venv"], work) if export else ([], [])
    live_lines, live_notes = live_latency(ours["venv"], work) if live else ([], [])
    cache_lines, cache_notes = cache_flight(ours["venv"], work) if cache else ([], [])
    load_after = os.getloadavg()[0]

    lines, notes = table(results, rows)
    lines += export_lines + cache_lines
    notes += export_notes + cache_notes
    lines += live_lines
    notes += live_notes
    o, t = results["ours"], results["theirs"]
    print()
    print(
        f"django-async-dashboards {o['version']} (ours) vs django-dashboards {t['version']}:"
        f" Python {o['python']}, Django {o['django']} (ours) / {t['django']} (0.1.7)"
    )
    print(
        f"machine: {machine()}; 1-minute load average {load_before:.2f} before, {load_after:.2f} after"
    )
    print(
        "medians; in-process rows use Django's test client (WSGI), uvicorn and wrk rows one"
        " uvicorn worker on 127.0.0.1; ratio = 0.1.7 / ours for times and sizes, ours / 0.1.7"
        " for req/s: > 1 means ours is faster or smaller"
    )
    if max(load_before, load_after) > (os.cpu_count() or 1) / 2:
        print(
            "warning: other processes were using the CPUs during this run (see the load average);"
            " both sides were measured in turn, but the timings are noisier than on an idle machine"
        )
    print()
    print(render(lines))
    print()
    for note in notes:
        print(f"note: {note}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


if __name__ == "__main__":
    main()
