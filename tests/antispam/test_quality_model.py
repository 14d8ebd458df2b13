"""The learned low-value model: shipped without pickle, reloadable, trained on Parley's own text."""

from pathlib import Path

import numpy as np
import pytest

from parley.antispam.quality import dataset, train
from parley.antispam.quality.features import ngrams
from parley.antispam.quality.model import MODEL_DIR, LowValueModel, Score, default_model
from parley.antispam.quality.train import fit

LABELLED = Path(__file__).resolve().parents[1] / "data" / "quality" / "labelled.csv"
FRESH = LABELLED.with_name("fresh.csv")
FRESH2 = LABELLED.with_name("fresh2.csv")


def test_shipped_model_is_arrays_and_json_only():
    assert sorted(p.name for p in MODEL_DIR.iterdir()) == ["low_value.json", "low_value.npz"]
    with np.load(MODEL_DIR / "low_value.npz", allow_pickle=False) as arrays:
        assert arrays["coef"].shape == arrays["idf"].shape


@pytest.mark.parametrize("text", ["great post", "Thanks for sharing!", "nice article :)"])
def test_shipped_model_scores_generic_praise_low_value(text):
    model = default_model()
    assert model.score(text).probability >= model.threshold


@pytest.mark.parametrize(
    "text",
    [
        "I disagree: in my experience the index makes writes slower, because every insert "
        "updates it.",
        "Which Python version did you use? The second example fails on 3.8.",
    ],
)
def test_shipped_model_lets_substantive_comments_through(text):
    model = default_model()
    assert model.score(text).probability < model.threshold


def test_shipped_model_learned_only_from_text_written_for_parley():
    """The labelled set quotes unlicensed corpora: it may evaluate the model, never train it."""
    import json

    meta = json.loads((MODEL_DIR / "low_value.json").read_text(encoding="utf-8"))
    assert meta["trained_on"]["rows"] == len(dataset.read_authored())
    # Beyond one- to three-word reactions ("lol", "i love it") that anyone writes alike,
    # no written line is a comment from the labelled set.
    authored = {e.text.strip().lower() for e in dataset.read_authored()}
    labelled = {r.text.strip().lower() for r in dataset.read_labelled(LABELLED)}
    labelled |= {r.text.strip().lower() for r in dataset.read_labelled(FRESH)}
    labelled |= {r.text.strip().lower() for r in dataset.read_labelled(FRESH2)}
    assert not {t for t in authored & labelled if len(t.split()) > 3}


def test_a_trained_model_round_trips_through_disk(tmp_path):
    examples = dataset.read_authored()[::3]
    model, report = fit(examples)
    model.save(tmp_path)
    again = LowValueModel.load(tmp_path)
    for text in ("great post", "The third step fails on Windows without quotes."):
        assert again.score(text).probability == pytest.approx(
            model.score(text).probability, abs=1e-5
        )
    assert 0.3 <= report["threshold"] <= 0.9


def test_labelled_set_has_both_labels_and_a_fixed_disjoint_split():
    rows = dataset.read_labelled(LABELLED)
    dev = dataset.read_labelled(LABELLED, split="dev")
    test = dataset.read_labelled(LABELLED, split="test")
    assert len(rows) >= 300
    assert {r.label for r in test} == {"low_value", "substantive"}
    assert len(dev) + len(test) == len(rows)
    assert not {(r.source, r.row_id) for r in dev} & {(r.source, r.row_id) for r in test}


def test_unknown_label_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label,source,row_id\nhello,maybe,x,1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="unknown label 'maybe'"):
        dataset.read_labelled(bad)


def test_fresh_batch_is_new_rows_with_both_labels():
    """fresh.csv measures the model on comments the earlier passes never saw."""
    fresh = dataset.read_labelled(FRESH)
    labelled = dataset.read_labelled(LABELLED)
    assert len(fresh) >= 250
    assert {r.label for r in fresh} == {"low_value", "substantive"}
    assert not {(r.source, r.row_id) for r in fresh} & {(r.source, r.row_id) for r in labelled}
    assert not {r.text.lower() for r in fresh} & {r.text.lower() for r in labelled}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Which version?", "has:question"),
        ("At 1:39 the drummer drops a stick", "has:timestamp"),
        ("Use df.head() first", "has:technical"),
        ("It took 40 ms", "has:technical"),
        ("Thanks. It works now!", "sentences:2"),
        ("Typo in step 3", "first:typo"),
        ("Thanks! How do I run it on Windows?", "has:question"),
        ("00 : 39 look at the cat", "has:timestamp"),
        ("boring, because the chorus never changes", "has:reason"),
        ("BEST SONG EVER EVERYBODY DANCE", "has:shouting"),
        ("sooo good", "has:stretched"),
    ],
)
def test_shape_features_say_how_specific_a_comment_is(text, expected):
    assert expected in ngrams(text)


@pytest.mark.parametrize(
    "text",
    [
        "Great post",
        "2 billion views lol",
        "who is here in 2025",
        "Who else is watching in 2026?",
        "How can this have more views than people on earth?",
    ],
)
def test_chatter_has_no_specificity_features(text):
    features = set(ngrams(text))
    assert not features & {"has:question", "has:timestamp", "has:technical"}


def test_second_fresh_batch_is_new_rows_with_both_labels():
    """fresh2.csv is disjoint from every earlier batch, so it measures what no pass tuned on."""
    fresh2 = dataset.read_labelled(FRESH2)
    earlier = dataset.read_labelled(LABELLED) + dataset.read_labelled(FRESH)
    assert len(fresh2) >= 150
    assert {r.label for r in fresh2} == {"low_value", "substantive"}
    assert not {(r.source, r.row_id) for r in fresh2} & {(r.source, r.row_id) for r in earlier}
    assert not {r.text.lower() for r in fresh2} & {r.text.lower() for r in earlier}


def test_threshold_calibration_never_reads_the_second_fresh_batch():
    rows = train.calibration_rows()
    fresh2 = {(r.source, r.row_id) for r in dataset.read_labelled(FRESH2)}
    assert rows
    assert not {(r.source, r.row_id) for r in rows} & fresh2


class FixedScores:
    """A stand-in model: each text's probability is given."""

    def __init__(self, probabilities):
        self.probabilities = probabilities

    def score(self, text):
        return Score(self.probabilities[text], ())


def test_calibration_picks_the_lowest_threshold_within_the_false_hold_budget():
    probabilities = {f"reply number {i} about the schema": 0.2 for i in range(38)}
    probabilities |= {f"reply number {i} about the index": 0.6 for i in range(4)}
    probabilities |= {f"chatter number {i} for everyone": 0.8 for i in range(40)}
    # The generic check never holds these two on the model alone, so they cost no budget.
    probabilities["why does the migration fail on sqlite?"] = 0.85
    probabilities["at 1:39 the chart changes colour"] = 0.99
    rows = [
        dataset.Example(text, "low_value" if "chatter" in text else "substantive", "t", str(n))
        for n, text in enumerate(probabilities)
    ]
    threshold, report = train.calibrate(FixedScores(probabilities), rows, max_fp_rate=0.05)
    assert threshold == pytest.approx(0.61)
    assert report["calibrated_cv_recall_low_value"] == 1.0
    assert report["calibrated_cv_held_substantive"] <= 0.05
