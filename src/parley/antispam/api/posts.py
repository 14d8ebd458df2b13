"""When a permalink points at a post of this Parley site, what the engine may know of it."""

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.urls import Resolver404, resolve
from django.utils.html import strip_tags

PostFacts = tuple[str, str, tuple[str, ...]]  # title, plain text, tag names


def is_own_url(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    base = urlsplit(settings.BASE_URL).hostname or ""
    return bool(host) and (host == base or validate_host(host, settings.ALLOWED_HOSTS))


def post_for_permalink(url: str) -> PostFacts | None:
    """Title, text and tags of the published post or page at `url`, else None.

    Other sites' permalinks cost only a URL split: no database query.
    """
    if not url or not is_own_url(url):
        return None
    from parley.blog.models import Post

    try:
        match = resolve(urlsplit(url).path or "/")
    except Resolver404:
        return None
    kinds = {"post": Post.Kind.POST, "page": Post.Kind.PAGE}
    if match.namespace != "blog" or match.url_name not in kinds:
        return None
    post = (
        Post.objects.published()
        .filter(kind=kinds[match.url_name], slug=match.kwargs.get("slug", ""))
        .prefetch_related("tags")
        .first()
    )
    if post is None:
        return None
    text = strip_tags(post.body_html) if post.body_html else post.body
    return post.title, text, tuple(tag.name for tag in post.tags.all())
