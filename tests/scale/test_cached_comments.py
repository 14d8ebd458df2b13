"""The comment form on cached pages: it works, and one reader's data never reaches another."""

import re
import time

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django_tasks_db.models import DBTaskResult

from parley.comments.forms import read_timestamp
from parley.comments.models import Comment
from parley.core.models import SiteSettings

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

INPUT = re.compile(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"')


def state(response):
    return response.headers.get("X-Parley-Cache")


def reader(n):
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=f"192.0.2.{n}")


def form_fields(html: str) -> dict:
    form = html[html.index('id="commentform"') : html.index("</form>", html.index("commentform"))]
    fields = dict(INPUT.findall(form))
    fields.pop("submit", None)
    fields.pop("wp-comment-cookies-consent", None)
    return fields


def post_comment(client, page_html, **values):
    data = {**form_fields(page_html), "comment": "A thoughtful reply about caching."}
    data.update(author="Bea", email="bea@example.com", url="")
    data.update(values)
    return client.post("/comments/post/", data)


@pytest.fixture
def held_for_moderation(db):
    site = SiteSettings.load()
    site.manual_approval = True
    site.save()


@pytest.fixture
def cached_post(make_post):
    post = make_post("A post worth discussing")
    assert state(Client().get(post.get_absolute_url())) == "miss"
    return post


def test_a_comment_posted_from_a_cached_page_is_accepted(held_for_moderation, cached_post):
    bea = reader(10)
    page = bea.get(cached_post.get_absolute_url())
    assert state(page) == "hit"
    response = post_comment(bea, page.content.decode())
    assert response.status_code == 302
    assert Comment.objects.filter(post=cached_post, author_name="Bea").exists()


def test_the_cached_form_carries_a_fresh_signed_render_time(cached_post, monkeypatch):
    later = time.time() + 300
    monkeypatch.setattr("parley.comments.forms.time.time", lambda: later)
    page = Client().get(cached_post.get_absolute_url())
    assert state(page) == "hit"
    stamp = form_fields(page.content.decode())["parley_ts"]
    assert read_timestamp(stamp, cached_post.pk) == int(later)


def test_a_held_comment_is_shown_to_its_author_only(held_for_moderation, cached_post):
    bea, carl = reader(11), reader(12)
    page = bea.get(cached_post.get_absolute_url())
    post_comment(bea, page.content.decode(), comment="My secret first comment")
    own = bea.get(cached_post.get_absolute_url())
    assert state(own) != "hit"
    assert b"My secret first comment" in own.content
    assert b"awaiting moderation" in own.content
    # Bea's page (with her held comment) was not stored for others.
    for _ in range(2):
        other = carl.get(cached_post.get_absolute_url())
        assert b"My secret first comment" not in other.content
        assert b"awaiting moderation" not in other.content
    assert state(other) == "hit"


def test_a_saved_name_and_email_never_reach_another_reader(held_for_moderation, cached_post):
    bea, carl = reader(13), reader(14)
    page = bea.get(cached_post.get_absolute_url())
    post_comment(
        bea,
        page.content.decode(),
        author="Beatrice Quill",
        email="bq@example.com",
        **{"wp-comment-cookies-consent": "yes"},
    )
    assert b"bq@example.com" in bea.get(cached_post.get_absolute_url()).content
    other = carl.get(cached_post.get_absolute_url())
    assert b"bq@example.com" not in other.content
    assert b"Beatrice Quill" not in other.content


def test_what_a_reader_typed_into_a_refused_form_stays_with_them(cached_post):
    bea, carl = reader(15), reader(16)
    page = bea.get(cached_post.get_absolute_url())
    refused = post_comment(bea, page.content.decode(), email="not-an-email", comment="Typed")
    assert refused.status_code == 400
    assert b"Typed" in refused.content
    assert b"not-an-email" not in carl.get(cached_post.get_absolute_url()).content


def test_an_approved_comment_appears_on_the_cached_page(held_for_moderation, cached_post):
    bea = reader(17)
    page = bea.get(cached_post.get_absolute_url())
    post_comment(bea, page.content.decode(), comment="Approved thoughts on caching")
    comment = Comment.objects.get(author_name="Bea")
    comment.status = Comment.Status.APPROVED
    comment.save()
    everyone = Client().get(cached_post.get_absolute_url())
    assert b"Approved thoughts on caching" in everyone.content
    assert state(Client().get(cached_post.get_absolute_url())) == "hit"


@pytest.mark.django_db(transaction=True)  # the worker claims the job in its own transaction
def test_posting_a_comment_never_waits_for_email(settings, make_post, django_user_model):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    author = django_user_model.objects.create_user("writer", "writer@example.com", "pw")
    post = make_post("Post with a notified author", author=author)
    bea = reader(18)
    page = bea.get(post.get_absolute_url())
    response = post_comment(bea, page.content.decode())
    assert response.status_code == 302
    # The request only queued the notification; no mail was sent while the reader waited.
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").exists()
    call_command("worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    assert [m.to for m in mail.outbox] == [["writer@example.com"]]
