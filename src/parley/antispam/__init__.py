"""Parley's own spam filter: explainable checks plus a trained classifier.

`check(submission)` is the one entry point the comment form and the Akismet-compatible API
share. It imports the pipeline lazily so importing this package has no side effects.
"""

from parley.antispam.types import Action, Hit, Submission, Verdict


def check(submission: Submission) -> Verdict:
    from parley.antispam.pipeline import run

    return run(submission)


__all__ = ["Action", "Hit", "Submission", "Verdict", "check"]
