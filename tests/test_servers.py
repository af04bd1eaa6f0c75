"""The servers that tests start for themselves answer on the URL they give."""

import socket
from urllib.parse import urlparse


def test_redis_url_points_at_a_server_that_answers_ping(redis_url):
    url = urlparse(redis_url)
    with socket.create_connection((url.hostname, url.port)) as sock:
        sock.sendall(b"PING\r\n")
        assert sock.recv(16).startswith(b"+PONG")
