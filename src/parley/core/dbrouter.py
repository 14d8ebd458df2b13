"""Send reads to the read replica (PARLEY_REPLICA_DATABASE_URL) and writes to the primary.

Once a request (or task) has written, its later reads go to the primary too: a replica
lags, and a reader must see the comment they just posted. The pin is reset when the next
request starts.
"""

from contextvars import ContextVar

from django.core.signals import request_started

REPLICA = "replica"
PRIMARY = "default"
_pinned: ContextVar[bool] = ContextVar("parley_db_pinned", default=False)


def unpin(**kwargs) -> None:
    _pinned.set(False)


def connect() -> None:
    request_started.connect(unpin, dispatch_uid="parley.core.dbrouter.unpin")


class ReplicaRouter:
    """Reads on the replica until this request writes; everything else on the primary."""

    def db_for_read(self, model, **hints):
        return PRIMARY if _pinned.get() else REPLICA

    def db_for_write(self, model, **hints):
        _pinned.set(True)
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # Both aliases hold the same data, so objects from either may be related.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        # The replica follows the primary by replication; never migrate it directly.
        return db == PRIMARY
