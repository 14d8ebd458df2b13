"""Top-level URL map: each app owns its URLs under a namespace."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from parley.blog.sitemaps import sitemaps

urlpatterns = [
    path("admin/", admin.site.urls),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    path("", include("parley.core.urls")),
    # Akismet-compatible API (/1.1/…, /1.2/…) and /api/v1/check.
    path("", include("parley.antispam.api.urls")),
    # Comments before the blog: /privacy/ and <post URL>feed/ would match blog patterns.
    path("", include("parley.comments.urls")),
    # Blog last: its `/<slug>/` page URL would otherwise shadow the others.
    path("", include("parley.blog.urls")),
]

handler400 = "parley.comments.errors.bad_request"
handler404 = "parley.core.views.page_not_found"
handler500 = "parley.core.views.server_error"
