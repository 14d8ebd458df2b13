"""The classifier: trained with scikit-learn, stored as arrays + JSON, scored in plain Python.

No pickle anywhere: a model is `model.json` (vocabulary, settings, provenance) plus
`model.npz` (idf, coefficients), loaded with allow_pickle=False. Scoring a comment walks
its features once through a dict, which is several times faster than calling the
vectoriser and the estimator for a single document.
"""

import json
import math
import threading
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from parley.antispam.ml.corpora import Example
from parley.antispam.ml.text import META_PREFIX, PAIR_PREFIX, WORD_PREFIX, features

FORMAT = "parley-spam-model/2"
# Word-level features (words, pairs, link shape) start with one of these; the rest are
# character n-grams. Each block is normalised on its own and the character block is
# down-weighted: character n-grams carry a corpus's writing style, which generalises
# badly to sites the model never saw, but they still catch obfuscated words.
WORD_BLOCK = (WORD_PREFIX, PAIR_PREFIX, META_PREFIX)
CHAR_WEIGHT = 0.5
SHIPPED = Path(__file__).resolve().parent / "data" / "model"


@dataclass
class Model:
    vocabulary: dict[str, tuple[float, float]]  # feature -> (idf, coefficient)
    intercept: float
    meta: dict = field(default_factory=dict)

    def probability(self, text: str) -> float:
        return self.explain(text)[0]

    def explain(self, text: str, top: int = 3) -> tuple[float, list[str]]:
        """Spam probability and the words that pushed it most towards spam."""
        word_dot = word_norm = char_dot = char_norm = 0.0
        pushes: list[tuple[float, str]] = []
        vocabulary = self.vocabulary
        for term, count in Counter(features(text)).items():
            entry = vocabulary.get(term)
            if entry is None:
                continue
            value = (1.0 + math.log(count)) * entry[0]
            if term[0] in WORD_BLOCK:
                word_norm += value * value
                word_dot += value * entry[1]
                if entry[1] > 0 and term[0] != META_PREFIX:
                    pushes.append((value * entry[1], term[1:]))
            else:
                char_norm += value * value
                char_dot += value * entry[1]
        margin = self.intercept
        if word_norm:
            margin += word_dot / math.sqrt(word_norm)
        if char_norm:
            margin += self.char_weight * char_dot / math.sqrt(char_norm)
        probability = 1.0 / (1.0 + math.exp(-max(min(margin, 50.0), -50.0)))
        pushes.sort(reverse=True)
        return probability, [term for _, term in pushes[:top]]

    @property
    def char_weight(self) -> float:
        return float(self.meta.get("char_weight", CHAR_WEIGHT))

    def probabilities(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([self.probability(t) for t in texts])

    # -- storage -----------------------------------------------------------------------

    def save(self, folder: Path) -> Path:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        terms = list(self.vocabulary)
        idf = np.array([self.vocabulary[t][0] for t in terms], dtype=np.float32)
        coef = np.array([self.vocabulary[t][1] for t in terms], dtype=np.float32)
        np.savez_compressed(folder / "model.npz", idf=idf, coef=coef)
        document = {
            "format": FORMAT,
            "intercept": self.intercept,
            "meta": self.meta,
            "terms": terms,
        }
        (folder / "model.json").write_text(json.dumps(document, ensure_ascii=False))
        return folder

    @classmethod
    def load(cls, folder: Path) -> "Model":
        folder = Path(folder)
        document = json.loads((folder / "model.json").read_text())
        if document.get("format") != FORMAT:
            raise ValueError(f"{folder}: not a {FORMAT} model")
        with np.load(folder / "model.npz", allow_pickle=False) as arrays:
            idf = arrays["idf"].astype(float).tolist()
            coef = arrays["coef"].astype(float).tolist()
        terms = document["terms"]
        if not len(terms) == len(idf) == len(coef):
            raise ValueError(f"{folder}: vocabulary and arrays differ in length")
        vocabulary = dict(zip(terms, zip(idf, coef, strict=True), strict=True))
        return cls(vocabulary, float(document["intercept"]), document.get("meta", {}))


_cache: dict[str, Model] = {}
_lock = threading.Lock()


def load(folder: Path | str | None = None) -> Model:
    """The model in `folder` (default: the one shipped in the package), loaded once per process."""
    key = str(folder) if folder else str(SHIPPED)
    model = _cache.get(key)  # no path resolution here: this runs for every comment
    if model is None:
        with _lock:
            model = _cache.get(key) or Model.load(Path(key).resolve())
            _cache[key] = model
    return model


def forget() -> None:
    """Drop loaded models (after a retrain wrote a new one)."""
    _cache.clear()


def source_weights(
    examples: Sequence[Example], cap: int = 1500, one_class_cap: int = 150
) -> np.ndarray:
    """Each corpus counts as at most `cap` examples, so a big one cannot drown the rest.

    A corpus with a single class (WordPress pending spam) is capped lower: with no ham of
    its own, its whole writing style (blog praise, long sentences) would read as spam.
    """
    sizes = Counter(corpus_of(e) for e in examples)
    classes: dict[str, set[int]] = {}
    for e in examples:
        classes.setdefault(corpus_of(e), set()).add(e.label)
    weights = []
    for e in examples:
        name = corpus_of(e)
        limit = cap if len(classes[name]) > 1 else one_class_cap
        weights.append(min(1.0, limit / sizes[name]))
    return np.array(weights)


def corpus_of(example: Example) -> str:
    return example.source.split("/")[0]


def design_matrix(raw, terms: Sequence[str], char_weight: float):
    """Unnormalised TF-IDF -> word block and weighted character block, each of unit length.

    Returns the matrix and the term order of its columns (word block first).
    """
    from scipy.sparse import hstack
    from sklearn.preprocessing import normalize

    is_word = np.array([t[0] in WORD_BLOCK for t in terms])
    words, chars = np.flatnonzero(is_word), np.flatnonzero(~is_word)
    matrix = hstack(
        [normalize(raw[:, words]), char_weight * normalize(raw[:, chars])], format="csr"
    )
    order = [terms[i] for i in words] + [terms[i] for i in chars]
    return matrix, order, np.concatenate([words, chars])


def train(
    examples: Sequence[Example],
    *,
    c: float = 4.0,
    max_features: int = 60_000,
    one_class_cap: int = 150,
    char_weight: float = CHAR_WEIGHT,
) -> Model:
    """Fit TF-IDF over `features` and a logistic regression; keep only arrays and JSON."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = np.array([e.label for e in examples])
    if len(set(labels.tolist())) < 2:
        raise ValueError("training needs both spam and ham examples")
    vectoriser = TfidfVectorizer(
        analyzer=features,
        sublinear_tf=True,
        norm=None,
        min_df=2 if len(examples) >= 50 else 1,
        max_features=max_features,
        dtype=np.float32,
    )
    raw = vectoriser.fit_transform([e.text for e in examples])
    terms = vectoriser.get_feature_names_out().tolist()
    matrix, order, columns = design_matrix(raw, terms, char_weight)
    classifier = LogisticRegression(C=c, class_weight="balanced", max_iter=2000, solver="liblinear")
    classifier.fit(
        matrix, labels, sample_weight=source_weights(examples, one_class_cap=one_class_cap)
    )
    idf = vectoriser.idf_[columns].tolist()
    vocabulary = dict(zip(order, zip(idf, classifier.coef_[0].tolist(), strict=True), strict=True))
    counts = Counter((corpus_of(e), "spam" if e.label else "ham") for e in examples)
    meta = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "examples": len(examples),
        "sources": {f"{s} {label}": n for (s, label), n in sorted(counts.items())},
        "features": len(order),
        "c": c,
        "char_weight": char_weight,
    }
    return Model(vocabulary, float(classifier.intercept_[0]), meta)
