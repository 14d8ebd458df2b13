"""What was written: the site's word lists and text already seen (or already marked spam)."""

from parley.antispam.registry import hit, rule

DISALLOWED_WORDS = "DISALLOWED_WORDS"
MODERATION_WORDS = "MODERATION_WORDS"
DUPLICATE_TEXT = "DUPLICATE_TEXT"
NEAR_DUPLICATE = "NEAR_DUPLICATE"
DUPLICATE_OF_SPAM = "DUPLICATE_OF_SPAM"

MIN_DUPLICATE_WORDS = 5  # "thanks!" twice is not a campaign


def find_listed(submission, context, entries: list[str]) -> tuple[str, str] | None:
    """WordPress's rule: a line matches, case-insensitively, inside any of these fields."""
    fields = {
        "content": context.text,
        "author": submission.author,
        "email": submission.email,
        "website": submission.url,
        "IP": submission.ip,
        "user agent": submission.user_agent,
    }
    lowered = {name: value.lower() for name, value in fields.items() if value}
    for entry in entries:
        needle = entry.lower()
        for name, value in lowered.items():
            if needle in value:
                return entry, name
    return None


@rule(
    DISALLOWED_WORDS,
    weight=20.0,
    description="Contains a word from the site's disallowed list (goes straight to the trash).",
)
def disallowed_words(submission, context):
    site = context.site
    found = site and find_listed(submission, context, site.disallowed_word_list)
    if found:
        return hit(DISALLOWED_WORDS, f"disallowed word {found[0]!r} in {found[1]}")
    return None


@rule(
    MODERATION_WORDS,
    weight=6.0,
    description="Contains a word from the site's moderation list (held for a moderator).",
)
def moderation_words(submission, context):
    site = context.site
    found = site and find_listed(submission, context, site.moderation_word_list)
    if found:
        return hit(MODERATION_WORDS, f"moderation word {found[0]!r} in {found[1]}")
    return None


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n} times"


@rule(
    DUPLICATE_OF_SPAM,
    weight=6.0,
    description="The same or nearly the same text was already judged or marked spam.",
)
def duplicate_of_spam(submission, context):
    if context.fingerprint.word_count < MIN_DUPLICATE_WORDS:
        return None
    exact = sum(1 for m in context.history.exact if m.spam_like)
    if exact:
        return hit(DUPLICATE_OF_SPAM, f"same text as earlier spam ({_times(exact)})")
    near = sum(1 for m in context.history.near if m.spam_like)
    if near:
        return hit(DUPLICATE_OF_SPAM, f"nearly the same text as earlier spam ({_times(near)})")
    return None


@rule(
    DUPLICATE_TEXT,
    weight=2.0,
    description="The same text was already sent by someone else or under another post.",
)
def duplicate_text(submission, context):
    if context.fingerprint.word_count < MIN_DUPLICATE_WORDS:
        return None
    count = len(context.history.exact)
    if count:
        return hit(DUPLICATE_TEXT, f"same text seen {_times(count)} before")
    return None


@rule(
    NEAR_DUPLICATE,
    weight=1.0,
    description="Nearly the same text (a template reworded) was seen before.",
)
def near_duplicate(submission, context):
    count = len(context.history.near)
    if count:
        return hit(NEAR_DUPLICATE, f"nearly the same text seen {_times(count)} before")
    return None
