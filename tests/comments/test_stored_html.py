"""Comment HTML is rendered once at save time and the thread page shows the stored HTML."""

from types import SimpleNamespace

from django.apps import apps
from django.db import connection

from parley.comments.models import Comment, content_digest
from parley.comments.rendering import render_comment
from tests.comments.factories import CommentFactory

TEXT = "Look: https://example.org/a.\n\nSecond <b>para</b> <script>x()</script>"


def test_save_stores_exactly_the_renderer_output(db, post):
    comment = CommentFactory(post=post, content=TEXT)
    comment.refresh_from_db()
    assert comment.content_html == render_comment(TEXT)
    assert '<a href="https://example.org/a" rel="nofollow ugc noopener">' in comment.content_html
    assert "<script" not in comment.content_html


def test_editing_the_text_with_update_fields_refreshes_the_html(db, post):
    comment = CommentFactory(post=post, content="First")
    comment.content = "Edited *text*"
    comment.save(update_fields=["content"])
    comment.refresh_from_db()
    assert comment.content_html == render_comment("Edited *text*")


def test_the_page_shows_the_stored_html(client, site, post):
    comment = CommentFactory(post=post, content="plain words")
    Comment.objects.filter(pk=comment.pk).update(content_html="<p>stored version</p>")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<p>stored version</p>" in html
    assert "plain words" not in html


def test_a_row_written_without_html_is_rendered_on_the_page(client, site, post):
    comment = CommentFactory(post=post, content="raw row <script>bad()</script>")
    Comment.objects.filter(pk=comment.pk).update(content_html="")
    html = client.get(post.get_absolute_url()).content.decode()
    assert render_comment(comment.content) in html
    assert "raw row" in html
    assert "bad()" not in html


def test_the_data_migration_fills_existing_rows(db, post):
    from importlib import import_module

    migration = import_module("parley.comments.migrations.0003_comment_content_html")
    first = CommentFactory(post=post, content="one http://a.example")
    second = CommentFactory(post=post, content="two\nlines")
    Comment.objects.update(content_html="")
    migration.fill_content_html(apps, SimpleNamespace(connection=connection))
    for comment in (first, second):
        comment.refresh_from_db()
        assert comment.content_html == render_comment(comment.content)


def test_nested_and_collapsed_replies_keep_their_markup(client, site, post):
    site.low_value_policy = site.LowValuePolicy.COLLAPSE
    site.save()
    parent = CommentFactory(post=post, author_name="Parent")
    reply = CommentFactory(post=post, parent=parent, author_name="Child")
    low = CommentFactory(post=post, parent=parent, author_name="Meh", low_value=True)
    html = client.get(post.get_absolute_url()).content.decode()
    start = html.index(f'<li id="comment-{parent.pk}" class="comment depth-1">')
    end = html.index('<div id="respond"')
    thread = " ".join(html[start:end].split())
    assert f'<ol class="children"> <li id="comment-{reply.pk}" class="comment depth-2">' in thread
    assert (
        '</ol> <details class="low-value"> <summary>Show low-value replies (1)</summary>'
        f' <ol class="children"> <li id="comment-{low.pk}" class="comment depth-2">' in thread
    )
    # Parent's </li> comes after both nested lists.
    assert thread.index("</details> </li>") > thread.index(f"comment-{low.pk}")
    assert f'href="?replytocom={reply.pk}#respond"' in thread


def test_the_digest_migration_fills_existing_rows(db, post):
    from importlib import import_module

    migration = import_module("parley.comments.migrations.0004_comment_content_digest")
    comments = [CommentFactory(post=post, content=f"text {n}") for n in range(3)]
    Comment.objects.update(content_digest="")
    migration.fill_content_digest(apps, SimpleNamespace(connection=connection))
    for comment in comments:
        comment.refresh_from_db()
        assert comment.content_digest == content_digest(comment.content)
