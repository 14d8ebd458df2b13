"""Every public blog page as a visitor sees it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parley.blog.models import Post
from parley.comments.models import Comment
from tests.blog.factories import CategoryFactory, PageFactory, PostFactory, TagFactory, UserFactory

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def test_home_lists_latest_posts_with_sticky_first(client):
    old_sticky = PostFactory(
        title="Pinned welcome", sticky=True, published_at=timezone.now() - timedelta(days=30)
    )
    newest = PostFactory(title="Fresh news", published_at=timezone.now() - timedelta(hours=1))
    page = html(client.get(reverse("blog:home")))
    assert page.index(old_sticky.title) < page.index(newest.title)


def test_blog_index_is_paginated_newest_first_with_date_excerpt_and_count(client):
    first = PostFactory(
        title="Oldest of all",
        excerpt="A short summary of the oldest.",
        published_at=datetime(2008, 4, 18, 12, 0, tzinfo=UTC),
    )
    for i in range(11):
        PostFactory(title=f"Later post {i}", published_at=timezone.now() - timedelta(days=i))
    Comment.objects.create(
        post=first,
        author_name="A",
        content="yes",
        status=Comment.Status.APPROVED,
        created_at=timezone.now(),
    )
    Comment.objects.create(
        post=first,
        author_name="B",
        content="spam",
        status=Comment.Status.SPAM,
        created_at=timezone.now(),
    )
    Comment.objects.create(
        post=first,
        author_name="C",
        content="wait",
        status=Comment.Status.PENDING,
        created_at=timezone.now(),
    )

    page1 = html(client.get(reverse("blog:index")))
    assert page1.index("Later post 0") < page1.index("Later post 1")
    assert "Oldest of all" not in page1
    assert 'rel="next"' in page1

    page2 = html(client.get(reverse("blog:index"), {"page": 2}))
    assert "Oldest of all" in page2
    assert "April 18, 2008" in page2
    assert "A short summary of the oldest." in page2
    assert "1 comment" in page2  # only the approved one counts


def test_blog_index_query_count_does_not_grow_with_posts(client, django_assert_max_num_queries):
    for i in range(10):
        post = PostFactory(title=f"Post {i}")
        Comment.objects.create(
            post=post,
            author_name="A",
            content="hi",
            status=Comment.Status.APPROVED,
            created_at=timezone.now(),
        )
    with django_assert_max_num_queries(4):
        client.get(reverse("blog:index"))


def test_post_page_shows_title_date_author_terms_body_and_navigation(client):
    category = CategoryFactory(name="Gardening")
    tag = TagFactory(name="compost")
    post = PostFactory(
        title="Turning the heap",
        body="It **rots** faster with air.",
        author=UserFactory(username="ada", first_name="Ada", last_name="Lovelace"),
        published_at=datetime(2008, 4, 18, 12, 0, tzinfo=UTC),
        categories=[category],
        tags=[tag],
    )
    assert post.get_absolute_url() == "/2008/04/18/turning-the-heap/"
    page = html(client.get(post.get_absolute_url()))
    assert "<h1>Turning the heap</h1>" in page
    assert "April 18, 2008" in page
    assert "Ada Lovelace" in page and reverse("blog:author", args=["ada"]) in page
    assert "Gardening" in page and "compost" in page
    assert "<strong>rots</strong>" in page
    assert '<li aria-current="page">Turning the heap</li>' in page
    assert 'href="/">Home</a>' in page and 'href="/blog/">Blog</a>' in page


def test_post_page_has_canonical_description_and_open_graph(client):
    post = PostFactory(title="Seeds", excerpt="How to keep seeds.")
    page = html(client.get(post.get_absolute_url()))
    assert f'<link rel="canonical" href="http://testserver{post.get_absolute_url()}">' in page
    assert '<meta name="description" content="How to keep seeds.">' in page
    assert '<meta property="og:title" content="Seeds">' in page
    assert '<meta property="og:type" content="article">' in page


def test_post_under_a_wrong_date_redirects_to_its_permalink(client):
    post = PostFactory(published_at=datetime(2020, 1, 2, 12, tzinfo=UTC))
    response = client.get(f"/2019/05/06/{post.slug}/")
    assert response.status_code == 301
    assert response["Location"] == post.get_absolute_url()


def test_page_lives_at_its_slug(client):
    PageFactory(title="About us", slug="about", body="Who we are.")
    response = client.get("/about/")
    assert response.status_code == 200
    assert "Who we are." in html(response)


def test_drafts_are_invisible_to_the_public(client):
    draft = PostFactory(title="Secret draft", status=Post.Status.DRAFT)
    PageFactory(slug="draft-page", status=Post.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get("/draft-page/").status_code == 404
    assert "Secret draft" not in html(client.get(reverse("blog:index")))
    assert "Secret draft" not in html(client.get(reverse("blog:home")))


def test_scheduled_post_stays_hidden_until_its_time(client):
    future = PostFactory(title="Tomorrow's post", published_at=timezone.now() + timedelta(days=1))
    assert client.get(future.get_absolute_url()).status_code == 404
    assert "Tomorrow" not in html(client.get(reverse("blog:index")))
    Post.objects.filter(pk=future.pk).update(published_at=timezone.now() - timedelta(minutes=1))
    future.refresh_from_db()
    assert client.get(future.get_absolute_url()).status_code == 200


def test_private_post_is_visible_only_to_staff(client):
    private = PostFactory(title="Staff only", status=Post.Status.PRIVATE)
    assert client.get(private.get_absolute_url()).status_code == 404
    assert "Staff only" not in html(client.get(reverse("blog:index")))
    client.force_login(UserFactory(username="editor", is_staff=True))
    response = client.get(private.get_absolute_url())
    assert response.status_code == 200
    assert "Private" in html(response)


def test_category_archive_includes_sub_categories(client):
    parent = CategoryFactory(name="Self-hosting", slug="self-hosting")
    child = CategoryFactory(name="Databases", slug="databases", parent=parent)
    PostFactory(title="Backups", categories=[parent])
    PostFactory(title="SQLite tips", categories=[child])
    PostFactory(title="Cycling", categories=[CategoryFactory()])
    page = html(client.get(reverse("blog:category", args=["self-hosting"])))
    assert "Backups" in page and "SQLite tips" in page and "Cycling" not in page
    child_page = html(client.get(reverse("blog:category", args=["databases"])))
    assert "SQLite tips" in child_page and "Backups" not in child_page


def test_unknown_category_tag_and_author_are_404(client):
    assert client.get(reverse("blog:category", args=["nope"])).status_code == 404
    assert client.get(reverse("blog:tag", args=["nope"])).status_code == 404
    assert client.get(reverse("blog:author", args=["nobody"])).status_code == 404


def test_tag_and_author_archives(client):
    tag = TagFactory(name="espresso", slug="espresso")
    author = UserFactory(username="barista")
    PostFactory(title="Tagged one", tags=[tag])
    PostFactory(title="By the barista", author=author)
    PostFactory(title="Draft by barista", author=author, status=Post.Status.DRAFT)
    tagged = html(client.get(reverse("blog:tag", args=["espresso"])))
    assert "Tagged one" in tagged and "By the barista" not in tagged
    by_author = html(client.get(reverse("blog:author", args=["barista"])))
    assert "By the barista" in by_author and "Draft by barista" not in by_author


def test_year_and_month_archives(client):
    PostFactory(title="April post", published_at=datetime(2008, 4, 18, tzinfo=UTC))
    PostFactory(title="May post", published_at=datetime(2008, 5, 2, tzinfo=UTC))
    PostFactory(title="Other year", published_at=datetime(2009, 4, 1, tzinfo=UTC))
    year = html(client.get("/2008/"))
    assert "April post" in year and "May post" in year and "Other year" not in year
    month = html(client.get("/2008/04/"))
    assert "April post" in month and "May post" not in month
    assert "April 2008" in month
    assert client.get("/2008/13/").status_code == 404


def test_hostile_body_is_sanitised(client):
    post = PostFactory(
        body='<script>alert(1)</script><img src="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)">link</a><p style="color:red">text</p>'
        "<iframe src='https://evil.example'></iframe>",
        body_format=Post.Format.HTML,
    )
    page = html(client.get(post.get_absolute_url()))
    body = page[page.index('class="post-body"') :]
    body = body[: body.index("</div>")]
    for bad in ("<script", "onerror", "javascript:", "style=", "<iframe"):
        assert bad not in body
    assert "text" in body


def test_markdown_raw_html_is_sanitised_too():
    post = PostFactory(body="Hello <script>alert(1)</script> *world*")
    assert "<script" not in post.body_html
    assert "<em>world</em>" in post.body_html


def test_page_html_has_no_inline_script_style_or_third_party_asset(client):
    post = PostFactory(title="Clean page")
    page = html(client.get(post.get_absolute_url()))
    assert "<style" not in page and " style=" not in page and " onclick=" not in page
    assert "https://" not in page.replace("http://testserver", "")
