"""Forgetting on schedule: the history store keeps fingerprints for the retention period only."""

from parley.antispam.history import since


def purge_expired(now=None) -> int:
    """Delete check records older than PARLEY_ANTISPAM["retention_days"]; returns how many.

    `parley cleanup` (the comments app) calls this; it is safe to call at any time.
    """
    from parley.antispam.models import CheckRecord

    deleted, _ = CheckRecord.objects.filter(created_at__lt=since(now)).delete()
    return deleted


_last = {"at": -1e9}
EVERY_SECONDS = 3600.0


def maybe_purge(now=None) -> int | None:
    """Purge at most once an hour per process, so retention holds even if nobody schedules
    `parley spam purge` (the pipeline calls this after recording a check)."""
    import time

    tick = time.monotonic()
    if tick - _last["at"] < EVERY_SECONDS:
        return None
    _last["at"] = tick
    return purge_expired(now)
