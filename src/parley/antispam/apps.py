from django.apps import AppConfig


class AntispamConfig(AppConfig):
    name = "parley.antispam"
    label = "antispam"

    def ready(self):
        from parley.antispam import checks, signals  # noqa: F401 (registers them)
