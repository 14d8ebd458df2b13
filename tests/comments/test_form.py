"""The "Leave a Reply" form: fields, notices, validation messages, kept input, cookies."""

import json
import re

import pytest

from parley.comments import messages
from parley.comments.models import Comment

from .conftest import SUBSTANTIVE
from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_post_page_shows_the_form_with_wordpress_field_names(client, site, post):
    html = client.get(post.get_absolute_url()).content.decode()
    for name in ("comment", "author", "email", "url", "comment_parent", "comment_post_ID"):
        assert f'name="{name}"' in html
    assert "Leave a Reply" in html
    assert "Your email address will not be published." in html
    assert 'Required fields are marked <span class="required">*</span>' in html
    assert html.count('<span class="required">*</span>') == 4  # notice + 3 required fields
    assert 'name="csrfmiddlewaretoken"' in html
    assert 'name="comment_confirm"' in html  # honeypot
    assert messages.COOKIES_CONSENT in html
    assert "This site uses Parley&#x27;s own spam filter to reduce spam." in html
    assert '<a href="/privacy/">Learn how your comment data is processed.</a>' in html


def test_validation_messages_reach_the_page_as_json_from_one_place(client, site, post):
    html = client.get(post.get_absolute_url()).content.decode()
    match = re.search(
        r'<script id="parley-comment-messages" type="application/json">(.*?)</script>', html
    )
    data = json.loads(match.group(1))
    assert data["required"] == "Required field missing"
    assert data["email"] == "Email address invalid"
    assert data["url"] == "Website address invalid"
    assert '<script src="/static/parley/comments.js" defer></script>' in html
    assert "<script>" not in html  # no inline script


def test_empty_bad_email_bad_website_show_the_seed_messages_and_keep_input(submit, site, post):
    response = submit(
        post,
        author="",
        email="not-an-email",
        url="javascript:alert(1)",
        comment="My words must survive <b>this</b>",
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert '<span class="field-error" id="author-error">Required field missing</span>' in html
    assert '<span class="field-error" id="email-error">Email address invalid</span>' in html
    assert '<span class="field-error" id="url-error">Website address invalid</span>' in html
    assert 'required autofocus aria-invalid="true" aria-describedby="author-error"' in html
    assert html.count("autofocus") == 1
    assert "My words must survive &lt;b&gt;this&lt;/b&gt;</textarea>" in html
    assert 'value="not-an-email"' in html
    assert not Comment.objects.exists()


def test_missing_comment_is_required(submit, site, post):
    response = submit(post, comment="   ")
    assert response.status_code == 400
    assert 'id="comment-error">Required field missing<' in response.content.decode()


@pytest.mark.parametrize(
    ("field", "size", "message"),
    [
        ("comment", 65526, "Comment is too long (at most 65,525 characters)."),
        ("author", 246, "Name is too long (at most 245 characters)."),
        ("url", 201, "Website address is too long (at most 200 characters)."),
    ],
)
def test_limits_have_clear_messages(submit, site, post, field, size, message):
    value = "http://e.org/" + "a" * (size - 13) if field == "url" else "a" * size
    response = submit(post, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()


def test_long_email_is_refused_clearly(submit, site, post):
    response = submit(post, email="a" * 95 + "@example.org")
    assert "Email address is too long (at most 100 characters)." in response.content.decode()


def test_text_at_the_limit_is_accepted(submit, site, post):
    response = submit(post, comment="word " * 13105)  # 65,525 characters, stripped
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_bare_domain_website_is_accepted_as_http(submit, site, post):
    submit(post, url="example.org/me")
    assert Comment.objects.get().author_url == "http://example.org/me"


def test_nul_byte_is_a_clear_error(submit, site, post):
    response = submit(post, comment="hello\x00world")
    assert response.status_code == 400
    assert messages.NUL_BYTE in response.content.decode()


def test_invalid_utf8_is_a_clear_error_not_a_500(client, site, post):
    page = client.get(post.get_absolute_url())
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())
    body = (
        f"csrfmiddlewaretoken={token.group(1)}&comment_post_ID={post.pk}"
        "&author=Ada&email=ada%40example.org&comment=caf%C3%A9+%FF%FE"
    ).encode()
    response = client.post(
        "/comments/post/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert messages.INVALID_UTF8 in response.content.decode()
    assert not Comment.objects.exists()


def test_one_megabyte_body_is_a_clear_error_not_a_500(client, site, post):
    response = client.post(
        "/comments/post/", {"comment": "x" * (1024 * 1024 + 10), "comment_post_ID": post.pk}
    )
    assert response.status_code == 413
    assert "at most 1 MB" in response.content.decode()


def test_missing_csrf_token_gets_a_themed_403(site, post):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/comments/post/",
        {"comment_post_ID": post.pk, "comment": "hi", "author": "A", "email": "a@example.org"},
    )
    assert response.status_code == 403
    html = response.content.decode()
    assert "Your form could not be sent" in html
    assert "security token" in html
    assert not Comment.objects.exists()


def test_posting_redirects_to_the_comment_anchor(submit, site, post):
    response = submit(post)
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.APPROVED
    assert response["Location"] == f"{post.get_absolute_url()}#comment-{comment.pk}"


def test_saved_details_only_when_ticked(submit, client, site, post):
    submit(post, comment=SUBSTANTIVE + " First.")
    assert "parley_commenter" not in client.cookies
    submit(
        post,
        comment=SUBSTANTIVE + " Second.",
        **{"wp-comment-cookies-consent": "yes"},
        url="https://ada.example.org",
    )
    assert "parley_commenter" in client.cookies
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'id="author" name="author" type="text" value="Ada Lovelace"' in html
    assert 'value="https://ada.example.org"' in html


def test_replytocom_sets_the_parent_without_javascript(client, site, post):
    parent = CommentFactory(post=post, author_name="Grace")
    html = client.get(f"{post.get_absolute_url()}?replytocom={parent.pk}").content.decode()
    assert "Leave a Reply to Grace" in html
    assert f'name="comment_parent" id="comment_parent" value="{parent.pk}"' in html


def test_reply_is_stored_under_its_parent(submit, site, post):
    parent = CommentFactory(post=post)
    submit(post, comment_parent=str(parent.pk))
    reply = Comment.objects.exclude(pk=parent.pk).get()
    assert reply.parent == parent


def test_reply_to_a_comment_of_another_post_is_refused(submit, site, post):
    other = CommentFactory()
    response = submit(post, comment_parent=str(other.pk))
    assert response.status_code == 400
    assert messages.BAD_PARENT in response.content.decode()


def test_closed_comments_refuse_and_hide_the_form(submit, client, site, post):
    post.comments_open = False
    post.save()
    assert 'id="commentform"' not in client.get(post.get_absolute_url()).content.decode()
    response = submit(post, comment_post_ID=str(post.pk))
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_comments_close_after_the_configured_days(client, site, post):
    from datetime import timedelta

    site.close_comments_after_days = 1
    site.save()
    post.published_at -= timedelta(days=3)
    post.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Comments are closed." in html


def test_logged_in_reader_gets_name_and_email_filled(client, site, post, django_user_model):
    user = django_user_model.objects.create_user(
        "grace", "grace@example.org", "pw", first_name="Grace", last_name="Hopper"
    )
    client.force_login(user)
    html = client.get(post.get_absolute_url()).content.decode()
    assert 'name="author" type="text" value="Grace Hopper"' in html
    assert 'value="grace@example.org"' in html


def test_bad_host_header_is_a_clear_400_not_a_500(client, site, post):
    response = client.get(post.get_absolute_url(), HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "could not be understood" in response.content.decode()
