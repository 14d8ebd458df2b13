"""Posts, pages, terms, feeds, sitemaps and related posts."""

from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "parley.blog"
    label = "blog"

    def ready(self):
        from parley.blog import signals  # noqa: F401  (connects the related-posts updates)
