"""Listings: sticky posts lead the home page across pages; counts are per post, approved only."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.comments.models import Comment
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db


def _titles(html: str, titles: list[str]) -> list[str]:
    found = [(html.index(t), t) for t in titles if t in html]
    return [t for _, t in sorted(found)]


def test_home_pages_show_sticky_posts_first_then_newest(client):
    now = timezone.now()
    sticky = [
        PostFactory(title=f"Pinned {i}", sticky=True, published_at=now - timedelta(days=100 + i))
        for i in range(3)
    ]
    plain = [
        PostFactory(title=f"Plain {i:02d}", published_at=now - timedelta(hours=i))
        for i in range(15)
    ]
    titles = [p.title for p in sticky + plain]
    page1 = _titles(client.get("/").content.decode(), titles)
    page2 = _titles(client.get("/?page=2").content.decode(), titles)
    assert page1 == ["Pinned 0", "Pinned 1", "Pinned 2"] + [f"Plain {i:02d}" for i in range(7)]
    assert page2 == [f"Plain {i:02d}" for i in range(7, 15)]


def test_each_listed_post_shows_its_own_approved_comment_count(client):
    busy = PostFactory(title="Busy one")
    PostFactory(title="Quiet one", published_at=busy.published_at - timedelta(days=1))
    for status in ["approved", "approved", "approved", "pending", "spam"]:
        Comment.objects.create(
            post=busy, author_name="A", content="hi", status=status, created_at=timezone.now()
        )
    html = client.get("/blog/").content.decode()
    busy_part = html[html.index("Busy one") : html.index("Quiet one")]
    assert "3 comments" in busy_part
    assert "No comments" in html[html.index("Quiet one") :]
