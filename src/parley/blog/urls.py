from django.urls import path

from parley.blog import views

app_name = "blog"
urlpatterns = [
    path("", views.home, name="home"),
    path("blog/", views.blog_index, name="index"),
    path("<int:year>/<str:month>/<str:day>/<str:slug>/", views.post_detail, name="post"),
    path("category/<str:slug>/", views.category, name="category"),
    path("tag/<str:slug>/", views.tag, name="tag"),
    path("<str:slug>/", views.page_detail, name="page"),
]
