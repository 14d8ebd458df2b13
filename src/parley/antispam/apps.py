from django.apps import AppConfig


class AntispamConfig(AppConfig):
    name = "parley.antispam"
    label = "antispam"

    def ready(self):
        from parley.antispam import signals  # noqa: F401 (connects the receivers)
