"""The two reader cookies the page cache relies on: `parley_held` and `parley_commenter`.

A request carrying either gets a page with per-reader data, so such pages are marked
private and never stored in or served from a shared cache.
"""

import json
from urllib.parse import quote, unquote

from django.conf import settings

HELD_COOKIE = "parley_held"
COMMENTER_COOKIE = "parley_commenter"
HELD_SALT = "parley.comments.held"
HELD_MAX = 20  # the reader's most recent held comments
HELD_AGE = 60 * 60 * 24 * 30
COMMENTER_AGE = 60 * 60 * 24 * 365
READER_COOKIES = (HELD_COOKIE, COMMENTER_COOKIE)


def has_reader_cookie(request) -> bool:
    return any(name in request.COOKIES for name in READER_COOKIES)


def held_ids(request) -> list[int]:
    """The reader's own held comments: a signed list, so nobody can claim another's."""
    value = request.get_signed_cookie(HELD_COOKIE, default="", salt=HELD_SALT)
    ids = []
    for part in (value or "").split(","):
        if part.isdigit():
            ids.append(int(part))
    return ids[-HELD_MAX:]


def remember_held(request, response, comment_id: int) -> None:
    ids = [i for i in held_ids(request) if i != comment_id] + [comment_id]
    response.set_signed_cookie(
        HELD_COOKIE,
        ",".join(map(str, ids[-HELD_MAX:])),
        salt=HELD_SALT,
        max_age=HELD_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def saved_commenter(request) -> dict:
    """Name, email and website the reader chose to save; {} when absent or malformed."""
    raw = request.COOKIES.get(COMMENTER_COOKIE)
    if not raw:
        return {}
    try:
        data = json.loads(unquote(raw))
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: str(data.get(k, ""))[:245] for k in ("author", "email", "url")}


def save_commenter(response, author: str, email: str, url: str) -> None:
    """Readable by the page's script (not HttpOnly) so it can fill the form on any page."""
    value = quote(json.dumps({"author": author, "email": email, "url": url}), safe="")
    response.set_cookie(
        COMMENTER_COOKIE,
        value,
        max_age=COMMENTER_AGE,
        httponly=False,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def forget_commenter(response) -> None:
    response.delete_cookie(COMMENTER_COOKIE, samesite="Lax")
