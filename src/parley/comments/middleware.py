"""Marks pages that carry one reader's data as private, so no shared cache keeps them."""

from django.utils.cache import patch_cache_control, patch_vary_headers

from parley.comments.cookies import has_reader_cookie


class PrivateReaderPagesMiddleware:
    """Pages rendered for a reader with a comment cookie, or flagged by the discussion tag."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "parley_reader_data", False) or has_reader_cookie(request):
            patch_cache_control(response, private=True)
            patch_vary_headers(response, ("Cookie",))
        return response
