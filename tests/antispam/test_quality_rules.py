"""Each participation-quality check fires with a reason, and stays silent on real replies."""

from datetime import timedelta

import pytest
from django.utils import timezone

from parley.antispam import Submission
from parley.antispam.pipeline import evaluate, run
from parley.antispam.quality import hooks

pytestmark = pytest.mark.django_db

POST = dict(
    post_title="Caching Django templates without breaking CSRF",
    post_text=(
        "Template fragment caching makes pages fast, but a cached form carries a stale CSRF "
        "token. This post shows how we cache the fragment around the form instead, measure "
        "the hit rate with Redis, and invalidate the cache when a comment is approved. "
        "Misses cost two round trips to Redis, so the cache key design matters."
    ),
    post_tags=("django", "caching", "redis"),
    permalink="https://blog.example/caching/",
)
QUALITY = [
    "QUALITY_EMPTY_PRAISE",
    "QUALITY_GENERIC",
    "QUALITY_SHORT_UNRELATED",
    "QUALITY_OFF_TOPIC",
    "QUALITY_ECHO_REPLY",
    "QUALITY_CROSS_POSTED",
    "QUALITY_SAME_TEXT_OTHER_NAME",
    "QUALITY_MANY_IDENTITIES",
    "QUALITY_STYLE_OTHER_NAME",
]


def comment(content, **fields):
    return Submission(content, **{**POST, "author": "Ana", "email": "ana@example.org", **fields})


@pytest.mark.parametrize("text", ["me too!", "great post", "Great post!!", "+1", "👍👍👍", "Hi!"])
def test_obvious_low_value_is_low_value_with_a_reason(only_rules, text):
    only_rules(*QUALITY)
    verdict = evaluate(comment(text))
    assert verdict.low_value
    assert verdict.quality >= 3.0
    assert verdict.score == 0  # low value is never spam
    assert not verdict.is_spam
    reasons = {h.check: h.reason for h in verdict.hits}
    assert "QUALITY_EMPTY_PRAISE" in reasons
    assert reasons["QUALITY_EMPTY_PRAISE"].startswith("only ")


@pytest.mark.parametrize(
    "text",
    [
        "I disagree: in my experience the cache makes it slower, because every miss costs "
        "two round trips to Redis.",
        "Does the fragment cache still work when the CSRF cookie rotates at login?",
        "We did the same, but keyed the cache on the user's language too.",
        "Link broken",  # short and shares no word with the post, but a real report
    ],
)
def test_short_substantive_comment_passes(only_rules, text):
    only_rules(*QUALITY)
    verdict = evaluate(comment(text))
    assert not verdict.low_value, verdict.reasons()
    assert verdict.quality < 3.0


@pytest.mark.parametrize(
    "text",
    [
        "Who else is reading this in 2027?",  # year check-in
        "Over 3 million readers already, congrats!!",  # counts and milestones
        "You are my idol, I have read every single post since day one!!!",  # fandom
        "Merci beaucoup pour ce super article !",  # thanks in another language
        "Thanks a lot for this great guide, very helpful for a beginner like me.",
        "boring and overrated tbh",  # a bare dislike
        "Is it just me or are the comments full of bots today?",  # comment-section talk
    ],
)
def test_chatter_that_says_nothing_about_the_post_is_held_and_never_spam(only_rules, text):
    only_rules(*QUALITY)
    verdict = evaluate(comment(text))
    assert verdict.low_value, text
    assert verdict.score == 0
    assert not verdict.is_spam


@pytest.mark.parametrize(
    "text",
    [
        "Which Redis version?",
        "Does this work with the database cache backend too?",
        "Typo: the setting is CACHE_MIDDLEWARE_SECONDS, not CACHE_SECONDS.",
        "The second code block raises NameError: csrf_token is not defined.",
        "Wrong: the token rotates on login, so a cached form breaks after sign-in.",
        "Thanks! The bit about keying on the language fixed our French pages.",
    ],
)
def test_short_questions_corrections_and_specific_thanks_pass(only_rules, text):
    only_rules(*QUALITY)
    verdict = evaluate(comment(text))
    assert not verdict.low_value, verdict.reasons()


def test_learned_check_catches_praise_variants_no_pattern_lists(run_rule):
    hit = run_rule(
        "QUALITY_GENERIC",
        comment("Thank you so much for this wonderful and helpful article, keep sharing!"),
    )
    assert hit is not None
    assert hit.group == "quality"
    assert "model:" in hit.reason and "low-value" in hit.reason


def test_learned_check_is_silent_on_a_question_about_the_post(run_rule):
    text = "How do you invalidate the fragment when only the comment count changes?"
    assert run_rule("QUALITY_GENERIC", comment(text)) is None


