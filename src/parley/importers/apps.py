from django.apps import AppConfig


class ImportersConfig(AppConfig):
    name = "parley.importers"
    label = "importers"
