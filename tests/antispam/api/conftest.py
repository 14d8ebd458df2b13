"""Fixtures for the Akismet-compatible API tests: a key, a form POST helper, an engine spy."""

from urllib.parse import urlencode

import pytest
from django.core.cache import cache

from parley import antispam
from parley.antispam.models import ApiKey

BLOG = "https://blog.example.org/"
HAM_TEXT = (
    "I tried the cache change from this post on my own server and page loads went from "
    "about 900 ms to 300 ms; the part about invalidation was the piece I had missed."
)


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none."""
    cache.clear()
    yield
    cache.clear()


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
