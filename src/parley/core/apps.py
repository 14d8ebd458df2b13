"""Site-wide plumbing: theme, security headers, robots, serving commands."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "parley.core"
    label = "core"
    verbose_name = "Parley"
