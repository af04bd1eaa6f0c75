"""Real servers that tests start for themselves on a free port (Debian's redis-server)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest

__all__ = ["free_port", "redis_url", "require_binary"]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def require_binary(name: str, package: str) -> str:
    """The path of a server binary; skip the test without it, or fail in CI, which installs it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (Debian package {package!r}; .ci/run installs it)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def _wait_for_redis(port: int, process: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Return once the server answers PING; fail if it exits or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"redis-server exited with code {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return
        except OSError:
            time.sleep(0.05)
    pytest.fail(f"redis-server did not answer on port {port} within {timeout} s")


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """The URL of a throwaway redis-server for this test session (no persistence)."""
    binary = require_binary("redis-server", "redis-server")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="dashboards-redis-") as directory:
        command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", directory]
        command += ["--save", "", "--appendonly", "no", "--daemonize", "no"]
        process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            _wait_for_redis(port, process)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            process.terminate()
            process.wait(timeout=10)
