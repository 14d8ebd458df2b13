"""Site search through parley.blog.search (FTS5 on SQLite, tsvector on PostgreSQL)."""

import pytest
from django.urls import reverse

from parley.blog.models import Post
from parley.blog.search import search
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [post.title for post in response.context["posts"]]


def test_search_finds_words_in_titles_and_bodies(client):
    PostFactory(title="Composting at home", body="Leaves and peelings.")
    PostFactory(title="Coffee grinders", body="Burrs crush the beans; compost the grounds.")
    PostFactory(title="Cycling", body="Chains and tyres.")
    response = client.get(reverse("blog:search"), {"q": "compost"})
    assert response.status_code == 200
    assert set(titles(response)) == {"Composting at home", "Coffee grinders"}
    assert "2 results" in response.content.decode()


def test_a_title_match_ranks_above_a_body_match():
    PostFactory(title="Notes", body="Somewhere we mention espresso once, in passing.")
    PostFactory(title="Espresso", body="Dose, yield and time.")
    found = list(search(Post.objects.published(), "espresso"))
    assert [p.title for p in found] == ["Espresso", "Notes"]


def test_search_requires_every_word():
    PostFactory(title="Tomato seeds", body="Saving seeds.")
    PostFactory(title="Tomato soup", body="Cooking.")
    found = [p.title for p in search(Post.objects.published(), "tomato seeds")]
    assert found == ["Tomato seeds"]


def test_search_never_shows_drafts_or_private_posts(client):
    PostFactory(title="Public garden", body="garden")
    PostFactory(title="Draft garden", body="garden", status=Post.Status.DRAFT)
    PostFactory(title="Private garden", body="garden", status=Post.Status.PRIVATE)
    assert titles(client.get(reverse("blog:search"), {"q": "garden"})) == ["Public garden"]


def test_search_syntax_in_the_query_is_harmless(client):
    PostFactory(title="Quotes and stars", body="plain words")
    for query in ['"', "words*", "NEAR(a b)", "plain OR ) (", "-plain", "a:b", "' OR 1=1 --"]:
        response = client.get(reverse("blog:search"), {"q": query})
        assert response.status_code == 200, query


def test_search_sees_edits_and_deletions():
    post = PostFactory(title="Before", body="original wording")
    post.body = "changed wording entirely"
    post.save()
    assert not search(Post.objects.all(), "original").exists()
    assert search(Post.objects.all(), "changed").exists()
    post.delete()
    assert not search(Post.objects.all(), "changed").exists()


def test_empty_search_shows_the_form_without_results(client):
    PostFactory(title="Anything")
    response = client.get(reverse("blog:search"), {"q": "  "})
    assert response.status_code == 200
    assert titles(response) == []
