"""Two stateless app servers on one PostgreSQL and one Redis behave as one site."""

import os
import re
import secrets

import httpx
import pytest
from django.db import connection

from parley.blog.models import Post
from parley.core.models import SiteSettings
from tests.conftest import start_parley, stop_parley
from tests.scale.helpers import (
    parley_env,
    postgres_url,
    shell,
    with_database,
)

pytestmark = pytest.mark.server
REDIS_URL = os.environ.get("PARLEY_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
INPUT = re.compile(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"')


def redis_or_skip():
    import redis

    try:
        client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
        client.ping()
    except redis.RedisError as error:
        pytest.skip(f"Redis is not reachable at {REDIS_URL}: {error}")
    return client


@pytest.fixture
def shared_services(tmp_path):
    url = postgres_url()
    if not url:
        pytest.skip("needs DATABASE_URL=postgres://… (the two servers share one PostgreSQL)")
    redis_client = redis_or_skip()
    redis_client.flushdb()
    env = {
        # The servers use the (migrated) test database; the test commits what they read.
        "DATABASE_URL": with_database(url, connection.settings_dict["NAME"]),
        "PARLEY_CACHE_URL": REDIS_URL,
        # Both servers sign cookies and form timestamps with one key, as behind nginx.
        "PARLEY_SECRET_KEY": secrets.token_urlsafe(40),
    }
    try:
        yield env
    finally:
        redis_client.flushdb()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.django_db(transaction=True)  # the servers must see the committed rows
def test_a_comment_posted_through_one_server_shows_on_both_once_approved(shared_services, tmp_path):
    site = SiteSettings.load()
    site.manual_approval = True
    site.save()
    path = Post.objects.create(
        title="Shared post", body="Two servers", status="published"
    ).get_absolute_url()
    admin_env = parley_env(tmp_path / "admin", **shared_services)
    first = start_parley(tmp_path / "one", args=["--workers", "1"], env=shared_services)
    second = None
    try:
        second = start_parley(tmp_path / "two", args=["--workers", "1"], env=shared_services)
        with httpx.Client(base_url=first.url) as one, httpx.Client(base_url=second.url) as two:
            assert page(one, path).headers["X-Parley-Cache"] == "miss"
            # The second server finds the page the first one stored in Redis.
            assert page(two, path).headers["X-Parley-Cache"] == "hit"

            html = page(one, path).text
            form = html[html.index('id="commentform"') :]
            fields = dict(INPUT.findall(form[: form.index("</form>")]))
            for name in ("submit", "wp-comment-cookies-consent", "comment_confirm"):
                fields.pop(name, None)
            fields.update(
                comment="Posted through server one, read through server two.",
                author="Dana",
                email="dana@example.com",
                url="",
            )
            posted = one.post("/comments/post/", data=fields)
            assert posted.status_code == 302, posted.text[:500]

            # Held for moderation: no other reader sees it on either server.
            for client in (httpx.Client(base_url=first.url), httpx.Client(base_url=second.url)):
                with client:
                    assert "read through server two" not in page(client, path).text

            shell(
                admin_env,
                "from parley.comments.models import Comment\n"
                "c = Comment.objects.get(author_name='Dana'); c.status = 'approved'; c.save()",
            )
            for base in (first.url, second.url):
                with httpx.Client(base_url=base) as reader:
                    response = page(reader, path)
                    assert "read through server two" in response.text, base
    finally:
        stop_parley(first)
        if second is not None:
            stop_parley(second)