@pytest.mark.parametrize("text", ["1:12 so cute omg!!!", "0 : 48 love this part so much"])
def test_reaction_to_a_moment_of_a_video_is_not_generic(only_rules, text):
    """A timestamp points at a detail (the labelling rule); the model alone reads chatter."""
    only_rules(*QUALITY)
    verdict = evaluate(comment(text))
    assert "QUALITY_GENERIC" not in {h.check for h in verdict.hits}
    assert not verdict.low_value, verdict.reasons()


def test_a_real_question_needs_a_higher_model_score_than_chatter(only_rules):
    text = "what is this song?? love it"
    only_rules("QUALITY_GENERIC")
    assert not evaluate(comment(text)).low_value
    only_rules("QUALITY_GENERIC", quality={"generic_question_threshold": 0.3})
    assert evaluate(comment(text)).low_value


@pytest.mark.parametrize(
    "text", ["Who else is watching this in 2031?", "Is it just me or does this get better?"]
)
def test_roll_calls_and_bids_for_agreement_are_not_questions(only_rules, text):
    only_rules(*QUALITY)
    assert evaluate(comment(text)).low_value


def test_very_short_unrelated_comment_fires(run_rule):
    hit = run_rule("QUALITY_SHORT_UNRELATED", comment("my telephone!"))
    assert hit is not None
    assert hit.reason == "2 words, none of them about the post"


def test_very_short_comment_about_the_post_is_not_unrelated(run_rule):
    assert run_rule("QUALITY_SHORT_UNRELATED", comment("Redis sharding?")) is None
    assert run_rule("QUALITY_SHORT_UNRELATED", comment("CSRF tokens expire")) is None


def test_short_check_needs_the_post(run_rule):
    bare = Submission("my telephone!")
    assert run_rule("QUALITY_SHORT_UNRELATED", bare) is None


def test_off_topic_comment_fires_and_on_topic_stays_silent(run_rule):
    off = comment(
        "My grandmother grew tomatoes on her balcony every summer and the harvest was "
        "always enormous, especially after rainy weeks in July."
    )
    hit = run_rule("QUALITY_OFF_TOPIC", off)
    assert hit is not None
    assert hit.reason.startswith("off-topic: similarity 0.0")
    on = comment(
        "Keying the fragment on the session would make every form uncacheable, so we "
        "rotate the token in a small uncached include instead."
    )
    assert run_rule("QUALITY_OFF_TOPIC", on) is None


def test_an_off_topic_post_but_on_topic_reply_is_not_off_topic(run_rule):
    parent = "Our tomatoes split in July when we watered them every evening on the balcony."
    reply = comment(
        "Tomatoes split from uneven watering: water them in the morning and mulch the pots.",
        parent_text=parent,
    )
    assert run_rule("QUALITY_OFF_TOPIC", reply) is None


def test_reply_that_only_repeats_its_parent_fires(run_rule):
    parent = "Caching the whole page breaks the CSRF token for logged-in readers."
    hit = run_rule(
        "QUALITY_ECHO_REPLY",
        comment("caching the whole page breaks the CSRF token!", parent_text=parent),
    )
    assert hit is not None
    assert "repeats the comment it answers" in hit.reason
    answer = comment(
        "Only for logged-in readers: anonymous pages get a fresh token from the middleware.",
        parent_text=parent,
    )
    assert run_rule("QUALITY_ECHO_REPLY", answer) is None


PASTE = "Check my thoughts on this topic, I wrote a long answer about it on my own page today."


def test_same_text_under_several_posts_fires(run_rule):
    now = timezone.now()
    for n in (1, 2):
        run(comment(PASTE, permalink=f"https://blog.example/post-{n}/", submitted_at=now))
    hit = run_rule("QUALITY_CROSS_POSTED", comment(PASTE, submitted_at=now), now=now)
    assert hit is not None
    assert hit.reason == "the same text was posted under 2 other posts in 30 days"


def test_same_text_checks_read_the_engines_shared_lookup_without_queries(
    django_assert_num_queries,
):
    from parley.antispam.context import Context
    from parley.antispam.pipeline import enabled_rules
    from parley.antispam.registry import RULES

    enabled_rules()
    for n in (1, 2):
        other = {"author": f"P{n}", "email": f"p{n}@example.org"}
        run(comment(PASTE, permalink=f"https://blog.example/post-{n}/", **other))
    submission = comment(PASTE)
    context = Context(submission)
    context.history  # noqa: B018 (the engine looks up once for every history rule)
    with django_assert_num_queries(0):
        assert RULES["QUALITY_CROSS_POSTED"].check(submission, context) is not None
        assert RULES["QUALITY_SAME_TEXT_OTHER_NAME"].check(submission, context) is not None


def test_same_text_under_one_other_post_is_not_yet_cross_posting(run_rule):
    run(comment(PASTE, permalink="https://blog.example/post-1/"))
    assert run_rule("QUALITY_CROSS_POSTED", comment(PASTE)) is None


