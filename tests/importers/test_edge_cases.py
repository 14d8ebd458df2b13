"""Files real WordPress sites produce: old formats, odd threading, protected posts."""

from parley.blog.models import Post
from parley.comments.models import Comment
from parley.importers.load import import_wxr

from .conftest import comment, item, write_wxr


def test_wxr_1_0_without_author_list_creates_authors_from_creators(db, tmp_path):
    import_wxr(write_wxr(tmp_path / "old.xml", item(1), version="1.0"))
    assert Post.objects.get(wp_id=1).author.username == "ann"


def test_reply_before_its_parent_in_the_file_is_threaded(db, tmp_path):
    comments = comment(20, parent=10) + comment(10) + comment(30, parent=20)
    import_wxr(write_wxr(tmp_path / "t.xml", item(1, extra=comments)))
    assert Comment.objects.get(wp_id=20).parent.wp_id == 10
    assert Comment.objects.get(wp_id=30).parent.wp_id == 20


def test_reply_to_a_missing_comment_is_kept_at_top_level(db, tmp_path):
    summary = import_wxr(write_wxr(tmp_path / "o.xml", item(1, extra=comment(5, parent=99))))
    assert Comment.objects.get(wp_id=5).parent is None
    assert summary.notes["replies whose parent is missing, kept at top level"] == 1


def test_a_reply_loop_in_a_broken_file_is_cut(db, tmp_path):
    comments = comment(1, parent=2) + comment(2, parent=1) + comment(3, parent=3)
    import_wxr(write_wxr(tmp_path / "loop.xml", item(1, extra=comments)))
    for c in Comment.objects.all():
        seen, current = set(), c
        while current is not None:
            assert current.pk not in seen, "a reply chain loops"
            seen.add(current.pk)
            current = current.parent
    assert Comment.objects.count() == 3


def test_password_protected_post_is_private_not_public(db, tmp_path, client):
    secret = item(4, "Secret", slug="secret").replace(
        "<wp:post_password></wp:post_password>", "<wp:post_password>hunter2</wp:post_password>"
    )
    import_wxr(write_wxr(tmp_path / "p.xml", secret))
    post = Post.objects.get(wp_id=4)
    assert post.status == Post.Status.PRIVATE
    assert client.get(post.get_absolute_url()).status_code == 404


def test_classic_editor_text_gets_paragraphs(db, tmp_path):
    text = "First line\nsame paragraph\n\nSecond paragraph\n\n<pre>code\n\nkept</pre>"
    import_wxr(write_wxr(tmp_path / "c.xml", item(2, content=text)))
    html = Post.objects.get(wp_id=2).body_html
    assert "<p>First line<br>\nsame paragraph</p>" in html
    assert "<p>Second paragraph</p>" in html
    assert "<pre>code\n\nkept</pre>" in html


def test_revisions_menus_and_auto_drafts_are_skipped_and_counted(db, tmp_path):
    body = (
        item(1)
        + item(2, status="auto-draft")
        + item(3, post_type="nav_menu_item")
        + item(4, post_type="revision", status="inherit")
    )
    summary = import_wxr(write_wxr(tmp_path / "s.xml", body))
    assert list(Post.objects.values_list("wp_id", flat=True)) == [1]
    assert summary.skipped == {"post (auto-draft)": 1, "menu items": 1, "revision": 1}


def test_scheduled_post_stays_hidden_until_its_date(db, tmp_path, client):
    import_wxr(write_wxr(tmp_path / "f.xml", item(8, slug="later", status="future",
                                                   date="2099-01-01 00:00:00")))  # fmt: skip
    post = Post.objects.get(wp_id=8)
    assert post.status == Post.Status.PUBLISHED and not post.is_public
    assert client.get(post.get_absolute_url()).status_code == 404


def test_reimport_of_a_newer_export_applies_its_changes(db, tmp_path):
    from parley.antispam.models import LabelledExample

    first = item(1, "Old title", extra=comment(5) + comment(6, parent=5))
    import_wxr(write_wxr(tmp_path / "a.xml", first))
    newer = item(1, "New title", extra=comment(5, approved="spam") + comment(6))
    summary = import_wxr(write_wxr(tmp_path / "b.xml", newer))
    assert Post.objects.get(wp_id=1).title == "New title"
    assert Comment.objects.get(wp_id=5).status == Comment.Status.SPAM
    assert Comment.objects.get(wp_id=6).parent is None
    labels = {
        Comment.objects.get(pk=e.comment_id).wp_id: e.label for e in LabelledExample.objects.all()
    }
    assert labels == {5: "spam", 6: "ham"}
    assert summary.updated["comments"] == 2 and summary.created["comments"] == 0


def test_a_category_loop_in_a_broken_file_is_cut(db, tmp_path):
    from parley.blog.models import Category

    cats = "".join(
        f"<wp:category><wp:term_id>{i}</wp:term_id><wp:category_nicename>c{i}"
        f"</wp:category_nicename><wp:category_parent>c{parent}</wp:category_parent>"
        f"<wp:cat_name>C{i}</wp:cat_name></wp:category>"
        for i, parent in ((1, 2), (2, 1), (3, 1))
    )
    import_wxr(write_wxr(tmp_path / "cats.xml", item(1), channel_extra=cats))
    for category in Category.objects.all():
        seen, current = set(), category
        while current is not None:
            assert current.pk not in seen, "a category is its own ancestor"
            seen.add(current.pk)
            current = current.parent
    assert Category.objects.get(slug="c3").parent.slug == "c1"


def test_a_tag_slug_owned_by_another_sites_tag_gets_a_free_suffix(db, tmp_path):
    from parley.blog.models import Tag

    Tag.objects.create(name="News", slug="news", wp_id=900)
    Tag.objects.create(name="News 2", slug="news-2")
    tags = (
        "<wp:tag><wp:term_id>5</wp:term_id><wp:tag_slug>news</wp:tag_slug>"
        "<wp:tag_name>News</wp:tag_name></wp:tag>"
    )
    import_wxr(write_wxr(tmp_path / "t.xml", item(1), channel_extra=tags))
    assert Tag.objects.get(wp_id=5).slug == "news-3"
