"""Runs the enabled rules, sums their weights into scores and maps the score to an action.

rspamd's design: each rule is independent; a rule that raises is logged and skipped, so one
broken check never blocks a comment; weights and thresholds come from settings, not logic.
"""

import importlib
import logging
import time

from parley.antispam import conf
from parley.antispam.context import Context
from parley.antispam.registry import RULES, Rule
from parley.antispam.types import Action, Hit, Submission, Verdict

logger = logging.getLogger(__name__)

_loaded: set[str] = set()


def load_rules() -> None:
    """Import every rule module named in settings (registration happens on import)."""
    for name in conf.get("rule_modules"):
        if name in _loaded:
            continue
        try:
            importlib.import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:  # the module exists but something it needs is missing
                logger.exception("anti-spam: rule module %s failed to import", name)
            else:
                logger.debug("anti-spam: rule module %s not present", name)
        except Exception:
            logger.exception("anti-spam: rule module %s failed to import", name)
        _loaded.add(name)


def enabled_rules() -> list[Rule]:
    load_rules()
    only = conf.get("enabled")
    disabled = set(conf.get("disabled"))
    return [
        rule
        for symbol, rule in sorted(RULES.items())
        if symbol not in disabled and (only is None or symbol in only)
    ]


def weigh(rule: Rule, hit: Hit, weights: dict) -> Hit:
    """The hit under the rule's configured weight.

    A check returns its default weight, or a multiple of it when it fires by degree (the
    classifier's probability); a weight from settings scales that in proportion.
    """
    configured = float(weights.get(rule.symbol, rule.weight))
    weight = configured * (hit.weight / rule.weight) if rule.weight else configured
    return Hit(rule.symbol, round(weight, 3), hit.reason, rule.group)


def action_for(score: float, thresholds: dict) -> Action:
    if score >= thresholds["discard"]:
        return Action.DISCARD
    if score >= thresholds["spam"]:
        return Action.SPAM
    if score >= thresholds["hold"]:
        return Action.HOLD
    return Action.HAM


def evaluate(submission: Submission, context: Context | None = None) -> Verdict:
    """The verdict, without recording anything (for `parley spam check` and tests)."""
    context = context or Context(submission)
    weights = conf.get("weights")
    hits: list[Hit] = []
    for rule in enabled_rules():
        started = time.perf_counter()
        try:
            hit = rule.check(submission, context)
        except Exception:
            logger.exception("anti-spam: rule %s failed; skipped", rule.symbol)
            continue
        elapsed = time.perf_counter() - started
        if elapsed > 0.25:  # worth knowing; a busy machine explains the odd one
            logger.warning("anti-spam: rule %s took %.0f ms", rule.symbol, elapsed * 1000)
        if hit is not None:
            hits.append(weigh(rule, hit, weights))
    hits.sort(key=lambda h: -abs(h.weight))
    score = sum(h.weight for h in hits if h.group == "spam")
    quality = sum(h.weight for h in hits if h.group == "quality")
    return Verdict(
        action=action_for(score, conf.get("thresholds")),
        score=round(score, 3),
        hits=tuple(hits),
        quality=round(quality, 3),
        low_value=quality >= conf.get("quality_threshold"),
    )


def run(submission: Submission) -> Verdict:
    """Judge a submission and remember its fingerprints for judging the next ones."""
    context = Context(submission)
    verdict = evaluate(submission, context)
    if conf.get("record_history") and not submission.is_test:
        try:
            from parley.antispam import history, retention

            history.record(submission, context, verdict)
            retention.maybe_purge()
        except Exception:  # judging must not fail because the history could not be written
            logger.exception("anti-spam: could not record the check in the history store")
    return verdict
