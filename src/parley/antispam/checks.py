"""Start-up checks of PARLEY_ANTISPAM, so a typo is an error at start, not silent mis-scoring."""

from django.conf import settings
from django.core.checks import Error, Warning, register

from parley.antispam.conf import DEFAULTS


@register()
def check_antispam_settings(app_configs=None, **kwargs):
    overrides = getattr(settings, "PARLEY_ANTISPAM", {}) or {}
    if not isinstance(overrides, dict):
        return [Error("PARLEY_ANTISPAM must be a dict (JSON object).", id="antispam.E001")]
    problems = []
    for key in sorted(set(overrides) - set(DEFAULTS)):
        problems.append(
            Error(
                f"PARLEY_ANTISPAM has an unknown key {key!r}.",
                hint=f"Known keys: {', '.join(sorted(DEFAULTS))}.",
                id="antispam.E002",
            )  # fmt: skip
        )
    thresholds = {**DEFAULTS["thresholds"], **(overrides.get("thresholds") or {})}
    try:
        ordered = (
            float(thresholds["hold"]) <= float(thresholds["spam"]) <= float(thresholds["discard"])
        )
    except (KeyError, TypeError, ValueError):
        ordered = False
    if not ordered:
        problems.append(
            Error(
                "PARLEY_ANTISPAM thresholds must be numbers with hold <= spam <= discard.",
                id="antispam.E003",
            )
        )
    named = set(overrides.get("weights") or {}) | set(overrides.get("disabled") or [])
    named |= set(overrides.get("enabled") or [])
    if named:
        from parley.antispam.pipeline import load_rules
        from parley.antispam.registry import RULES

        load_rules()
        for symbol in sorted(named - set(RULES)):
            problems.append(
                Warning(
                    f"PARLEY_ANTISPAM names {symbol!r}, which is no registered rule.",
                    hint="docs/antispam.md lists every rule symbol.",
                    id="antispam.W001",
                )
            )
    for symbol, weight in (overrides.get("weights") or {}).items():
        if not isinstance(weight, int | float):
            problems.append(
                Error(f"PARLEY_ANTISPAM weight of {symbol} is not a number.", id="antispam.E004")
            )
    return problems
