"""Honeypot, form timestamp, typing speed and Akismet's test values."""

from datetime import UTC, datetime, timedelta

from parley.antispam import Action, Submission, check

NOW = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_honeypot_fires_only_when_filled(run_rule):
    assert run_rule("HONEYPOT", Submission("hi", honeypot_filled=True)).reason == "honeypot filled"
    assert run_rule("HONEYPOT", Submission("hi")) is None


def test_invalid_form_timestamp_fires_but_an_api_call_without_a_form_does_not(run_rule):
    assert run_rule("FORM_TIMESTAMP_INVALID", Submission("hi", form_timestamp_valid=False))
    assert run_rule("FORM_TIMESTAMP_INVALID", Submission("hi", form_timestamp_valid=None)) is None
    assert run_rule("FORM_TIMESTAMP_INVALID", Submission("hi", form_timestamp_valid=True)) is None


def test_sent_within_seconds_of_the_form_is_too_fast(run_rule):
    sub = Submission(
        "hi",
        form_rendered_at=NOW - timedelta(seconds=1),
        submitted_at=NOW,
        form_timestamp_valid=True,
    )
    hit = run_rule("TOO_FAST", sub)
    assert hit.reason == "sent 1.0 s after the form was shown (under 3 s)"


def test_a_long_text_typed_impossibly_fast_is_too_fast(run_rule):
    sub = Submission(
        "word " * 200,
        form_rendered_at=NOW - timedelta(seconds=10),
        submitted_at=NOW,
        form_timestamp_valid=True,
    )
    assert "1000 characters in 10.0 s" in run_rule("TOO_FAST", sub).reason


def test_a_person_typing_at_a_normal_pace_is_not_too_fast(run_rule):
    sub = Submission(
        "A considered reply of a few sentences. " * 3,
        form_rendered_at=NOW - timedelta(seconds=90),
        submitted_at=NOW,
        form_timestamp_valid=True,
    )
    assert run_rule("TOO_FAST", sub) is None


def test_akismet_test_author_and_email_are_discarded(db):
    assert check(Submission("hello", author="viagra-test-123")).action == Action.DISCARD
    by_email = check(Submission("hello", email="akismet-guaranteed-spam@example.com"))
    assert by_email.action == Action.DISCARD


def test_akismet_administrator_role_is_always_ham(db):
    verdict = check(
        Submission(
            "hello", author="viagra-test-123", user_role="administrator", honeypot_filled=True
        )
    )
    assert verdict.action == Action.HAM
