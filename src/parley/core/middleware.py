"""Security headers every response carries."""

from django.conf import settings

# The theme needs no inline script or style, so the policy can forbid both.
STRICT_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'self'; object-src 'none'"
)
# Django's own admin templates still carry a few style attributes.
ADMIN_POLICY = STRICT_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


class ContentSecurityPolicyMiddleware:
    """Send a strict Content-Security-Policy header unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            admin = request.path.startswith(self.admin_prefix)
            response["Content-Security-Policy"] = ADMIN_POLICY if admin else STRICT_POLICY
        response.setdefault("Permissions-Policy", "interest-cohort=(), browsing-topics=()")
        return response


def site_url(path: str) -> str:
    """Absolute URL of a site path, from PARLEY_BASE_URL."""
    return settings.BASE_URL + path
