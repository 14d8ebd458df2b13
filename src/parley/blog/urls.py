"""Blog URLs; the catch-all page URL `/<slug>/` comes last."""

from django.urls import path, re_path

from parley.blog import feeds, views

app_name = "blog"
urlpatterns = [
    path("", views.home, name="home"),
    path("blog/", views.blog_index, name="index"),
    path("search/", views.search_view, name="search"),
    path("feed/", feeds.LatestPostsFeed(), name="feed"),
    path("feed/atom/", feeds.LatestPostsAtomFeed(), name="feed-atom"),
    path("category/<str:slug>/", views.category, name="category"),
    path("category/<str:slug>/feed/", feeds.CategoryFeed(), name="category-feed"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("tag/<str:slug>/feed/", feeds.TagFeed(), name="tag-feed"),
    re_path(r"^author/(?P<username>[\w.@+-]+)/$", views.author, name="author"),
    re_path(
        r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/(?P<slug>[^/]+)/$",
        views.post_detail,
        name="post",
    ),
    re_path(r"^(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.month_archive, name="month"),
    re_path(r"^(?P<year>[0-9]{4})/$", views.year_archive, name="year"),
    path("<str:slug>/", views.page_detail, name="page"),
]
