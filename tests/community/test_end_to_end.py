"""Through the real comment form and the whole engine: "me too!" waits, a real reply goes."""

import time

import pytest

from parley.comments.forms import sign_timestamp
from parley.comments.models import Comment
from parley.community.models import CommenterProfile
from parley.core.models import SiteSettings
from tests.comments.conftest import form_fields
from tests.comments.factories import PostFactory

pytestmark = pytest.mark.django_db(transaction=True)  # profiles refresh on commit


@pytest.fixture
def post(db):
    site = SiteSettings.load()
    site.flood_seconds = 0
    site.save()
    return PostFactory(
        title="Why taking part beats collecting friends",
        body=(
            "A community is worth something when people answer the question in front of "
            "them: a careful reply, a disagreement with a reason, a real question."
        ),
    )


def send(client, post, text, author="Ada Lovelace", email="ada@example.org", parent=""):
    page = client.get(post.get_absolute_url())
    data = {
        **form_fields(page.content.decode()),
        "parley_ts": sign_timestamp(post.pk, time.time() - 60),
        "comment": text,
        "author": author,
        "email": email,
        "url": "",
    }
    if parent:
        data["comment_parent"] = parent
    client.post("/comments/post/", data, REMOTE_ADDR="203.0.113.7")
    return Comment.objects.latest("id")


@pytest.mark.parametrize("text", ["me too!", "great post"])
def test_low_value_comment_waits_for_a_moderator_with_the_reason(client, post, text):
    comment = send(client, post, text)
    assert comment.status == Comment.Status.PENDING
    assert comment.low_value
    checks = {r["check"]: r["reason"] for r in comment.verdict["reasons"]}
    assert "QUALITY_EMPTY_PRAISE" in checks
    assert comment.verdict["low_value"] is True
    assert comment.verdict["spam"] is False


def test_short_substantive_reply_goes_through(client, post):
    comment = send(
        client,
        post,
        "I disagree: in my experience a community grows from careful answers, because "
        "people return where their question was taken seriously.",
    )
    assert comment.status == Comment.Status.APPROVED, comment.verdict
    assert not comment.low_value


def test_the_commenters_profile_counts_what_happened(client, post):
    send(client, post, "me too!", email="sock@example.org", author="Sock")
    send(
        client,
        post,
        "Which part of the reply makes it careful for you: the length or the question?",
        email="sock@example.org",
        author="Sock",
    )
    profile = CommenterProfile.objects.get(email="sock@example.org")
    assert profile.held_for_quality == 1
    assert profile.approved == 1
