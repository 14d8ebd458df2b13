"""Feeds, sitemap and robots.txt, read as a feed reader and a crawler would."""

from datetime import timedelta
from xml.etree import ElementTree

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from parley.blog.models import Post
from tests.blog.factories import CategoryFactory, PageFactory, PostFactory, TagFactory

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response, feedparser.parse(response.content)


def test_rss_feed_lists_public_posts_with_absolute_links(client):
    post = PostFactory(title="Feed me", body="Body *here*.")
    PostFactory(title="Hidden draft", status=Post.Status.DRAFT)
    PostFactory(title="Not yet", published_at=timezone.now() + timedelta(days=2))
    response, feed = parse(client, reverse("blog:feed"))
    assert response["Content-Type"].startswith("application/rss+xml")
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Feed me"]
    assert feed.entries[0].link == "http://testserver" + post.get_absolute_url()
    assert "<em>here</em>" in feed.entries[0].summary


def test_atom_feed_is_valid_atom(client):
    PostFactory(title="Atom entry")
    response, feed = parse(client, reverse("blog:feed-atom"))
    assert feed.version == "atom10"
    assert feed.entries[0].title == "Atom entry"
    assert not feed.bozo


def test_category_and_tag_feeds_only_hold_their_posts(client):
    coffee = CategoryFactory(name="Coffee", slug="coffee")
    espresso = TagFactory(name="espresso", slug="espresso")
    PostFactory(title="Coffee post", categories=[coffee])
    PostFactory(title="Espresso post", tags=[espresso])
    PostFactory(title="Elsewhere")
    _, by_category = parse(client, "/category/coffee/feed/")
    assert [e.title for e in by_category.entries] == ["Coffee post"]
    _, by_tag = parse(client, "/tag/espresso/feed/")
    assert [e.title for e in by_tag.entries] == ["Espresso post"]
    assert client.get("/tag/unknown/feed/").status_code == 404


def test_sitemap_lists_public_posts_and_pages_only(client):
    post = PostFactory(title="Mapped")
    PageFactory(title="About", slug="about")
    draft = PostFactory(title="Unmapped", status=Post.Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = {el.text for el in ElementTree.fromstring(response.content).findall(".//s:loc", ns)}
    assert "http://testserver" + post.get_absolute_url() in locs
    assert "http://testserver/about/" in locs
    assert "http://testserver" + draft.get_absolute_url() not in locs


def test_every_page_links_the_feeds(client):
    page = client.get(reverse("blog:home")).content.decode()
    assert 'type="application/rss+xml"' in page and 'href="/feed/"' in page
    assert 'href="/feed/atom/"' in page
