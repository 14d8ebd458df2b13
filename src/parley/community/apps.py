"""App config: keeps profiles in step with comments and feeds the style check."""

from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "parley.community"
    verbose_name = "Community"

    def ready(self):
        from parley.antispam.quality import hooks
        from parley.community import signals  # noqa: F401  (connects the receivers)
        from parley.community.profiles import recent_texts_from_network

        hooks.register_recent_texts(recent_texts_from_network)
