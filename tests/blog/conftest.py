"""Blog test helpers."""

import pytest


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    """Run on-commit work (the related-posts updates) as a real commit would.

    Tests run inside a rolled-back transaction, so commit hooks must be run explicitly.
    """

    def run(action, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return run
