"""The low-value model's features: word 1-2 grams, character 2-4 grams and a length bucket.

One function used both when training (as scikit-learn's analyzer) and when scoring (by the
pure-Python scorer), so the shipped arrays always mean the same thing.
"""

import re
from functools import lru_cache

from parley.antispam.quality.text import clean, words

REPEAT_RE = re.compile(r"(.)\1{2,}")


def length_bucket(n: int) -> str:
    for limit, name in ((0, "0"), (1, "1"), (3, "2-3"), (6, "4-6"), (12, "7-12"), (25, "13-25")):
        if n <= limit:
            return name
    return "26+"


@lru_cache(maxsize=50_000)
def char_grams(token: str) -> tuple[str, ...]:
    """Character 2-4 grams of one word, padded with spaces; cached (words repeat a lot)."""
    padded = f" {token} "
    return tuple(
        f"c:{padded[i : i + size]}" for size in (2, 3, 4) for i in range(len(padded) - size + 1)
    )


def ngrams(text: str) -> list[str]:
    """Every feature of one text (with repeats: term frequency matters)."""
    plain = REPEAT_RE.sub(r"\1\1", clean(text).lower())
    tokens = words(plain)
    features = [f"w:{t}" for t in tokens]
    features += [f"b:{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]
    for token in tokens:
        features += char_grams(token)
    features.append(f"len:{length_bucket(len(tokens))}")
    if "?" in plain:
        features.append("has:?")
    if any(ch.isdigit() for ch in plain):
        features.append("has:digit")
    if re.search(r"[()\[\]{}=_/\\<>:;]", plain.replace(":)", "").replace(":d", "")):
        features.append("has:code-punct")
    return features
