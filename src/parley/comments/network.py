"""The commenter's IP address: X-Forwarded-For is believed only from trusted proxies."""

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry, strict=False) for entry in entries)


def _parse(value: str):
    try:
        return ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None


def is_trusted(address, networks) -> bool:
    return address is not None and any(address in network for network in networks)


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or when that is a trusted proxy, the nearest untrusted X-Forwarded-For hop.

    Walking from the right means a client cannot forge its address by sending its own
    X-Forwarded-For: only the hops our proxies appended are believed.
    """
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    remote = _parse(request.META.get("REMOTE_ADDR", ""))
    if remote is None:
        return None
    if not is_trusted(remote, networks):
        return str(remote)
    hops = [h for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        address = _parse(hop)
        if address is None:
            break  # garbage from the client side: stop at the last address we trust
        if not is_trusted(address, networks):
            return str(address)
        remote = address
    return str(remote)
