"""Comment feeds (RSS): every post's at `<post URL>feed/` and the site's at /comments/feed/."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404

from parley.blog.models import Post
from parley.comments import threads
from parley.comments.models import Comment
from parley.comments.rendering import render_comment

FEED_SIZE = 30


def with_pages(comments) -> list[Comment]:
    """The comments, each with `feed_page` set: one thread query per post, not per item."""
    comments = list(comments)
    finders = {}
    for comment in comments:
        if comment.post_id not in finders:
            finders[comment.post_id] = threads.page_finder(comment.post)
        comment.feed_page = finders[comment.post_id](comment)
    return comments


class LatestCommentsFeed(Feed):
    description_template = None

    def title(self):
        return f"Comments for {settings.SITE_NAME}"

    def link(self):
        return "/"

    def description(self):
        return f"The latest comments on {settings.SITE_NAME}."

    def items(self):
        return with_pages(
            Comment.objects.approved()
            .filter(post__in=Post.objects.published())
            .select_related("post")
            .order_by("-created_at", "-id")[:FEED_SIZE]
        )

    def item_title(self, item):
        return f"Comment on {item.post.title} by {item.author_name}"

    def item_description(self, item):
        # Rendered at save time; a row written without it (raw SQL) is rendered here.
        return item.content_html or render_comment(item.content)

    def item_link(self, item):
        return threads.permalink(item, item.feed_page)

    def item_guid(self, item):
        return f"{settings.BASE_URL}/?comment={item.pk}"

    item_guid_is_permalink = False

    def item_author_name(self, item):
        return item.author_name

    def item_pubdate(self, item):
        return item.created_at


class PostCommentsFeed(LatestCommentsFeed):
    def get_object(self, request, year, month, day, slug):
        return get_object_or_404(
            Post.objects.posts().published(), published_at__year=year, slug=slug
        )

    def title(self, obj):
        return f"Comments on: {obj.title}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return f"Comments on \u201c{obj.title}\u201d at {settings.SITE_NAME}."

    def items(self, obj):
        return with_pages(
            obj.comments.approved()
            .select_related("post")
            .order_by("-created_at", "-id")[:FEED_SIZE]
        )
