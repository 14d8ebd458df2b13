"""Participation-quality checks (group "quality"): low value, not spam, each with a reason.

They add to the verdict's quality score, never to the spam score; the site's policy decides
what a low-value comment becomes (publish, publish collapsed, or hold: the default).
Settings: PARLEY_ANTISPAM["quality"] overrides any key of QUALITY_DEFAULTS.
"""

import functools
import logging
from datetime import timedelta
from functools import lru_cache

from django.conf import settings

from parley.antispam.quality import hooks, patterns
from parley.antispam.quality.features import asks_a_question, has_timestamp
from parley.antispam.quality.model import QUESTION_THRESHOLD, default_model
from parley.antispam.quality.text import (
    clean,
    containment,
    content_words,
    cosine,
    style_vector,
    words,
)
from parley.antispam.registry import hit, rule

logger = logging.getLogger(__name__)

QUALITY_DEFAULTS = {
    # The model's score a comment that asks a real question needs before the generic check
    # holds it (a question is usually about the post; roll calls like "who else ...?" are
    # not questions here). Raised from the model's threshold: on dev + test + fresh it
    # cut false holds at the same recall.
    "generic_question_threshold": QUESTION_THRESHOLD,
    "short_words": 3,  # at most this many words is "very short"
    "off_topic_similarity": 0.02,  # TF-IDF cosine below this (post and parent) is off-topic
    "off_topic_min_words": 6,  # content words a comment needs before it can be off-topic
    "off_topic_min_post_words": 20,  # and the post, for the comparison to mean anything
    "echo_containment": 0.8,  # share of a reply's words already in what it answers
    "echo_max_new_words": 1,
    "cross_post_min_posts": 2,  # the same text already under this many other posts
    "cross_post_min_words": 3,
    "same_text_min_words": 6,  # shorter texts ("great post") coincide between real people
    "identity_window_seconds": 3600,
    "identities_per_ip": 3,  # distinct names or emails from one IP in the window
    "identities_per_network": 4,  # ... from one /24 or /48 network
    "style_window_seconds": 86400,
    "style_min_words": 25,
    "style_similarity": 0.97,
}


def option(key: str):
    overrides = (getattr(settings, "PARLEY_ANTISPAM", {}) or {}).get("quality", {}) or {}
    return overrides.get(key, QUALITY_DEFAULTS[key])


# Comment types that take part in a discussion; a pingback, a contact-form message or a
# sign-up is not a reply to the post, so "off-topic" or "me too" means nothing there.
DISCUSSION_TYPES = frozenset({"", "comment", "reply", "forum-post"})


def discussion_only(check):
    """Run the check only on discussion comments (Akismet's comment_type says which)."""

    @functools.wraps(check)
    def run(submission, context=None):
        if (submission.comment_type or "").lower() not in DISCUSSION_TYPES:
            return None
        return check(submission, context)

    return run


def _text(submission, context) -> str:
    return context.text if context is not None else clean(submission.content)


def _post_text(submission) -> str:
    return " ".join([submission.post_title, submission.post_text, " ".join(submission.post_tags)])


@lru_cache(maxsize=256)
def _post_terms(post: str) -> frozenset[str]:
    """A post's content words, computed once per post text, not once per comment."""
    return frozenset(content_words(post))


@lru_cache(maxsize=256)
def _post_vector(space, post: str) -> tuple[int, dict]:
    """How many content words a post has, and its TF-IDF vector, once per post text."""
    return len(content_words(post)), space.vector(post)


@rule(
    "QUALITY_EMPTY_PRAISE",
    weight=3.0,
    group="quality",
    description='Nothing but an obvious reaction: "+1", "me too!", "great post", a greeting.',
)
@discussion_only
def empty_praise(submission, context=None):
    reason = patterns.match(_text(submission, context))
    if reason:
        return hit("QUALITY_EMPTY_PRAISE", f"only {reason}")
    return None


