"""The Akismet endpoints (/1.1/, /1.2/) and /api/v1/check: the exact wire contract.

Bodies are the bare words Akismet answers (`true`, `valid`, …) with no trailing newline;
why a request was refused is in X-akismet-debug-help, as Akismet does it.
"""

import json
import logging
import uuid
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt

from parley import antispam
from parley.antispam.api import keys, reports, usage
from parley.antispam.api.params import (
    BadRequest,
    Params,
    client_ip,
    read_params,
    to_submission,
)
from parley.antispam.api.posts import post_for_permalink
from parley.antispam.models import ApiKey, LabelledExample
from parley.antispam.types import Action, Verdict

logger = logging.getLogger(__name__)

THANKS = "Thanks for making the web a better place."
HELP_NO_KEY = 'No API key: send it as "api_key" (or "key"), or as KEY.<host> in the Host header.'
HELP_BAD_KEY = "The API key is unknown or revoked (a key is 12 characters: parley apikey list)."
REQUIRED_HELP = {
    "blog": 'Empty "blog" value: send the front page URL of the site, with http:// or https://.',
    "user_ip": 'Empty "user_ip" value: send the IP address of the person who wrote the content.',
}


def text(body: str, status: int = 200, **headers: str) -> HttpResponse:
    response = HttpResponse(body, status=status, content_type="text/plain; charset=utf-8")
    for name, value in headers.items():
        response[name.replace("_", "-")] = value
    return response


def invalid(help_text: str) -> HttpResponse:
    return text("invalid", X_akismet_debug_help=help_text)


def api_view(*methods: str, json_errors: bool = False):
    """CSRF-exempt, method-checked, size-checked view taking the parsed parameters."""

    def fail(message: str, status: int) -> HttpResponse:
        if json_errors:
            return JsonResponse({"error": message}, status=status)
        return text(message, status=status, X_akismet_debug_help=message)

    def decorate(view: Callable[..., HttpResponse]):
        @csrf_exempt
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method not in methods and not (
                request.method == "HEAD" and "GET" in methods
            ):
                response = fail(f"Use {' or '.join(methods)} for this endpoint.", 405)
                response["Allow"] = ", ".join(methods)
                return response
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            too_big = f"The request body is over {limit} bytes."
            try:
                if int(request.META.get("CONTENT_LENGTH") or 0) > limit:
                    return fail(too_big, 413)
            except ValueError:
                return fail("The Content-Length header is not a number.", 400)
            try:
                params = read_params(request)
            except RequestDataTooBig:
                return fail(too_big, 413)
            except BadRequest as error:
                return fail(str(error), 400)
            return view(request, params, *args, **kwargs)

        return wrapper

    return decorate


def authenticate(request, params: Params) -> tuple[ApiKey | None, str]:
    """The active key the request carries, or None and why not."""
    value = keys.key_from_request(request, params)
    if not value:
        return None, HELP_NO_KEY
    key = keys.active_key(value)
    return (key, "") if key else (None, HELP_BAD_KEY)


def field_problem(params: Params) -> tuple[str, str] | None:
    """(field, help) for the first required field that is missing or cannot be read."""
    blog = params.get("blog").strip()
    if not blog:
        return "blog", REQUIRED_HELP["blog"]
    if not blog.lower().startswith(("http://", "https://")):
        return "blog", f'Could not read "blog" {blog[:100]!r}: send the full URL, with https://.'
    user_ip = params.get("user_ip").strip()
    if not user_ip:
        return "user_ip", REQUIRED_HELP["user_ip"]
    if not client_ip(user_ip):
        return "user_ip", f'Could not read "user_ip" {user_ip[:60]!r}: send an IP address.'
    return None


def too_many_requests(seconds: int) -> HttpResponse:
    message = f"Too many requests for this key: retry after {seconds} seconds."
    return text(message, status=429, Retry_After=str(seconds), X_akismet_debug_help=message)


def count_check(key: ApiKey, params: Params, verdict: Verdict) -> None:
    outcome = "spam" if verdict.is_spam else "ham"
    usage.count(key, reports.this_month(), params.get("blog"), outcome)


