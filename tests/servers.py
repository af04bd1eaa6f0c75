"""Real servers that tests start for themselves on a free port (Debian's redis-server and
PostgreSQL)."""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

__all__ = [
    "PostgresServer",
    "answers_tcp",
    "find_binary",
    "free_port",
    "missing_binary_message",
    "postgres_bin_dirs",
    "redis_url",
    "require_binary",
    "stop_process",
    "wait_until_ready",
]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def find_binary(name: str, directories: Iterable[str] = ()) -> str | None:
    """The path of a server binary: on PATH, else in the first of ``directories`` holding it."""
    path = shutil.which(name)
    if path:
        return path
    for directory in directories:
        path = shutil.which(name, path=directory)
        if path:
            return path
    return None


def missing_binary_message(name: str, package: str) -> str:
    """Why tests that need a server binary cannot run, and where to get it."""
    return f"{name} is not installed (Debian package {package!r}; .ci/run installs it)"


def require_binary(name: str, package: str, directories: Iterable[str] = ()) -> str:
    """The path of a server binary; skip the test without it, or fail in CI, which installs it."""
    path = find_binary(name, directories)
    if path:
        return path
    message = missing_binary_message(name, package)
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def wait_until_ready(
    name: str, process: subprocess.Popen[bytes], ready: Callable[[], bool], timeout: float
) -> None:
    """Return once ``ready()`` says the server answers; fail if it exits or stays silent."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"{name} exited with code {process.returncode}")
        if ready():
            return
        time.sleep(0.05)
    pytest.fail(f"{name} did not answer within {timeout} s")


def stop_process(
    process: subprocess.Popen[bytes], stop_signal: int = signal.SIGTERM, timeout: float = 10
) -> None:
    """Stop a server with ``stop_signal``, and kill it if it has not ended after ``timeout`` s."""
    if process.poll() is not None:
        return
    process.send_signal(stop_signal)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def answers_tcp(port: int, request: bytes = b"", reply: bytes = b"") -> Callable[[], bool]:
    """A ``ready`` check: 127.0.0.1:``port`` accepts a connection (and answers ``request``
    with a reply starting with ``reply``)."""

    def ready() -> bool:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock:
                if request:
                    sock.sendall(request)
                    return sock.recv(len(reply)).startswith(reply)
                return True
        except OSError:
            return False

    return ready


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
            wait_until_ready("redis-server", process, answers_tcp(port, b"PING\r\n", b"+PONG"), 10)
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            stop_process(process)


def postgres_bin_dirs(pattern: str = "/usr/lib/postgresql/*/bin") -> list[str]:
    """Where Debian keeps each PostgreSQL version's server binaries (off PATH), newest first."""

    def version(directory: str) -> tuple[int, str]:
        name = Path(directory).parent.name
        return (int(name) if name.isdigit() else -1, name)

    return sorted(glob.glob(pattern), key=version, reverse=True)


def _unprivileged_user() -> dict[str, Any]:
    """``subprocess`` arguments that drop root for a server that refuses to run as root."""
    if os.geteuid() != 0:
        return {}
    for name in ("postgres", "nobody"):
        try:
            account = pwd.getpwnam(name)
        except KeyError:
            continue
        return {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
    raise RuntimeError("initdb refuses to run as root, and there is no 'postgres' or 'nobody' user")


class PostgresServer:
    """A throwaway PostgreSQL cluster on a free port of 127.0.0.1, in a temporary directory.

    The ``postgres`` superuser logs in without a password (trust, local connections only); the
    cluster is UTF-8 with the ``C.UTF-8`` locale and does not sync to disk. As root, the server
    runs as the ``postgres`` (else ``nobody``) user, since initdb and postgres refuse root.
    """

    user = "postgres"
    host = "127.0.0.1"

    def __init__(self, initdb: str) -> None:
        #: The server binary beside ``initdb`` (the same PostgreSQL version).
        self.postgres = str(Path(os.path.realpath(initdb)).with_name("postgres"))
        self.initdb = initdb
        self.port = free_port()
        self.directory = tempfile.mkdtemp(prefix="dashboards-postgres-")
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> None:
        """Create the cluster and start the server; return once it accepts connections."""
        run_as = _unprivileged_user()
        if run_as:
            os.chown(self.directory, run_as["user"], run_as["group"])
        data = os.path.join(self.directory, "data")
        initdb = [self.initdb, "-D", data, "-U", self.user, "-A", "trust", "-E", "UTF8"]
        initdb += ["--locale=C.UTF-8", "--no-sync"]
        result = subprocess.run(  # noqa: S603 - a fixed command line of our own
            initdb, cwd=self.directory, capture_output=True, text=True, check=False, **run_as
        )
        if result.returncode:
            raise RuntimeError(f"initdb failed:\n{result.stdout}{result.stderr}")
        command = [self.postgres, "-D", data, "-p", str(self.port), "-h", self.host]
        command += ["-k", self.directory, "-c", "fsync=off", "-c", "synchronous_commit=off"]
        command += ["-c", "full_page_writes=off"]
        with open(os.path.join(self.directory, "server.log"), "wb") as log:
            self.process = subprocess.Popen(  # noqa: S603 - a fixed command line of our own
                command, cwd=self.directory, stdout=log, stderr=log, **run_as
            )
        self._wait(timeout)

    def _wait(self, timeout: float) -> None:
        """Return once a client can log in; raise if the server exits or stays unready."""
        import psycopg  # only the PostgreSQL test env installs it

        assert self.process is not None
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"postgres exited with code {self.process.returncode}:\n{self.log()}"
                )
            try:
                psycopg.connect(self.dsn("postgres"), connect_timeout=2).close()
                return
            except psycopg.OperationalError:
                time.sleep(0.05)
        raise RuntimeError(f"postgres did not accept connections within {timeout} s:\n{self.log()}")

    def dsn(self, dbname: str) -> str:
        """A libpq connection string for a database of this server."""
        return f"host={self.host} port={self.port} user={self.user} dbname={dbname}"

    def log(self) -> str:
        """What the server wrote to its log so far."""
        path = os.path.join(self.directory, "server.log")
        return Path(path).read_text(errors="replace") if os.path.exists(path) else ""

    def stop(self) -> None:
        """Stop the server (fast shutdown: clients are disconnected) and delete its files."""
        if self.process is not None:
            stop_process(self.process, signal.SIGINT, timeout=30)
        shutil.rmtree(self.directory, ignore_errors=True)