@rule(
    "QUALITY_GENERIC",
    weight=3.0,
    group="quality",
    description="Reads as generic praise or a reaction (a model learned from example comments).",
)
@discussion_only
def generic(submission, context=None):
    text = _text(submission, context)
    if patterns.match(text):  # already explained by QUALITY_EMPTY_PRAISE
        return None
    if has_timestamp(text):  # points at a moment of a video: a detail, however short
        return None
    model = default_model()
    result = model.score(text)
    if result.probability < _generic_threshold(model, text):
        return None
    terms = ", ".join(f'"{t}"' for t in result.top_terms)
    detail = f"; words like {terms}" if terms else ""
    return hit(
        "QUALITY_GENERIC",
        f"generic comment (model: {result.probability:.2f} low-value{detail})",
    )


def _generic_threshold(model, text: str) -> float:
    """The model's threshold, raised for a comment that asks a real question."""
    if "?" in text and asks_a_question(text.lower()):
        return max(model.threshold, option("generic_question_threshold"))
    return model.threshold


@rule(
    "QUALITY_SHORT_UNRELATED",
    weight=2.0,  # alone it does not hold: "Link broken" is short, unrelated and useful
    group="quality",
    description="Very short and shares no word with the post or the comment it answers.",
)
@discussion_only
def short_unrelated(submission, context=None):
    text = _text(submission, context)
    post = _post_text(submission)
    if not post.strip() and not submission.parent_text.strip():
        return None  # nothing to relate it to (an API call without the post)
    count = len(words(text))
    if count == 0 or count > option("short_words"):
        return None
    if "?" in text:  # a short question ("Which version?") is a real question
        return None
    if patterns.match(text):  # already explained by QUALITY_EMPTY_PRAISE
        return None
    mine = set(content_words(text))
    if mine & (_post_terms(post) | set(content_words(submission.parent_text))):
        return None
    return hit(
        "QUALITY_SHORT_UNRELATED",
        f"{count} word{'s' if count != 1 else ''}, none of them about the post",
    )


@rule(
    "QUALITY_OFF_TOPIC",
    weight=3.0,
    group="quality",
    description="Unrelated to the post's title, text and tags and to the comment it answers.",
)
@discussion_only
def off_topic(submission, context=None):
    text = _text(submission, context)
    mine = content_words(text)
    if len(set(mine)) < option("off_topic_min_words"):
        return None
    space = default_model().similarity_space()
    post_words, post_vector = _post_vector(space, _post_text(submission))
    if post_words < option("off_topic_min_post_words"):
        return None
    vector = space.vector(text)
    to_post = space.similarity(vector, post_vector)
    to_parent = space.similarity(vector, submission.parent_text) if submission.parent_text else 0
    best = max(to_post, to_parent)
    if best >= option("off_topic_similarity"):
        return None
    target = "the post or the comment it answers" if submission.parent_text else "the post"
    return hit(
        "QUALITY_OFF_TOPIC",
        f"off-topic: similarity {best:.2f} to {target}",
    )


@rule(
    "QUALITY_ECHO_REPLY",
    weight=3.0,
    group="quality",
    description="A reply that only repeats what it answers.",
)
@discussion_only
def echo_reply(submission, context=None):
    parent = submission.parent_text
    if not parent.strip():
        return None
    text = _text(submission, context)
    mine = set(content_words(text))
    if len(mine) < 2:
        return None  # too short to be an echo; the other checks judge it
    share, new = containment(text, parent)
    if share < option("echo_containment") or new > option("echo_max_new_words"):
        return None
    return hit(
        "QUALITY_ECHO_REPLY",
        f"repeats the comment it answers ({share:.0%} of its words, {new} new)",
    )


# History checks: what the engine already looked up for this submission (context.history,
# shared by every history rule: no query of their own).


def _since(context, seconds: float):
    return context.now - timedelta(seconds=seconds)


def _same_text(context):
    """Earlier checks of this text (exact, or a near-duplicate SimHash for long enough texts).

    The engine's lookup covers its retention period (30 days by default) and the 50 closest
    matches; it was made once for the spam rules already.
    """
    if context is None:
        return ()
    return getattr(context.history, "matches", ()) or ()


