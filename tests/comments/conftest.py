"""Fixtures for the comments tests: a post, a form submission helper, engine verdicts."""

import re
import time
from contextlib import contextmanager

import pytest
from django.core.cache import cache
from django.test import override_settings

from parley.antispam.registry import Rule, registered
from parley.antispam.types import Hit
from parley.comments.forms import sign_timestamp
from parley.core.models import CACHE_KEY, SiteSettings

from .factories import PostFactory


@pytest.fixture
def site(db):
    # The settings row is cached; a cached copy from an earlier (rolled-back) test would be
    # written back by save() below.
    cache.delete(CACHE_KEY)
    settings = SiteSettings.load()
    settings.flood_seconds = 0  # most tests post several comments quickly
    settings.save()
    return settings


@pytest.fixture
def post(db):
    return PostFactory()


# Engages with the post (community, taking part), so the quality checks let it through.
SUBSTANTIVE = (
    "I disagree a little: in my experience a community grows when people take part by "
    "answering questions carefully, because trust between members builds slowly."
)


def form_fields(html: str) -> dict:
    """The hidden inputs of the rendered comment form (timestamp, post ID, parent)."""
    fields = {}
    for name in ("parley_ts", "comment_post_ID", "comment_parent"):
        match = re.search(rf'name="{name}"[^>]*value="([^"]*)"', html) or re.search(
            rf'value="([^"]*)"[^>]*name="{name}"', html
        )
        if match:
            fields[name] = match.group(1)
    return fields


@pytest.fixture
def submit(client):
    """Render the post page, then post the comment form as a browser would."""

    def post_comment(post, follow=False, page_client=None, **fields):
        page_client = page_client or client
        page = page_client.get(post.get_absolute_url())
        # A person takes a while to type: the form was "rendered" a minute ago.
        data = {
            **form_fields(page.content.decode()),
            "parley_ts": sign_timestamp(post.pk, time.time() - 60),
            "comment": SUBSTANTIVE,
            "author": "Ada Lovelace",
            "email": "ada@example.org",
            "url": "",
        }
        data.update(fields)
        return page_client.post(
            "/comments/post/", data, follow=follow, REMOTE_ADDR=fields.pop("ip", "203.0.113.7")
        )

    return post_comment


@contextmanager
def engine_says(weight: float, reason: str = "forced by the test", group: str = "spam"):
    """Force the engine's verdict: a rule that always fires with `weight` (hold is 4 to 7)."""

    def always(submission, context):
        return Hit("TEST_FORCED", weight, reason, group)

    # Only this rule runs, so the verdict does not depend on how the engine's own checks
    # (and its trained classifier) happen to judge the test's text.
    with (
        registered(Rule("TEST_FORCED", group, weight, reason, always)),
        override_settings(PARLEY_ANTISPAM={"enabled": ["TEST_FORCED"]}),
    ):
        yield
