"""Where it came from: floods from one IP address, one email or one network (/24, /48)."""

from parley.antispam import history
from parley.antispam.registry import hit, rule

FLOOD_IP = "FLOOD_IP"
FLOOD_EMAIL = "FLOOD_EMAIL"
FLOOD_NETWORK = "FLOOD_NETWORK"
REPEAT_TOO_SOON = "REPEAT_TOO_SOON"


def _window(context) -> str:
    seconds = context.setting("flood_window_seconds")
    return f"{seconds / 60:g} minutes" if seconds >= 120 else f"{seconds:g} s"


def _flood(symbol: str, count: int, limit: int, context, what: str):
    if count >= limit:
        # The history stops counting at its cap: say "at least".
        shown = f"{count}+" if count >= history.COUNT_CAP else str(count)
        return hit(symbol, f"{shown} earlier comments from this {what} in {_window(context)}")
    return None


@rule(FLOOD_IP, weight=4.0, description="Many comments from one IP address in a short time.")
def flood_ip(submission, context):
    limit = context.setting("flood_count")
    return _flood(FLOOD_IP, context.history.ip_count, limit, context, "IP address")


@rule(FLOOD_EMAIL, weight=4.0, description="Many comments from one email address in a short time.")
def flood_email(submission, context):
    limit = context.setting("flood_count")
    return _flood(FLOOD_EMAIL, context.history.email_count, limit, context, "email")


@rule(
    FLOOD_NETWORK,
    weight=2.0,
    description="Many comments from one network (/24 or /48) in a short time.",
)
def flood_network(submission, context):
    limit = context.setting("network_flood_count")
    return _flood(FLOOD_NETWORK, context.history.network_count, limit, context, "network")


@rule(
    REPEAT_TOO_SOON,
    weight=2.0,
    description="Another comment from the same IP or email within the site's flood interval.",
)
def repeat_too_soon(submission, context):
    site = context.site
    seconds = site.flood_seconds if site is not None else 0
    if not seconds:
        return None
    for last, what in (
        (context.history.ip_last, "IP address"),
        (context.history.email_last, "email"),
    ):
        if last is not None and 0 <= (context.now - last).total_seconds() < seconds:
            gap = (context.now - last).total_seconds()
            return hit(
                REPEAT_TOO_SOON,
                f"another comment from this {what} {gap:.0f} s earlier (under {seconds} s)",
            )
    return None
