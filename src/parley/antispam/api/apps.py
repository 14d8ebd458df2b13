"""The Akismet-compatible API as its own small app (label antispam_api)."""

from django.apps import AppConfig


class AntispamApiConfig(AppConfig):
    name = "parley.antispam.api"
    label = "antispam_api"
    verbose_name = "Anti-spam API"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from parley.antispam.api import keys
        from parley.antispam.models import ApiKey

        post_save.connect(keys.forget_changed, sender=ApiKey, dispatch_uid="antispam_api_key_saved")
        post_delete.connect(
            keys.forget_changed, sender=ApiKey, dispatch_uid="antispam_api_key_deleted"
        )
