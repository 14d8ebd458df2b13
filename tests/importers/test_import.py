"""Importing the WordPress Theme Unit Test export: everything arrives, once, intact."""

from datetime import UTC, datetime

from django.contrib.auth import get_user_model
from django.core import mail

from parley.antispam.models import LabelledExample
from parley.blog.models import Category, Post, Tag
from parley.comments.models import Comment, content_digest
from parley.importers.load import import_wxr
from parley.importers.models import Attachment


def test_counts_of_posts_pages_comments_and_terms_equal_the_files(imported, expected):
    assert Post.objects.posts().count() == expected["posts"] == 58
    assert Post.objects.pages().count() == expected["pages"] == 21
    assert Comment.objects.count() == expected["comments"] == 33
    assert Category.objects.count() == expected["categories"] == 68
    assert Tag.objects.count() == expected["tags"]
    assert Attachment.objects.count() == expected["attachments"] == 37
    assert imported.created["posts"] == 58 and imported.skipped["menu items"] == 70


def test_comment_threading_is_kept(imported, expected):
    replies = {c.wp_id: c.parent.wp_id for c in Comment.objects.filter(parent__isnull=False)}
    assert replies == expected["replies"]
    assert len(replies) == 10
    reply = Comment.objects.filter(parent__isnull=False).first()
    assert reply.post_id == reply.parent.post_id


def test_imported_comments_carry_the_fingerprint_the_duplicate_check_reads(imported):
    comments = list(Comment.objects.all())
    assert comments
    assert all(c.content_digest == content_digest(c.content) for c in comments)


def test_statuses_and_dates_come_from_wordpress(imported, expected):
    scheduled = Post.objects.get(wp_id=1153)
    assert scheduled.status == Post.Status.PUBLISHED
    assert scheduled.published_at == datetime(2030, 1, 1, 19, 0, 18, tzinfo=UTC)  # the GMT date
    assert not scheduled.is_public
    assert Post.objects.get(wp_id=1164).status == Post.Status.DRAFT
    assert Post.objects.filter(sticky=True).count() == 1
    assert Comment.objects.pending().count() == expected["pending"] == 3
    assert Comment.objects.filter(comment_type="pingback").count() == 2
    assert Comment.objects.filter(comment_type="trackback").count() == 2
    assert Post.objects.filter(comments_open=False).exists()


def test_category_hierarchy_and_post_terms(imported):
    grandchild = Category.objects.get(slug="grandchild-category")
    assert grandchild.parent.slug == "child-category-03"
    assert grandchild.parent.parent.slug == "parent-category"
    post = Post.objects.get(wp_id=163)
    assert set(post.categories.values_list("slug", flat=True)) == {"6-1", "block"}


def test_non_ascii_slugs_are_decoded(imported):
    page = Post.objects.pages().get(slug="επίπεδο-2")
    assert page.parent.slug == "greek"


def test_authors_become_users_who_cannot_log_in(imported):
    user = get_user_model().objects.get(username="themereviewteam")
    assert not user.has_usable_password()
    assert user.email == "themereviewteam@gmail.com"
    assert Post.objects.filter(author=user).exists()


def test_content_is_html_and_sanitised(imported):
    assert not Post.objects.exclude(body_format=Post.Format.HTML).exists()
    styled = [p for p in Post.objects.all() if 'style="' in p.body]
    assert styled, "the test file has inline styles in its block content"
    for post in Post.objects.all():
        for unsafe in ("<script", 'style="', "<iframe", "onclick", "onerror"):
            assert unsafe not in post.body_html


def test_xss_in_imported_content_does_not_reach_the_page(client, db, tmp_path):
    from .conftest import comment, item, write_wxr

    evil = (
        '<p>Hi</p><script>alert(1)</script><img src="x" onerror="alert(2)">'
        '<a href="javascript:alert(3)">link</a>'
    )
    evil_comment = comment(70, content="Nice <script>alert(4)</script><b onclick=x>post</b>")
    path = write_wxr(
        tmp_path / "xss.xml", item(7, "Evil", slug="evil", content=evil, extra=evil_comment)
    )
    import_wxr(path)
    post = Post.objects.get(wp_id=7)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<p>Hi</p>" in html
    assert "alert(1)" not in html and "onerror" not in html and "javascript:" not in html
    assert "Nice" in html and "alert(4)" not in html and "onclick" not in html


def test_reimport_updates_and_never_duplicates(imported, theme_file):
    before = {
        "posts": Post.objects.count(),
        "comments": Comment.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
        "attachments": Attachment.objects.count(),
        "examples": LabelledExample.objects.count(),
        "post_tags": Post.tags.through.objects.count(),
    }
    post = Post.objects.get(wp_id=163)
    post.title = "Edited in Parley"
    post.save()
    again = import_wxr(theme_file)
    after = {
        "posts": Post.objects.count(),
        "comments": Comment.objects.count(),
        "categories": Category.objects.count(),
        "tags": Tag.objects.count(),
        "users": get_user_model().objects.count(),
        "attachments": Attachment.objects.count(),
        "examples": LabelledExample.objects.count(),
        "post_tags": Post.tags.through.objects.count(),
    }
    assert after == before
    assert again.created["posts"] == 0 and again.updated["posts"] == 58
    assert Post.objects.get(wp_id=163).title == "WP 6.1 Font size scale"


def test_approved_and_spam_comments_become_labelled_examples(db, tmp_path):
    from .conftest import comment, item, write_wxr

    comments = (
        comment(1, content="Thanks, useful")
        + comment(2, approved="spam", content="cheap pills")
        + comment(3, approved="0", content="held")
    )
    import_wxr(write_wxr(tmp_path / "c.xml", item(5, extra=comments)))
    examples = LabelledExample.objects.filter(source=LabelledExample.Source.IMPORT)
    assert sorted(examples.values_list("label", "content")) == [
        ("ham", "Thanks, useful"),
        ("spam", "cheap pills"),
    ]
    assert Comment.objects.get(wp_id=2).status == Comment.Status.SPAM
    assert Comment.objects.get(wp_id=2).author_ip == "192.0.2.1"


def test_import_sends_no_email(imported):
    assert mail.outbox == []


def test_dry_run_writes_nothing(db, theme_file):
    summary = import_wxr(theme_file, dry_run=True)
    assert summary.created["posts"] == 58
    assert not Post.objects.exists() and not Comment.objects.exists()


def test_attachments_are_recorded_with_their_original_urls(imported):
    attachment = Attachment.objects.get(url__endswith="/2008/06/canola2.jpg")
    assert attachment.url.startswith("https://wpthemetestdata.files.wordpress.com/")
    with_parent = Attachment.objects.filter(post__isnull=False)
    assert with_parent.exists()
    assert all(a.post.wp_id == a.parent_wp_id for a in with_parent)


def test_slug_collisions_get_a_suffix_that_is_stable_on_reimport(db, tmp_path):
    from .conftest import item, write_wxr

    Post.objects.create(title="Mine", slug="hello", status=Post.Status.PUBLISHED)
    path = write_wxr(tmp_path / "s.xml", item(1, slug="hello") + item(2, slug="hello"))
    import_wxr(path)
    import_wxr(path)
    assert sorted(Post.objects.values_list("slug", flat=True)) == ["hello", "hello-2", "hello-3"]
    assert Post.objects.get(wp_id=1).slug == "hello-2"


def test_display_name_is_kept_as_the_public_name(imported):
    user = get_user_model().objects.get(username="themedemos")
    assert user.get_full_name() == "Theme Buster"
    reviewer = get_user_model().objects.get(username="themereviewteam")
    assert reviewer.get_full_name() == "Theme Review"
