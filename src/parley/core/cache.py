"""Full-page cache for anonymous readers, invalidated by generation tokens kept in the cache.

Every cached page's key folds in the *generations* of what it shows:

- ``site``: changes when any post, page, category, tag or site setting changes (a post's
  title or publication shows up in lists, navigation, feeds and related posts everywhere);
- ``counts``: changes when any approved comment changes; lists and feeds show comment
  counts, so every page except a post's own page folds it in;
- ``post:<kind>:<slug>``: changes when that post's approved comments or related posts change.

A generation is a random token, not a counter: when a cache evicts it, the next reader
makes a fresh one, so an evicted generation can never bring an old page back. Bumping is a
single cache write, and pages under the old key simply age out.

Pages are stored with the CSRF token of the reader who caused the render replaced by a
placeholder; every hit puts in a fresh token for the current reader
(``django.middleware.csrf.get_token``), and CsrfViewMiddleware sets the matching cookie, so
the comment form works from a cached page and one reader's token never reaches another.
"""

import functools
import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.middleware.gzip import re_accepts_gzip
from django.urls import Resolver404, get_urlconf, resolve
from django.utils.cache import patch_vary_headers
from django.utils.crypto import salted_hmac
from django.utils.http import http_date

from parley.core.gzip_holes import deflate_parts, gzip_with_values

logger = logging.getLogger(__name__)

# "v2": entries hold fixed parts, holes and their gzip (core.gzip_holes); an older entry
# under the old prefix is simply never read again.
PREFIX = "parley:page:v2:"
GEN_PREFIX = "parley:gen:"
# Cookies that mean the page may hold this reader's own data (session = logged in or an
# anonymous session with state; parley_held = their comments awaiting moderation;
# parley_commenter = their saved name, email and website; messages = one-off notices).
# Any other cookie whose name starts with "parley_" is treated the same way.
BYPASS_COOKIES = {"parley_held", "parley_commenter", "messages"}
# Paths that are never pages for readers.
EXCLUDED_PREFIXES = ("/admin/", "/api/", "/1.1/", "/1.2/")
# Vary values a shared page may carry: the page does not depend on anything else.
SAFE_VARY = {"cookie", "accept-encoding"}
MAX_BODY = 2 * 1024 * 1024
# As GZipMiddleware: shorter bodies are sent as they are.
GZIP_MIN_BYTES = 200
CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")([A-Za-z0-9]{64})(")')
TOKENISH = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
PAGE_NUMBER = re.compile(r"^(\d{1,6}|last)$")
# The comment form's signed "rendered at" time: renewed on every hit, or a bot reading a
# ten-minute-old cached page would pass the anti-spam timing check however fast it posts.
FORM_TIME_INPUT = re.compile(rb'(name="parley_ts" value=")([^"]*)(")')


def accepts_gzip(request) -> bool:
    return bool(re_accepts_gzip.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def cache_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 0))


def csrf_placeholder() -> bytes:
    """A marker no reader can guess, the same on every server sharing the secret key."""
    digest = salted_hmac("parley.core.cache", "csrf-placeholder").hexdigest()[:32]
    return f"parley-csrf-{digest}".encode()


# --- generations -------------------------------------------------------------------------


def _new_token() -> str:
    return f"{time.time_ns():x}{secrets.token_hex(4)}"


def generations(names) -> list[str]:
    """Current tokens for these generation names (one cache round trip when all exist)."""
    cache = page_cache()
    keys = [GEN_PREFIX + name for name in names]
    found = cache.get_many(keys)
    tokens = []
    for key in keys:
        token = found.get(key)
        if token is None:
            cache.add(key, _new_token(), None)
            token = cache.get(key) or _new_token()
        tokens.append(token)
    return tokens


def _bump(names: list[str]) -> None:
    try:
        page_cache().set_many({GEN_PREFIX + name: _new_token() for name in names}, None)
    except Exception:
        # A cache outage must not fail the save; pages then live at most
        # PAGE_CACHE_SECONDS (and readers are served uncached while it is down).
        logger.exception("Page cache: could not invalidate %s", names)


def bump(*names: str) -> None:
    """Change these generations now and again when the current transaction commits.

    The second bump closes a race: a reader who read the new token before the commit
    could otherwise store a page rendered from the old rows under the new key.
    """
    if not names:
        return
    _bump(list(names))
    if connection.in_atomic_block:
        transaction.on_commit(lambda: _bump(list(names)))


