"""Comment feeds: per post at <post URL>feed/ and site-wide at /comments/feed/."""

import feedparser
import pytest

from .factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db


def test_post_comment_feed_lists_only_its_approved_comments(client, site, post):
    shown = CommentFactory(post=post, content="Visible <em>thought</em>")
    CommentFactory(post=post, status="pending", content="held back")
    CommentFactory(content="elsewhere")
    response = client.get(post.get_absolute_url() + "feed/")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert feed.feed.title == f"Comments on: {post.title}"
    assert len(feed.entries) == 1
    assert feed.entries[0].link.endswith(f"#comment-{shown.pk}")
    assert "<em>thought</em>" in feed.entries[0].summary


def test_site_comment_feed_lists_recent_comments_of_published_posts(client, site):
    draft = PostFactory(status="draft")
    CommentFactory(post=draft, content="on a draft")
    CommentFactory(content="on a published post")
    feed = feedparser.parse(client.get("/comments/feed/").content)
    assert [e.summary for e in feed.entries] == ["<p>on a published post</p>"]


def test_post_page_links_its_comment_feed(client, site, post):
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'href="{post.get_absolute_url()}feed/"' in html
