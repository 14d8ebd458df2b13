"""Text helpers for the quality checks: content words, TF-IDF similarity, writing style.

Pure Python (no Django), so the model, the bench and the rules share one definition of
"word" and "similar".
"""

import html
import math
import re
from collections import Counter
from functools import lru_cache

WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
TAG_RE = re.compile(r"<[^>]*>")
URL_RE = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
SPACE_RE = re.compile(r"\s+")
INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u2060"), None)

# Words that carry no topic: a comment sharing only these with a post is not "about" it.
_STOP_WORDS_TEXT = """
a about above after again against all also am an and any are aren't as at be because
been before being below between both but by can can't cannot cant could couldn't did
didn't do does doesn't doing don't dont down during each few for from further get got
had hadn't has hasn't have haven't having he he'd he'll he's her here here's hers
herself him himself his how how's i i'd i'll i'm i've if im in into is isn't it it's its
itself just let's like lol me more most mustn't my myself no nor not of off oh ok okay
on once one only or other ought our ours ourselves out over own really same shan't she
she'd she'll she's should shouldn't so some such than that that's the their theirs them
themselves then there there's these they they'd they'll they're they've this those
through to too u under until up ur very was wasn't we we'd we'll we're we've were
weren't what what's when when's where where's which while who who's whom why why's will
with won't would wouldn't yeah yes you you'd you'll you're you've your yours yourself
yourselves
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


@lru_cache(maxsize=256)
def clean(text: str) -> str:
    """Plain text: entities unescaped, tags and zero-width characters removed, spaces collapsed.

    Cached: every check of one comment starts from the same cleaned text.
    """
    text = html.unescape(text or "").translate(INVISIBLE)
    text = TAG_RE.sub(" ", text)
    return SPACE_RE.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case words of the prose (URLs dropped: a link is not what a comment says)."""
    return WORD_RE.findall(URL_RE.sub(" ", clean(text)).lower().replace("’", "'"))


@lru_cache(maxsize=50_000)
def stem(word: str) -> str:
    """A crude suffix stripper: enough that "posts", "posting" and "post" meet (cached: words
    repeat a lot between comments)."""
    for suffix in ("ingly", "edly", "ing", "ies", "ied", "ed", "es", "ly", "s"):
        if len(word) > len(suffix) + 2 and word.endswith(suffix):
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def content_words(text: str) -> list[str]:
    """Stemmed words that say something: no stop words, no numbers, no single letters."""
    return [stem(w) for w in words(text) if w not in STOP_WORDS and len(w) > 1 and not w.isdigit()]


class TfidfSpace:
    """Cosine similarity of TF-IDF vectors, with document frequencies learned at training time.

    The IDF table ships with the quality model (a JSON dict), so similarity between one
    comment and one post means "shares the rare words", not "shares 'the' and 'good'".
    Words never seen get the highest IDF.
    """

    def __init__(self, idf: dict[str, float] | None = None, default_idf: float | None = None):
        self.idf = idf or {}
        self.default_idf = default_idf or (max(self.idf.values()) if self.idf else 1.0)

    def vector(self, text: str) -> dict[str, float]:
        counts = Counter(content_words(text))
        vec = {
            term: (1.0 + math.log(count)) * self.idf.get(term, self.default_idf)
            for term, count in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in vec.values()))
        return {term: v / norm for term, v in vec.items()} if norm else {}

    def similarity(self, a: str | dict, b: str | dict) -> float:
        va = self.vector(a) if isinstance(a, str) else a
        vb = self.vector(b) if isinstance(b, str) else b
        if len(va) > len(vb):
            va, vb = vb, va
        return sum(v * vb.get(term, 0.0) for term, v in va.items())

    def shared_terms(self, a: str, b: str) -> list[str]:
        return sorted(set(content_words(a)) & set(content_words(b)))


def containment(reply: str, parent: str) -> tuple[float, int]:
    """Share of the reply's content words found in the parent, and how many words are new."""
    mine = set(content_words(reply))
    theirs = set(content_words(parent))
    if not mine:
        return 1.0, 0
    return len(mine & theirs) / len(mine), len(mine - theirs)


# Writing-style markers that survive a change of topic: how a person punctuates,
# capitalises and which function words they lean on.
_FUNCTION_WORDS_TEXT = """
the a an and but or so because of to in on at for with i you we it this that is are was
be have just really very actually also however though think guess maybe like lol
"""
FUNCTION_WORDS = tuple(_FUNCTION_WORDS_TEXT.split())


def style_vector(text: str) -> list[float]:
    """A small stylometric profile: function-word rates, punctuation and casing habits."""
    raw = clean(text)
    tokens = words(raw)
    n = max(len(tokens), 1)
    counts = Counter(tokens)
    chars = max(len(raw), 1)
    letters = [c for c in raw if c.isalpha()]
    features = [counts[w] / n for w in FUNCTION_WORDS]
    features += [
        raw.count("!") / chars * 10,
        raw.count("?") / chars * 10,
        raw.count("...") / chars * 10,
        raw.count(",") / chars * 10,
        sum(c.isupper() for c in letters) / max(len(letters), 1),
        sum(1 for t in raw.split() if t.isupper() and len(t) > 1) / n,
        sum(len(t) for t in tokens) / n / 10,
        sum(1 for c in raw if ord(c) > 0x2000) / chars * 10,  # emoji and symbols
    ]
    return features


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=True))
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(y * y for y in b))
    return dot / (na * nb) if na and nb else 0.0
