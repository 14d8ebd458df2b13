"""Akismet's key-as-subdomain form, and a short path that keeps API calls cheap.

Listed first in MIDDLEWARE. For an API URL it (1) takes a key sent as `KEY.<host>` out of
the Host header before Django validates the host, so ALLOWED_HOSTS needs no wildcard and
the rest of the site does not answer on arbitrary subdomains, and (2) calls the API view
directly: sessions, CSRF, authentication, messages, gzip and static files have nothing to
do for a form POST answered with one word, and skipping them is a large share of the cost
of a comment-check. Every other URL goes through the normal stack untouched.
"""

from django.conf import settings
from django.http.request import split_domain_port, validate_host

from parley.antispam.api import keys, urls


class AkismetApiMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.views = {f"/{pattern.pattern}": pattern.callback for pattern in urls.urlpatterns}

    def __call__(self, request):
        view = self.views.get(request.path_info)
        if view is None:
            return self.get_response(request)
        take_key_from_host(request)
        request.get_host()  # validates the (stripped) host: DisallowedHost -> 400
        response = view(request)
        response.setdefault("X-Content-Type-Options", "nosniff")
        return response


def take_key_from_host(request) -> None:
    """`abcdefghijkl.example.com` -> key `abcdefghijkl`, host `example.com` (if allowed)."""
    host = request.META.get("HTTP_HOST", "")
    label, dot, rest = host.partition(".")
    if not dot or not keys.looks_like_key(label):
        return
    domain, _port = split_domain_port(rest)
    if domain and validate_host(domain, settings.ALLOWED_HOSTS):
        request.META[keys.HOST_KEY_META] = label
        request.META["HTTP_HOST"] = rest
