"""Comment URLs: the form's target, the privacy page and the comment feeds."""

from django.urls import path

from parley.comments import feeds, views

app_name = "comments"
urlpatterns = [
    path("comments/post/", views.post_comment, name="post"),
    path("comments/feed/", feeds.LatestCommentsFeed(), name="feed"),
    path("privacy/", views.privacy, name="privacy"),
    path(
        "<int:year>/<str:month>/<str:day>/<str:slug>/feed/",
        feeds.PostCommentsFeed(),
        name="post_feed",
    ),
]
