"""Byte-exact answers of the Akismet endpoints, as a WordPress or Python client reads them."""

import uuid

import pytest
from django.utils import timezone

from parley.antispam.models import LabelledExample
from tests.antispam.api.conftest import BLOG

pytestmark = pytest.mark.django_db

THANKS = b"Thanks for making the web a better place."


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_connection_test_answers_connected(client, version):
    response = client.get(f"/{version}/test")
    assert response.status_code == 200
    assert response.content == b"connected"
    assert response["Content-Type"] == "text/plain; charset=utf-8"


@pytest.mark.parametrize("version", ["1.1", "1.2"])
def test_verify_key_answers_valid_for_an_active_key(form_post, api_key, version):
    response = form_post(f"/{version}/verify-key", {"key": api_key.key, "blog": BLOG})
    assert response.content == b"valid"
    assert "X-akismet-debug-help" not in response


def test_verify_key_accepts_the_key_as_api_key_too(form_post, api_key):
    assert form_post("/1.1/verify-key", {"api_key": api_key.key, "blog": BLOG}).content == b"valid"


def test_verify_key_accepts_the_key_as_a_host_subdomain(form_post, api_key):
    response = form_post("/1.1/verify-key", {"blog": BLOG}, HTTP_HOST=f"{api_key.key}.testserver")
    assert response.content == b"valid"


def test_an_api_request_to_an_unknown_host_is_refused(form_post, api_key):
    response = form_post(
        "/1.1/verify-key", {"key": api_key.key, "blog": BLOG}, HTTP_HOST="evil.example"
    )
    assert response.status_code == 400


def test_a_key_subdomain_of_an_unknown_host_is_refused(form_post, api_key):
    response = form_post("/1.1/verify-key", {"blog": BLOG}, HTTP_HOST=f"{api_key.key}.evil.example")
    assert response.status_code == 400


def test_a_key_parameter_wins_over_the_host_subdomain(form_post, api_key):
    response = form_post(
        "/1.1/verify-key",
        {"key": "zzzzzzzzzzzz", "blog": BLOG},
        HTTP_HOST=f"{api_key.key}.testserver",
    )
    assert response.content == b"invalid"


def test_a_key_subdomain_does_not_open_the_rest_of_the_site(client, api_key):
    response = client.get("/", HTTP_HOST=f"{api_key.key}.testserver")
    assert response.status_code == 400  # DisallowedHost: only API URLs take key subdomains


def test_verify_key_says_invalid_with_help_for_an_unknown_key(form_post, api_key):
    response = form_post("/1.1/verify-key", {"key": "zzzzzzzzzzzz", "blog": BLOG})
    assert response.status_code == 200
    assert response.content == b"invalid"
    assert "unknown or revoked" in response["X-akismet-debug-help"]


def test_verify_key_says_invalid_for_a_revoked_key(form_post, api_key):
    api_key.revoked_at = timezone.now()
    api_key.save()
    assert form_post("/1.1/verify-key", {"key": api_key.key, "blog": BLOG}).content == b"invalid"


def test_verify_key_says_invalid_without_a_blog(form_post, api_key):
    response = form_post("/1.1/verify-key", {"key": api_key.key})
    assert response.content == b"invalid"
    assert '"blog"' in response["X-akismet-debug-help"]


def test_comment_check_answers_false_for_a_real_comment(form_post, comment):
    response = form_post("/1.1/comment-check", comment())
    assert response.status_code == 200
    assert response.content == b"false"
    assert "X-akismet-pro-tip" not in response
    assert float(response["X-parley-quality"]) >= 0


def test_comment_check_gives_a_new_guid_per_check(form_post, comment):
    first = form_post("/1.1/comment-check", comment())["X-akismet-guid"]
    second = form_post("/1.1/comment-check", comment())["X-akismet-guid"]
    assert uuid.UUID(first) and uuid.UUID(second)
    assert first != second


@pytest.mark.parametrize(
    "changes",
    [
        {"comment_author": "viagra-test-123"},
        {"comment_author_email": "akismet-guaranteed-spam@example.com"},
    ],
)
def test_akismet_test_values_are_spam(form_post, comment, changes):
    response = form_post("/1.2/comment-check", comment(**changes))
    assert response.content == b"true"


def test_administrator_role_is_never_spam(form_post, comment):
    data = comment(comment_author="viagra-test-123", user_role="administrator")
    assert form_post("/1.1/comment-check", data).content == b"false"


def test_blatant_spam_carries_the_discard_pro_tip(form_post, comment):
    # A filled honeypot and Akismet's test author: far over the discard threshold.
    data = comment(
        comment_author="viagra-test-123", honeypot_field_name="hp_url", hp_url="http://x.test"
    )
    response = form_post("/1.1/comment-check", data)
    assert response.content == b"true"
    assert response["X-akismet-pro-tip"] == "discard"


