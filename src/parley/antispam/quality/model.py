"""The learned low-value model: loads arrays + JSON (never pickle) and scores one text.

A logistic regression on TF-IDF features (see features.py), trained by `python -m
parley.antispam.quality.train`. Scoring is plain Python over a dict, a few hundred
microseconds for a comment, and it can say which words pushed the score up.
"""

import heapq
import json
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from parley.antispam.quality.features import ngrams
from parley.antispam.quality.text import TfidfSpace

MODEL_DIR = Path(__file__).resolve().parent / "model"
# The score a comment that asks a real question needs before the generic check holds it
# (rules/quality.py, "generic_question_threshold"); the threshold calibration assumes it.
QUESTION_THRESHOLD = 0.9


@dataclass(frozen=True)
class Score:
    probability: float  # that the text is low-value
    top_terms: tuple[str, ...]  # the features that pushed it most towards low-value


class LowValueModel:
    def __init__(self, meta: dict, vocabulary: dict[str, int], idf, coef, intercept: float):
        self.meta = meta
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=float)
        self.coef = np.asarray(coef, dtype=float)
        self.intercept = float(intercept)
        self.threshold = float(meta.get("threshold", 0.5))
        # feature -> (idf squared, idf * coefficient, how much it reads as a reason) as Python
        # floats: scoring one comment touches a few hundred features, and dict lookups with
        # the products done once beat NumPy scalar indexing at that size.
        self._weights = {
            f: self._entry(f, float(self.idf[i]), float(self.coef[i]))
            for f, i in vocabulary.items()
        }
        self._space = None

    @classmethod
    def load(cls, folder: Path = MODEL_DIR) -> "LowValueModel":
        folder = Path(folder)
        meta = json.loads((folder / "low_value.json").read_text(encoding="utf-8"))
        with np.load(folder / "low_value.npz", allow_pickle=False) as arrays:
            idf, coef = arrays["idf"], arrays["coef"]
        return cls(meta, meta["vocabulary"], idf, coef, meta["intercept"])

    def save(self, folder: Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        meta = {**self.meta, "vocabulary": self.vocabulary, "intercept": self.intercept}
        (folder / "low_value.json").write_text(
            json.dumps(meta, ensure_ascii=False, sort_keys=True), encoding="utf-8"
        )
        np.savez_compressed(
            folder / "low_value.npz",
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
        )

    @staticmethod
    def _entry(feature: str, idf: float, coef: float) -> tuple[float, float, float]:
        # Words and word pairs that push towards low-value make readable reasons.
        readable = idf * coef if coef > 0 and feature[0] in "wb" else 0.0
        return idf * idf, idf * coef, readable

    def score(self, text: str) -> Score:
        """TF-IDF (sublinear, L2) dot the coefficients, in one pass over the known features."""
        known = self._weights
        squares = dot = 0.0
        pushing = []
        for feature, count in Counter(ngrams(text)).items():
            entry = known.get(feature)
            if entry is None:
                continue
            idf_squared, idf_coef, readable = entry
            if count == 1:
                squares += idf_squared
                dot += idf_coef
            else:
                tf = 1.0 + math.log(count)
                squares += tf * tf * idf_squared
                dot += tf * idf_coef
                readable *= tf
            if readable:
                pushing.append((readable, feature))
        z = self.intercept + dot / (math.sqrt(squares) or 1.0)
        probability = 1.0 / (1.0 + math.exp(-z))
        top = tuple(feature[2:] for _, feature in heapq.nlargest(3, pushing))
        return Score(probability, top)

    def similarity_space(self) -> TfidfSpace:
        if self._space is None:
            self._space = TfidfSpace(self.meta.get("word_idf", {}))
        return self._space


_override: list[LowValueModel] = []


@lru_cache(maxsize=1)
def _shipped() -> LowValueModel:
    return LowValueModel.load()


def default_model() -> LowValueModel:
    """The model shipped in the package (loaded once per process), unless one is in use."""
    return _override[-1] if _override else _shipped()


@contextmanager
def using(model: LowValueModel) -> Iterator[LowValueModel]:
    """Judge with another model for a block (cross-validation in bench/quality.py, tests)."""
    _override.append(model)
    try:
        yield model
    finally:
        _override.pop()
