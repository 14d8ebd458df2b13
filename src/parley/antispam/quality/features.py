"""The low-value model's features: word 1-2 grams, character 3-5 grams, length, and shape.

Shape features say how specific a comment is without naming a topic: a question that opens
like one ("which", "does"), a timestamp ("at 1:39"), code or measured values ("df.head()",
"40 ms"), how many sentences it has, and its first word ("thanks..." vs "typo...").

One function used both when training (as scikit-learn's analyzer) and when scoring (by the
pure-Python scorer), so the shipped arrays always mean the same thing.
"""

import re
from functools import lru_cache

from parley.antispam.quality.text import URL_RE, WORD_RE, clean

REPEAT_RE = re.compile(r"(.)\1{2,}")
DIGIT_RE = re.compile(r"\d")
CODE_PUNCT_RE = re.compile(r"[()\[\]{}=_/\\<>:;]")
TIMESTAMP_RE = re.compile(r"\b\d{1,2}:\d{2}\b")
TECHNICAL_RE = re.compile(
    r"\b[a-z_]\w*[._][a-z_]\w*|\w\(|\b\d+(?:\.\d+)?\s?(?:%|ms|s|gb|mb|kb|px|mm|cm|m|km|kg|g)\b",
    re.IGNORECASE,
)
SENTENCE_END_RE = re.compile(r"[.!?]+(?:\s|$)")
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


@lru_cache(maxsize=50_000)
def char_grams(token: str) -> tuple[str, ...]:
    """Character 3-5 grams of one word, padded with spaces; cached (words repeat a lot)."""
    padded = f" {token} "
    return tuple(
        f"c:{padded[i : i + size]}" for size in (3, 4, 5) for i in range(len(padded) - size + 1)
    )


def ngrams(text: str) -> list[str]:
    """Every feature of one text (with repeats: term frequency matters)."""
    plain = REPEAT_RE.sub(r"\1\1", clean(text).lower())
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
    return features + shape(plain, tokens)


def shape(plain: str, tokens: list[str]) -> list[str]:
    """How specific the comment is, apart from its words (see the module docstring)."""
    features = [f"sentences:{min(len(SENTENCE_END_RE.findall(plain)), 4)}"]
    if tokens:
        features.append(f"first:{tokens[0]}")
        if "?" in plain and tokens[0] in QUESTION_OPENERS:
            features.append("has:question")
    if TIMESTAMP_RE.search(plain):
        features.append("has:timestamp")
    if TECHNICAL_RE.search(plain):
        features.append("has:technical")
    return features
