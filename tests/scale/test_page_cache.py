"""The full-page cache: what it serves, what it never shares, and when it forgets."""

import gzip
import re

import pytest
from django.db import transaction
from django.test import Client, RequestFactory
from django.utils import timezone

from parley.comments.models import Comment
from parley.core import cache as page_cache

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def state(response):
    return response.headers.get("X-Parley-Cache")


def add_comment(post, status, text="Nice post"):
    return Comment.objects.create(
        post=post,
        author_name="Ann",
        author_email="ann@example.com",
        content=text,
        status=status,
        created_at=timezone.now(),
    )


def test_second_anonymous_view_of_a_post_comes_from_the_cache(client, make_post):
    post = make_post("Caching for beginners")
    first = client.get(post.get_absolute_url())
    second = client.get(post.get_absolute_url())
    assert (state(first), state(second)) == ("miss", "hit")
    # Identical but for each reader's own CSRF token in the comment form.
    assert TOKEN.sub("", first.content.decode()) == TOKEN.sub("", second.content.decode())
    assert b"Caching for beginners" in second.content


def test_editing_a_post_shows_the_edit_at_once(client, make_post):
    post = make_post("Old title")
    other = make_post("Another post")
    client.get(post.get_absolute_url())
    client.get(other.get_absolute_url())
    client.get("/")
    post.title = "New title"
    post.save()
    response = client.get(post.get_absolute_url())
    assert state(response) == "miss"
    assert b"New title" in response.content
    assert b"New title" in client.get("/").content
    # Every page may show the post's title (lists, related posts), so all are renewed.
    assert state(client.get(other.get_absolute_url())) == "miss"


def test_unpublishing_a_post_removes_it_from_the_cached_home_page(client, make_post):
    post = make_post("Soon withdrawn")
    assert b"Soon withdrawn" in client.get("/").content
    post.status = post.Status.DRAFT
    post.save()
    assert b"Soon withdrawn" not in client.get("/").content
    assert client.get(post.get_absolute_url()).status_code == 404


def test_approving_a_comment_renews_its_post_and_the_lists_but_not_other_posts(client, make_post):
    post = make_post("Discussed post")
    quiet = make_post("Quiet post")
    for url in (post.get_absolute_url(), quiet.get_absolute_url(), "/", "/blog/"):
        client.get(url)
    comment = add_comment(post, Comment.Status.PENDING)
    # A held comment shows nowhere public, so nothing needs renewing.
    assert state(client.get(post.get_absolute_url())) == "hit"
    comment.status = Comment.Status.APPROVED
    comment.save()
    assert state(client.get(post.get_absolute_url())) == "miss"
    assert state(client.get("/blog/")) == "miss"
    assert state(client.get(quiet.get_absolute_url())) == "hit"
    # Taking it back down (spam) renews the page again.
    client.get(post.get_absolute_url())
    comment.status = Comment.Status.SPAM
    comment.save()
    assert state(client.get(post.get_absolute_url())) == "miss"


def test_deleting_an_approved_comment_renews_its_post(client, make_post):
    post = make_post("Post with a deleted comment")
    comment = add_comment(post, Comment.Status.APPROVED)
    client.get(post.get_absolute_url())
    assert state(client.get(post.get_absolute_url())) == "hit"
    comment.delete()
    assert state(client.get(post.get_absolute_url())) == "miss"


@pytest.mark.parametrize("cookie", ["sessionid", "parley_held", "parley_commenter", "messages"])
def test_a_reader_with_their_own_cookies_never_gets_or_fills_the_shared_cache(
    client, make_post, cookie
):
    post = make_post("Personal post")
    client.cookies[cookie] = "x"
    first = client.get(post.get_absolute_url())
    assert state(first) is None
    # Nothing was stored: the next anonymous reader renders afresh.
    assert state(Client().get(post.get_absolute_url())) == "miss"
    # And a page stored for anonymous readers is not served to the cookie holder.
    assert state(client.get(post.get_absolute_url())) is None


def test_query_strings_other_than_page_bypass_the_cache(client, make_post):
    make_post("Listed post")
    assert state(client.get("/?utm_source=x")) is None
    assert state(client.get("/?page=1&x=1")) is None
    assert state(client.get("/?page=1")) == "miss"
    assert state(client.get("/?page=1")) == "hit"
    assert state(client.get("/")) == "miss"


