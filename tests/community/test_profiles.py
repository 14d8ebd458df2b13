"""Commenter profiles: right counts, dates and possible personas, shown to staff in the admin."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from parley.comments.models import Comment
from parley.community.models import CommenterProfile
from parley.community.profiles import refresh_all, shared_identities
from tests.comments.factories import CommentFactory, PostFactory

pytestmark = pytest.mark.django_db(transaction=False)
Status = Comment.Status


@pytest.fixture
def staff_client(client, django_user_model):
    user = django_user_model.objects.create_superuser("mod", "mod@example.org", "pw-123456")
    client.force_login(user)
    return client


def make(email, status=Status.APPROVED, ip=None, name="Ana", low_value=False, days_ago=0):
    return CommentFactory(
        author_email=email,
        author_name=name,
        status=status,
        author_ip=ip,
        low_value=low_value,
        created_at=timezone.now() - timedelta(days=days_ago),
    )


def test_profile_counts_each_outcome_and_first_and_last_seen(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make("ana@example.org", days_ago=10)
        make("ana@example.org", days_ago=5)
        make("ana@example.org", Status.PENDING, low_value=True, days_ago=2)
        make("ana@example.org", Status.PENDING, days_ago=1)
        last = make("Ana@Example.org", Status.SPAM, name="Ana B.")
    profile = CommenterProfile.objects.get(email="ana@example.org")
    assert (profile.approved, profile.held, profile.held_for_quality, profile.spam) == (2, 2, 1, 1)
    assert profile.last_seen == last.created_at
    assert profile.first_seen < last.created_at - timedelta(days=9)
    assert profile.name == "Ana B."
    assert set(profile.names) == {"Ana", "Ana B."}


def test_profile_refreshes_after_the_comment_commits_not_inside_it(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as queued:
        make("ana@example.org")
        # The comment's transaction has not written the profile: that work waits for commit.
        assert not CommenterProfile.objects.filter(email="ana@example.org").exists()
    for callback in queued:  # the commit runs the queued refresh (an immediate task here)
        callback()
    assert CommenterProfile.objects.get(email="ana@example.org").approved == 1


def test_identities_sharing_an_ip_or_network_are_possible_personas():
    make("ana@example.org", ip="203.0.113.7")
    make("bob@example.org", ip="203.0.113.7", name="Bob")
    make("cy@example.org", ip="203.0.113.200", name="Cy")
    make("far@example.org", ip="198.51.100.1", name="Far")
    found = {s.email: s.how for s in shared_identities("ana@example.org")}
    assert found == {"bob@example.org": "same IP address", "cy@example.org": "same network"}


def test_refresh_all_rebuilds_profiles_and_counts_shared_identities():
    make("ana@example.org", ip="203.0.113.7")
    make("bob@example.org", ip="203.0.113.7")
    CommenterProfile.objects.all().delete()
    assert refresh_all() == 2
    assert CommenterProfile.objects.get(email="ana@example.org").shared_identities == 1


def test_profile_goes_when_its_last_comment_is_deleted(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        comment = make("gone@example.org")
    assert CommenterProfile.objects.filter(email="gone@example.org").exists()
    with django_capture_on_commit_callbacks(execute=True):
        comment.delete()
    assert not CommenterProfile.objects.filter(email="gone@example.org").exists()


def test_staff_sees_profiles_with_counts_and_personas(staff_client):
    post = PostFactory()
    CommentFactory(post=post, author_email="ana@example.org", author_ip="203.0.113.7")
    CommentFactory(post=post, author_email="ana@example.org", status=Status.SPAM)
    CommentFactory(
        post=post, author_email="sock@example.org", author_name="Sock", author_ip="203.0.113.7"
    )
    refresh_all()
    listing = staff_client.get(reverse("admin:community_commenterprofile_changelist"))
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "ana@example.org" in html and "sock@example.org" in html
    assert reverse("admin:community_dashboard") in html
    profile = CommenterProfile.objects.get(email="ana@example.org")
    detail = staff_client.get(reverse("admin:community_commenterprofile_change", args=[profile.pk]))
    text = detail.content.decode()
    assert detail.status_code == 200
    assert "sock@example.org" in text and "same IP address" in text
    assert (profile.approved, profile.spam) == (1, 1)


def test_profiles_are_not_shown_to_anonymous_visitors(client):
    response = client.get(reverse("admin:community_commenterprofile_changelist"))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_refresh_command_reports_how_many_profiles(capsys):
    from django.core.management import call_command

    make("ana@example.org")
    call_command("community_refresh")
    assert "refreshed 1 commenter profile(s)" in capsys.readouterr().out


def test_style_check_reads_recent_comments_from_the_same_network_only():
    from parley.community.profiles import recent_texts_from_network

    make("ana@example.org", ip="203.0.113.7")
    make("bob@example.org", ip="203.0.113.99", name="Bob")
    make("old@example.org", ip="203.0.113.8", name="Old", days_ago=3)
    make("far@example.org", ip="198.51.100.1", name="Far")
    since = timezone.now() - timedelta(days=1)
    found = {t.email for t in recent_texts_from_network(since, "203.0.113.50")}
    assert found == {"ana@example.org", "bob@example.org"}
