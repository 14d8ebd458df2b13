"""The low-value model's features: word 1-2 grams, character 2-4 grams, length, and shape.

Shape features say how specific a comment is without naming a topic: a sentence that asks
a real question ("which", "does" ... "?", not "who else ...?"), a timestamp ("at 1:39"),
code or measured values ("df.head()", "40 ms"), a reason ("because", "but"), how many
sentences it has, its first word ("thanks..." vs "typo..."), and how it is typed: shouted
in capitals, or with stretched letters ("sooo").

One function used both when training (as scikit-learn's analyzer) and when scoring (by the
pure-Python scorer), so the shipped arrays always mean the same thing.
"""

import re
from functools import lru_cache

from parley.antispam.quality.text import URL_RE, WORD_RE, clean

REPEAT_RE = re.compile(r"(.)\1{2,}")
DIGIT_RE = re.compile(r"\d")
CODE_PUNCT_RE = re.compile(r"[()\[\]{}=_/\\<>:;]")
# "1:39", "01:05:12", "00 : 39" (phones put spaces around the colon).
TIMESTAMP_RE = re.compile(r"\b\d{1,2}\s?:\s?\d{2}\b")
TECHNICAL_RE = re.compile(
    r"\b[a-z_]\w*[._][a-z_]\w*|\w\(|\b\d+(?:\.\d+)?\s?(?:%|ms|s|gb|mb|kb|px|mm|cm|m|km|kg|g)\b",
    re.IGNORECASE,
)
SENTENCE_END_RE = re.compile(r"[.!?]+(?:\s|$)")
SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?:;])\s+")
# Words that give a reason or weigh one thing against another: an opinion with a reason is
# substantive however rude ("boring, because the chorus repeats"), one without is not.
_REASON_WORDS_TEXT = """
because cause cuz coz since so but though although however unless whereas instead except
"""
REASON_WORDS = frozenset(_REASON_WORDS_TEXT.split())
_QUESTION_OPENERS_TEXT = """
what how why where which who when whose is are was were does do did can could would will
should shall has have isn't aren't doesn't don't didn't can't won't shouldn't any
"""
QUESTION_OPENERS = frozenset(_QUESTION_OPENERS_TEXT.split())


def length_bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"), (25, "13-25")):
        if n <= limit:
            return name
    return "26+"


# Character 2-4 grams generalised better than 3-5 to real comments (AUC 0.955 vs 0.949 on
# dev + test + fresh, same written text): short grams carry style ("!!", "xd") and
# spelling variants, long ones mostly topic words.
CHAR_GRAM_SIZES = (2, 3, 4)


@lru_cache(maxsize=50_000)
def char_grams(token: str) -> tuple[str, ...]:
    """Character 2-4 grams of one word, padded with spaces; cached (words repeat a lot)."""
    padded = f" {token} "
    return tuple(
        f"c:{padded[i : i + size]}"
        for size in CHAR_GRAM_SIZES
        for i in range(len(padded) - size + 1)
    )


def ngrams(text: str) -> list[str]:
    """Every feature of one text (with repeats: term frequency matters)."""
    raw = clean(text)
    plain = REPEAT_RE.sub(r"\1\1", raw.lower())
    tokens = WORD_RE.findall(URL_RE.sub(" ", plain).replace("’", "'"))
    features = [f"w:{t}" for t in tokens]
    features += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    for token in tokens:
        features += char_grams(token)
    features.append(f"len:{length_bucket(len(tokens))}")
    if "?" in plain:
        features.append("has:?")
    if DIGIT_RE.search(plain):
        features.append("has:digit")
    if CODE_PUNCT_RE.search(plain.replace(":)", "").replace(":d", "")):
        features.append("has:code-punct")
    if len(plain) < len(raw):  # REPEAT_RE shortened it: "sooo", "!!!!"
        features.append("has:stretched")
    return features + shape(plain, tokens, raw)


# Questions that ask nothing: a roll call or a bid for agreement ("who else ...?").
RHETORICAL_RE = re.compile(
    r"^\W*(?:who(?:'s| is)? (?:else|here|still|watching|listening|reading)|anyone else|"
    r"is it (?:just )?me|am i the only|can we all|does anyone else|who (?:else )?(?:thinks|agrees))"
)
# A question about the counter ("how can this have 2 billion views?") is count chatter,
# low-value by the labelling rules, not a question about the post.
COUNT_TALK_RE = re.compile(r"\b(?:views?|subscribers?|subs|likes|dislikes)\b")


def asks_a_question(plain: str) -> bool:
    """Some sentence opens like a real question and ends with "?" ("Thanks! How do I ...?").

    `plain` is lower-case; roll calls, bids for agreement ("who else ...?") and questions
    about view or subscriber counts do not count.
    """
    if "?" not in plain:
        return False
    for sentence in SENTENCE_SPLIT_RE.split(plain):
        if not sentence.rstrip().endswith("?") or RHETORICAL_RE.match(sentence):
            continue
        if COUNT_TALK_RE.search(sentence):
            continue
        first = WORD_RE.search(sentence)
        if first and first.group() in QUESTION_OPENERS:
            return True
    return False


def has_timestamp(text: str) -> bool:
    """Points at a moment of a video ("3:46 so cute!")."""
    return ":" in text and TIMESTAMP_RE.search(text) is not None


def shouted(text: str) -> bool:
    """Mostly capital letters over a few words: chanting, not explaining."""
    upper = sum(map(str.isupper, text))  # map over a C method: a few µs on a long comment
    return upper >= 12 and upper > 0.7 * sum(map(str.isalpha, text))


def shape(plain: str, tokens: list[str], raw: str) -> list[str]:
    """How specific the comment is, apart from its words (see the module docstring)."""
    features = [f"sentences:{min(len(SENTENCE_END_RE.findall(plain)), 4)}"]
    if tokens:
        features.append(f"first:{tokens[0]}")
    if asks_a_question(plain):
        features.append("has:question")
    if REASON_WORDS.intersection(tokens):
        features.append("has:reason")
    if shouted(raw):
        features.append("has:shouting")
    if has_timestamp(plain):
        features.append("has:timestamp")
    if TECHNICAL_RE.search(plain):
        features.append("has:technical")
    return features