def post_generation(kind: str, slug: str) -> str:
    return f"post:{kind}:{slug}"


def invalidate_site() -> None:
    """Forget every cached page (e.g. after a bulk import that bypassed model signals)."""
    bump("site", "counts")


def invalidate_post(kind: str, slug: str) -> None:
    """Forget one post's page and every list or feed showing its comment count."""
    bump(post_generation(kind, slug), "counts")


# --- which generations a page folds in ----------------------------------------------------


def page_generations(path: str) -> tuple[str, ...] | None:
    """Generation names for a path, or None when the path is not a cacheable page."""
    return _page_generations(path, get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _page_generations(path: str, urlconf) -> tuple[str, ...] | None:
    # Resolving a URL costs about as much as the rest of a cache hit; paths repeat.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    if match.namespace == "blog" and match.url_name in {"post", "page"}:
        kind = "post" if match.url_name == "post" else "page"
        return ("site", post_generation(kind, match.kwargs.get("slug", "")))
    return ("site", "counts")


def next_publication_delay() -> int | None:
    """Seconds until the next scheduled post appears, so no page outlives that moment."""
    from parley.blog.models import Post

    cache = page_cache()
    (site,) = generations(["site"])
    key = f"{GEN_PREFIX}next-publication:{site}"
    when = cache.get(key)
    if when is None:
        from django.utils import timezone

        upcoming = (
            Post.objects.filter(status=Post.Status.PUBLISHED, published_at__gt=timezone.now())
            .order_by("published_at")
            .values_list("published_at", flat=True)
            .first()
        )
        when = upcoming.timestamp() if upcoming else 0
        cache.set(key, when, cache_seconds() or None)
    if not when:
        return None
    return max(int(when - time.time()) + 1, 1)


# --- the middleware -----------------------------------------------------------------------


def request_is_cacheable(request) -> bool:
    if request.method not in {"GET", "HEAD"} or cache_seconds() <= 0:
        return False
    path = request.path_info
    if path.startswith(EXCLUDED_PREFIXES) or path.startswith(settings.STATIC_URL):
        return False
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    for name in request.COOKIES:
        if name == settings.SESSION_COOKIE_NAME or name in BYPASS_COOKIES:
            return False
        if name.startswith("parley_"):
            return False
    if request.GET:
        if set(request.GET) != {"page"} or len(request.GET.getlist("page")) != 1:
            return False
        if not PAGE_NUMBER.match(request.GET["page"]):
            return False
    return True


def page_key(request, gens) -> str:
    # The host name without its port: app servers behind one proxy, or on several ports,
    # serve the same pages (absolute links come from PARLEY_BASE_URL, not the request).
    host, _port = split_domain_port(request.get_host())
    parts = [host, request.path, request.GET.get("page", ""), *gens]
    return PREFIX + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def response_is_shareable(request, response) -> bool:
    if response.status_code != 200 or response.streaming:
        return False
    control = {
        part.strip().split("=")[0].lower() for part in response.get("Cache-Control", "").split(",")
    }
    if control & {"private", "no-store", "no-cache"}:
        return False
    if set(response.cookies) - {settings.CSRF_COOKIE_NAME}:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    if vary - SAFE_VARY:
        return False
    return len(response.content) <= MAX_BODY


def form_time_placeholder(post_id: int) -> bytes:
    return csrf_placeholder() + f"-ts-{post_id}-".encode()


def strip_form_times(body: bytes) -> bytes | None:
    """Put a per-post placeholder where the comment form's signed render time was."""
    from django.core import signing

    from parley.comments.forms import TIMESTAMP_SALT

    def placeholder(match):
        try:
            data = signing.loads(match.group(2).decode(), salt=TIMESTAMP_SALT)
            post_id = int(data["p"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ValueError("unreadable form time") from None
        return match.group(1) + form_time_placeholder(post_id) + match.group(3)

    try:
        return FORM_TIME_INPUT.sub(placeholder, body)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4)
def _hole_pattern(placeholder: bytes) -> re.Pattern:
    return re.compile(re.escape(placeholder) + rb"(?:-ts-(\d+)-)?")


def split_holes(body: bytes) -> tuple[list[bytes], list[tuple[str, int]]]:
    """The page's fixed parts and, between each two, the hole a reader's value fills:
    ("csrf", 0) for their CSRF token, ("ts", post_id) for a comment form's signed time."""
    parts, holes, start = [], [], 0
    for match in _hole_pattern(csrf_placeholder()).finditer(body):
        parts.append(body[start : match.start()])
        holes.append(("ts", int(match.group(1))) if match.group(1) else ("csrf", 0))
        start = match.end()
    parts.append(body[start:])
    return parts, holes


def hole_values(request, holes) -> list[bytes]:
    now = int(time.time())
    token = get_token(request).encode() if ("csrf", 0) in holes else b""
    return [token if kind == "csrf" else signed_form_time(arg, now) for kind, arg in holes]


def entry_size(entry: dict) -> int:
    return sum(map(len, entry["parts"])) + sum(map(len, entry["deflated"]))


@functools.lru_cache(maxsize=256)
def signed_form_time(post_id: int, now: int) -> bytes:
    """The form's signed render time; the same for one post within one second."""
    from parley.comments.forms import sign_timestamp

    return sign_timestamp(post_id, now).encode()


def strip_csrf(request, body: bytes) -> tuple[bytes, bool] | None:
    """Replace this reader's CSRF token by the placeholder; None when it cannot be done safely.

    A token printed anywhere other than the form's hidden input (say, in JSON for a script)
    could not be swapped on a hit and would hand one reader's secret to the next, so such a
    page is not stored.
    """
    used = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
    stripped, count = CSRF_INPUT.subn(rb"\1" + csrf_placeholder() + rb"\3", body)
    if not used:
        return (stripped, False) if count == 0 else None
    secret = request.META.get("CSRF_COOKIE", "")
    if not secret or secret.encode() in stripped:
        return None
    for match in TOKENISH.finditer(stripped):
        if _unmask_cipher_token(match.group().decode()) == secret:
            return None
    return stripped, count > 0


def finish(request, response, entry: dict, state: str) -> HttpResponse:
    """Validators and headers every response from the cache carries."""
    validator = hashlib.md5(entry["digest"].encode(), usedforsecurity=False)
    if entry["csrf"]:
        # The page differs per reader only by their token: the ETag follows their cookie.
        validator.update(request.META.get("CSRF_COOKIE", "").encode())
    else:
        response["Last-Modified"] = http_date(entry["stored"])
    response["ETag"] = f'"{validator.hexdigest()}"'
    # Browsers revalidate each time (cheap: a 304) so a new comment shows at once.
    response["Cache-Control"] = "no-cache"
    response["X-Parley-Cache"] = state
    return response


def stale_key(request) -> str:
    """Where the last good copy of a page is kept, whatever the generations."""
    host, _port = split_domain_port(request.get_host())
    parts = [host, request.path, request.GET.get("page", "")]
    return PREFIX + "stale:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


class LocalPages:
    """A bounded per-process copy of recently served entries, in front of the shared cache.

    A page's key folds in the current generations, so a copy found under the key is exactly
    as fresh as the shared entry: invalidation still works across processes, and a hit then
    costs only the generation lookup instead of also reading, decompressing and unpickling
    the page (a 50 kB post page through the file cache). Copies keep the shared entry's
    expiry. Size-bounded, least recently used out first.
    """

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.entries: OrderedDict[str, tuple[float, dict]] = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key: str) -> dict | None:
        with self.lock:
            found = self.entries.get(key)
            if found is None:
                return None
            expires, entry = found
            if expires <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: dict, timeout: float) -> None:
        cost = entry_size(entry)
        if cost > self.max_bytes or timeout <= 0:
            return
        with self.lock:
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (time.time() + timeout, entry)
            self.size += cost
            while self.size > self.max_bytes:
                self._drop(next(iter(self.entries)))

    def _drop(self, key: str) -> None:
        _expires, entry = self.entries.pop(key)
        self.size -= entry_size(entry)


