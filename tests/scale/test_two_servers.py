"""Two stateless app servers on one PostgreSQL and one Redis behave as one site."""

import os
import re
import secrets

import httpx
import pytest

from tests.conftest import start_parley, stop_parley
from tests.scale.helpers import (
    drop_database,
    parley_env,
    postgres_url,
    recreate_database,
    shell,
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
    name = f"parley_two_servers_{os.getpid()}"
    env = {
        "DATABASE_URL": recreate_database(url, name),
        "PARLEY_CACHE_URL": REDIS_URL,
        # Both servers sign cookies and form timestamps with one key, as behind nginx.
        "PARLEY_SECRET_KEY": secrets.token_urlsafe(40),
    }
    try:
        yield env
    finally:
        drop_database(url, name)
        redis_client.flushdb()


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_comment_posted_through_one_server_shows_on_both_once_approved(shared_services, tmp_path):
    admin_env = parley_env(tmp_path / "admin", **shared_services)
    # The first server migrates the empty database; the second finds it ready.
    first = start_parley(tmp_path / "one", args=["--workers", "1"], env=shared_services)
    second = None
    try:
        path = shell(
            admin_env,
            "from parley.core.models import SiteSettings\n"
            "s = SiteSettings.load(); s.manual_approval = True; s.save()\n"
            "from parley.blog.models import Post\n"
            "p = Post.objects.create(title='Shared post', body='Two servers', status='published')\n"
            "print(p.get_absolute_url())",
        ).strip()
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
