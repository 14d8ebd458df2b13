from django.apps import AppConfig


class AntispamConfig(AppConfig):
    name = "parley.antispam"
    label = "antispam"
