"""Fixtures for the serving tests: the page cache switched on, posts to serve."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from parley.blog.models import Post


@pytest.fixture
def page_cache(settings):
    """The full-page cache on (tests/settings.py leaves it off for the other apps)."""
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_post(db):
    def make(title="A post about caching", **fields):
        fields.setdefault("status", Post.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timezone.timedelta(hours=1))
        fields.setdefault("body", "Some *words* about " + title)
        return Post.objects.create(title=title, **fields)

    return make
