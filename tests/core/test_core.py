"""Site-wide behaviour: security headers, robots.txt, themed error pages."""

import pytest
from django.test import override_settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_every_page_sends_a_strict_content_security_policy(client):
    response = client.get(reverse("blog:home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "unsafe-inline" not in policy


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()


def test_404_page_is_in_the_theme(client):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Page not found" in page
    assert 'class="site-header"' in page and 'href="/blog/">Blog</a>' in page


@override_settings(DEBUG=False)
def test_500_page_is_in_the_theme():
    from django.test import RequestFactory

    from parley.core.views import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "parley.css" in response.content.decode()
