"""Template context every page needs: site name and absolute URLs for SEO tags."""

from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "base_url": settings.BASE_URL,
        "canonical_url": settings.BASE_URL + request.path,
    }
