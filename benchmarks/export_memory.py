"""Peak memory of one download: ``run.py`` runs this in our venv (0.1.7 has no downloads).

``python benchmarks/export_memory.py --db PATH --rows N`` fills the benchmark's order table with
N rows (in SQLite, by one INSERT ... SELECT: no Python objects), resets the process's peak RSS,
downloads every row as CSV through Django's test client (WSGI, the response streamed a chunk at
a time), and prints one JSON line: the rows and bytes received, the RSS before, the peak RSS
during the download, and the seconds it took.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
URL = "/dashboards/bench/exportrows/@component/orders/@export/csv/"


def status_kib(field: str) -> int | None:
    """A ``VmRSS``/``VmHWM`` line of /proc/self/status, in KiB (None off Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def reset_peak() -> bool:
    """Reset the peak RSS (``VmHWM``) to the current RSS (Linux 4.0+)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def fill(model: type, rows: int) -> None:
    """``rows`` orders, made by SQLite itself from a recursive CTE."""
    from django.db import connection, transaction

    table = model._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{table}"')  # noqa: S608  (the model's own table name)
        cursor.execute(
            f'INSERT INTO "{table}" '  # noqa: S608
            "(customer, country, product, status, quantity, total, created) "
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
            "SELECT 'Ada Lovelace ' || (i % 97), 'GB', 'Async Python', "
            "CASE i % 4 WHEN 0 THEN 'paid' WHEN 1 THEN 'shipped' WHEN 2 THEN 'pending' "
            "ELSE 'refunded' END, 1 + i % 5, (1 + i % 5) * 31.5, "
            "datetime('2025-01-01', '-' || (i % 525600) || ' minutes') FROM n",
            [rows],
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rows", type=int, required=True)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    os.environ["BENCH_DB"] = str(args.db)
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_site.settings"
    import django

    django.setup()
    from bench.dashboards import COLUMNS
    from bench.models import Order
    from django.core.management import call_command
    from django.test import Client

    from dashboards.component import Table
    from dashboards.component.table import TableSerializer
    from dashboards.dashboard import Dashboard
    from dashboards.registry import registry

    class OrderRows(TableSerializer):
        class Meta:
            model = Order
            columns = COLUMNS

    class ExportRows(Dashboard):
        orders = Table(value=OrderRows)

        class Meta:
            app_label = "bench"

    registry.register(ExportRows)
    call_command("migrate", run_syncdb=True, verbosity=0)
    fill(Order, args.rows)

    client = Client()
    client.get(URL).close()  # warm up: imports, URL patterns, templates
    rss_before = status_kib("VmRSS")
    peak_reset = reset_peak()
    began = time.perf_counter()
    response = client.get(URL)
    lines = size = 0
    for chunk in response.streaming_content:
        lines += chunk.count(b"\n")
        size += len(chunk)
    response.close()
    seconds = time.perf_counter() - began
    peak = status_kib("VmHWM") if peak_reset else None
    if peak is None:  # no /proc: the peak of the whole process, seeding included
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    result = {
        "rows": lines - 1,
        "bytes": size,
        "rss_before_kib": rss_before,
        "peak_rss_kib": peak,
        "peak_since_download": peak_reset,
        "seconds": seconds,
    }
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
