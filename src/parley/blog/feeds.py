"""RSS 2.0 and Atom feeds of the blog, and of each category and tag."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from parley.blog.models import Category, Post, Tag
from parley.core.middleware import site_url

FEED_SIZE = 20


class LatestPostsFeed(Feed):
    """The latest public posts; absolute links use PARLEY_BASE_URL, not the request host."""

    def title(self, obj=None):
        return settings.SITE_NAME

    def description(self, obj=None):
        return f"Latest posts from {settings.SITE_NAME}"

    def link(self, obj=None):
        return site_url(reverse("blog:home"))

    def items(self, obj=None):
        return (
            self.posts(obj)
            .select_related("author")
            .prefetch_related("categories", "tags")[:FEED_SIZE]
        )

    def posts(self, obj):
        return Post.objects.posts().published()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.body_html

    def item_link(self, item):
        return site_url(item.get_absolute_url())

    def item_guid(self, item):
        return site_url(item.get_absolute_url())

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        if item.author:
            return item.author.get_full_name() or item.author.get_username()
        return None

    def item_categories(self, item):
        return [c.name for c in item.categories.all()] + [t.name for t in item.tags.all()]


class LatestPostsAtomFeed(LatestPostsFeed):
    feed_type = Atom1Feed
    subtitle = LatestPostsFeed.description


class CategoryFeed(LatestPostsFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Category, slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME}: {obj.name}"

    def link(self, obj=None):
        return site_url(obj.get_absolute_url())

    def posts(self, obj):
        return super().posts(obj).filter(categories=obj)


class TagFeed(CategoryFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def posts(self, obj):
        return LatestPostsFeed.posts(self, obj).filter(tags=obj)