@pytest.mark.parametrize("field", ["blog", "user_ip"])
def test_comment_check_without_a_required_field_is_invalid_with_help(form_post, comment, field):
    response = form_post("/1.1/comment-check", comment(**{field: None}))
    assert response.content == b"invalid"
    assert f'"{field}"' in response["X-akismet-debug-help"]


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"blog": "blog.example.org"}, '"blog"'), ({"user_ip": "unknown"}, '"user_ip"')],
)
def test_comment_check_with_an_unreadable_field_is_invalid_naming_it(
    form_post, comment, changes, field
):
    response = form_post("/1.1/comment-check", comment(**changes))
    assert response.content == b"invalid"
    assert field in response["X-akismet-debug-help"]


def test_a_forwarded_ip_list_is_read_as_its_first_address(form_post, comment, submissions):
    response = form_post("/1.1/comment-check", comment(user_ip="203.0.113.9, 10.0.0.1"))
    assert response.content == b"false"
    assert submissions[-1].ip == "203.0.113.9"


def test_comment_check_with_a_bad_key_is_invalid(form_post, comment):
    response = form_post("/1.1/comment-check", comment(api_key="short"))
    assert response.content == b"invalid"
    assert response["X-akismet-debug-help"]


def test_comment_check_without_any_key_says_how_to_send_one(form_post, comment):
    response = form_post("/1.1/comment-check", comment(api_key=None))
    assert response.content == b"invalid"
    assert "api_key" in response["X-akismet-debug-help"]


def test_connection_test_answers_head(client):
    assert client.head("/1.1/test").status_code == 200


def test_verify_key_refuses_get(client, api_key):
    response = client.get("/1.1/verify-key", {"key": api_key.key, "blog": BLOG})
    assert response.status_code == 405


def test_comment_check_refuses_get(client, api_key):
    response = client.get("/1.1/comment-check", {"api_key": api_key.key})
    assert response.status_code == 405
    assert response["Allow"] == "POST"


def test_a_body_over_one_megabyte_is_refused_with_413(form_post, comment):
    response = form_post("/1.1/comment-check", comment(comment_content="a" * (1024 * 1024 + 1)))
    assert response.status_code == 413


def test_the_rate_limit_answers_429_with_retry_after(form_post, comment, settings):
    settings.PARLEY_API_RATE_LIMIT = (2, 60)
    assert form_post("/1.1/comment-check", comment()).status_code == 200
    assert form_post("/1.1/comment-check", comment()).status_code == 200
    response = form_post("/1.1/comment-check", comment())
    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_the_rate_limit_is_per_key(form_post, comment, settings, api_key):
    from parley.antispam.models import ApiKey

    settings.PARLEY_API_RATE_LIMIT = (1, 60)
    other = ApiKey.objects.create(site="https://other.example/")
    assert form_post("/1.1/comment-check", comment()).status_code == 200
    assert form_post("/1.1/comment-check", comment(api_key=other.key)).status_code == 200
    assert form_post("/1.1/comment-check", comment()).status_code == 429


@pytest.mark.parametrize(("endpoint", "label"), [("submit-spam", "spam"), ("submit-ham", "ham")])
def test_submissions_thank_and_are_kept_to_learn_from(form_post, comment, endpoint, label):
    response = form_post(f"/1.1/{endpoint}", comment())
    assert response.status_code == 200
    assert response.content == THANKS
    example = LabelledExample.objects.get()
    assert (example.label, example.source) == (label, "api")
    assert example.author == "Ann Reader"


def test_test_submissions_are_never_learned(form_post, comment):
    assert form_post("/1.1/submit-spam", comment(is_test="1")).content == THANKS
    assert form_post("/1.1/submit-ham", comment(is_test="true")).content == THANKS
    assert not LabelledExample.objects.exists()


def test_submit_without_user_ip_is_invalid(form_post, comment):
    response = form_post("/1.1/submit-spam", comment(user_ip=None))
    assert response.content == b"invalid"
    assert not LabelledExample.objects.exists()


def test_the_api_works_through_the_full_middleware_stack_too(form_post, comment, settings):
    """Without the short path (e.g. a site that removes it), CSRF must not block the API."""
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "AkismetApi" not in m]
    assert form_post("/1.1/comment-check", comment()).content == b"false"


def test_submit_spam_teaches_the_engine_at_once(form_post, comment):
    """A text reported as missed spam counts against the same text sent again elsewhere."""
    # Spam the engine misses on its own (no pitch phrase, no link): only the report catches it.
    text = "The best replica handbags and sunglasses at unbeatable prices are in our store now"
    first = comment(comment_content=text, comment_author="Jo", comment_author_email="jo@x.test")
    assert form_post("/1.1/comment-check", first).content == b"false"
    assert form_post("/1.1/submit-spam", first).content == THANKS
    again = comment(
        comment_content=text,
        comment_author="Max",
        user_ip="198.51.100.23",
        comment_author_email="max@y.test",
        blog="https://other.example/",
    )
    data = form_post("/api/v1/check", again).json()
    assert "DUPLICATE_OF_SPAM" in [reason["check"] for reason in data["reasons"]]
