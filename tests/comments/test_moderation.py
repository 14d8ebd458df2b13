"""comments.moderation: engine verdict + site settings + commenter history -> status."""

import pytest

from parley.antispam.types import Action, Hit, Verdict
from parley.comments.models import Comment
from parley.comments.moderation import Commenter, decide

from .conftest import SUBSTANTIVE, engine_says
from .factories import CommentFactory

pytestmark = pytest.mark.django_db
ADA = Commenter(name="Ada", email="ada@example.org", ip="203.0.113.7")


def verdict(action=Action.HAM, low_value=False):
    hits = (Hit("SOMETHING", 1.0, "a reason"),)
    return Verdict(action=action, score=1.0, hits=hits, low_value=low_value)


@pytest.mark.parametrize(
    ("action", "status"),
    [
        (Action.HAM, "approved"),
        (Action.HOLD, "pending"),
        (Action.SPAM, "spam"),
        (Action.DISCARD, "spam"),
    ],
)
def test_engine_action_maps_to_status(site, action, status):
    assert decide(verdict(action), "Fine words.", ADA, site).status == status


def test_engine_failure_holds_the_comment(site):
    decision = decide(None, "Fine words.", ADA, site)
    assert decision.status == "pending"
    assert "unavailable" in decision.reasons[0]


def test_manual_approval_holds_ham(site):
    site.manual_approval = True
    assert decide(verdict(), "Fine words.", ADA, site).status == "pending"


def test_disallowed_word_sends_to_trash_even_in_the_name(site):
    site.disallowed_words = "casino\n"
    decision = decide(verdict(), "Fine words.", Commenter("Best Casino", "x@example.org"), site)
    assert decision.status == "trash"
    assert decision.reasons == ["disallowed word: casino"]


def test_moderation_word_holds(site):
    site.moderation_words = "refund"
    assert decide(verdict(), "I want a REFUND now", ADA, site).status == "pending"


def test_more_links_than_the_setting_holds(site):
    text = "see http://a.example http://b.example http://c.example"
    decision = decide(verdict(), text, ADA, site)
    assert decision.status == "pending"
    assert decision.reasons == ["3 links (more than 2)"]
    assert decide(verdict(), "see http://a.example http://b.example", ADA, site).status == (
        "approved"
    )


def test_known_commenter_overrides_an_engine_hold_but_not_owner_rules(site):
    CommentFactory(author_name="Ada", author_email="ada@example.org")
    assert decide(verdict(Action.HOLD), "Fine words.", ADA, site).status == "approved"
    site.moderation_words = "refund"
    assert decide(verdict(Action.HOLD), "refund", ADA, site).status == "pending"


def test_known_commenter_needs_the_setting(site):
    CommentFactory(author_name="Ada", author_email="ada@example.org")
    site.auto_approve_known = False
    assert decide(verdict(Action.HOLD), "Fine words.", ADA, site).status == "pending"


def test_known_commenter_never_rescues_spam(site):
    CommentFactory(author_name="Ada", author_email="ada@example.org")
    assert decide(verdict(Action.SPAM), "Fine words.", ADA, site).status == "spam"


@pytest.mark.parametrize(
    ("policy", "status", "collapsed"),
    [("hold", "pending", True), ("collapse", "approved", True), ("publish", "approved", False)],
)
def test_low_value_policy(site, policy, status, collapsed):
    site.low_value_policy = policy
    decision = decide(verdict(low_value=True), "me too!", ADA, site)
    assert decision.status == status
    assert decision.low_value is collapsed


def test_low_value_is_never_spam(site):
    assert decide(verdict(low_value=True), "+1", ADA, site).status != "spam"


def test_spam_verdict_from_the_engine_is_stored_not_dropped(submit, site, post):
    with engine_says(100.0, "forced spam"):
        response = submit(post)
    comment = Comment.objects.get()
    assert comment.status == "spam"
    assert response.status_code == 302
    assert any(r["check"] == "TEST_FORCED" for r in comment.verdict["reasons"])
    assert comment.spam_score >= 100


def test_hold_verdict_keeps_the_reasons_for_the_moderator(submit, site, post):
    with engine_says(5.5, "suspicious for the test"):
        submit(post)
    comment = Comment.objects.get()
    assert comment.status == "pending"
    assert "anti-spam engine: hold" in comment.verdict["moderation"]


def test_honeypot_and_missing_timestamp_reach_the_engine(submit, site, post):
    submit(post, comment_confirm="http://spam.example", parley_ts="forged")
    comment = Comment.objects.get()
    checks = {r["check"] for r in comment.verdict["reasons"]}
    # The honeypot alone (weight 15) is over the spam threshold; stored, not dropped.
    assert comment.status == "spam"
    assert {"HONEYPOT", "FORM_TIMESTAMP_INVALID"} <= checks


def test_staff_comment_is_published(client, submit, site, post, django_user_model):
    staff = django_user_model.objects.create_user("editor", "ed@example.org", "pw", is_staff=True)
    client.force_login(staff)
    site.manual_approval = True
    site.save()
    submit(post, comment=SUBSTANTIVE)
    assert Comment.objects.get().status == "approved"


def test_low_value_comment_is_held_with_its_reason_by_default(submit, site, post):
    with engine_says(3.5, "generic praise", group="quality"):
        submit(post, comment="Great post, me too!")
    comment = Comment.objects.get()
    assert (comment.status, comment.low_value) == ("pending", True)
    assert "low-value comment: held by the site's policy" in comment.verdict["moderation"]
    assert comment.verdict["reasons"][0]["reason"] == "generic praise"


def test_low_value_comment_is_published_collapsed_under_collapse(submit, client, site, post):
    site.low_value_policy = "collapse"
    site.save()
    with engine_says(3.5, "generic praise", group="quality"):
        submit(post, comment="Great post, me too!")
    assert Comment.objects.get().status == "approved"
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Show low-value replies (1)" in html


def test_an_anchor_with_its_url_as_text_counts_as_one_link():
    from parley.comments.moderation import count_links

    assert count_links('<a href="http://a.example">http://a.example</a>') == 1
    assert count_links("see http://a.example and www text, [url=http://b.example]b[/url]") == 2
