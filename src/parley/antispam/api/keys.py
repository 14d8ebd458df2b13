"""Which API key a request carries, whether it is good, and the per-key rate limit."""

import re
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from parley.antispam.models import KEY_ALPHABET, ApiKey

KEY_LENGTH = 12
KEY_PATTERN = re.compile(rf"[{re.escape(KEY_ALPHABET)}]{{{KEY_LENGTH}}}")
# Set by the middleware when the key came as a subdomain (KEY.<host>, Akismet's old form).
HOST_KEY_META = "parley.api_key_from_host"


def looks_like_key(value: str) -> bool:
    return bool(KEY_PATTERN.fullmatch(value))


def key_from_request(request, params) -> str:
    """The key a client sent: `api_key`, then `key`, then the Host subdomain form."""
    for name in ("api_key", "key"):
        value = params.get(name, "")
        if value:
            return value.strip()
    return request.META.get(HOST_KEY_META, "")


def active_key(value: str) -> ApiKey | None:
    """The active ApiKey for `value`, or None; malformed keys never reach the database."""
    if not looks_like_key(value):
        return None
    return ApiKey.objects.filter(key=value, revoked_at__isnull=True).first()


@dataclass(frozen=True)
class RateLimit:
    requests: int
    seconds: int

    @classmethod
    def from_setting(cls) -> "RateLimit":
        requests, seconds = settings.PARLEY_API_RATE_LIMIT
        return cls(int(requests), int(seconds))


def retry_after(key: ApiKey, now: float | None = None) -> int | None:
    """Count one request for `key`; None if allowed, else seconds until the window ends.

    A fixed window counter in Django's cache: with the default local-memory cache each
    server process counts on its own (so the limit is per process); PARLEY_CACHE_URL
    pointing at Redis makes it one limit across all processes.
    """
    limit = RateLimit.from_setting()
    if limit.requests <= 0:
        return None
    now = time.time() if now is None else now
    window = int(now // limit.seconds)
    cache_key = f"parley:api-rate:{key.pk}:{window}"
    if cache.add(cache_key, 1, timeout=limit.seconds + 1):
        return None
    try:
        used = cache.incr(cache_key)
    except ValueError:  # expired between add and incr: a fresh window
        cache.add(cache_key, 1, timeout=limit.seconds + 1)
        return None
    if used <= limit.requests:
        return None
    return max(1, int((window + 1) * limit.seconds - now + 0.999))


def is_throttled(key: ApiKey, now: float | None = None) -> bool:
    """Whether `key` is over its limit in the current window (without counting a request)."""
    limit = RateLimit.from_setting()
    if limit.requests <= 0:
        return False
    now = time.time() if now is None else now
    used = cache.get(f"parley:api-rate:{key.pk}:{int(now // limit.seconds)}") or 0
    return used > limit.requests
