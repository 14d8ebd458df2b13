"""Trains the shipped low-value model: `python -m parley.antispam.quality.train`.

The weights learn ONLY from the comments written for Parley (data/authored_*.txt): the
labelled sets quote corpora that state no licence, so they may judge the model
(bench/quality.py) but never train what ships. One number is set on real comments: the
decision threshold. Written text is tidier than real comments (a threshold that held 3% of
the written substantive ones held 12-18% of real ones), so when the repository's labelled
sets are there (tests/data/quality: labelled.csv and fresh.csv, never fresh2.csv, which is
measured once) the threshold is the lowest that holds at most 5% of their substantive
comments, with its 5-fold cross-validated recall and false-hold rate in the report.
Without them it falls back to cross-validation on the written text. Saved as arrays + JSON.
"""

import argparse
import math
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict

from parley.antispam.quality import patterns
from parley.antispam.quality.dataset import Example, read_authored, read_labelled
from parley.antispam.quality.features import asks_a_question, has_timestamp, ngrams
from parley.antispam.quality.model import MODEL_DIR, QUESTION_THRESHOLD, LowValueModel
from parley.antispam.quality.text import clean, content_words

C = 8.0  # inverse regularisation; compared on the dev split (bench/quality.py)
# Share of authored substantive rows the cross-validated model may hold. Written text is
# tidier than real comments, so real ones are held more often at the same threshold: on the
# dev split, a 3% budget here held about 4% of substantive comments (4% held 5-6%).
MAX_CV_FP_RATE = 0.03
# Issue 6's target: at most 5% of real substantive comments held.
MAX_REAL_FP_RATE = 0.05
LABELLED_DIR = Path(__file__).resolve().parents[4] / "tests" / "data" / "quality"
CALIBRATION_FILES = ("labelled.csv", "fresh.csv")
GRID = np.round(np.arange(0.30, 0.96, 0.01), 2)


def word_idf(texts: list[str]) -> dict[str, float]:
    """Smoothed IDF of content words, for the off-topic similarity."""
    df = Counter(term for text in texts for term in set(content_words(text)))
    n = len(texts)
    return {term: round(math.log((1 + n) / (1 + count)) + 1.0, 4) for term, count in df.items()}


def choose_threshold(y: np.ndarray, probabilities: np.ndarray, max_fp_rate: float) -> float:
    """The lowest threshold whose false-positive rate on substantive rows stays in budget."""
    substantive = probabilities[y == 0]
    for threshold in np.arange(0.30, 0.91, 0.01):
        if (substantive >= threshold).mean() <= max_fp_rate:
            return round(float(threshold), 2)
    return 0.9


def held_at(model: LowValueModel, texts: list[str]) -> np.ndarray:
    """Per text and grid threshold: would the text checks hold it on their own?

    The same order as rules/quality.py: an obvious pattern always, a timestamp never (the
    generic check skips it), a real question only from QUESTION_THRESHOLD up.
    """
    rows = []
    for text in texts:
        text = clean(text)
        if patterns.match(text):
            rows.append(np.ones(len(GRID), dtype=bool))
        elif has_timestamp(text):
            rows.append(np.zeros(len(GRID), dtype=bool))
        else:
            probability = model.score(text).probability
            floor = QUESTION_THRESHOLD if asks_a_question(text.lower()) else 0.0
            rows.append((probability >= GRID) & (probability >= floor))
    return np.array(rows)


def lowest_in_budget(held: np.ndarray, y: np.ndarray, max_fp_rate: float) -> int:
    """Index of the lowest grid threshold holding at most `max_fp_rate` of substantive rows."""
    fp_rates = held[y == 0].mean(axis=0)
    within = np.flatnonzero(fp_rates <= max_fp_rate)
    return int(within[0]) if len(within) else len(GRID) - 1


def calibrate(model: LowValueModel, rows: list[Example], max_fp_rate: float = MAX_REAL_FP_RATE):
    """The threshold for real comments, and what 5-fold cross-validation says it does there.

    Each fold is judged at the threshold chosen on the other four, so the recall and
    false-hold rate reported are for rows the choice did not see.
    """
    held = held_at(model, [r.text for r in rows])
    y = np.array([1 if r.low_value else 0 for r in rows])
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=6)
    outcome = np.zeros(len(rows), dtype=bool)
    for train_index, test_index in folds.split(held, y):
        chosen = lowest_in_budget(held[train_index], y[train_index], max_fp_rate)
        outcome[test_index] = held[test_index, chosen]
    threshold = float(GRID[lowest_in_budget(held, y, max_fp_rate)])
    return threshold, {
        "calibration_rows": len(rows),
        "calibration_files": list(CALIBRATION_FILES),
        "calibration_max_fp_rate": max_fp_rate,
        "calibrated_cv_recall_low_value": round(float(outcome[y == 1].mean()), 3),
        "calibrated_cv_held_substantive": round(float(outcome[y == 0].mean()), 3),
    }


def calibration_rows(folder: Path = LABELLED_DIR) -> list[Example]:
    """The labelled real comments the threshold may be set on (empty outside the repository)."""
    paths = [folder / name for name in CALIBRATION_FILES]
    if not all(path.exists() for path in paths):
        return []
    return [row for path in paths for row in read_labelled(path)]


def fit(examples: list[Example], max_fp_rate: float = MAX_CV_FP_RATE) -> tuple[LowValueModel, dict]:
    texts = [e.text for e in examples]
    y = np.array([1 if e.low_value else 0 for e in examples])
    # A feature in only one written line is that line's noise, not a pattern (min_df=2
    # halves the vocabulary; calibrated recall on dev + test + fresh was the same or better).
    vectorizer = TfidfVectorizer(analyzer=ngrams, sublinear_tf=True, min_df=2)
    x = vectorizer.fit_transform(texts)
    classifier = LogisticRegression(C=C, class_weight="balanced", max_iter=2000)
    folds = StratifiedKFold(n_splits=5, shuffle=True, random_state=6)
    cv = cross_val_predict(classifier, x, y, cv=folds, method="predict_proba")[:, 1]
    threshold = choose_threshold(y, cv, max_fp_rate)
    classifier.fit(x, y)
    held = cv >= threshold
    report = {
        "rows": len(y),
        "threshold": threshold,
        "cv_recall_low_value": round(float(held[y == 1].mean()), 3),
        "cv_held_substantive": round(float(held[y == 0].mean()), 3),
    }
    vocabulary = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
    meta = {
        "format": 1,
        "threshold": threshold,
        "trained_on": report,
        "word_idf": word_idf(texts),
    }
    model = LowValueModel(meta, vocabulary, vectorizer.idf_, classifier.coef_[0], 0.0)
    model.intercept = float(classifier.intercept_[0])
    return model, report


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=MODEL_DIR)
    parser.add_argument(
        "--no-calibration",
        action="store_true",
        help="keep the threshold from cross-validation on the written text",
    )
    args = parser.parse_args(argv)
    model, report = fit(read_authored())
    rows = [] if args.no_calibration else calibration_rows()
    if rows:
        model.threshold, calibration = calibrate(model, rows)
        report = {**report, "threshold": model.threshold, **calibration}
        model.meta = {**model.meta, "threshold": model.threshold, "trained_on": report}
    model.save(args.output)
    print(f"saved {args.output}: {report}")


if __name__ == "__main__":
    main()