_local: LocalPages | None = None


def local_pages() -> LocalPages | None:
    """This process's LocalPages, sized by settings.PAGE_CACHE_LOCAL_BYTES (0: none)."""
    global _local
    limit = int(getattr(settings, "PAGE_CACHE_LOCAL_BYTES", 0))
    if limit <= 0:
        return None
    if _local is None or _local.max_bytes != limit:
        _local = LocalPages(limit)
    return _local


# How long one reader may render a page while the others get its previous version.
RENDER_LOCK_SECONDS = 30


class PageCacheMiddleware:
    """Serve anonymous GET/HEAD pages from the cache; store shareable 200 responses.

    Sits after CsrfViewMiddleware (so a hit's fresh token gets its cookie) and before
    the session, auth and message consumers (so a hit skips them).

    When a page has just been invalidated during a burst, one request renders it while
    concurrent readers get the previous version ("stale"), instead of every reader
    rendering the same page at once. A page that stops rendering (404, say) loses its
    previous version at once.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request_is_cacheable(request):
            return self.get_response(request)
        gens_names = page_generations(request.path_info)
        if gens_names is None:
            return self.get_response(request)
        try:
            key = page_key(request, generations(gens_names))
            entry = self.lookup(key)
        except Exception:
            # The cache is down (say, Redis restarting): serve pages uncached meanwhile.
            logger.exception("Page cache unavailable")
            return self.get_response(request)
        if entry is not None:
            return self.serve(request, entry)
        previous, lock = stale_key(request), None
        try:
            if page_cache().add(previous + ":lock", True, RENDER_LOCK_SECONDS):
                lock = previous + ":lock"
            else:
                entry = page_cache().get(previous)
                if entry is not None:
                    return self.serve(request, entry, "stale")
        except Exception:
            logger.exception("Page cache unavailable")
        try:
            response = self.get_response(request)
            return self.keep(request, response, key, previous)
        finally:
            if lock is not None:
                self.forget(lock)

    @staticmethod
    def lookup(key: str) -> dict | None:
        """The entry under this key: this process's copy, else the shared cache's."""
        local = local_pages()
        entry = local.get(key) if local else None
        if entry is None:
            entry = page_cache().get(key)
            if entry is not None and local:
                local.put(key, entry, entry.get("expires", 0) - time.time())
        return entry

    def keep(self, request, response, key, previous):
        if request.method == "GET" and response_is_shareable(request, response):
            try:
                entry = self.store(request, response, key, previous)
            except Exception:
                logger.exception("Page cache: could not store %s", request.path)
                entry = None
            if entry is not None:
                return finish(request, response, entry, "miss")
        elif request.method == "GET":
            self.forget(previous)
        response.setdefault("X-Parley-Cache", "bypass")
        return response

    @staticmethod
    def forget(key):
        try:
            page_cache().delete(key)
        except Exception:
            logger.exception("Page cache: could not delete %s", key)

    def store(self, request, response, key, previous=None) -> dict | None:
        result = strip_csrf(request, response.content)
        if result is None:
            return None
        body, has_csrf = result
        body = strip_form_times(body)
        if body is None:
            return None
        timeout = cache_seconds()
        delay = next_publication_delay()
        if delay is not None:
            timeout = min(timeout, delay)
        headers = [
            (name, value)
            for name, value in response.items()
            if name.lower() not in {"content-length", "etag", "last-modified", "x-parley-cache"}
        ]
        parts, holes = split_holes(body)
        entry = {
            "parts": parts,
            "holes": holes,
            "deflated": deflate_parts(parts),
            "digest": hashlib.md5(body, usedforsecurity=False).hexdigest(),
            "headers": headers,
            "csrf": has_csrf,
            "stored": time.time(),
            "expires": time.time() + timeout,
        }
        page_cache().set_many({key: entry, **({previous: entry} if previous else {})}, timeout)
        local = local_pages()
        if local:
            local.put(key, entry, timeout)
        return entry

    def serve(self, request, entry: dict, state: str = "hit") -> HttpResponse:
        values = hole_values(request, entry["holes"])
        pieces = [entry["parts"][0]]
        for value, part in zip(values, entry["parts"][1:], strict=True):
            pieces += [value, part]
        body = b"".join(pieces)
        gzipped = accepts_gzip(request) and len(body) >= GZIP_MIN_BYTES
        response = HttpResponse(
            gzip_with_values(entry["deflated"], values, body) if gzipped else body
        )
        for name, value in entry["headers"]:
            response[name] = value
        response = finish(request, response, entry, state)
        if gzipped:
            # What GZipMiddleware does for a body it compresses itself (it leaves this alone).
            response["Content-Encoding"] = "gzip"
            response["ETag"] = "W/" + response["ETag"]
        patch_vary_headers(response, ("Accept-Encoding",))
        return response
