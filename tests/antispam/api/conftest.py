"""Fixtures for the Akismet-compatible API tests: a key, a form POST helper, an engine spy."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx
import pytest
from django.core.cache import cache

from parley import antispam
from parley.antispam.api import usage
from parley.antispam.models import ApiKey

ROOT = Path(__file__).resolve().parents[3]  # the checkout: tests.* must import in the server
BLOG = "https://blog.example.org/"
HAM_TEXT = (
    "I tried the cache change from this post on my own server and page loads went from "
    "about 900 ms to 300 ms; the part about invalidation was the piece I had missed."
)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none.

    Usage counts still in memory are dropped after each test: their rows were rolled back,
    and at exit they would otherwise be written to the non-test database.
    """
    cache.clear()
    yield
    cache.clear()
    usage.discard()


@pytest.fixture
def api_key(db):
    return ApiKey.objects.create(site=BLOG, note="tests")


@pytest.fixture
def form_post(client):
    """POST form-encoded like Akismet clients do (not multipart, as Django's client would)."""

    def post(path, data=None, body: bytes | None = None, content_type=None, **extra):
        if body is None:
            body = urlencode(data or {}, doseq=True).encode()
        return client.generic(
            "POST",
            path,
            body,
            content_type=content_type or "application/x-www-form-urlencoded",
            **extra,
        )

    return post


@pytest.fixture
def comment(api_key):
    """A well-formed comment-check body for a ham comment; tests change what they need."""

    def make(**changes):
        data = {
            "api_key": api_key.key,
            "blog": BLOG,
            "user_ip": "192.0.2.10",
            "user_agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0",
            "referrer": "https://blog.example.org/2026/11/caching/",
            "permalink": "https://blog.example.org/2026/11/caching/",
            "comment_type": "comment",
            "comment_author": "Ann Reader",
            "comment_author_email": "ann@example.net",
            "comment_content": HAM_TEXT,
        }
        data.update(changes)
        return {k: v for k, v in data.items() if v is not None}

    return make


@pytest.fixture
def submissions(monkeypatch):
    """Record every Submission the API hands to the engine (the real engine still judges)."""
    seen = []
    real = antispam.check

    def spy(submission):
        seen.append(submission)
        return real(submission)

    monkeypatch.setattr(antispam, "check", spy)
    return seen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def parley_server(tmp_path_factory):
    """A real `parley serve` (gunicorn) on a free port with its own SQLite data dir.

    Yields (base_url, key). DATABASE_URL is dropped so a PostgreSQL test run does not point
    the server at the developer's database.
    """
    data_dir = tmp_path_factory.mktemp("parley-live")
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PARLEY_CACHE_URL")}
    env.update(
        PARLEY_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="tests.antispam.api.live_settings",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        PARLEY_BASE_URL=f"http://127.0.0.1:{port}",
    )
    parley = [sys.executable, "-m", "parley"]
    log = open(data_dir / "server.log", "w")  # noqa: SIM115 (closed at teardown)
    server = subprocess.Popen(
        [*parley, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            try:
                if httpx.get(f"{base}/1.1/test", timeout=2).text == "connected":
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("parley serve did not start:\n" + (data_dir / "server.log").read_text())
            time.sleep(0.3)
        key = subprocess.run(
            [*parley, "apikey", "create", "--site", BLOG],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        yield base, key
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
