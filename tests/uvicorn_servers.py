"""uvicorn subprocesses serving the test settings' site, for tests of what needs a real ASGI server
(event streams that end when the server stops, publishes that cross processes)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import free_port

__all__ = ["uvicorn_server"]

ROOT = Path(__file__).resolve().parent.parent


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 20.0) -> None:
    """Return once the server accepts connections; fail if it exits or never listens."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"uvicorn exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"uvicorn did not listen on port {port} within {timeout} s")


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
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}", process
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
