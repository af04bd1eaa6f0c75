"""Benchmark django-async-dashboards against django-dashboards 0.1.7, side by side.

``tox -e bench`` runs this. Both libraries import as ``dashboards``, so each gets a venv of its own
(made with uv when it is there): this work tree, without extras, in one; PyPI's
``django-dashboards==0.1.7`` in the other, with the same Django. A ``measure.py`` process runs in
each; this script asks both for the same row in short turns, one side after the other (so a
busy moment on the machine slows both sides alike), then prints one table of medians and ratios
with a PASS/MISS column.

Usage: ``python benchmarks/run.py [--work-dir DIR] [--python PYTHON] [--quick] [--json PATH]``
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
GROWTH_TARGET = 1.25
# (fewest, most) turns per side of the slow rows, one run a turn; the other rows take 5 to 100
# turns, as many as fit in the time budget. A run of the uvicorn row is 100 requests.
PAIRS = {"slow5": (5, 5), "asgi_rps": (6, 6), "import_time": (6, 6)}
TURN = 0.05
# Environment variables that must not reach the venvs: tox's bytecode switch would make every
# import time include compiling, and a PYTHONPATH could put this work tree's ``dashboards`` first.
DROP_ENV = ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH", "VIRTUAL_ENV", "DJANGO_SETTINGS_MODULE")


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: str = "time"  # "time" (lower is better), "rate" (higher), "size" (lower)


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
    Row("import_time", "import dashboards.component"),
    Row("installed_size", "Installed size, package + deps", "size"),
]


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


def measure(runners: dict[str, Runner], budget: float) -> dict[str, dict[str, Any]]:
    """Every row, on each side in short turns for about ``budget`` seconds; the medians."""
    results: dict[str, dict[str, Any]] = {side: {} for side in runners}
    order = list(runners)
    for row in ROWS:
        if row.key == "installed_size":
            continue
        log(f"row {row.key}")
        low, high = PAIRS.get(row.key, (5, 100))
        samples: dict[str, list[float]] = {side: [] for side in runners}
        began, turns, batch, rewarm = time.perf_counter(), 0, 1, 0
        while turns < low or (turns < high and time.perf_counter() - began < budget):
            for side in order if turns % 2 == 0 else order[::-1]:
                warmup = (1 if row.key == "slow5" else 2) if turns == 0 else rewarm
                answer = runners[side].measure(row.key, runs=batch, warmup=warmup)
                samples[side] += answer.get("times") or answer.get("rates") or []
            if turns == 0 and row.key not in PAIRS:
                # Quick rows: turns of about TURN seconds, each after one untimed run, so that
                # a run does not pay for the caches the other process has just taken over.
                seconds = max(statistics.median(v) for v in samples.values() if v)
                batch = max(1, min(50, int(TURN / seconds)))
                rewarm = 1
            turns += 1
        for side, values in samples.items():
            results[side][row.key] = {
                "median": statistics.median(values) if values else None,
                "samples": len(values),
                **runners[side].setup["info"].get(row.key, {}),
            }
    return results


# -- the table -------------------------------------------------------------------------------


def fmt(value: float | None, kind: str) -> str:
    if value is None:
        return "n/a"
    if kind == "rate":
        return f"{value:,.0f} req/s"
    if kind == "size":
        return f"{value / 1e6:,.1f} MB"
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


def verdict(row: Row, ours: float | None, factor: float | None) -> tuple[str, str]:
    if factor is None:
        return "n/a", ""
    passed, target = factor >= 1.0, ">= 1.00x"
    if row.key == "slow5":
        passed = passed and ours <= SLOW_TARGET
        target += f", ours <= {SLOW_TARGET} s"
    return ("PASS" if passed else "MISS"), target


def table(results: dict[str, dict[str, Any]]) -> tuple[list[list[str]], list[str]]:
    """The rows to print (header first) and the notes under them."""
    lines = [["Row", "ours", "0.1.7", "ratio", "target", ""]]
    notes = []
    ours_rows, theirs_rows = results["ours"]["rows"], results["theirs"]["rows"]
    for row in ROWS:
        ours = ours_rows.get(row.key, {}).get("median")
        theirs = theirs_rows.get(row.key, {}).get("median")
        factor = ratio(ours, theirs, row.kind)
        status, target = verdict(row, ours, factor)
        shown_ours = fmt(ours, row.kind) if ours is not None or row.key not in ours_rows else None
        shown_ours = shown_ours or ours_rows[row.key].get("note", "n/a")
        lines.append(
            [
                row.label,
                shown_ours,
                fmt(theirs, row.kind),
                f"{factor:.2f}x" if factor else "n/a",
                status,
                target,
            ]
        )
    small = ours_rows.get("table_1k", {}).get("median")
    large = ours_rows.get("table_10k", {}).get("median")
    if small and large:
        growth = large / small
        status = "PASS" if growth <= GROWTH_TARGET else "MISS"
        lines.append(
            [
                "Table 10,000 / 1,000 rows (ours)",
                f"{growth:.2f}x",
                "",
                "",
                status,
                f"<= {GROWTH_TARGET}x",
            ]
        )
    else:
        lines.append(
            ["Table 10,000 / 1,000 rows (ours)", "n/a", "", "", "n/a", f"<= {GROWTH_TARGET}x"]
        )
    for key in ("table_10k", "table_10k_sort_search", "table_1k"):
        a, b = (
            {k: rows[key].get(k) for k in ("filtered", "first_id")} if key in rows else None
            for rows in (ours_rows, theirs_rows)
        )
        if a and b and a != b:
            notes.append(f"{key}: the libraries answered differently: ours {a}, 0.1.7 {b}")
    notes.append(
        "Page, 5 components x 0.2 s I/O: ours are `async def` values awaiting asyncio.sleep(0.2);"
        " 0.1.7 calls values synchronously, so there they are plain functions calling"
        " time.sleep(0.2), the way a 0.1.7 user has to write them."
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work-dir", type=Path, help="where the venvs go (default: a temp dir)")
    parser.add_argument("--python", default=sys.executable, help="interpreter of both venvs")
    parser.add_argument("--quick", action="store_true", help="shorter time budget per row")
    parser.add_argument("--json", type=Path, help="also write both sides' results here")
    args = parser.parse_args()

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
        rows = measure(runners, budget=0.5 if args.quick else 3.0)
    finally:
        for runner in runners.values():
            runner.close()
    results = {}
    for side, prepared in (("theirs", theirs), ("ours", ours)):
        results[side] = {**runners[side].setup, "rows": rows[side]}
        results[side]["rows"]["installed_size"] = {"median": prepared["size"]}
    load_after = os.getloadavg()[0]

    lines, notes = table(results)
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
        "medians; in-process rows use Django's test client (WSGI); ratio = 0.1.7 / ours for"
        " times and sizes, ours / 0.1.7 for req/s: > 1 means ours is faster or smaller"
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
