"""Comment text to safe HTML: paragraphs, auto-linked URLs and a small tag allow-list."""

import functools
import hashlib
import re

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import escape

ALLOWED_TAGS = {"a", "em", "strong", "code", "blockquote", "p", "br"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "*": set()}
LINK_REL = "nofollow ugc noopener"

_url_validator = URLValidator(schemes=["http", "https"])
_URL = re.compile(r"\bhttps?://[^\s<>\"']+", re.IGNORECASE)
_TAG = re.compile(r"(<[^>]*>)")
_TRAILING = ".,;:!?)]}'\""
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
_BLOCKQUOTE = re.compile(r"</?blockquote\b[^>]*>", re.IGNORECASE)


def _clean(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel=LINK_REL,
        # Only absolute http(s)/mailto links: a "relative" href is how mangled schemes
        # ("javas\\x00cript:") slip past a scheme check.
        url_relative="deny",
    )


def _link(match: re.Match) -> str:
    url = match.group(0)
    tail = ""
    while url and url[-1] in _TRAILING:
        tail = url[-1] + tail
        url = url[:-1]
    # `url` is already HTML-escaped text (nh3 output), so it is safe inside the attribute.
    return f'<a href="{url}">{url}</a>{tail}'


def autolink(html: str) -> str:
    """Turn bare http(s) URLs in text into links, leaving existing links alone."""
    parts = _TAG.split(html)
    inside_link = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].lower().rstrip(">") if len(part) > 2 else ""
            if name == "a":
                inside_link += 1
            elif name == "/a":
                inside_link = max(0, inside_link - 1)
        elif not inside_link:
            parts[index] = _URL.sub(_link, part)
    return "".join(parts)


def paragraphs(text: str) -> str:
    """Blank lines separate paragraphs; single newlines become line breaks.

    Blockquote tags stand as blocks of their own so a quote may hold several paragraphs.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _BLOCKQUOTE.sub(lambda m: "\n\n" + m.group(0).lower() + "\n\n", text).strip()
    out = []
    for block in _PARAGRAPH_BREAK.split(text):
        block = block.strip()
        if not block:
            continue
        if block in ("<blockquote>", "</blockquote>"):
            out.append(block + "\n")
        else:
            out.append("<p>" + block.replace("\n", "<br>\n") + "</p>\n")
    return "".join(out)


def render_comment(text: str) -> str:
    """Safe HTML for a comment: sanitise first, then add structure, then sanitise again."""
    return _clean(paragraphs(autolink(_clean(text))))


@functools.lru_cache(maxsize=4096)
def safe_author_url(url: str) -> str:
    """The commenter's website, only when it is an http or https URL (else nothing)."""
    url = (url or "").strip()
    try:
        _url_validator(url)
    except ValidationError:
        return ""
    return url


def initials(name: str) -> str:
    """One or two letters for the local avatar: "Ada Lovelace" -> "AL"."""
    words = [w for w in re.split(r"[\s\-_.]+", name or "") if w and w[0].isalnum()]
    if not words:
        return "?"
    letters = words[0][0] + (words[-1][0] if len(words) > 1 else "")
    return letters.upper()


def avatar_colour(name: str, email: str = "") -> int:
    """A stable colour class 0-7 for the avatar, computed here: the email never leaves the site."""
    digest = hashlib.sha256(f"{name.strip().lower()}|{email.strip().lower()}".encode()).digest()
    return digest[0] % 8


@functools.lru_cache(maxsize=4096)
def avatar_html(name: str, email: str = "") -> str:
    # Cached: a thread page shows the same few commenters many times.
    return (
        f'<span class="avatar avatar-{avatar_colour(name, email)}" aria-hidden="true">'
        f"{escape(initials(name))}</span>"
    )
