"""Which API key a request carries, whether it is good, and the per-key rate limit."""

import re
import threading
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


# Active keys this process has looked up, so a check costs no key query: a revocation
# reaches the other server processes within KEY_CACHE_SECONDS (this one at once).
KEY_CACHE_SECONDS = 10.0
_known: dict[str, tuple[float, ApiKey]] = {}


def active_key(value: str) -> ApiKey | None:
    """The active ApiKey for `value`, or None; malformed keys never reach the database."""
    if not looks_like_key(value):
        return None
    now = time.monotonic()
    known = _known.get(value)
    if known and now - known[0] < KEY_CACHE_SECONDS:
        return known[1]
    key = ApiKey.objects.filter(key=value, revoked_at__isnull=True).first()
    if key is None:
        _known.pop(value, None)
    else:
        _known[value] = (now, key)
    return key


def forget(value: str | None = None) -> None:
    """Drop one key (or all) from this process's cache: after a revocation or a change."""
    if value is None:
        _known.clear()
    else:
        _known.pop(value, None)


def forget_changed(sender, instance, **kwargs) -> None:
    """post_save / post_delete of an ApiKey: a revoked key must stop working here at once."""
    forget(instance.key)


@dataclass(frozen=True)
class RateLimit:
    requests: int
    seconds: int

    @classmethod
    def from_setting(cls) -> "RateLimit":
        requests, seconds = settings.PARLEY_API_RATE_LIMIT
        return cls(int(requests), int(seconds))


@dataclass
class _Window:
    """This process's view of one key's current window: what it has counted but not shared."""

    number: int
    pending: int = 0
    shared_total: int = 0
    synced_at: float = 0.0


_windows: dict[str, _Window] = {}
_windows_lock = threading.Lock()
SYNC_SECONDS = 1.0  # how stale a process's view of the shared count may get
SYNC_EVERY = 50  # ... or how many requests it may count before sharing them


def retry_after(key: ApiKey, now: float | None = None) -> int | None:
    """Count one request for `key`; None if allowed, else seconds until the window ends.

    A fixed-window counter in Django's cache, shared by every server process. A process
    adds its own requests to the cache in batches (at most once a second or every 50
    requests, and at once when it nears the limit), because a cache write costs
    milliseconds with the file cache: the limit can be overshot by about one batch per
    process, never undercounted.
    """
    limit = RateLimit.from_setting()
    if limit.requests <= 0:
        return None
    now = time.time() if now is None else now
    number = int(now // limit.seconds)
    with _windows_lock:
        window = _windows.get(key.key)
        if window is None or window.number != number:
            window = _windows[key.key] = _Window(number)
        window.pending += 1
        estimate = window.shared_total + window.pending
        if (
            window.pending >= SYNC_EVERY
            or now - window.synced_at >= SYNC_SECONDS
            or estimate > limit.requests
        ):
            window.shared_total = _add(
                f"parley:api-rate:{key.key}:{number}", window.pending, limit.seconds
            )
            window.pending = 0
            window.synced_at = now
            estimate = window.shared_total
    if estimate <= limit.requests:
        return None
    return max(1, int((number + 1) * limit.seconds - now + 0.999))


def _add(cache_key: str, count: int, seconds: int) -> int:
    if cache.add(cache_key, count, timeout=seconds + 1):
        return count
    try:
        return cache.incr(cache_key, count)
    except ValueError:  # expired between add and incr: a fresh window
        cache.add(cache_key, count, timeout=seconds + 1)
        return count


def is_throttled(key: ApiKey, now: float | None = None) -> bool:
    """Whether `key` is over its limit in the current window (without counting a request)."""
    limit = RateLimit.from_setting()
    if limit.requests <= 0:
        return False
    now = time.time() if now is None else now
    used = cache.get(f"parley:api-rate:{key.key}:{int(now // limit.seconds)}") or 0
    return used > limit.requests
