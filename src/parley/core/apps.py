"""Site-wide plumbing: theme, security headers, robots, serving commands."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "parley.core"
    label = "core"
    verbose_name = "Parley"

    def ready(self):
        # The page cache forgets pages when the posts, comments or lists they show change.
        from parley.core import dbrouter, invalidation

        invalidation.connect()
        dbrouter.connect()
