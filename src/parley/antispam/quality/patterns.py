"""The obvious low-value comments, by pattern: the learned model handles the variants.

Matched against the whole comment (lower-case, punctuation and emoji folded away), so
"me too!" matches but "me too, because the same bug hit our staging server" does not.
"""

import re
from functools import lru_cache

from parley.antispam.quality.text import SPACE_RE, clean

# Whole-comment phrases; each maps to the reason shown to a moderator.
PHRASES: dict[str, str] = {
    r"(?:\+\s*1+0*|plus one)": '"+1"',
    r"me too|me 2|same here|same|ditto|this": '"me too"',
    r"first|first comment|frist": '"first!"',
    r"(?:hi|hello|hey|hiya|greetings|good (?:morning|evening|afternoon))(?: (?:all|everyone|"
    r"guys|there|admin|friends))?": "a bare greeting",
    r"(?:great|nice|good|awesome|excellent|cool|amazing|wonderful|fantastic|superb|lovely)"
    r" (?:post|article|blog|read|write ?up|tutorial|job|work|song|video|one|stuff|content)s?"
    r"(?: (?:thanks|thank you|thx|ty))?": "generic praise",
    r"(?:thanks|thank you|thx|ty|tnx|cheers)(?: (?:so much|a lot|for sharing|for this|"
    r"for the (?:post|article|info|tutorial)))?": "a bare thank-you",
    r"(?:lol|lmao|haha+|hehe+|rofl|xd|omg|wow)+": "a bare reaction",
    r"(?:i )?(?:totally |completely )?(?:agree|agreed)(?: 100%?)?|so true|exactly|well said": (
        "bare agreement"
    ),
}
PATTERN = re.compile("|".join(f"(?P<p{i}>{p})" for i, p in enumerate(PHRASES)), re.IGNORECASE)
REASONS = list(PHRASES.values())
FOLD_RE = re.compile(r"[^\w+%' ]+")


def fold(text: str) -> str:
    text = FOLD_RE.sub(" ", clean(text).lower())
    return SPACE_RE.sub(" ", text).strip()


@lru_cache(maxsize=1024)
def match(text: str) -> str | None:
    """The reason a comment is obviously low-value, or None (cached: three checks ask)."""
    folded = fold(text)
    if not folded:
        return "no words at all" if not clean(text) else "only symbols or emoji"
    found = PATTERN.fullmatch(folded)
    if found is None:
        return None
    index = next(int(name[1:]) for name, value in found.groupdict().items() if value)
    return REASONS[index]
