"""/api/v1/check: the engine's whole verdict as JSON, explained reason by reason."""

import pytest
from django.utils import timezone

from parley.blog.models import Post, Tag

pytestmark = pytest.mark.django_db


def test_check_returns_the_whole_verdict(form_post, comment):
    response = form_post("/api/v1/check", comment())
    assert response.status_code == 200
    data = response.json()
    assert data["action"] == "ham"
    assert data["spam"] is False
    assert isinstance(data["score"], (int, float))
    assert isinstance(data["quality"], (int, float))
    assert isinstance(data["reasons"], list)


def test_check_explains_spam_with_its_reasons(form_post, comment):
    data = form_post("/api/v1/check", comment(comment_author="viagra-test-123")).json()
    assert data["spam"] is True
    assert data["action"] in ("spam", "discard")
    reason = next(r for r in data["reasons"] if r["check"] == "AKISMET_TEST_SPAM")
    assert reason["weight"] > 0
    assert "viagra-test-123" in reason["reason"]


def test_check_passes_post_title_and_body_to_the_engine(form_post, comment, submissions):
    form_post("/api/v1/check", comment(post_title="Sourdough", post_body="Flour, water, salt."))
    assert submissions[-1].post_title == "Sourdough"
    assert submissions[-1].post_text == "Flour, water, salt."


def test_a_permalink_to_a_post_here_brings_its_title_text_and_tags(form_post, comment, submissions):
    post = Post.objects.create(
        title="Caching the home page",
        body="Cache *everything* anonymous readers see.",
        status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )
    post.tags.add(Tag.objects.create(name="performance"))
    url = "http://testserver" + post.get_absolute_url()
    form_post("/api/v1/check", comment(permalink=url))
    sent = submissions[-1]
    assert sent.post_title == "Caching the home page"
    assert "anonymous readers see" in sent.post_text
    assert "<em>" not in sent.post_text
    assert sent.post_tags == ("performance",)


def test_a_permalink_to_a_draft_brings_nothing(form_post, comment, submissions):
    post = Post.objects.create(title="Secret draft", body="Not yet.", status=Post.Status.DRAFT)
    form_post("/api/v1/check", comment(permalink="http://testserver" + post.get_absolute_url()))
    assert submissions[-1].post_title == ""


def test_a_permalink_elsewhere_brings_nothing(form_post, comment, submissions):
    form_post("/api/v1/check", comment(permalink="https://elsewhere.example/2026/11/26/x/"))
    assert (submissions[-1].post_title, submissions[-1].post_text) == ("", "")


def test_check_with_a_bad_key_is_403_json(form_post, comment):
    response = form_post("/api/v1/check", comment(api_key="zzzzzzzzzzzz"))
    assert response.status_code == 403
    assert "unknown or revoked" in response.json()["error"]


def test_check_without_user_ip_is_400_naming_the_field(form_post, comment):
    response = form_post("/api/v1/check", comment(user_ip=None))
    assert response.status_code == 400
    assert response.json()["field"] == "user_ip"


def test_check_refuses_get_with_json(client, api_key):
    response = client.get("/api/v1/check", {"api_key": api_key.key})
    assert response.status_code == 405
    assert "POST" in response.json()["error"]


def test_check_is_rate_limited_with_the_akismet_endpoints(form_post, comment, settings):
    settings.PARLEY_API_RATE_LIMIT = (1, 60)
    assert form_post("/1.1/comment-check", comment()).status_code == 200
    response = form_post("/api/v1/check", comment())
    assert response.status_code == 429
    assert int(response["Retry-After"]) >= 1
