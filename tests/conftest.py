"""Fixtures shared by every app's tests."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def empty_cache_per_test():
    """Start every test with an empty cache.

    The database rolls back after each test but the local-memory cache does not, so a
    settings row, API key or page cached by one test would otherwise leak into the next.
    """
    from django.core.cache import cache

    cache.clear()
    yield


@dataclass
class LiveParley:
    """A running `parley serve`: its base URL (no trailing slash), data dir and log."""

    url: str
    data_dir: Path
    log: Path
    process: subprocess.Popen


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_parley(data_dir: Path, args=(), env=None, timeout: float = 90) -> LiveParley:
    """Start `parley serve` in its own process group and wait until it answers.

    The server gets its own SQLite database in `data_dir` (DATABASE_URL is removed unless
    `env` sets it), so it never shares the test database.
    """
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    full_env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    full_env.pop("DJANGO_SETTINGS_MODULE", None)
    full_env.update(
        PARLEY_DATA_DIR=str(data_dir),
        PARLEY_BASE_URL=url,
        PARLEY_EMAIL_URL="locmem://",
        PYTHONUNBUFFERED="1",
    )
    full_env.update(env or {})
    parley = shutil.which("parley", path=os.path.dirname(sys.executable)) or ""
    command = [parley] if parley else [sys.executable, "-m", "parley"]
    command += ["serve", "--port", str(port), "--workers", "2", *args]
    log = data_dir / "serve.log"
    data_dir.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, env=full_env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    live = LiveParley(url, data_dir, log, process)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"parley serve exited early:\n{log.read_text()[-4000:]}")
        try:
            with urllib.request.urlopen(url + "/robots.txt", timeout=2) as response:
                if response.status == 200:
                    return live
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    stop_parley(live)
    raise RuntimeError(f"parley serve did not answer within {timeout}s:\n{log.read_text()[-4000:]}")


def stop_parley(live: LiveParley) -> None:
    """Stop the whole process group (gunicorn master and workers)."""
    try:
        os.killpg(live.process.pid, signal.SIGTERM)
        live.process.wait(timeout=15)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(live.process.pid, signal.SIGKILL)
        live.process.wait(timeout=5)


@pytest.fixture(scope="session")
def live_parley_args():
    """Arguments after `parley serve --port N --workers 2`; override to change them."""
    return ["--demo"]


@pytest.fixture(scope="session")
def live_parley_env():
    """Extra environment for the live server; override in a conftest to change it."""
    return {}


@pytest.fixture(scope="session")
def live_parley(tmp_path_factory, live_parley_args, live_parley_env):
    """A real `parley serve --demo` on a free port with its own data dir, for the session."""
    live = start_parley(tmp_path_factory.mktemp("live-parley"), live_parley_args, live_parley_env)
    yield live
    stop_parley(live)
