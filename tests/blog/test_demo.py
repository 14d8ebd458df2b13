"""`parley demo`: fills an empty site once, and never touches a site that has posts."""

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from parley.blog.models import Category, Post, RelatedPost, Tag
from tests.blog.factories import PostFactory

pytestmark = pytest.mark.django_db


def run_demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


def test_demo_fills_an_empty_site_and_prints_a_working_login(client):
    output = run_demo()
    assert Post.objects.posts().published().count() >= 12
    assert Post.objects.pages().filter(slug="about").exists()
    assert Category.objects.count() >= 4 and Tag.objects.count() >= 6
    assert RelatedPost.objects.exists()
    password = re.search(r"Admin password: (\S+)", output).group(1)
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password(password)
    assert client.login(username="admin", password=password)


def test_demo_leaves_room_for_the_privacy_page():
    run_demo()
    assert not Post.objects.filter(slug="privacy").exists()


def test_demo_posts_have_related_posts_within_their_topic():
    run_demo()
    espresso = Post.objects.get(slug="dialing-in-espresso-at-home")
    related = RelatedPost.objects.filter(post=espresso).select_related("related")
    assert related.exists()
    for link in related:
        assert link.related.categories.filter(slug="coffee").exists()


def test_second_run_changes_nothing_and_says_so():
    run_demo()
    before = (Post.objects.count(), get_user_model().objects.count())
    output = run_demo()
    assert "left unchanged" in output
    assert (Post.objects.count(), get_user_model().objects.count()) == before


def test_demo_does_nothing_on_a_site_with_posts():
    PostFactory(title="My own post")
    output = run_demo()
    assert "left unchanged" in output
    assert Post.objects.count() == 1
