"""Themed error pages for bad requests: a clear sentence instead of a bare status code."""

from django.core.exceptions import RequestDataTooBig
from django.shortcuts import render


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: usually an expired page or blocked cookies, so say how to recover."""
    context = {
        "title": "Your form could not be sent",
        "message": (
            "The security token of the form was missing or out of date. This happens when a "
            "page was open for a long time or cookies are blocked. Go back, reload the page "
            "and send it again: copy your text first so nothing is lost."
        ),
    }
    return render(request, "comments/error.html", context, status=403)


def bad_request(request, exception=None):
    """handler400: a too-large body or malformed request, explained."""
    if isinstance(exception, RequestDataTooBig):
        title, status = "Your request was too large", 413
        message = "A request may be at most 1 MB and a comment at most 65,525 characters."
    else:
        title, status = "Your request could not be understood", 400
        message = "The request was malformed. Go back, reload the page and try again."
    return render(
        request, "comments/error.html", {"title": title, "message": message}, status=status
    )
