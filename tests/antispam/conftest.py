"""Fixtures for the anti-spam engine's tests."""

import pytest

from parley.antispam.context import Context
from parley.antispam.pipeline import enabled_rules
from parley.antispam.registry import RULES


@pytest.fixture
def run_rule(db):
    """Run one registered rule on a submission: returns its Hit or None."""
    enabled_rules()  # imports every rule module

    def run(symbol, submission, now=None):
        return RULES[symbol].check(submission, Context(submission, now=now))

    return run


@pytest.fixture
def only_rules(settings):
    """Run only the named rules in the pipeline (isolates a test from the other families)."""

    def only(*symbols, **overrides):
        settings.PARLEY_ANTISPAM = {"enabled": list(symbols), **overrides}

    return only


@pytest.fixture
def clock(monkeypatch):
    """Set the server clock the engine reads (django.utils.timezone.now)."""
    from django.utils import timezone

    def set_to(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)

    return set_to
