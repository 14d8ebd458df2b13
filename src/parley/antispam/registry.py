"""The one place checks are registered, rspamd-style: a named symbol, group, weight, reason.

A check is a function `(submission, context) -> Hit | None` decorated with `@rule(...)`.
A check builds its Hit with `hit(symbol, reason)`, which takes the weight from `@rule`. Its
default weight can be overridden in settings (PARLEY_ANTISPAM["weights"]), so tuning
never touches logic. Tests can register a rule temporarily with `registered(...)`.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from parley.antispam.types import Hit

CheckFunction = Callable[..., Hit | None]


@dataclass(frozen=True)
class Rule:
    symbol: str  # UPPER_SNAKE, shown to moderators and in API debug output
    group: str  # "spam" or "quality"
    weight: float  # default weight; settings may override it
    description: str  # one user-facing line
    check: CheckFunction


RULES: dict[str, Rule] = {}


def rule(symbol: str, *, weight: float, description: str, group: str = "spam"):
    """Register a check under `symbol`."""

    def decorate(function: CheckFunction) -> CheckFunction:
        if symbol in RULES and RULES[symbol].check is not function:
            raise ValueError(f"anti-spam rule {symbol} is registered twice")
        RULES[symbol] = Rule(symbol, group, weight, description, function)
        return function

    return decorate


def hit(symbol: str, reason: str, factor: float = 1.0) -> Hit:
    """What a registered check returns when it fires: its default weight, times `factor`
    for a check that fires by degree, so the weight is written once, in `@rule`."""
    registered_rule = RULES[symbol]
    return Hit(symbol, registered_rule.weight * factor, reason, registered_rule.group)


@contextmanager
def registered(extra: Rule) -> Iterator[Rule]:
    """Register a rule for the duration of a block (for tests)."""
    RULES[extra.symbol] = extra
    try:
        yield extra
    finally:
        RULES.pop(extra.symbol, None)
