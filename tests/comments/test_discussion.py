"""The discussion under a post: held comments, threads, pagination, text, avatars, caching."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from parley.comments import rendering
from parley.comments.models import Comment, content_digest

from .conftest import SUBSTANTIVE, engine_says
from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_held_comment_is_shown_only_to_its_author(submit, client, site, post):
    with engine_says(5.5):
        response = submit(post, comment=SUBSTANTIVE + " Held.")
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert "parley_held" in response.cookies
    mine = client.get(post.get_absolute_url())
    html = mine.content.decode()
    assert f'id="comment-{comment.pk}"' in html
    assert "Your comment is awaiting moderation." in html
    assert "private" in mine["Cache-Control"]
    assert "Cookie" in mine["Vary"]

    from django.test import Client

    other = Client().get(post.get_absolute_url())
    assert f'id="comment-{comment.pk}"' not in other.content.decode()
    assert "awaiting moderation" not in other.content.decode()


def test_forged_held_cookie_shows_nothing(client, site, post):
    held = CommentFactory(post=post, status="pending", content="secret held words")
    client.cookies["parley_held"] = str(held.pk)  # unsigned: must be ignored
    assert "secret held words" not in client.get(post.get_absolute_url()).content.decode()


def test_anonymous_page_is_reader_neutral(client, site, post):
    CommentFactory(post=post, content="Approved words")
    response = client.get(post.get_absolute_url())
    assert "private" not in response.get("Cache-Control", "")
    assert "Approved words" in response.content.decode()


def test_comments_are_oldest_first_with_count_and_permalinks(client, site, post):
    first = CommentFactory(post=post, content="First!")
    second = CommentFactory(post=post, content="Second")
    CommentFactory(post=post, content="Spam words", status="spam")
    html = client.get(post.get_absolute_url()).content.decode()
    assert html.index("First!") < html.index("Second")
    assert "Spam words" not in html
    assert "2 thoughts on &ldquo;" in html
    assert f'href="{post.get_absolute_url()}#comment-{first.pk}"' in html
    assert f'id="comment-{second.pk}"' in html


def test_replies_nest_up_to_the_depth_setting(client, site, post):
    site.thread_depth = 2
    site.save()
    top = CommentFactory(post=post, content="top")
    reply = CommentFactory(post=post, parent=top, content="reply")
    deeper = CommentFactory(post=post, parent=reply, content="deeper")
    html = client.get(post.get_absolute_url()).content.decode()
    assert f'id="comment-{reply.pk}" class="comment depth-2' in html
    # Past the deepest level replies continue flat, with no Reply link.
    assert f'id="comment-{deeper.pk}" class="comment depth-2' in html
    assert f"replytocom={top.pk}" in html
    assert f"replytocom={reply.pk}" not in html


def test_pagination_past_the_per_page_setting(client, site, post):
    site.comments_per_page = 3
    site.save()
    comments = [CommentFactory(post=post, content=f"number {i} here") for i in range(5)]
    page1 = client.get(post.get_absolute_url()).content.decode()
    page2 = client.get(post.get_absolute_url() + "?cpage=2").content.decode()
    assert "number 0 here" in page1 and "number 3 here" not in page1
    assert "number 3 here" in page2 and "number 0 here" not in page2
    assert "?cpage=2#comments" in page1
    assert f'href="{post.get_absolute_url()}?cpage=2#comment-{comments[4].pk}"' in page2


def test_low_value_comments_collapse_under_the_collapse_policy(client, site, post):
    site.low_value_policy = "collapse"
    site.save()
    top = CommentFactory(post=post, content="real point")
    CommentFactory(post=post, parent=top, content="me too!", low_value=True)
    html = client.get(post.get_absolute_url()).content.decode()
    assert "<summary>Show low-value replies (1)</summary>" in html
    assert html.index("<details") < html.index("me too!")


def test_comment_text_rendering():
    html = rendering.render_comment(
        "Hello <em>there</em>\n\nsee https://example.org/x?a=1&b=2. <script>alert(1)</script>"
        '<a href="javascript:alert(2)">bad</a> <span onclick="x()">s</span>'
    )
    assert "<p>Hello <em>there</em></p>" in html
    assert (
        '<a href="https://example.org/x?a=1&amp;b=2" rel="nofollow ugc noopener">'
        "https://example.org/x?a=1&amp;b=2</a>."
    ) in html
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html
    assert "<span" not in html


def test_every_commenter_link_is_nofollow_ugc_noopener():
    html = rendering.render_comment('<a href="https://example.org" rel="follow">x</a>')
    assert html.count('rel="nofollow ugc noopener"') == 1


def test_author_website_linked_only_when_http_or_https(client, site, post):
    CommentFactory(post=post, author_name="Web", author_url="https://web.example")
    CommentFactory(post=post, author_name="Ftp", author_url="ftp://files.example")
    html = client.get(post.get_absolute_url()).content.decode()
    assert '<a href="https://web.example" rel="external nofollow ugc noopener"' in html
    assert "ftp://files.example" not in html


def test_avatars_are_local_initials_never_gravatar(client, site, post):
    CommentFactory(post=post, author_name="Ada Lovelace", author_email="ada@example.org")
    html = client.get(post.get_absolute_url()).content.decode()
    assert re.search(r'<span class="avatar avatar-\d" aria-hidden="true">AL</span>', html)
    assert "gravatar" not in html.lower()
    assert not re.search(r'<img[^>]+src="https?://', html)


def test_initials():
    assert rendering.initials("Ada Lovelace") == "AL"
    assert rendering.initials("grace") == "G"
    assert rendering.initials("  ") == "?"


def test_flood_gets_429_with_input_kept(submit, site, post):
    site.flood_seconds = 15
    site.save()
    assert submit(post, comment=SUBSTANTIVE + " One.").status_code == 302
    response = submit(post, comment=SUBSTANTIVE + " Two, typed again.")
    assert response.status_code == 429
    html = response.content.decode()
    assert "You are posting comments too quickly. Slow down." in html
    assert "Two, typed again.</textarea>" in html
    assert Comment.objects.count() == 1


def test_flood_is_per_email_too(submit, site, post):
    site.flood_seconds = 15
    site.save()
    submit(post, comment=SUBSTANTIVE + " One.", ip="198.51.100.1")
    response = submit(post, comment=SUBSTANTIVE + " Two.", ip="198.51.100.2")
    assert response.status_code == 429


def test_flat_replies_past_the_deepest_level_read_oldest_first(client, site, post):
    site.thread_depth = 2
    site.save()
    now = timezone.now()
    top = CommentFactory(post=post, content="top", created_at=now - timedelta(hours=3))
    reply = CommentFactory(
        post=post, parent=top, content="reply", created_at=now - timedelta(hours=2)
    )
    later = CommentFactory(post=post, parent=reply, content="Later words", created_at=now)
    # Written after `later` (a higher id) but dated before it, say by an import.
    earlier = CommentFactory(
        post=post, parent=later, content="Earlier words", created_at=now - timedelta(hours=1)
    )
    assert earlier.pk > later.pk
    html = client.get(post.get_absolute_url()).content.decode()
    assert html.index("Earlier words") < html.index("Later words")


def test_duplicate_gets_409(submit, site, post):
    assert submit(post).status_code == 302
    response = submit(post)
    assert response.status_code == 409
    assert (
        "Duplicate comment detected; it looks as though you&#x27;ve already said that!"
        in response.content.decode()
    )
    assert Comment.objects.count() == 1


def test_duplicate_of_an_older_comment_saved_without_the_form_gets_409(submit, site, post):
    """Comments written by the admin, an import or an edit carry the text fingerprint the
    duplicate check looks up, and an edited text gets a new one."""
    earlier = CommentFactory(
        post=post, author_name="Ada Lovelace", content="Old words", status="approved"
    )
    earlier.content = SUBSTANTIVE
    earlier.save(update_fields=["content"])
    assert earlier.content_digest == content_digest(SUBSTANTIVE) != content_digest("Old words")
    assert submit(post, ip="203.0.113.60").status_code == 409
    assert submit(post, ip="203.0.113.61", comment=SUBSTANTIVE + " Also.").status_code == 302


def test_x_forwarded_for_is_believed_only_from_trusted_proxies(submit, site, post, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    from django.test import Client

    forged = Client(HTTP_X_FORWARDED_FOR="192.0.2.99")
    submit(post, page_client=forged, ip="203.0.113.50", comment=SUBSTANTIVE + " A.")
    proxied = Client(HTTP_X_FORWARDED_FOR="192.0.2.99, 10.1.1.1")
    submit(post, page_client=proxied, ip="10.2.2.2", comment=SUBSTANTIVE + " B.")
    ips = list(Comment.objects.order_by("id").values_list("author_ip", flat=True))
    assert ips == ["203.0.113.50", "192.0.2.99"]


def test_new_comment_emails_post_author_and_moderators(
    submit, site, post, mailoutbox, django_user_model
):
    author = django_user_model.objects.create_user("writer", "writer@example.org", "pw")
    django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    post.author = author
    post.save()
    with engine_says(5.5):
        submit(post)
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert sorted(mail.to) == ["mod@example.org", "writer@example.org"]
    assert "awaiting moderation" in mail.subject
    assert "/admin/comments/comment/" in mail.body


def test_spam_sends_no_email(submit, site, post, mailoutbox, django_user_model):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    with engine_says(100):
        submit(post)
    assert mailoutbox == []


def test_form_error_page_is_private_and_not_indexed(submit, site, post):
    response = submit(post, author="")
    assert "private" in response["Cache-Control"]
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_saved_commenter_page_is_private(client, site, post):
    client.cookies["parley_commenter"] = "%7B%22author%22%3A%20%22Ada%22%7D"
    response = client.get(post.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert 'name="author" type="text" value="Ada"' in response.content.decode()


def test_notification_subject_survives_a_title_with_a_line_break(
    submit, site, post, mailoutbox, django_user_model
):
    django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    post.title = "Two\nlines"
    post.save()
    submit(post)
    assert mailoutbox[0].subject.endswith('on "Two lines"')


def test_pages_show_no_post_comment_feed_link(client, site):
    from .factories import PostFactory

    page = PostFactory(kind="page", slug="about-us")
    html = client.get(page.get_absolute_url()).content.decode()
    assert 'id="commentform"' in html
    assert "Comments feed for this post" not in html


def test_reply_on_a_later_page_redirects_to_that_page(submit, site, post):
    site.comments_per_page = 2
    site.save()
    CommentFactory(post=post)
    CommentFactory(post=post)
    third = CommentFactory(post=post)
    response = submit(post, comment_parent=str(third.pk))
    reply = Comment.objects.get(parent=third)
    assert response["Location"] == f"{post.get_absolute_url()}?cpage=2#comment-{reply.pk}"
