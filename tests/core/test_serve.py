"""`parley serve`: the gunicorn command it runs, and a real server keeping connections open."""

import http.client
import socket
from urllib.parse import urlsplit

import pytest

from parley.core.management.commands.serve import gunicorn_command

OPTIONS = {"host": "127.0.0.1", "port": 8000, "workers": 3, "threads": 1, "access_log": False}


def _flag(command: list[str], name: str) -> str:
    return command[command.index(name) + 1]


def test_command_runs_gthread_workers_each_with_its_own_socket():
    command = gunicorn_command(OPTIONS)
    assert _flag(command, "--worker-class") == "gthread"
    assert _flag(command, "--threads") == "1"
    assert _flag(command, "--workers") == "3"
    assert "--reuse-port" in command


def test_threads_option_reaches_gunicorn():
    assert _flag(gunicorn_command({**OPTIONS, "threads": 4}), "--threads") == "4"


def test_a_client_connection_stays_open_across_requests(live_parley):
    """Keep-alive with one thread per worker: three requests, one TCP connection."""
    parts = urlsplit(live_parley.url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    try:
        sockets = []
        for _ in range(3):
            connection.request("GET", "/robots.txt")
            response = connection.getresponse()
            response.read()
            assert response.status == 200
            assert response.getheader("Connection", "").lower() != "close"
            sockets.append(connection.sock)
        assert sockets[0] is not None and all(s is sockets[0] for s in sockets)
    finally:
        connection.close()


def test_a_port_in_use_is_refused_before_anything_starts():
    from django.core.management.base import CommandError

    from parley.core.management.commands.serve import ensure_port_free

    with socket.socket() as holder:
        holder.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        with pytest.raises(CommandError, match=f"Port {port} on 127.0.0.1 is in use"):
            ensure_port_free("127.0.0.1", port)
    ensure_port_free("127.0.0.1", port)  # free again once the holder closed
