"""Turns a comment into the feature strings the classifier weighs (shared by training and scoring).

Training feeds this same function to scikit-learn as its analyzer, so the stored vocabulary
and the fast scorer can never disagree about what a feature is.
"""

import functools
import html
import re
import unicodedata

URL = re.compile(
    r"(?:https?://|www\.)[^\s<>\"'\]\[)]+|\b[\w-]+\.(?:com|net|org|info|biz|ru|xyz|top|co\.uk|ly|me|tk)\b(?:/\S*)?",
    re.I,
)
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
TAG = re.compile(r"<[^>]{0,200}>")
BBCODE = re.compile(r"\[/?(?:url|link|img|b|i)(?:=[^\]]*)?\]", re.I)
DIGITS = re.compile(r"\d{5,}")  # phone and account numbers; years stay words
HANDLE = re.compile(r"(?<!\w)@\w+")
WORD = re.compile(r"\w\w+|[!?$€£]|[^\w\s]{2,}", re.UNICODE)
SPACE = re.compile(r"\s+")
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060\u00ad"), None)

CHAR_MIN, CHAR_MAX = 3, 5
MAX_CHARS = 2000
# Word, word-pair and shape features start with a control character, which normalise()
# removes from the text, so they can never collide with a character n-gram.
WORD_PREFIX, PAIR_PREFIX, META_PREFIX = "\x01", "\x02", "\x03"
CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]"
)  # features come from the first 2000 characters: long texts cost no more


def normalise(text: str) -> str:
    """Entities decoded, compatibility forms folded ("ｃom" -> "com"), lower case."""
    text = html.unescape(html.unescape(text or "")).translate(INVISIBLE)
    return CONTROL.sub(" ", unicodedata.normalize("NFKC", text)[:MAX_CHARS].lower())


@functools.lru_cache(maxsize=100_000)
def char_grams(word: str) -> tuple[str, ...]:
    """Character 3-5 grams of one word padded with spaces (cached: words repeat a lot)."""
    w = " " + word + " "
    size = len(w)
    grams: list[str] = []
    for n in range(CHAR_MIN, CHAR_MAX + 1):
        if size < n:
            break
        grams += [w[i : i + n] for i in range(size - n + 1)]
    return tuple(grams)


def bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def features(text: str) -> list[str]:
    """Word 1-2 grams, character 3-5 grams within words, and link-shape tokens.

    Text only, on purpose: the training corpora carry author names only on spam rows, so an
    author feature would learn "has a name, so spam". Names and URLs are judged by rules.
    """
    text = normalise(text)
    links = len(URL.findall(text)) + len(TAG.findall(text)) // 2 + len(BBCODE.findall(text)) // 2
    tlds = [m.rsplit(".", 1)[-1].split("/")[0] for m in URL.findall(text)]
    text = URL.sub(" urltoken ", text)
    text = EMAIL.sub(" emailtoken ", text)
    text = TAG.sub(" ", BBCODE.sub(" ", text))
    text = HANDLE.sub(" handletoken ", text)
    text = DIGITS.sub(" numbertoken ", text)
    words = WORD.findall(text)
    out = [WORD_PREFIX + w for w in words]
    out += [PAIR_PREFIX + a + " " + b for a, b in zip(words, words[1:], strict=False)]
    for word in text.split():
        out += char_grams(word)
    out.append(META_PREFIX + "links=" + bucket(links, (0, 1, 2)))
    out += [META_PREFIX + "tld=" + t[:10] for t in tlds[:5]]
    return out
