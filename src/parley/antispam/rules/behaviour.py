"""How the comment was sent: honeypot, form timestamp, typing speed, Akismet's test values."""

from parley.antispam.registry import hit, rule

HONEYPOT = "HONEYPOT"
FORM_TIMESTAMP_INVALID = "FORM_TIMESTAMP_INVALID"
TOO_FAST = "TOO_FAST"
AKISMET_TEST_SPAM = "AKISMET_TEST_SPAM"
AKISMET_TEST_HAM = "AKISMET_TEST_HAM"

# Akismet's documented test values, so clients can test their integration.
TEST_SPAM_AUTHOR = "viagra-test-123"
TEST_SPAM_EMAIL = "akismet-guaranteed-spam@example.com"


@rule(HONEYPOT, weight=15.0, description="A hidden field that people never see was filled in.")
def honeypot(submission, context):
    if submission.honeypot_filled:
        return hit(HONEYPOT, "honeypot filled")
    return None


@rule(
    FORM_TIMESTAMP_INVALID,
    weight=5.0,
    description="The form's signed timestamp is missing, forged or expired.",
)
def form_timestamp_invalid(submission, context):
    if submission.form_timestamp_valid is False:
        return hit(FORM_TIMESTAMP_INVALID, "form timestamp missing, forged or expired")
    return None


@rule(TOO_FAST, weight=5.0, description="Sent faster than a person could read and type it.")
def too_fast(submission, context):
    """Graded on the text: a long comment cannot be typed in the time a short one can."""
    if submission.form_rendered_at is None or submission.form_timestamp_valid is False:
        return None
    sent = submission.submitted_at or context.now
    seconds = (sent - submission.form_rendered_at).total_seconds()
    minimum = context.setting("min_form_seconds")
    if seconds < minimum:
        return hit(TOO_FAST, f"sent {seconds:.1f} s after the form was shown (under {minimum:g} s)")
    speed = len(context.text) / max(seconds, 0.001)
    limit = context.setting("max_chars_per_second")
    if speed > limit:
        return hit(
            TOO_FAST,
            f"{len(context.text)} characters in {seconds:.1f} s (over {limit:g} a second)",
        )
    return None


@rule(AKISMET_TEST_SPAM, weight=100.0, description="Akismet's test author or email: always spam.")
def akismet_test_spam(submission, context):
    if submission.author.strip().lower() == TEST_SPAM_AUTHOR:
        return hit(AKISMET_TEST_SPAM, f"test author {TEST_SPAM_AUTHOR}")
    if submission.email.strip().lower() == TEST_SPAM_EMAIL:
        return hit(AKISMET_TEST_SPAM, f"test email {TEST_SPAM_EMAIL}")
    return None


@rule(
    AKISMET_TEST_HAM,
    weight=-1000.0,
    description="Sent by the site's administrator (user_role=administrator): always ham.",
)
def akismet_test_ham(submission, context):
    if submission.user_role.strip().lower() == "administrator":
        return hit(AKISMET_TEST_HAM, "user_role is administrator")
    return None
