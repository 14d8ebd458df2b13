"""Old WordPress links answer 301 to the same content in Parley, so no inbound link breaks.

Query-string links (/?p=123, /?page_id=…, /?cat=…, /?tag=…, /?feed=rss2, /?paged=2, /?s=)
are answered before the view runs, because the home page would otherwise show them as a 200.
Path links (/archives/123, /category/parent/child/, /2010/05/old-slug/, a page's
/parent/child/, any of these + feed/ or page/2/) are looked up only when Parley answers
404, so ordinary pages cost no query at all.
"""

import re
from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect
from django.urls import reverse

from parley.blog.models import Category, Post, Tag
from parley.importers.models import LegacyURL

_WP_QUERY_KEYS = ("p", "page_id", "cat", "tag", "feed", "paged", "s")
_FRONT = {"/", "/index.php"}
# WordPress ?feed= values -> Parley's URL names (anything else is the RSS feed of posts).
_FEEDS = {
    "comments-rss2": "comments:feed",
    "comments-atom": "comments:feed",
    "atom": "blog:feed-atom",
}
_ARCHIVES = re.compile(r"^/archives/(\d+)/?$")
# /feed/rss2/, /category/a/b/feed/, /old-permalink/feed/ … and /page/2/, /tag/x/page/2/
_FEED_SUFFIX = re.compile(r"^(?P<base>.*/)feed/(?:rss2?/|rdf/|atom/)?$")
_PAGE_SUFFIX = re.compile(r"^(?P<base>.*/)page/(?P<number>\d{1,6})/?$")
_TERM_PATH = re.compile(r"^/(category|tag)/(?:[^/]+/)*([^/]+)/?$")
_DATED = re.compile(r"^/\d{4}/\d{1,2}/(?:\d{1,2}/)?([^/]+)/?$")


def _wp_id(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 19 else None


def _post_url(request, **lookup) -> str | None:
    post = Post.objects.visible_to(request.user).filter(**lookup).first()
    return post.get_absolute_url() if post else None


def _term_url(model, **lookup) -> str | None:
    term = model.objects.filter(**lookup).first()
    return term.get_absolute_url() if term else None


def query_target(request) -> str | None:
    """Where a WordPress query-string link on the front page points now."""
    query = request.GET
    if request.path not in _FRONT or not any(key in query for key in _WP_QUERY_KEYS):
        return None
    for key in ("p", "page_id"):
        if key in query:
            wp_id = _wp_id(query[key])
            return _post_url(request, wp_id=wp_id) if wp_id else None
    if "cat" in query:
        wp_id = _wp_id(query["cat"])
        return _term_url(Category, wp_id=wp_id) if wp_id else None
    if "tag" in query:
        return _term_url(Tag, slug=query["tag"]) if query["tag"] else None
    if "feed" in query:
        return reverse(_FEEDS.get(query["feed"], "blog:feed"))
    if "s" in query:
        return reverse("blog:search") + "?" + urlencode({"q": query["s"][:200]})
    number = _wp_id(query["paged"])
    return f"/?page={number}" if number else None


def path_target(request) -> str | None:
    """Where an old WordPress path that Parley does not know points now."""
    path = request.path
    if match := _FEED_SUFFIX.match(path):
        base = match["base"]
        if base == "/":
            return reverse("blog:feed")
        if base == "/comments/":
            return reverse("comments:feed")
        target = _path_target(request, base)
        return target + "feed/" if target else None
    if match := _PAGE_SUFFIX.match(path):
        base = match["base"]
        return f"{_path_target(request, base) or base}?page={int(match['number'])}"
    return _path_target(request, path)


def _path_target(request, path: str) -> str | None:
    legacy = LegacyURL.objects.filter(path__in=[path, path.rstrip("/"), path.rstrip("/") + "/"])
    for row in legacy.select_related("post", "category", "tag"):
        target = row.target
        if isinstance(target, Post):
            return _post_url(request, pk=target.pk)
        if target is not None:
            return target.get_absolute_url()
    if match := _ARCHIVES.match(path):
        return _post_url(request, wp_id=int(match[1]))
    if match := _TERM_PATH.match(path):
        model = Category if match[1] == "category" else Tag
        return _term_url(model, slug=match[2])
    if match := _DATED.match(path):
        return _post_url(request, kind=Post.Kind.POST, slug=match[1])
    return None


class LegacyRedirectMiddleware:
    """Answer 301 for WordPress permalinks of imported content."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        target = query_target(request)
        if target:
            return HttpResponsePermanentRedirect(target)
        response = self.get_response(request)
        if response.status_code == 404:
            target = path_target(request)
            if target and target != request.path:
                return HttpResponsePermanentRedirect(target)
        return response
