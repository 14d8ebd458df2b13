"""The default cache (a file cache in the data dir) keeps gunicorn's workers in step."""

import httpx
import pytest

from tests.conftest import start_parley, stop_parley
from tests.scale.helpers import parley_env, shell

pytestmark = pytest.mark.server

CREATE = """
from django.utils import timezone
from parley.blog.models import Post
from parley.comments.models import Comment
post = Post.objects.create(title="Post on one server", body="Read me", status="published")
Comment.objects.create(post=post, author_name="Eve", content="Approved later on",
                       status="pending", created_at=timezone.now())
print(post.get_absolute_url())
"""
APPROVE = """
from parley.comments.models import Comment
comment = Comment.objects.get(author_name="Eve")
comment.status = "approved"
comment.save()
"""


def test_every_worker_serves_the_approved_comment_at_once(tmp_path):
    data_dir = tmp_path / "site"
    live = start_parley(data_dir, args=["--workers", "3", "--threads", "1"])
    try:
        env = parley_env(data_dir)
        path = shell(env, CREATE).strip().splitlines()[-1]
        with httpx.Client(base_url=live.url) as client:
            # Enough requests that every worker has served (and cached) the page.
            states = {client.get(path).headers["X-Parley-Cache"] for _ in range(12)}
            assert "hit" in states
            assert "Approved later on" not in client.get(path).text
            shell(env, APPROVE)
            pages = [client.get(path) for _ in range(12)]
        assert all("Approved later on" in page.text for page in pages)
    finally:
        stop_parley(live)
