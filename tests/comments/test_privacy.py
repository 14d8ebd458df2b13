"""Privacy: the generated /privacy/ page, export and erasure commands, retention cleanup."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from parley.comments.models import Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db


def test_privacy_page_is_generated_from_the_settings(client, site):
    site.ip_retention_days = 12
    site.spam_retention_days = 45
    site.save()
    html = client.get("/privacy/").content.decode()
    assert "Processed here, nowhere else" in html
    for stored in (
        "Name",
        "Email address",
        "Website",
        "Comment text",
        "IP address and browser user agent",
    ):
        assert f"<td>{stored}</td>" in html
    assert "Removed from approved comments after 12 days." in html
    assert "after 45 days" in html
    assert "no third party" in html.lower() or "sent to any third party" in html


def test_privacy_export_prints_json(site, post):
    CommentFactory(post=post, author_email="Ada@Example.org", content="one")
    CommentFactory(post=post, author_email="someone@example.org", content="other")
    out = StringIO()
    call_command("privacy", "export", "ada@example.org", stdout=out)
    data = json.loads(out.getvalue())
    assert [c["content"] for c in data["comments"]] == ["one"]


def test_privacy_erase_keeps_text_unless_asked(site, post):
    kept = CommentFactory(
        post=post,
        author_email="ada@example.org",
        author_url="https://a.example",
        author_ip="203.0.113.1",
        content="keep me",
    )
    call_command("privacy", "erase", "ada@example.org", stdout=StringIO())
    kept.refresh_from_db()
    assert (kept.author_name, kept.author_email, kept.author_url, kept.author_ip) == (
        "Anonymous",
        "",
        "",
        None,
    )
    assert kept.content == "keep me"
    other = CommentFactory(post=post, author_email="bob@example.org", content="remove me")
    call_command("privacy", "erase", "bob@example.org", "--remove-text", stdout=StringIO())
    other.refresh_from_db()
    assert "remove me" not in other.content


def test_privacy_command_refuses_a_non_email(site):
    with pytest.raises(CommandError):
        call_command("privacy", "export", "nobody")


def test_cleanup_empties_old_spam_and_trash_and_strips_old_ips(site, post):
    old = timezone.now() - timedelta(days=31)
    old_spam = CommentFactory(post=post, status="spam", created_at=old)
    old_trash = CommentFactory(post=post, status="trash", created_at=old)
    new_spam = CommentFactory(post=post, status="spam")
    old_ok = CommentFactory(
        post=post, created_at=old, author_ip="203.0.113.1", user_agent="Firefox"
    )
    new_ok = CommentFactory(post=post, author_ip="203.0.113.2", user_agent="Firefox")
    out = StringIO()
    call_command("cleanup", stdout=out)
    remaining = set(Comment.objects.values_list("pk", flat=True))
    assert old_spam.pk not in remaining and old_trash.pk not in remaining
    assert {new_spam.pk, old_ok.pk, new_ok.pk} <= remaining
    old_ok.refresh_from_db()
    new_ok.refresh_from_db()
    assert (old_ok.author_ip, old_ok.user_agent) == (None, "")
    assert new_ok.author_ip == "203.0.113.2"
    assert "Deleted 2" in out.getvalue()
