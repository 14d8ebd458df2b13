from django.urls import path

from parley.core import views

app_name = "core"
urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
]
