"""uvicorn subprocesses serving the test settings' site, for tests of what needs a real ASGI server
(event streams that end when the server stops, publishes that cross processes)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.servers import answers_tcp, free_port, stop_process, wait_until_ready

__all__ = ["uvicorn_server"]

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def uvicorn_server(**settings_env: str) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """A uvicorn process serving ``tests.settings`` (environment variables added); yields its
    base URL and the process, and stops it (killing it if it hangs) on the way out."""
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", **settings_env}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-m", "uvicorn", "--factory", "--port", str(port)]
    command += ["--no-access-log", "django.core.asgi:get_asgi_application"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603 - our own command line
    try:
        wait_until_ready("uvicorn", process, answers_tcp(port), 20)
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop_process(process)
