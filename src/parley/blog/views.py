"""Blog pages: home, index, posts, pages and archives."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from parley.blog.models import Category, Post, Tag

PAGE_SIZE = 10


def _listing(request, queryset, template="blog/post_list.html", **context):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"page_obj": page, "posts": page.object_list, **context})


def home(request):
    posts = Post.objects.posts().published().order_by("-sticky", "-published_at")
    return _listing(request, posts, "blog/home.html")


def blog_index(request):
    return _listing(request, Post.objects.posts().published(), heading="Blog")


def post_detail(request, year, month, day, slug):
    post = get_object_or_404(
        Post.objects.posts().visible_to(request.user).select_related("author"),
        published_at__year=year, slug=slug,
    )
    return render(request, "blog/post_detail.html", {"post": post})


def page_detail(request, slug):
    page = get_object_or_404(Post.objects.pages().visible_to(request.user), slug=slug)
    return render(request, "blog/post_detail.html", {"post": page})


def category(request, slug):
    term = get_object_or_404(Category, slug=slug)
    return _listing(request, term.posts.posts().published(), heading=f"Category: {term.name}")


def tag(request, slug):
    term = get_object_or_404(Tag, slug=slug)
    return _listing(request, term.posts.posts().published(), heading=f"Tag: {term.name}")
