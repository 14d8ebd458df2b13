"""What the engine receives from Akismet's parameters: charsets, arrays, honeypot, extras."""

from urllib.parse import quote_from_bytes

import pytest
from django.apps import apps
from django.db import models

from parley.antispam.api.params import Params, parse_gmt
from tests.antispam.api.conftest import BLOG

pytestmark = pytest.mark.django_db


def encoded(fields: list[tuple[str, bytes]]) -> bytes:
    return "&".join(f"{name}={quote_from_bytes(value)}" for name, value in fields).encode()


def base_fields(api_key) -> list[tuple[str, bytes]]:
    return [("api_key", api_key.key.encode()), ("blog", BLOG.encode()), ("user_ip", b"192.0.2.10")]


def test_every_standard_parameter_reaches_the_engine(form_post, comment, submissions):
    data = comment(
        comment_date_gmt="2026-11-26T06:30:00Z",
        comment_post_modified_gmt="2026-11-20T10:00:00Z",
        blog_lang="en_us",
        blog_charset="UTF-8",
        user_role="subscriber",
        recheck_reason="edit",
        comment_type="forum-post",
        comment_author_url="https://ann.example.net/",
    )
    assert form_post("/1.1/comment-check", data).status_code == 200
    sent = submissions[-1]
    assert sent.content == data["comment_content"]
    assert (sent.author, sent.email, sent.url) == (
        "Ann Reader",
        "ann@example.net",
        "https://ann.example.net/",
    )
    assert (sent.ip, sent.user_agent) == ("192.0.2.10", data["user_agent"])
    assert (sent.referrer, sent.permalink) == (data["referrer"], data["permalink"])
    assert (sent.comment_type, sent.blog, sent.blog_lang, sent.user_role) == (
        "forum-post",
        BLOG,
        "en_us",
        "subscriber",
    )
    assert sent.submitted_at.isoformat() == "2026-11-26T06:30:00+00:00"
    assert sent.is_test is False


def test_comment_context_as_one_string(form_post, comment, submissions):
    form_post("/1.1/comment-check", comment(comment_context="cooking"))
    assert submissions[-1].context == ("cooking",)


def test_comment_context_as_php_style_array(form_post, api_key, submissions):
    body = encoded(
        base_fields(api_key)
        + [
            ("comment_content", b"Which flour works best here?"),
            ("comment_context[0]", b"baking"),
            ("comment_context[1]", b"bread"),
            ("comment_context[]", b"sourdough"),
        ]
    )
    assert form_post("/1.1/comment-check", body=body).status_code == 200
    assert submissions[-1].context == ("baking", "bread", "sourdough")


def test_blog_charset_decodes_the_body(form_post, api_key, submissions):
    body = encoded(
        base_fields(api_key)
        + [
            ("blog_charset", b"ISO-8859-1"),
            ("comment_author", "Zoë Brontë".encode("latin-1")),
            ("comment_content", "Très bien écrit, merci.".encode("latin-1")),
        ]
    )
    response = form_post("/1.1/comment-check", body=body)
    assert response.content in (b"true", b"false")
    assert submissions[-1].author == "Zoë Brontë"
    assert submissions[-1].content == "Très bien écrit, merci."


def test_bytes_not_valid_in_blog_charset_become_replacement_characters(
    form_post, api_key, submissions
):
    body = encoded(
        base_fields(api_key)
        + [
            ("blog_charset", b"UTF-8"),
            ("comment_content", b"broken \xff\xfe bytes but a real comment"),
        ]
    )
    response = form_post("/1.1/comment-check", body=body)
    assert response.status_code == 200
    assert submissions[-1].content == "broken \ufffd\ufffd bytes but a real comment"


def test_raw_unescaped_bytes_and_an_unknown_charset_fall_back_to_utf8(
    form_post, api_key, submissions
):
    body = b"&".join(
        [
            encoded(base_fields(api_key)),
            b"blog_charset=x-no-such-charset",
            "comment_content=naïve café".encode(),
        ]
    )
    assert form_post("/1.1/comment-check", body=body).status_code == 200
    assert submissions[-1].content == "naïve café"


@pytest.mark.parametrize("charset", ["rot13", "base64", "zlib", "hex"])
def test_a_blog_charset_that_is_not_a_text_encoding_falls_back_to_utf8(
    form_post, comment, submissions, charset
):
    response = form_post("/1.1/comment-check", comment(blog_charset=charset))
    assert response.status_code == 200
    assert submissions[-1].author == "Ann Reader"


def test_honeypot_field_name_reads_the_field_it_names(form_post, comment, submissions):
    form_post("/1.1/comment-check", comment(honeypot_field_name="hidden_url", hidden_url=""))
    assert submissions[-1].honeypot_filled is False
    form_post(
        "/1.1/comment-check",
        comment(honeypot_field_name="hidden_url", hidden_url="http://spam.test"),
    )
    assert submissions[-1].honeypot_filled is True


def test_is_test_reaches_the_engine(form_post, comment, submissions):
    form_post("/1.1/comment-check", comment(is_test="1"))
    assert submissions[-1].is_test is True


def test_wordpress_server_environment_is_accepted_and_not_stored(form_post, comment):
    secret = "wp-env-7f3a9c"
    data = comment(
        REMOTE_ADDR="192.0.2.10",
        HTTP_COOKIE=f"wordpress_logged_in={secret}",
        HTTP_ACCEPT_LANGUAGE=f"en;{secret}",
        SERVER_SOFTWARE=f"nginx {secret}",
        REQUEST_URI="/wp-comments-post.php",
        comment_post_ID="87",
    )
    assert form_post("/1.1/comment-check", data).content in (b"true", b"false")
    assert form_post("/1.1/submit-ham", data).status_code == 200
    for model in [
        *apps.get_app_config("antispam").get_models(),
        *apps.get_app_config("antispam_api").get_models(),
    ]:
        text_fields = [
            f.name
            for f in model._meta.fields
            if isinstance(f, (models.CharField, models.TextField))
        ]
        for row in model.objects.values(*text_fields):
            assert not any(secret in str(value) for value in row.values()), model


def test_too_many_fields_is_a_clear_400(form_post, api_key, settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    body = encoded(base_fields(api_key) + [(f"f{i}", b"x") for i in range(20)])
    response = form_post("/1.1/comment-check", body=body)
    assert response.status_code == 400
    assert b"Too many fields" in response.content


def test_a_multipart_body_is_read_too(client, comment):
    response = client.post("/1.1/comment-check", comment())  # Django's client: multipart
    assert response.content == b"false"


def test_a_multipart_body_over_one_megabyte_is_413(client, comment):
    # Django's client sends multipart with a Content-Length, checked before parsing.
    response = client.post("/1.1/comment-check", comment(comment_content="x" * 1_100_000))
    assert response.status_code == 413


def test_first_value_wins_and_arrays_are_kept_apart():
    params = Params([("a", "1"), ("a", "2"), ("c[x]", "3")])
    assert params.get("a") == "1"
    assert params.many("c") == ("3",)
    assert params.many("missing") == ()


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2026-11-26T06:30:00Z", "2026-11-26T06:30:00+00:00"),
        ("2026-11-26 06:30:00", "2026-11-26T06:30:00+00:00"),
        ("yesterday", None),
        ("", None),
        ("2026-13-45T99:00:00", None),
    ],
)
def test_comment_date_gmt_is_read_as_iso_8601(value, expected):
    parsed = parse_gmt(value)
    assert (parsed.isoformat() if parsed else None) == expected
