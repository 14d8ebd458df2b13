"""`parley spam train | check | eval` on tiny data."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from parley.antispam.pipeline import evaluate
from parley.antispam.types import Submission

SAMPLE_DIR = Path(__file__).resolve().parents[1] / "data" / "spam"

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("spam", *args, stdout=out)
    return out.getvalue()


def test_train_writes_a_model_from_the_given_data_only(tmp_path):
    output = run("train", "--no-shipped", "--no-site", "--data", str(SAMPLE_DIR),
                 "--output", str(tmp_path / "model"))  # fmt: skip
    assert "Trained on 60 examples" in output
    assert (tmp_path / "model" / "model.json").exists()
    assert (tmp_path / "model" / "model.npz").exists()


def test_train_includes_the_sites_labelled_examples_but_refuses_one_class(tmp_path):
    from parley.antispam.models import LabelledExample

    LabelledExample.objects.create(label="spam", source="moderation", content="buy pills now")
    with pytest.raises(CommandError, match="need spam and ham"):
        run("train", "--no-shipped", "--output", str(tmp_path / "m"))


def test_check_prints_the_verdict_and_every_reason():
    output = run("check", "hello", "--author", "viagra-test-123")
    assert output.startswith("DISCARD")
    assert "AKISMET_TEST_SPAM" in output
    assert "test author viagra-test-123" in output


def test_check_does_not_record_history():
    from parley.antispam.models import CheckRecord

    run("check", "A normal remark about the post.")
    assert CheckRecord.objects.count() == 0


def test_eval_prints_metrics_and_a_confusion_matrix():
    output = run("eval", "--data", str(SAMPLE_DIR), "--classifier-only")
    assert "prec" in output and "recall" in output and "FPR" in output
    assert "sample" in output
    lines = output.splitlines()
    ham_row = next(
        line for line in lines if line.strip().startswith("ham ") and line.split()[1].isdigit()
    )
    spam_row = next(
        line for line in lines if line.strip().startswith("spam ") and line.split()[1].isdigit()
    )
    tn, fp = map(int, ham_row.split()[1:3])
    fn, tp = map(int, spam_row.split()[1:3])
    assert tn + fp == 30 and fn + tp == 30


def test_eval_of_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="no such file or folder"):
        run("eval", "--data", str(tmp_path / "nope"))


def test_the_scheduled_retrain_learns_the_sites_examples_and_the_engine_uses_them(
    settings, tmp_path
):
    from parley.antispam.classifier import model_folder, reload
    from parley.antispam.models import LabelledExample
    from parley.antispam.tasks import retrain

    settings.DATA_DIR = tmp_path
    for i in range(6):
        LabelledExample.objects.create(
            label="spam", source="moderation", content=f"zorgblat offer number {i} zorgblat"
        )
        LabelledExample.objects.create(
            label="ham", source="moderation", content=f"thanks for the tutorial part {i}"
        )
    try:
        result = retrain.enqueue(shipped=False).return_value
        assert result["examples"] == 12
        assert model_folder() == tmp_path / "spam-model"
        hit = next(
            h
            for h in evaluate(Submission("zorgblat zorgblat zorgblat")).hits
            if h.check == "CLASSIFIER"
        )
        assert hit.weight > 0
    finally:
        reload()


def test_eval_can_list_the_mistakes_with_their_reasons(tmp_path):
    corpus = tmp_path / "mini.csv"
    corpus.write_text("content,label\nhello there friend,spam\n")
    output = run("eval", "--data", str(corpus), "--show-errors", "5")
    assert "False negatives (1):" in output
    assert "'hello there friend'" in output
    assert "ham " in output.split("False negatives (1):")[1]  # the verdict that was given


def test_eval_with_another_model_uses_that_model(tmp_path):
    run("train", "--no-shipped", "--no-site", "--data", str(SAMPLE_DIR),
        "--output", str(tmp_path / "tiny"))  # fmt: skip
    shipped = run("eval", "--data", str(SAMPLE_DIR), "--classifier-only", "--show-errors", "60")
    tiny = run("eval", "--data", str(SAMPLE_DIR), "--classifier-only", "--show-errors", "60",
               "--model", str(tmp_path / "tiny"))  # fmt: skip
    assert "False positives (0)" in tiny and "False negatives (0)" in tiny  # it saw them all
    assert shipped != tiny


def test_purge_deletes_history_older_than_the_retention_period(monkeypatch, clock):
    import time
    from datetime import timedelta

    from django.utils import timezone

    from parley.antispam import check, retention

    monkeypatch.setitem(retention._last, "at", time.monotonic())  # no automatic purge now

    real_now = timezone.now()
    clock(real_now - timedelta(days=40))
    check(Submission("an old comment"))
    clock(real_now)
    check(Submission("a new comment"))
    assert run("purge") == "Deleted 1 anti-spam history record(s) older than 30 days.\n"


def test_the_engine_purges_expired_history_by_itself_once_an_hour(monkeypatch, clock):
    import time
    from datetime import timedelta

    from django.utils import timezone

    from parley.antispam import check, retention
    from parley.antispam.models import CheckRecord

    real_now = timezone.now()
    monkeypatch.setitem(retention._last, "at", time.monotonic())
    clock(real_now - timedelta(days=40))
    check(Submission("an old comment"))  # recorded 40 days ago
    monkeypatch.setitem(retention._last, "at", -1e9)  # an hour has passed since the last purge
    clock(real_now)
    check(Submission("a new comment"))  # recorded, then the old one is purged
    assert CheckRecord.objects.count() == 1
    clock(real_now - timedelta(days=40))
    check(Submission("another old one"))
    clock(real_now)
    check(Submission("another new one"))
    assert CheckRecord.objects.count() == 3  # no second purge within the hour