@rule(
    "QUALITY_CROSS_POSTED",
    weight=3.0,
    group="quality",
    description="The same text pasted under several posts.",
)
@discussion_only
def cross_posted(submission, context=None):
    if context is None or not submission.permalink:
        return None
    fp = context.fingerprint
    if fp.word_count < option("cross_post_min_words"):
        return None
    posts = {m.post_key for m in _same_text(context)}
    posts.discard(fp.post_key)
    posts.discard("")
    if len(posts) < option("cross_post_min_posts"):
        return None
    return hit(
        "QUALITY_CROSS_POSTED",
        f"the same text was posted under {len(posts)} other posts in "
        f"{context.setting('retention_days')} days",
    )


@rule(
    "QUALITY_SAME_TEXT_OTHER_NAME",
    weight=3.0,
    group="quality",
    description="The same text was sent recently under another name and email.",
)
@discussion_only
def same_text_other_name(submission, context=None):
    if context is None:
        return None
    fp = context.fingerprint
    if fp.word_count < option("same_text_min_words"):
        return None
    others = {
        m.author
        for m in _same_text(context)
        if m.author != fp.author and m.email_hash != fp.email_hash
    }
    if not others:
        return None
    names = ", ".join(sorted(others)[:3])
    return hit(
        "QUALITY_SAME_TEXT_OTHER_NAME",
        f"the same text came under {len(others)} other name(s): {names}",
    )


@rule(
    "QUALITY_MANY_IDENTITIES",
    weight=3.0,
    group="quality",
    description="Several names or emails from one IP address or network in a short time.",
)
@discussion_only
def many_identities(submission, context=None):
    if context is None or not submission.ip:
        return None
    fp = context.fingerprint
    if not (fp.ip_hash or fp.network_hash):
        return None
    window = option("identity_window_seconds")
    limits = {"ip": option("identities_per_ip"), "network": option("identities_per_network")}
    history = context.history
    # When the engine already counted this network's checks over a window at least as long,
    # fewer checks than the smallest limit cannot hold that many identities: no query.
    if window <= context.setting("flood_window_seconds") and getattr(
        history, "network_count", 0
    ) + 1 < min(limits.values()):
        return None
    from django.db.models import Q

    from parley.antispam.models import CheckRecord

    # One query for both the IP and its network (the engine's index on each hash).
    rows = (
        CheckRecord.objects.filter(is_test=False, created_at__gte=_since(context, window))
        .filter(
            Q(ip_hash=fp.ip_hash) | Q(network_hash=fp.network_hash)
            if fp.network_hash
            else Q(ip_hash=fp.ip_hash)
        )
        .values_list("author", "email_hash", "ip_hash")
        .distinct()[:500]
    )
    rows = list(rows) + [(fp.author, fp.email_hash, fp.ip_hash)]
    for scope, where in (("ip", "one IP address"), ("network", "one network")):
        chosen = [r for r in rows if scope == "network" or r[2] == fp.ip_hash]
        if scope == "network" and not fp.network_hash:
            continue
        names = {a for a, _, _ in chosen if a}
        emails = {e for _, e, _ in chosen if e}
        count = max(len(names), len(emails))
        if count >= limits[scope]:
            minutes = round(window / 60)
            return hit(
                "QUALITY_MANY_IDENTITIES",
                f"{count} different names or emails from {where} in {minutes} minutes",
            )
    return None


@rule(
    "QUALITY_STYLE_OTHER_NAME",
    weight=2.0,
    group="quality",
    description="Writes like another recent commenter from the same network, under a new name.",
)
@discussion_only
def style_other_name(submission, context=None):
    if not submission.ip:
        return None
    text = _text(submission, context)
    if len(words(text)) < option("style_min_words"):
        return None
    now = context.now if context is not None else None
    if now is None:
        return None
    mine = style_vector(text)
    author = submission.author.strip().lower()
    email = submission.email.strip().lower()
    for other in hooks.recent_texts(_since(context, option("style_window_seconds")), submission.ip):
        if other.author.strip().lower() == author or (email and other.email.lower() == email):
            continue
        if len(words(other.text)) < option("style_min_words"):
            continue
        similarity = cosine(mine, style_vector(other.text))
        if similarity >= option("style_similarity"):
            return hit(
                "QUALITY_STYLE_OTHER_NAME",
                f'writes like "{other.author}" from the same network (style {similarity:.2f})',
            )
    return None
