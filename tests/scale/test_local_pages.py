"""The per-process copy of cached pages in front of the shared cache (core.cache.LocalPages)."""

import time

import pytest
from django.utils import timezone

from parley.comments.models import Comment
from parley.core import cache as page_cache
from parley.core.cache import LocalPages


def entry(body: bytes) -> dict:
    """A stored page with no holes; it costs its bytes plain and compressed."""
    return {"parts": [body], "holes": [], "deflated": [b""], "headers": [], "csrf": False}


def test_a_copy_is_served_until_it_expires():
    pages = LocalPages(1000)
    pages.put("k", entry(b"page"), timeout=0.05)
    assert pages.get("k")["parts"] == [b"page"]
    time.sleep(0.06)
    assert pages.get("k") is None
    assert pages.size == 0


def test_the_least_recently_used_pages_go_first_when_full():
    pages = LocalPages(10)
    pages.put("a", entry(b"aaaa"), 60)
    pages.put("b", entry(b"bbbb"), 60)
    pages.get("a")  # a is now more recent than b
    pages.put("c", entry(b"cccc"), 60)
    assert pages.get("b") is None
    assert pages.get("a") is not None and pages.get("c") is not None
    assert pages.size == 8


def test_a_page_larger_than_the_budget_is_not_kept():
    pages = LocalPages(3)
    pages.put("big", entry(b"four"), 60)
    assert pages.get("big") is None and pages.size == 0


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_a_hit_needs_no_shared_copy_but_an_approved_comment_still_shows(
    client, make_post, settings
):
    settings.PAGE_CACHE_LOCAL_BYTES = 1024 * 1024
    post = make_post("Kept close at hand")
    url = post.get_absolute_url()
    assert client.get(url).headers["X-Parley-Cache"] == "miss"
    # The shared cache loses every page (eviction, another server's restart): this
    # process still has the page under the same generations.
    shared = page_cache.page_cache()
    for key in list(getattr(shared, "_cache", {})):
        if "parley:page:" in key and "parley:gen:" not in key:
            shared.delete(key.split(":", 2)[-1])
    assert client.get(url).headers["X-Parley-Cache"] == "hit"

    Comment.objects.create(
        post=post,
        author_name="Bea",
        content="A reply that must appear at once",
        status=Comment.Status.APPROVED,
        created_at=timezone.now(),
    )
    response = client.get(url)
    assert response.headers["X-Parley-Cache"] == "miss"
    assert b"A reply that must appear at once" in response.content


@pytest.mark.django_db
@pytest.mark.usefixtures("page_cache")
def test_no_local_copies_when_switched_off(client, make_post, settings):
    settings.PAGE_CACHE_LOCAL_BYTES = 0
    post = make_post("Only shared")
    client.get(post.get_absolute_url())
    assert page_cache.local_pages() is None
    assert client.get(post.get_absolute_url()).headers["X-Parley-Cache"] == "hit"
