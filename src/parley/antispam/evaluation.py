"""Scoring the engine on labelled examples: shared by `parley spam eval` and bench/spam.py."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from parley.antispam.ml.corpora import Example


@dataclass(frozen=True)
class Confusion:
    tp: int
    fp: int
    tn: int
    fn: int

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        return (
            2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
        )

    @property
    def fpr(self) -> float | None:
        return self.fp / (self.fp + self.tn) if self.fp + self.tn else None

    def row(self, name: str) -> str:
        def fmt(value):
            return "     -" if value is None else f"{value:6.3f}"

        n = self.tp + self.fp + self.tn + self.fn
        return (
            f"{name[:48]:<48} {n:>6} {fmt(self.precision)} {fmt(self.recall)} "
            f"{fmt(self.f1)} {fmt(self.fpr)}"
        )


def confusion(pairs: Iterable[tuple[int, int]]) -> Confusion:
    """(true label, predicted label) pairs, 1 = spam."""
    tp = fp = tn = fn = 0
    for truth, guess in pairs:
        if guess and truth:
            tp += 1
        elif guess:
            fp += 1
        elif truth:
            fn += 1
        else:
            tn += 1
    return Confusion(tp, fp, tn, fn)


def submission_for(example: Example):
    from parley.antispam.types import Submission

    return Submission(
        content=example.text,
        author=example.author,
        email=example.email,
        url=example.url,
        is_test=True,
    )


def judge_examples(
    examples: Sequence[Example], model: str | None = None, classifier_only: bool = False
) -> list[int]:
    """1 where the engine (or the classifier alone) calls an example spam."""
    return [int(spam) for spam, _ in judge_with_reasons(examples, model, classifier_only)]


def judge_with_reasons(
    examples: Sequence[Example], model: str | None = None, classifier_only: bool = False
) -> list[tuple[bool, str]]:
    """(is spam, a one-line explanation) per example.

    Runs the engine without recording anything; history rules see the site's history as
    it is, so evaluate on a site (or data dir) whose history does not hold these texts.
    """
    from django.conf import settings
    from django.test import override_settings

    from parley.antispam.classifier import current_model
    from parley.antispam.pipeline import evaluate

    overrides = dict(getattr(settings, "PARLEY_ANTISPAM", {}))
    if model:
        overrides["model_path"] = model
    with override_settings(PARLEY_ANTISPAM=overrides):
        if classifier_only:
            scorer = current_model()
            if scorer is None:
                raise RuntimeError(f"no classifier model could be loaded from {model or 'default'}")
            out = []
            for example in examples:
                probability, words = scorer.explain(example.text)
                out.append((probability >= 0.5, f"p={probability:.2f} {', '.join(words)}"))
            return out
        out = []
        for example in examples:
            verdict = evaluate(submission_for(example))
            reasons = "; ".join(f"{h.check} {h.weight:+g} {h.reason}" for h in verdict.hits)
            out.append((verdict.is_spam, f"{verdict.action} {verdict.score:g}: {reasons}"))
        return out
