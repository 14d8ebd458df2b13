"""The read-replica router: reads on the replica until the request writes."""

import pytest
from django.core.signals import request_started

from parley.blog.models import Post
from parley.core.dbrouter import ReplicaRouter

pytestmark = pytest.mark.django_db  # request_started closes old database connections


def test_reads_go_to_the_replica_and_writes_to_the_primary():
    router = ReplicaRouter()
    request_started.send(sender=None)
    assert router.db_for_read(Post) == "replica"
    assert router.db_for_write(Post) == "default"


def test_after_a_write_the_same_request_reads_its_own_write_from_the_primary():
    router = ReplicaRouter()
    request_started.send(sender=None)
    router.db_for_write(Post)
    assert router.db_for_read(Post) == "default"
    # The next request starts on the replica again.
    request_started.send(sender=None)
    assert router.db_for_read(Post) == "replica"


def test_only_the_primary_is_migrated():
    router = ReplicaRouter()
    assert router.allow_migrate("default", "blog")
    assert not router.allow_migrate("replica", "blog")
