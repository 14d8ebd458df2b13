"""A real `parley serve` on SQLite in a throw-away data dir, for the load test."""

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

PARLEY = Path(sys.executable).with_name("parley")

SETUP = """
import django; django.setup()
from datetime import timedelta
from django.utils import timezone
from parley.blog.models import Post
post = Post.objects.create(title="Taking part", slug="taking-part", status="published",
    body="Communities grow when people take part.", published_at=timezone.now() - timedelta(days=1))
print(post.get_absolute_url())
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LiveParley:
    def __init__(self, workers: int = 2):
        self.data_dir = Path(tempfile.mkdtemp(prefix="parley-live-comments-"))
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = {
            **{
                k: v
                for k, v in os.environ.items()
                if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
            },
            "PARLEY_DATA_DIR": str(self.data_dir),
            "PARLEY_BASE_URL": self.url,
            "PARLEY_EMAIL_URL": "dummy://",
            # The load test comes from one machine: clients are told apart by the
            # X-Forwarded-For a trusted local proxy would add.
            "PARLEY_TRUSTED_PROXIES": "127.0.0.1",
            "DJANGO_SETTINGS_MODULE": "parley.settings",
        }
        self.workers = workers
        self.process = None
        self.post_url = ""

    def start(self):
        subprocess.run([str(PARLEY), "migrate", "-v", "0"], env=self.env, check=True)
        out = subprocess.run(
            [sys.executable, "-c", SETUP], env=self.env, check=True, capture_output=True, text=True
        )
        self.post_url = out.stdout.strip().splitlines()[-1]
        self.process = subprocess.Popen(
            [str(PARLEY), "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("parley serve exited: " + self.process.stderr.read().decode())
            try:
                if httpx.get(self.url + self.post_url, timeout=2).status_code == 200:
                    return self
            except httpx.HTTPError:
                time.sleep(0.3)
        raise RuntimeError("parley serve did not answer within 60 s")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()

    @property
    def database(self) -> Path:
        return self.data_dir / "parley.sqlite3"