@pytest.mark.urls("tests.scale.urls")
def test_private_or_cookie_setting_or_error_responses_are_not_stored(client, make_post):
    for url in ("/cache-test/private/", "/cache-test/cookie/", "/no-such-page/"):
        client.get(url)
        assert state(client.get(url)) in {"bypass", None}, url


@pytest.mark.urls("tests.scale.urls")
def test_a_page_printing_the_csrf_token_outside_the_form_is_not_stored(client):
    first = client.get("/cache-test/json/")
    second = Client().get("/cache-test/json/")
    assert state(first) == state(second) == "bypass"
    assert first.json()["token"] != second.json()["token"]


@pytest.mark.urls("tests.scale.urls")
def test_each_reader_of_a_cached_form_gets_their_own_working_csrf_token(settings):
    settings.CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"
    alice = Client(enforce_csrf_checks=True)
    bob = Client(enforce_csrf_checks=True)
    first = alice.get("/cache-test/form/")
    cached = bob.get("/cache-test/form/")
    assert (state(first), state(cached)) == ("miss", "hit")
    alice_token = TOKEN.search(first.content.decode()).group(1)
    bob_token = TOKEN.search(cached.content.decode()).group(1)
    assert alice_token != bob_token
    assert page_cache.csrf_placeholder() not in cached.content
    # Bob got a cookie matching the token in the cached page, and his POST goes through.
    assert "csrftoken" in cached.cookies
    posted = bob.post("/cache-test/form/", {"comment": "hi", "csrfmiddlewaretoken": bob_token})
    assert posted.status_code == 200 and posted.content == b"thanks for hi"
    # Alice's token is no good with Bob's cookie (it was never shared with him).
    refused = bob.post("/cache-test/form/", {"comment": "x", "csrfmiddlewaretoken": alice_token})
    assert refused.status_code == 403


def test_unchanged_page_revalidates_with_304(client, make_post):
    post = make_post("Conditional post")
    client.get(post.get_absolute_url())
    cached = client.get(post.get_absolute_url())
    assert cached.headers["Cache-Control"] == "no-cache"
    again = client.get(post.get_absolute_url(), headers={"if-none-match": cached["ETag"]})
    assert again.status_code == 304
    add_comment(post, Comment.Status.APPROVED)
    changed = client.get(post.get_absolute_url(), headers={"if-none-match": cached["ETag"]})
    assert changed.status_code == 200


