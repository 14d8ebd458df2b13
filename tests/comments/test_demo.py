"""Demo comments: an approved conversation with replies, shown under the post."""

import pytest

from parley.comments.demo import add_demo_comments

from .factories import PostFactory

pytestmark = pytest.mark.django_db


def test_demo_comments_are_approved_threads_shown_on_the_post(client, site):
    posts = [PostFactory(), PostFactory(), PostFactory()]
    created = add_demo_comments(posts)
    assert len(created) == 8
    assert all(c.status == "approved" for c in created)
    assert any(c.parent_id for c in created)
    assert not posts[2].comments.exists()
    html = client.get(posts[0].get_absolute_url()).content.decode()
    assert "4 thoughts on" in html
    assert 'class="comment depth-2' in html
    assert add_demo_comments(posts) == []  # idempotent
