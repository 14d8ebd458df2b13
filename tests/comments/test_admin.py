"""The moderation screen: counts, filters, bulk actions, reasons, learning, reply as admin."""

import json

import pytest

from parley.antispam.models import LabelledExample
from parley.comments.models import Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db
CHANGELIST = "/admin/comments/comment/"


@pytest.fixture
def moderator(client, django_user_model):
    user = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw")
    client.force_login(user)
    return user


def act(client, action, comments, **extra):
    data = {"action": action, "_selected_action": [c.pk for c in comments], **extra}
    return client.post(CHANGELIST, data)


def test_queue_shows_counts_per_status_and_filters(client, moderator, site, post):
    CommentFactory.create_batch(2, post=post, status="pending")
    CommentFactory(post=post, status="spam", content="cheap pills")
    html = client.get(CHANGELIST).content.decode()
    assert 'Pending <span class="count">(2)</span>' in html
    assert 'Spam <span class="count">(1)</span>' in html
    assert 'All <span class="count">(3)</span>' in html
    spam_only = client.get(CHANGELIST + "?status__exact=spam").content.decode()
    assert "cheap pills" in spam_only
    found = client.get(CHANGELIST + "?q=pills").content.decode()
    assert "cheap pills" in found


@pytest.mark.parametrize(
    ("action", "before", "after"),
    [
        ("approve", "pending", "approved"),
        ("unapprove", "approved", "pending"),
        ("move_to_trash", "approved", "trash"),
    ],
)
def test_bulk_status_actions(client, moderator, site, post, action, before, after):
    comments = CommentFactory.create_batch(2, post=post, status=before)
    act(client, action, comments)
    assert set(Comment.objects.values_list("status", flat=True)) == {after}


def test_restore_returns_a_trashed_comment_to_its_old_status(client, moderator, site, post):
    comment = CommentFactory(post=post, status="approved")
    act(client, "move_to_trash", [comment])
    act(client, "restore", [comment])
    assert Comment.objects.get().status == "approved"


def test_spam_and_not_spam_are_learned_by_the_engine(client, moderator, site, post):
    spam = CommentFactory(post=post, status="pending", content="buy now")
    ham = CommentFactory(post=post, status="spam", content="an honest thought")
    act(client, "mark_spam", [spam])
    act(client, "mark_not_spam", [ham])
    spam.refresh_from_db()
    ham.refresh_from_db()
    assert (spam.status, ham.status) == ("spam", "approved")
    examples = {e.comment_id: (e.label, e.source, e.content) for e in LabelledExample.objects.all()}
    assert examples == {
        spam.pk: ("spam", "moderation", "buy now"),
        ham.pk: ("ham", "moderation", "an honest thought"),
    }


def test_delete_permanently_asks_then_deletes(client, moderator, site, post):
    comment = CommentFactory(post=post, status="spam")
    confirm = act(client, "delete_permanently", [comment])
    assert "Are you sure" in confirm.content.decode()
    act(client, "delete_permanently", [comment], post="yes")
    assert not Comment.objects.exists()


def test_change_page_shows_the_anti_spam_reasons(client, moderator, site, post):
    comment = CommentFactory(
        post=post,
        status="pending",
        verdict={
            "action": "hold",
            "score": 5.0,
            "quality": 0,
            "reasons": [
                {"check": "TOO_FAST", "weight": 5.0, "reason": "sent 0.4 s after the form"}
            ],
            "moderation": ["anti-spam engine: hold"],
        },
    )
    html = client.get(f"{CHANGELIST}{comment.pk}/change/").content.decode()
    assert "TOO_FAST" in html and "sent 0.4 s after the form" in html
    assert "anti-spam engine: hold" in html


def test_reply_as_admin_publishes_and_approves_the_parent(client, moderator, site, post):
    parent = CommentFactory(post=post, status="pending")
    page = client.get(f"{CHANGELIST}{parent.pk}/reply/")
    assert page.status_code == 200
    client.post(f"{CHANGELIST}{parent.pk}/reply/", {"content": "Thanks, fixed it."})
    reply = Comment.objects.get(parent=parent)
    parent.refresh_from_db()
    assert (reply.status, reply.user, parent.status) == ("approved", moderator, "approved")
    assert "Thanks, fixed it." in client.get(post.get_absolute_url()).content.decode()


def test_export_and_erase_as_admin_actions(client, moderator, site, post):
    comment = CommentFactory(
        post=post,
        author_email="ada@example.org",
        author_name="Ada",
        author_ip="203.0.113.9",
        content="my words",
    )
    exported = act(client, "export_commenter_data", [comment])
    data = json.loads(exported.content)
    assert data[0]["email"] == "ada@example.org"
    assert data[0]["comments"][0]["content"] == "my words"
    confirm = act(client, "erase_commenter_data", [comment])
    assert "ada@example.org" in confirm.content.decode()
    act(client, "erase_commenter_data", [comment], confirm="yes")
    comment.refresh_from_db()
    assert (comment.author_name, comment.author_email, comment.author_ip) == ("Anonymous", "", None)
    assert comment.content == "my words"


def test_site_settings_are_editable_in_the_admin(client, moderator, site):
    assert client.get("/admin/core/sitesettings/")["Location"] == (
        "/admin/core/sitesettings/1/change/"
    )
    html = client.get("/admin/core/sitesettings/1/change/").content.decode()
    assert "Comment moderation" in html and "low_value_policy" in html
    form = {
        "manual_approval": "on",
        "auto_approve_known": "on",
        "hold_link_count": "3",
        "moderation_words": "",
        "disallowed_words": "casino",
        "low_value_policy": "collapse",
        "close_comments_after_days": "0",
        "thread_depth": "4",
        "comments_per_page": "50",
        "flood_seconds": "15",
        "spam_retention_days": "30",
        "ip_retention_days": "30",
    }
    response = client.post("/admin/core/sitesettings/1/change/", form)
    assert response.status_code == 302
    from parley.core.models import SiteSettings

    saved = SiteSettings.load()
    assert (saved.manual_approval, saved.thread_depth, saved.disallowed_words) == (
        True,
        4,
        "casino",
    )