def judge(params: Params) -> Verdict:
    return antispam.check(to_submission(params, post_for_permalink(params.get("permalink"))))


@api_view("GET", "POST")
def connection_test(request, params):
    return text("connected")


@api_view("POST")
def verify_key(request, params):
    key, why = authenticate(request, params)
    if key is None:
        return invalid(why)
    problem = field_problem(params)
    if problem and problem[0] == "blog":
        return invalid(problem[1])
    return text("valid")


@api_view("POST")
def comment_check(request, params):
    key, why = authenticate(request, params)
    if key is None:
        return invalid(why)
    if wait := keys.retry_after(key):
        return too_many_requests(wait)
    if problem := field_problem(params):
        return invalid(problem[1])
    verdict = judge(params)
    count_check(key, params, verdict)
    response = text(
        "true" if verdict.is_spam else "false",
        X_akismet_guid=str(uuid.uuid4()),
        X_parley_quality=f"{verdict.quality:g}",
        X_parley_action=str(verdict.action),
    )
    if verdict.action == Action.DISCARD:
        response["X-akismet-pro-tip"] = "discard"
    return response


def submit(request, params, label: str) -> HttpResponse:
    """submit-spam / submit-ham: learned by the next `parley spam train`, unless is_test."""
    key, why = authenticate(request, params)
    if key is None:
        return invalid(why)
    if wait := keys.retry_after(key):
        return too_many_requests(wait)
    if problem := field_problem(params):
        return invalid(problem[1])
    submission = to_submission(params)
    counter = "missed_spam" if label == LabelledExample.Label.SPAM else "false_positives"
    usage.count(key, reports.this_month(), params.get("blog"), counter)
    if not submission.is_test and submission.content.strip():
        LabelledExample.objects.create(
            label=label,
            source=LabelledExample.Source.API,
            content=submission.content,
            author=submission.author[:245],
            email=submission.email[:100],
            url=submission.url[:200],
        )
        try:
            from parley.antispam import history

            history.record_label(submission, str(label))
        except Exception:  # the example above is kept; the history mark is a bonus
            logger.exception("antispam api: could not mark the history store")
    return text(THANKS)


@api_view("POST")
def submit_spam(request, params):
    return submit(request, params, LabelledExample.Label.SPAM)


@api_view("POST")
def submit_ham(request, params):
    return submit(request, params, LabelledExample.Label.HAM)


@api_view("GET", "POST")
def key_sites(request, params):
    key, why = authenticate(request, params)
    if key is None:
        return invalid(why)
    report = reports.key_sites(key, params)
    if params.get("format").strip().lower() == "csv":
        return text(reports.key_sites_csv(key, report))
    return json_body(report)


@api_view("GET", "POST")
def usage_limit(request, params):
    key, why = authenticate(request, params)
    if key is None:
        return invalid(why)
    return json_body(reports.usage_limit(key, keys.is_throttled(key)))


def json_body(data: dict) -> HttpResponse:
    """Compact JSON, no trailing newline, as Akismet's /1.2/ endpoints answer."""
    return HttpResponse(json.dumps(data, separators=(",", ":")), content_type="application/json")


@api_view("POST", json_errors=True)
def check(request, params):
    """/api/v1/check: the whole verdict as JSON, with every reason, for clients that can read it.

    `action` is the engine's verdict on the text (ham, hold, spam, discard); what a site does
    with it (for example holding every comment for approval) is the site's own policy.
    """
    key, why = authenticate(request, params)
    if key is None:
        return JsonResponse({"error": why}, status=403)
    if wait := keys.retry_after(key):
        response = JsonResponse(
            {"error": f"Too many requests: retry after {wait} seconds."}, status=429
        )
        response["Retry-After"] = str(wait)
        return response
    if problem := field_problem(params):
        return JsonResponse({"error": problem[1], "field": problem[0]}, status=400)
    verdict = judge(params)
    count_check(key, params, verdict)
    return JsonResponse({**verdict.as_dict(), "guid": str(uuid.uuid4())})
