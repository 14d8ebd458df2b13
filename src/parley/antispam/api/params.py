"""Reading Akismet's form parameters (any charset, PHP-style arrays) into a Submission.

Bodies are parsed here rather than through request.POST because Akismet clients send the
bytes in the blog's charset (`blog_charset`, e.g. ISO-8859-1), which Django would decode
as UTF-8; bytes not valid in that charset become U+FFFD instead of failing the request.
"""

import codecs
import ipaddress
import re
from datetime import UTC, datetime
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.dateparse import parse_datetime

from parley.antispam.types import Submission

# The parameters Akismet documents; everything else a client sends (WordPress adds its
# $_SERVER environment: REMOTE_ADDR, HTTP_*, SERVER_*…) is accepted and never stored.
STANDARD = (
    "api_key",
    "key",
    "blog",
    "user_ip",
    "user_agent",
    "referrer",
    "permalink",
    "comment_type",
    "comment_author",
    "comment_author_email",
    "comment_author_url",
    "comment_content",
    "comment_date_gmt",
    "comment_post_modified_gmt",
    "blog_lang",
    "blog_charset",
    "user_role",
    "is_test",
    "recheck_reason",
    "honeypot_field_name",
    "comment_context",
)
# Parley's additions for /api/v1/check.
EXTRA = ("post_title", "post_body")
_ARRAY = re.compile(r"^(?P<name>[A-Za-z_][\w-]*)\[(?P<index>[^\]]*)\]$")
_TRUE = {"1", "true", "yes", "on"}
_BLOG_CHARSET = re.compile(rb"(?:^|&)blog_charset=([^&]*)")


class BadRequest(ValueError):
    """The request cannot be read at all (too many fields, malformed multipart)."""


class Params:
    """Form parameters: the first value of each name, plus PHP-style arrays as lists."""

    def __init__(self, pairs: list[tuple[str, str]]):
        self.values: dict[str, str] = {}
        self.arrays: dict[str, list[str]] = {}
        for name, value in pairs:
            match = _ARRAY.match(name)
            if match:
                self.arrays.setdefault(match["name"], []).append(value)
            else:
                self.values.setdefault(name, value)

    def get(self, name: str, default: str = "") -> str:
        return self.values.get(name, default)

    def flag(self, name: str) -> bool:
        return self.get(name).strip().lower() in _TRUE

    def many(self, name: str) -> tuple[str, ...]:
        """`name[0]=a&name[1]=b` (or `name[]=`) as a list, or `name=a` as a one-item list."""
        items = list(self.arrays.get(name, ()))
        if name in self.values:
            items.insert(0, self.values[name])
        return tuple(item for item in items if item.strip())


def _codec(name: str) -> str | None:
    """Python's name for a text charset, or None (unknown, or a codec like base64 or rot13)."""
    name = name.strip()
    if not name:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # unknown, or not even a name ("utf\x008")
        return None
    # bytes.decode() refuses codecs such as base64 or rot13 that CodecInfo marks this way.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def _pairs(raw: bytes, encoding: str, limit: int | None) -> list[tuple[str, str]]:
    """Split a urlencoded body, decoding names and values as `encoding` (bad bytes -> U+FFFD).

    Done by hand because urllib's parse_qsl refuses raw (unescaped) non-ASCII bytes.
    """
    fields = [field for field in raw.split(b"&") if field]
    if limit is not None and len(fields) > limit:
        raise BadRequest(f"Too many fields (the limit is {limit}).")
    pairs = []
    for field in fields:
        name, _, value = field.partition(b"=")
        pairs.append((_decode(name, encoding), _decode(value, encoding)))
    return pairs


def _decode(raw: bytes, encoding: str) -> str:
    """One name or value; NUL characters are dropped (PostgreSQL cannot store them)."""
    text = unquote_to_bytes(raw.replace(b"+", b" ")).decode(encoding, errors="replace")
    return text.replace("\x00", "")


def read_params(request) -> Params:
    """The form body (urlencoded in any charset, or multipart), then the query string."""
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    pairs: list[tuple[str, str]] = []
    if request.method == "POST":
        content_type = request.META.get("CONTENT_TYPE", "")
        if content_type.startswith("multipart/"):
            try:
                pairs = [
                    (k.replace("\x00", ""), v.replace("\x00", ""))
                    for k, values in request.POST.lists()
                    for v in values
                ]
            except RequestDataTooBig:
                raise
            except Exception as error:  # MultiPartParserError, TooManyFieldsSent…
                raise BadRequest("The multipart body could not be read.") from error
        else:
            body = request.body
            encoding = _charset_of(body) or _codec(_charset_in(content_type)) or "utf-8"
            pairs = _pairs(body, encoding, limit)
    query = request.META.get("QUERY_STRING", "").encode("latin-1", "replace")
    if query:
        pairs += _pairs(query, _charset_of(query) or "utf-8", limit)
    return Params(pairs)


def _charset_of(raw: bytes) -> str | None:
    """The codec `blog_charset` names in a raw body, if it names one Python knows."""
    match = _BLOG_CHARSET.search(raw)
    return _codec(_decode(match[1], "ascii")) if match else None


def _charset_in(content_type: str) -> str:
    for part in content_type.split(";")[1:]:
        name, _, value = part.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"')
    return ""


def parse_gmt(value: str) -> datetime | None:
    """Akismet's comment_date_gmt: ISO 8601 (`2026-11-26T07:00:00Z` or with a space)."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parse_datetime(value.replace(" ", "T", 1))
    except ValueError:
        return None
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def client_ip(value: str) -> str:
    """The address in `user_ip`: the first of a forwarded list ("a, b"), or "" if none."""
    first = value.split(",", 1)[0].strip()
    try:
        return str(ipaddress.ip_address(first.strip("[]")))
    except ValueError:
        return ""


def honeypot_filled(params: Params) -> bool:
    """The field `honeypot_field_name` names holds what a bot typed into the hidden input."""
    field = params.get("honeypot_field_name").strip()
    if not field or field in STANDARD or field in EXTRA:
        return False
    return bool(params.get(field).strip())


def to_submission(params: Params, post=None) -> Submission:
    """The engine's input; `post` is what Parley knows of the post being commented on."""
    post_title, post_text, post_tags = post or ("", "", ())
    return Submission(
        content=params.get("comment_content"),
        author=params.get("comment_author"),
        email=params.get("comment_author_email"),
        url=params.get("comment_author_url"),
        ip=client_ip(params.get("user_ip")),
        user_agent=params.get("user_agent"),
        referrer=params.get("referrer"),
        permalink=params.get("permalink"),
        comment_type=params.get("comment_type").strip() or "comment",
        post_title=params.get("post_title") or post_title,
        post_text=params.get("post_body") or post_text,
        post_tags=tuple(post_tags),
        blog=params.get("blog"),
        blog_lang=params.get("blog_lang"),
        user_role=params.get("user_role"),
        submitted_at=parse_gmt(params.get("comment_date_gmt")),
        honeypot_filled=honeypot_filled(params),
        context=params.many("comment_context"),
        is_test=params.flag("is_test"),
    )