def test_same_text_under_another_name_fires(run_rule):
    run(comment(PASTE, author="Bea", email="bea@example.org"))
    hit = run_rule("QUALITY_SAME_TEXT_OTHER_NAME", comment(PASTE))
    assert hit is not None
    assert "bea" in hit.reason
    # The same person posting their own text again is not a second identity.
    assert (
        run_rule(
            "QUALITY_SAME_TEXT_OTHER_NAME", comment(PASTE, author="Bea", email="bea@example.org")
        )
        is None
    )


def test_several_identities_from_one_ip_fire(run_rule):
    now = timezone.now()
    for name in ("Bea", "Carl"):
        run(
            comment(
                f"{name} thinks so too.",
                author=name,
                email=f"{name}@x.org",
                ip="203.0.113.7",
                submitted_at=now - timedelta(minutes=5),
            )
        )
    hit = run_rule("QUALITY_MANY_IDENTITIES", comment("Me as well.", ip="203.0.113.7"), now=now)
    assert hit is not None
    assert hit.reason == "3 different names or emails from one IP address in 60 minutes"


def test_identities_outside_the_window_or_network_do_not_count(run_rule):
    now = timezone.now()
    run(
        comment(
            "Old one.",
            author="Bea",
            email="b@x.org",
            ip="203.0.113.7",
            submitted_at=now - timedelta(hours=3),
        )
    )
    run(
        comment(
            "Elsewhere.",
            author="Carl",
            email="c@x.org",
            ip="198.51.100.9",
            submitted_at=now - timedelta(minutes=3),
        )
    )
    assert run_rule("QUALITY_MANY_IDENTITIES", comment("Hm.", ip="203.0.113.7"), now=now) is None


def test_network_of_identities_fires(run_rule):
    now = timezone.now()
    for n, name in enumerate(("Bea", "Carl", "Dan")):
        run(
            comment(
                "Agreed with that.",
                author=name,
                email=f"{name}@x.org",
                ip=f"203.0.113.{10 + n}",
                submitted_at=now - timedelta(minutes=2),
            )
        )
    hit = run_rule("QUALITY_MANY_IDENTITIES", comment("Same.", ip="203.0.113.99"), now=now)
    assert hit is not None
    assert "from one network" in hit.reason


STYLE_A = (
    "honestly i think the cache is fine... but the token thing?? really weird!! i tried it "
    "on my site and it just broke, like totally broke... maybe the middleware is wrong?? "
    "idk, really weird!! anyway i think you should test it more"
)
STYLE_B = (
    "honestly i think the post is fine... but the redis thing?? really weird!! i tried it "
    "on my laptop and it just failed, like totally failed... maybe the config is wrong?? "
    "idk, really weird!! anyway i think you should explain it more"
)


def test_same_writing_style_under_another_name_from_one_network_fires(run_rule):
    now = timezone.now()
    earlier = hooks.RecentText("Bea", "bea@x.org", "203.0.113.8", STYLE_B, now)

    def provider(since, ip):
        return [earlier]

    hooks.register_recent_texts(provider)
    try:
        hit = run_rule("QUALITY_STYLE_OTHER_NAME", comment(STYLE_A, ip="203.0.113.7"), now=now)
        same_person = run_rule(
            "QUALITY_STYLE_OTHER_NAME",
            comment(STYLE_A, ip="203.0.113.7", author="Bea", email="bea@x.org"),
            now=now,
        )
    finally:
        hooks.unregister_recent_texts(provider)
    assert hit is not None
    assert 'writes like "Bea"' in hit.reason
    assert same_person is None


def test_different_writing_style_does_not_fire(run_rule):
    now = timezone.now()
    formal = (
        "The article describes fragment caching well. However, it omits one consideration: "
        "when the session engine rotates the token at login, every cached fragment that "
        "embeds a form must be invalidated, or readers will see a verification failure."
    )
    earlier = hooks.RecentText("Bea", "bea@x.org", "203.0.113.8", formal, now)
    hooks.register_recent_texts(lambda since, ip: [earlier])
    try:
        hit = run_rule("QUALITY_STYLE_OTHER_NAME", comment(STYLE_A, ip="203.0.113.7"), now=now)
    finally:
        hooks._providers.clear()
    assert hit is None


def test_quality_weights_can_be_changed_in_settings(only_rules):
    only_rules("QUALITY_EMPTY_PRAISE", weights={"QUALITY_EMPTY_PRAISE": 0.5})
    verdict = evaluate(comment("me too!"))
    assert verdict.quality == 0.5
    assert not verdict.low_value


@pytest.mark.parametrize("kind", ["pingback", "trackback", "contact-form", "signup"])
def test_quality_is_judged_only_for_discussion_comments(only_rules, kind):
    only_rules(*QUALITY)
    verdict = evaluate(comment("great post", comment_type=kind))
    assert verdict.quality == 0
    assert not verdict.low_value


def test_replies_and_forum_posts_are_judged(only_rules):
    only_rules(*QUALITY)
    assert evaluate(comment("me too!", comment_type="reply")).low_value
    assert evaluate(comment("me too!", comment_type="forum-post")).low_value
