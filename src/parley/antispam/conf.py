"""The engine's defaults; a site overrides any key in settings.PARLEY_ANTISPAM."""

from django.conf import settings

DEFAULTS: dict = {
    # Spam score -> action: ham < hold <= spam <= discard (rspamd-style thresholds).
    "thresholds": {"hold": 4.0, "spam": 7.0, "discard": 15.0},
    # The quality score at or above which a comment is low-value (issue 6).
    "quality_threshold": 3.0,
    # {"SYMBOL": weight} replaces a rule's default weight; 0 makes it count for nothing.
    "weights": {},
    # Symbols never run. "enabled", when a list, runs only those symbols.
    "disabled": [],
    "enabled": None,
    # Modules whose import registers rules; the one place rules are loaded from.
    "rule_modules": [
        "parley.antispam.rules.behaviour",
        "parley.antispam.rules.links",
        "parley.antispam.rules.author",
        "parley.antispam.rules.content",
        "parley.antispam.rules.promotion",
        "parley.antispam.rules.network",
        "parley.antispam.rules.language",
        "parley.antispam.rules.classifier",
        "parley.antispam.rules.quality",
    ],
    # A person needs at least this long between seeing the form and sending it ...
    "min_form_seconds": 3.0,
    # ... and types no faster than this (characters a second, generous for pasting).
    "max_chars_per_second": 25.0,
    # Links (per 100 words) beyond which a comment reads as a link drop.
    "link_density": 10.0,
    # Flood: more than `flood_count` checks from one IP, email or network in `flood_window`.
    "flood_window_seconds": 600,
    "flood_count": 5,
    "network_flood_count": 10,
    # How long the history store keeps fingerprints (privacy: see docs/antispam.md).
    "retention_days": 30,
    # Record each non-test check in the history store.
    "record_history": True,
    # Trained model folder; None uses the model shipped in the package.
    "model_path": None,
}


def get(key: str):
    """One setting: PARLEY_ANTISPAM[key] if set, else the default (dicts are merged)."""
    overrides = getattr(settings, "PARLEY_ANTISPAM", {}) or {}
    default = DEFAULTS[key]
    if key not in overrides:
        return default
    value = overrides[key]
    if isinstance(default, dict) and isinstance(value, dict):
        return {**default, **value}
    return value
