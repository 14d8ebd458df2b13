from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "parley.blog"
    label = "blog"
