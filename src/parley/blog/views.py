"""Blog pages: home, index, posts, pages, archives and search."""

import datetime

from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dateformat import format as format_date

from parley.blog.models import Category, Post, Tag
from parley.blog.related_index import related_posts
from parley.blog.search import MAX_QUERY_LENGTH, search
from parley.comments.models import Comment

PAGE_SIZE = 10


def listed(queryset):
    """Public posts for a listing, with their author; comment counts come per page."""
    return queryset.posts().published().select_related("author").order_by("-published_at", "-id")


def _with_comment_counts(posts: list) -> list:
    """Set each post's approved-comment count with one grouped query for just these posts.

    Counting after pagination keeps a listing's cost independent of the site's size (an
    annotate over every post took seconds at 100k comments).
    """
    counts = dict(
        Comment.objects.filter(post__in=[p.pk for p in posts], status=Comment.Status.APPROVED)
        .order_by()
        .values_list("post_id")
        .annotate(n=Count("id"))
    )
    for post in posts:
        post.comment_count = counts.get(post.pk, 0)
    return posts


def _listing(request, queryset, template="blog/post_list.html", **context):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_comment_counts(list(page.object_list))
    return render(request, template, {"page_obj": page, "posts": page.object_list, **context})


class _StickyFirst:
    """Sticky posts, then the others newest first: one sequence the Paginator can slice.

    ORDER BY sticky, published_at sorts every post on each uncached home page (~250 ms at
    10k posts); the few sticky posts plus an indexed, LIMITed query of the rest do not.
    (Finding the sticky posts still reads every listed row: an index on sticky would help.)
    """

    def __init__(self, queryset):
        self.all = queryset
        self.sticky = list(queryset.filter(sticky=True))
        self.rest = queryset.filter(sticky=False)

    def count(self) -> int:
        return self.all.count()  # answered from the listing index alone

    def __getitem__(self, window: slice) -> list:
        start = window.start or 0
        stop = window.stop if window.stop is not None else self.count()
        head = self.sticky[start:stop]
        skip = max(0, start - len(self.sticky))
        tail = list(self.rest[skip : stop - len(self.sticky)]) if stop > len(self.sticky) else []
        return head + tail


def home(request):
    return _listing(request, _StickyFirst(listed(Post.objects.all())), "blog/home.html")


def blog_index(request):
    return _listing(request, listed(Post.objects.all()), heading="Blog")


def post_detail(request, year, month, day, slug):
    post = get_object_or_404(
        Post.objects.posts().visible_to(request.user).select_related("author"), slug=slug
    )
    if post.get_absolute_url() != request.path:
        # Same slug, other date (an edited publication date, an old link): one true URL.
        return redirect(post, permanent=True)
    context = {
        "post": post,
        # Two plain queries: prefetch_related's machinery cost more than the queries did.
        "categories": list(post.categories.all()),
        "tags": list(post.tags.all()),
        "related_posts": related_posts(post),
    }
    return render(request, "blog/post_detail.html", context)


def page_detail(request, slug):
    page = get_object_or_404(Post.objects.pages().visible_to(request.user), slug=slug)
    return render(request, "blog/post_detail.html", {"post": page})


def category(request, slug):
    term = get_object_or_404(Category, slug=slug)
    family = _with_descendants(term)
    in_family = Post.categories.through.objects.filter(category_id__in=family)
    posts = listed(Post.objects.filter(pk__in=in_family.values("post_id")))
    return _listing(
        request,
        posts,
        heading=f"Category: {term.name}",
        term=term,
        feed_url=term.get_absolute_url() + "feed/",
    )


def _with_descendants(term: Category) -> list[int]:
    """A category and every sub-category below it (cycles cannot loop forever)."""
    found, frontier = {term.pk}, [term.pk]
    while frontier:
        frontier = list(
            Category.objects.filter(parent_id__in=frontier)
            .exclude(pk__in=found)
            .values_list("pk", flat=True)
        )
        found.update(frontier)
    return sorted(found)


def tag(request, slug):
    term = get_object_or_404(Tag, slug=slug)
    posts = listed(term.posts.all())
    return _listing(
        request,
        posts,
        heading=f"Tag: {term.name}",
        term=term,
        feed_url=term.get_absolute_url() + "feed/",
    )


def author(request, username):
    user = get_object_or_404(get_user_model(), username=username)
    posts = listed(Post.objects.filter(author=user))
    name = user.get_full_name() or user.get_username()
    return _listing(request, posts, heading=f"Posts by {name}")


def year_archive(request, year):
    year = int(year)
    posts = listed(Post.objects.filter(published_at__year=year))
    return _listing(request, posts, heading=f"Archive: {year}")


def month_archive(request, year, month):
    try:
        year, month = int(year), int(month)
        first = datetime.date(year, month, 1)
    except ValueError as exc:
        raise Http404("No such month") from exc
    posts = listed(Post.objects.filter(published_at__year=year, published_at__month=month))
    return _listing(request, posts, heading=f"Archive: {format_date(first, 'F Y')}")


def search_view(request):
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    posts = search(listed(Post.objects.all()), query) if query else Post.objects.none()
    heading = f"Search results for “{query}”" if query else "Search"
    response = _listing(request, posts, "blog/search.html", heading=heading, query=query)
    response["X-Robots-Tag"] = "noindex"
    return response
