"""The classifier: features, training, storage without pickle, and the shipped model."""

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

from parley.antispam.ml import model as ml_model
from parley.antispam.ml.corpora import read_folder
from parley.antispam.ml.text import features

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "spam" / "sample.csv"


@pytest.fixture(scope="module")
def sample():
    return read_folder(SAMPLE)


def test_features_fold_entities_links_and_fullwidth_letters():
    found = features("Visit FREE-codes.ｃom &amp; win &lt;a href=x&gt;")
    assert "\x01urltoken" in found  # the fullwidth "ｃom" still reads as a link
    assert "\x01win" in found
    assert not any("&amp" in f for f in found)


def test_trained_model_round_trips_through_json_and_npz_without_pickle(sample, tmp_path):
    model = ml_model.train(sample)
    folder = model.save(tmp_path / "m")
    assert sorted(p.name for p in folder.iterdir()) == ["model.json", "model.npz"]
    document = json.loads((folder / "model.json").read_text())
    assert document["format"] == ml_model.FORMAT
    with zipfile.ZipFile(folder / "model.npz") as archive:  # plain .npy arrays, no objects
        assert sorted(archive.namelist()) == ["coef.npy", "idf.npy"]
    with np.load(folder / "model.npz", allow_pickle=False) as arrays:
        assert arrays["coef"].dtype == np.float32
    loaded = ml_model.Model.load(folder)
    for example in sample[:10]:
        assert loaded.probability(example.text) == pytest.approx(
            model.probability(example.text), abs=1e-5
        )


def test_fast_scorer_agrees_with_scikit_learn(sample):
    """The dict scorer must give what sklearn's vectoriser + estimator would."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    model = ml_model.train(sample)
    terms = list(model.vocabulary)
    vectoriser = TfidfVectorizer(analyzer=features, sublinear_tf=True, norm=None)
    vectoriser.vocabulary_ = {t: i for i, t in enumerate(terms)}
    vectoriser.idf_ = np.array([model.vocabulary[t][0] for t in terms])
    texts = [e.text for e in sample[:15]] + ["", "!!!"]
    matrix, order, _ = ml_model.design_matrix(vectoriser.transform(texts), terms, model.char_weight)
    estimator = LogisticRegression()
    estimator.classes_ = np.array([0, 1])
    estimator.coef_ = np.array([[model.vocabulary[t][1] for t in order]])
    estimator.intercept_ = np.array([model.intercept])
    expected = estimator.predict_proba(matrix)[:, 1]
    np.testing.assert_allclose(model.probabilities(texts), expected, atol=1e-6)


def test_training_refuses_a_single_class(sample):
    with pytest.raises(ValueError, match="both spam and ham"):
        ml_model.train([e for e in sample if e.label == 1])


def test_loading_rejects_a_file_of_another_format(tmp_path):
    (tmp_path / "model.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(ValueError, match="not a parley-spam-model"):
        ml_model.Model.load(tmp_path)


def test_shipped_model_separates_obvious_spam_from_obvious_ham(sample):
    shipped = ml_model.load()
    assert shipped.meta["examples"] > 1000
    spam = [shipped.probability(e.text) for e in sample if e.label == 1]
    ham = [shipped.probability(e.text) for e in sample if e.label == 0]
    right = sum(p >= 0.5 for p in spam) + sum(p < 0.5 for p in ham)
    assert right / len(sample) >= 0.9
    assert shipped.probability("Buy cheap viagra online now, visit http://pills.example") > 0.8
    assert (
        shipped.probability(
            "I tried your fix and the migration now runs, but the index on the second table "
            "still takes ten minutes to build on our data."
        )
        < 0.5
    )


def test_explain_names_the_words_that_pushed_towards_spam():
    probability, words = ml_model.load().explain("WIN a FREE iPhone, click http://prize.example")
    assert probability > 0.5
    assert words and all(isinstance(w, str) for w in words)
