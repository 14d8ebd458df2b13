"""Counting API calls per key, site and month without a database write per call.

A process keeps its counts in memory and adds them to ApiUsage at most once a second (at
once when it has been idle longer), at exit, and before it answers a usage report. A
comment-check then costs no write of its own; a crashed process can lose up to a second
of counts, which only statistics feel.
"""

import atexit
import logging
import threading
import time
from collections import Counter

from parley.antispam.models import ApiKey

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 1.0
_pending: Counter = Counter()  # (key string, month, site, field) -> count
_lock = threading.Lock()
_flushed_at = 0.0


def count(key: ApiKey, month: str, site: str, field: str) -> None:
    with _lock:
        _pending[(key.key, month, site[:200], field)] += 1
        due = time.monotonic() - _flushed_at >= FLUSH_SECONDS
    if due:
        flush()


def flush() -> None:
    """Write this process's pending counts (keys deleted meanwhile are skipped)."""
    global _flushed_at
    from parley.antispam.api.models import ApiUsage

    with _lock:
        items = list(_pending.items())
        _pending.clear()
        _flushed_at = time.monotonic()
    if not items:
        return
    keys = {k.key: k for k in ApiKey.objects.filter(key__in={item[0][0] for item in items})}
    for (key, month, site, field), number in items:
        if key in keys:
            ApiUsage.add(keys[key], month, site, field, number)


def discard() -> None:
    """Forget pending counts without writing them (tests: nothing leaks past a rollback)."""
    with _lock:
        _pending.clear()


def _flush_at_exit() -> None:
    try:
        flush()
    except Exception:  # the database may already be gone at interpreter exit
        logger.warning("antispam api: could not write the last usage counts", exc_info=True)


atexit.register(_flush_at_exit)
