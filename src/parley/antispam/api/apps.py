from django.apps import AppConfig


class AntispamApiConfig(AppConfig):
    name = "parley.antispam.api"
    label = "antispam_api"
    verbose_name = "Anti-spam API"
