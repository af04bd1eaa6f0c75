"""The servers that tests start for themselves answer on the URL they give, and go away."""

import os
import socket
from urllib.parse import urlparse

import pytest

from tests.servers import PostgresServer, find_binary, postgres_bin_dirs, require_binary


def test_redis_url_points_at_a_server_that_answers_ping(redis_url):
    url = urlparse(redis_url)
    with socket.create_connection((url.hostname, url.port)) as sock:
        sock.sendall(b"PING\r\n")
        assert sock.recv(16).startswith(b"+PONG")


def test_postgres_bin_dirs_lists_the_newest_version_first(tmp_path):
    for version in ("9", "15", "16", "common"):
        (tmp_path / version / "bin").mkdir(parents=True)
    found = postgres_bin_dirs(str(tmp_path / "*" / "bin"))
    assert found == [str(tmp_path / v / "bin") for v in ("16", "15", "9", "common")]


def test_find_binary_looks_in_the_directories_when_it_is_not_on_path(tmp_path, monkeypatch):
    binary = tmp_path / "initdb"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    assert find_binary("initdb") is None
    assert find_binary("initdb", [str(tmp_path / "empty"), str(tmp_path)]) == str(binary)


def test_a_postgres_server_accepts_logins_and_leaves_no_files_when_stopped():
    psycopg = pytest.importorskip("psycopg", reason="psycopg is installed in the PostgreSQL env")
    server = PostgresServer(require_binary("initdb", "postgresql", postgres_bin_dirs()))
    try:
        server.start()
        with psycopg.connect(server.dsn("postgres")) as connection:
            assert connection.execute("SHOW server_encoding").fetchone() == ("UTF8",)
    finally:
        server.stop()
    assert server.process.poll() is not None  # the server has exited
    assert not os.path.exists(server.directory)
