"""URLs of the Akismet-compatible API (/1.1/, /1.2/) and of /api/v1/check."""

from django.urls import path

from parley.antispam.api import views

app_name = "antispam_api"

# Akismet serves every method under both versions; Parley does the same.
ENDPOINTS = {
    "verify-key": views.verify_key,
    "comment-check": views.comment_check,
    "submit-spam": views.submit_spam,
    "submit-ham": views.submit_ham,
    "key-sites": views.key_sites,
    "usage-limit": views.usage_limit,
    "test": views.connection_test,
}
VERSIONS = ("1.1", "1.2")

urlpatterns = [
    path(f"{version}/{name}", view, name=f"{name}-{version}")
    for version in VERSIONS
    for name, view in ENDPOINTS.items()
] + [
    path("api/v1/check", views.check, name="check"),
]