def test_cached_pages_are_compressed_for_clients_that_accept_gzip(client, make_post):
    post = make_post("Compressed post", body="A long paragraph of words. " * 200)
    client.get(post.get_absolute_url())
    response = client.get(post.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert state(response) == "hit"
    assert response.headers["Content-Encoding"] == "gzip"
    assert b"Compressed post" in gzip.decompress(response.content)


@pytest.mark.urls("tests.scale.urls")
def test_a_gzipped_hit_carries_the_readers_own_working_token(settings):
    """The compressed page is built from parts compressed at store time, with this
    reader's token between them: it must decompress to the page and the token must work."""
    settings.CSRF_FAILURE_VIEW = "django.views.csrf.csrf_failure"
    Client().get("/cache-test/form/")
    reader = Client(enforce_csrf_checks=True, headers={"accept-encoding": "gzip, br"})
    cached = reader.get("/cache-test/form/")
    assert state(cached) == "hit" and cached.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in cached.headers["Vary"]
    page = gzip.decompress(cached.content).decode()
    assert page_cache.csrf_placeholder().decode() not in page
    token = TOKEN.search(page).group(1)
    posted = reader.post("/cache-test/form/", {"comment": "hi", "csrfmiddlewaretoken": token})
    assert posted.content == b"thanks for hi"


def test_gzipped_and_plain_hits_are_the_same_page(client, make_post):
    post = make_post("Both ways", body="Words about compression and caching. " * 100)
    client.get(post.get_absolute_url())
    plain = client.get(post.get_absolute_url())
    packed = client.get(post.get_absolute_url(), headers={"accept-encoding": "gzip"})
    assert plain.headers.get("Content-Encoding") is None
    assert TOKEN.sub("", gzip.decompress(packed.content).decode()) == TOKEN.sub(
        "", plain.content.decode()
    )
    # Each its own validator; the compressed one is weak, as GZipMiddleware makes it.
    assert packed["ETag"].startswith("W/") and packed["ETag"] != plain["ETag"]
    again = client.get(
        post.get_absolute_url(),
        headers={"accept-encoding": "gzip", "if-none-match": packed["ETag"]},
    )
    assert again.status_code == 304


def test_head_request_is_answered_from_the_cache(client, make_post):
    post = make_post("Head post")
    client.get(post.get_absolute_url())
    response = client.head(post.get_absolute_url())
    assert response.status_code == 200 and state(response) == "hit"


def test_a_scheduled_post_appears_when_its_time_comes(client, make_post, settings):
    make_post("Already out")
    make_post("Coming soon", published_at=timezone.now() + timezone.timedelta(seconds=90))
    # No page may be kept past the scheduled time: the cache entry's life is cut short.
    delay = page_cache.next_publication_delay()
    assert delay is not None and 60 < delay <= 91
    assert b"Coming soon" not in client.get("/").content


def test_logged_in_staff_see_their_private_posts_but_anonymous_readers_never_do(
    client, make_post, django_user_model
):
    post = make_post("Staff only", status="private")
    staff = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(staff)
    assert client.get(post.get_absolute_url()).status_code == 200
    assert Client().get(post.get_absolute_url()).status_code == 404


def test_pages_are_served_uncached_while_the_cache_is_down(client, make_post, settings):
    post = make_post("Resilient post")
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        },
    }
    settings.PAGE_CACHE_ALIAS = "pages"
    response = client.get(post.get_absolute_url())
    assert response.status_code == 200 and b"Resilient post" in response.content
    # Saving still works (the failed invalidation is logged, not raised).
    post.title = "Resilient post, edited"
    post.save()
    assert b"Resilient post, edited" in client.get(post.get_absolute_url()).content


@pytest.mark.django_db(transaction=True)  # related posts are recomputed when a save commits
def test_a_new_similar_post_shows_among_the_related_posts_of_a_cached_page(client, make_post):
    body = "Pruning roses and tomatoes: compost, mulch and watering the seedling beds."
    first = make_post("Pruning roses in spring", body=body)
    make_post("Cycling up mountain passes", body="Gears, cadence and brakes on a long climb.")
    client.get(first.get_absolute_url())
    assert state(client.get(first.get_absolute_url())) == "hit"
    with transaction.atomic():
        make_post("Mulching roses and tomatoes", body=body + " Mulch again in autumn.")
    page = client.get(first.get_absolute_url())
    assert b"Related Posts" in page.content
    assert b"Mulching roses and tomatoes" in page.content
    assert b"Cycling up mountain passes" not in page.content.split(b"Related Posts")[1]


def test_while_one_reader_renders_a_renewed_page_others_get_its_previous_version(client, make_post):
    post = make_post("Busy post")
    client.get(post.get_absolute_url())
    add_comment(post, Comment.Status.APPROVED, text="A fresh approved comment")
    request = RequestFactory().get(post.get_absolute_url())
    lock = page_cache.stale_key(request) + ":lock"
    # Another reader is rendering the renewed page right now.
    assert page_cache.page_cache().add(lock, True, 30)
    during = client.get(post.get_absolute_url())
    assert state(during) == "stale" and b"A fresh approved comment" not in during.content
    page_cache.page_cache().delete(lock)
    after = client.get(post.get_absolute_url())
    assert state(after) == "miss" and b"A fresh approved comment" in after.content


def test_a_withdrawn_post_is_never_served_from_its_previous_version(client, make_post):
    post = make_post("Withdrawn post")
    url = post.get_absolute_url()
    client.get(url)
    post.status = post.Status.DRAFT
    post.save()
    assert client.get(url).status_code == 404
    lock = page_cache.stale_key(RequestFactory().get(url)) + ":lock"
    assert page_cache.page_cache().add(lock, True, 30)
    assert client.get(url).status_code == 404
