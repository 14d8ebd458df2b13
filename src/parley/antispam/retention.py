"""Forgetting on schedule: the history store keeps fingerprints for the retention period only."""

from parley.antispam.history import since


def purge_expired(now=None) -> int:
    """Delete check records older than PARLEY_ANTISPAM["retention_days"]; returns how many.

    `parley cleanup` (the comments app) calls this; it is safe to call at any time.
    """
    from parley.antispam.models import CheckRecord

    deleted, _ = CheckRecord.objects.filter(created_at__lt=since(now)).delete()
    return deleted
