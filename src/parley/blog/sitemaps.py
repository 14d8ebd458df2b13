"""/sitemap.xml: public posts, pages, categories and tags, at PARLEY_BASE_URL."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from parley.blog.models import Category, Post, Tag


class BaseSitemap(Sitemap):
    """Absolute URLs from PARLEY_BASE_URL, so the sitemap is right behind a proxy."""

    limit = 5000

    def get_domain(self, site=None):
        return urlsplit(settings.BASE_URL).netloc

    def get_protocol(self, protocol=None):
        return urlsplit(settings.BASE_URL).scheme or "https"


class PostSitemap(BaseSitemap):
    changefreq = "monthly"

    def items(self):
        return (
            Post.objects.published()
            .order_by("-published_at", "-id")
            .only("kind", "slug", "published_at", "updated_at")
        )

    def lastmod(self, item):
        return item.updated_at


class HomeSitemap(BaseSitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return ["blog:home", "blog:index"]

    def location(self, item):
        return reverse(item)


class CategorySitemap(BaseSitemap):
    def items(self):
        return Category.objects.filter(posts__status=Post.Status.PUBLISHED).distinct()


class TagSitemap(BaseSitemap):
    def items(self):
        return Tag.objects.filter(posts__status=Post.Status.PUBLISHED).distinct()


sitemaps = {
    "home": HomeSitemap,
    "posts": PostSitemap,
    "categories": CategorySitemap,
    "tags": TagSitemap,
}
