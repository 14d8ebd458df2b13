"""Parley's URLs plus a few pages that exercise the page cache's edge cases."""

from django.http import HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.template import engines
from django.urls import include, path
from django.views.decorators.cache import cache_control

FORM = engines["django"].from_string(
    '<form method="post" action="/cache-test/form/">{% csrf_token %}'
    '<input name="comment"></form><p>{{ said }}</p>'
)


def form_page(request):
    if request.method == "POST":
        return HttpResponse(f"thanks for {request.POST['comment']}")
    return HttpResponse(FORM.render({"said": "hello"}, request))


def token_in_json(request):
    return JsonResponse({"token": get_token(request)})


@cache_control(private=True)
def private_page(request):
    return HttpResponse("only for you")


def cookie_page(request):
    response = HttpResponse("a cookie for you")
    response.set_cookie("parley_held", "123")
    return response


urlpatterns = [
    path("cache-test/form/", form_page),
    path("cache-test/json/", token_in_json),
    path("cache-test/private/", private_page),
    path("cache-test/cookie/", cookie_page),
    path("", include("parley.urls")),
]
