"""Related posts: the text model (tokens, TF-IDF weights, cosine ranking) as pure functions.

Nothing here touches the database; parley.blog.related_index stores and updates the
results. A post is a bag of tokens: its body words, its title words counted TITLE_WEIGHT
times, and one token per tag and category (counted TERM_WEIGHT times), so posts that
share topic words and tags come out similar. Each post keeps only its TOP_TERMS strongest
terms, which bounds the work of finding candidates through shared terms.
"""

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

TITLE_WEIGHT = 3
TERM_WEIGHT = 3
TOP_TERMS = 24
MAX_RELATED = 4
# Cosine similarity below which a post is not "related enough" to be shown at all.
THRESHOLD = 0.08

_WORD = re.compile(r"[a-z][a-z0-9]{2,29}")
_MARKUP = re.compile(r"<[^>]*>|&[#\w]+;|\]\([^)]*\)")
_STOP = frozenset(ENGLISH_STOP_WORDS) | {"http", "https", "www", "com", "just", "like", "really"}


@dataclass(frozen=True)
class Document:
    """What the related-posts model reads of a post."""

    title: str
    body: str
    tags: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()


def words(text: str) -> list[str]:
    """Lower-case words of a text with markup, link targets and stop words removed."""
    return [w for w in _WORD.findall(_MARKUP.sub(" ", text.lower())) if w not in _STOP]


def tokens(doc: Document) -> list[str]:
    """The bag of tokens of a post; repetition is how the title and terms weigh more."""
    out = words(doc.body)
    out += words(doc.title) * TITLE_WEIGHT
    out += [f"tag:{slug}" for slug in doc.tags] * TERM_WEIGHT
    out += [f"cat:{slug}" for slug in doc.categories] * TERM_WEIGHT
    return out


def idf(df: int, n_docs: int) -> float:
    """scikit-learn's smoothed IDF, so incremental and full indexing agree."""
    return math.log((1 + n_docs) / (1 + df)) + 1.0


def prune(weights: Mapping[str, float], top: int = TOP_TERMS) -> dict[str, float]:
    """Keep the `top` strongest terms and scale them to unit length (for cosine)."""
    best = sorted(weights.items(), key=lambda item: (-item[1], item[0]))[:top]
    norm = math.sqrt(sum(w * w for _, w in best))
    return {term: w / norm for term, w in best} if norm else {}


def weigh(doc_tokens: Iterable[str], df: Mapping[str, int], n_docs: int) -> dict[str, float]:
    """A post's pruned, normalised TF-IDF vector given corpus document frequencies.

    `df` and `n_docs` should already count this post, as in a full index.
    """
    counts = Counter(doc_tokens)
    raw = {t: (1.0 + math.log(c)) * idf(max(df.get(t, 1), 1), n_docs) for t, c in counts.items()}
    return prune(raw)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def top_related(scores: Mapping[int, float], exclude: int | None = None) -> list[tuple[int, float]]:
    """The MAX_RELATED best (id, score) pairs passing THRESHOLD, best first, ties by id."""
    ranked = sorted(
        ((pid, s) for pid, s in scores.items() if pid != exclude and s >= THRESHOLD),
        key=lambda item: (-item[1], item[0]),
    )
    return ranked[:MAX_RELATED]


def merge_into(current: list[tuple[int, float]], candidate: int, score: float):
    """`current` with `candidate` added if it makes the cut; None when nothing changes."""
    if score < THRESHOLD or any(pid == candidate for pid, _ in current):
        return None
    merged = top_related(dict(current) | {candidate: score})
    return merged if any(pid == candidate for pid, _ in merged) else None


@dataclass
class FullIndex:
    """The result of indexing a whole corpus at once."""

    ids: list[int]
    vocabulary: list[str]
    df: np.ndarray
    vectors: sparse.csr_matrix  # one pruned, unit-length row per post

    def post_terms(self, row: int) -> dict[str, float]:
        start, end = self.vectors.indptr[row], self.vectors.indptr[row + 1]
        cols, vals = self.vectors.indices[start:end], self.vectors.data[start:end]
        return {self.vocabulary[c]: float(v) for c, v in zip(cols, vals, strict=True)}


def build_index(items: Iterable[tuple[int, Document]]) -> FullIndex:
    """TF-IDF (scikit-learn) over the whole corpus, pruned to TOP_TERMS per post."""
    ids: list[int] = []

    def docs():
        for pid, doc in items:
            ids.append(pid)
            yield tokens(doc)

    vectorizer = TfidfVectorizer(
        analyzer=lambda toks: toks,
        sublinear_tf=True,
        smooth_idf=True,
        norm=None,
        dtype=np.float32,
    )
    try:
        matrix = vectorizer.fit_transform(docs()).tocsr()
    except ValueError:  # empty corpus or no words at all
        return FullIndex(ids, [], np.zeros(0, dtype=np.int64), sparse.csr_matrix((len(ids), 0)))
    vocabulary = vectorizer.get_feature_names_out().tolist()
    df = np.bincount(matrix.indices, minlength=len(vocabulary))
    return FullIndex(ids, vocabulary, df, _prune_rows(matrix))


def _prune_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for row in range(matrix.shape[0]):
        start, end = matrix.indptr[row], matrix.indptr[row + 1]
        cols, vals = matrix.indices[start:end], matrix.data[start:end]
        if len(vals) > TOP_TERMS:
            # Same order as prune(): weight descending, then term text ascending (the
            # vocabulary is sorted, so column order is text order).
            keep = np.lexsort((cols, -vals))[:TOP_TERMS]
            cols, vals = cols[keep], vals[keep]
        norm = float(np.sqrt(np.dot(vals.astype(np.float64), vals)))
        if norm:
            indices.append(cols)
            data.append((vals / norm).astype(np.float32))
            indptr.append(indptr[-1] + len(cols))
        else:
            indptr.append(indptr[-1])
    shape = matrix.shape
    if not indices:
        return sparse.csr_matrix(shape, dtype=np.float32)
    return sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.array(indptr)), shape=shape
    )


def all_neighbours(index: FullIndex, chunk: int = 2000):
    """Yield (post id, [(related id, score), ...]) for every post, in chunks of rows.

    Sparse matrix products over pruned vectors only score pairs that share a term, and
    chunking bounds memory whatever the corpus size.
    """
    vectors = index.vectors
    transposed = vectors.T.tocsr()
    ids = np.array(index.ids)
    for start in range(0, vectors.shape[0], chunk):
        block = (vectors[start : start + chunk] @ transposed).tocsr()
        for offset in range(block.shape[0]):
            row = start + offset
            lo, hi = block.indptr[offset], block.indptr[offset + 1]
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            mask = (vals >= THRESHOLD) & (cols != row)
            cols, vals = cols[mask], vals[mask]
            if len(vals) > MAX_RELATED:
                best = np.argpartition(-vals, MAX_RELATED)[: MAX_RELATED * 2]
                cols, vals = cols[best], vals[best]
            pairs = {int(ids[c]): float(v) for c, v in zip(cols, vals, strict=True)}
            yield int(ids[row]), top_related(pairs)
