"""Related posts: the text model (tokens, TF-IDF weights, cosine ranking) as pure functions.

Nothing here touches the database; parley.blog.related_index stores and updates the
results. A post is a bag of tokens: its body words, its title words counted TITLE_WEIGHT
times, and one token per tag and category (counted TERM_WEIGHT times), so posts that
share topic words and tags come out similar. Each post keeps only its TOP_TERMS strongest
terms, which bounds the work of finding candidates through shared terms.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfTransformer

TITLE_WEIGHT = 3
TERM_WEIGHT = 3
TOP_TERMS = 16
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


def _all_words(text: str) -> list[str]:
    text = text.lower()
    if "<" in text or "&" in text or "](" in text:
        text = _MARKUP.sub(" ", text)
    return _WORD.findall(text)


def words(text: str) -> list[str]:
    """Lower-case words of a text with markup, link targets and stop words removed."""
    return [w for w in _all_words(text) if w not in _STOP]


def tokens(doc: Document, stop_words: bool = False) -> list[str]:
    """The bag of tokens of a post; repetition is how the title and terms weigh more.

    stop_words=True keeps them, for a caller that drops them later in bulk.
    """
    split = _all_words if stop_words else words
    out = split(doc.body)
    out += split(doc.title) * TITLE_WEIGHT
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
    """TF-IDF (scikit-learn's transformer) over the whole corpus, pruned to TOP_TERMS.

    Terms are counted with collections.Counter (C code) rather than CountVectorizer's
    per-token Python loop, which halves the time on large corpora.
    """
    ids: list[int] = []
    vocabulary: defaultdict[str, int] = defaultdict()
    vocabulary.default_factory = vocabulary.__len__  # a new term gets the next column
    column_of = vocabulary.__getitem__
    indptr, indices, counts = [0], [], []
    for pid, doc in items:
        ids.append(pid)
        bag = Counter(tokens(doc, stop_words=True))
        indices.extend(map(column_of, bag))
        counts.extend(bag.values())
        indptr.append(len(indices))
    # Stop words are dropped here, once per distinct term instead of once per word.
    terms = sorted(t for t in vocabulary if t not in _STOP)
    if not terms:
        empty = sparse.csr_matrix((len(ids), 0), dtype=np.float32)
        return FullIndex(ids, [], np.zeros(0, dtype=np.int64), empty)
    # Columns in term order, so ties between equal weights break as prune() breaks them.
    column = np.full(len(vocabulary), len(terms), dtype=np.int64)
    column[[vocabulary[t] for t in terms]] = np.arange(len(terms))
    matrix = sparse.csr_matrix(
        (np.asarray(counts, dtype=np.float32), column[np.asarray(indices)], np.asarray(indptr)),
        shape=(len(ids), len(terms) + 1),
    )[:, : len(terms)]
    matrix.sort_indices()
    df = np.bincount(matrix.indices, minlength=len(terms))
    transformer = TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm=None)
    weighted = transformer.fit_transform(matrix).tocsr().astype(np.float32)
    return FullIndex(ids, terms, df, _prune_rows(weighted))


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


# At most this many (post, candidate) scores are held at once during a full rebuild
# (about 12 bytes each in a sparse block).
MAX_PAIRS_PER_BLOCK = 10_000_000


def all_neighbours(index: FullIndex, chunk: int = 2000):
    """Yield (post id, [(related id, score), ...]) for every post, in chunks of rows.

    Sparse matrix products over pruned vectors only score pairs that share a term, and
    chunking bounds memory whatever the corpus size.
    """
    vectors = index.vectors
    transposed = vectors.T.tocsr()
    ids = np.array(index.ids)
    # When most posts share terms (a small vocabulary), a block's product is nearly dense:
    # size blocks by the number of scored pairs, not rows, so memory stays bounded.
    chunk = max(16, min(chunk, MAX_PAIRS_PER_BLOCK // max(1, vectors.shape[0])))
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
