"""Streaming WXR reader: turns a WordPress export into plain records, one element at a time.

The reader knows nothing about Parley's models, so the loader (load.py) and the tests can
use it alike. It reads WXR 1.0, 1.1 and 1.2 under http:// or https:// namespaces, clears
every element once read (memory stays flat on a file of any size) and reports a broken
file by line and element, because "XML error" alone does not help anyone fix an export.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime
from urllib.parse import unquote

from lxml import etree

# WordPress has used http://wordpress.org/export/1.0/ … /1.2/ and WordPress.com https://;
# matching on the path accepts all of them.
_WP_NS = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/$")
_EXCERPT_NS = re.compile(r"^https?://wordpress\.org/export/\d+\.\d+/excerpt/$")
_KNOWN_NS = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
}
# C0 control characters are not allowed in XML 1.0, yet WordPress exports them verbatim
# when a comment contained one; they never occur inside a multi-byte UTF-8 sequence, so
# dropping them from the raw bytes is safe for UTF-8 and every ASCII-compatible encoding.
_CONTROL_BYTES = bytes([*range(0, 9), 11, 12, *range(14, 32)])


class WxrError(Exception):
    """The file cannot be imported; the message names the line and the element."""


@dataclass
class Site:
    wxr_version: str = ""
    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass
class Author:
    login: str
    wp_id: int | None = None
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""


@dataclass
class Term:
    """A category, tag or other taxonomy term; `taxonomy` is WordPress's name for it."""

    taxonomy: str
    slug: str
    name: str
    wp_id: int | None = None
    parent_slug: str = ""
    description: str = ""


@dataclass
class Comment:
    wp_id: int
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date_gmt: datetime | None = None
    content: str = ""
    approved: str = "1"
    comment_type: str = ""
    parent_wp_id: int = 0
    user_wp_id: int = 0


@dataclass
class Item:
    """One <item>: a post, page, attachment, menu item or any other post type."""

    wp_id: int
    post_type: str
    line: int
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date_gmt: datetime | None = None
    modified_gmt: datetime | None = None
    status: str = "publish"
    comment_status: str = "open"
    ping_status: str = "open"
    slug: str = ""
    parent_wp_id: int = 0
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    attachment_url: str = ""
    # (taxonomy, slug, name) as in <category domain="post_tag" nicename="slug">Name</category>
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


class _FilteredReader:
    """A binary file wrapper that counts bytes read and drops control characters."""

    def __init__(self, raw, strip_controls: bool = True):
        self.raw = raw
        self.bytes_read = 0
        self.strip_controls = strip_controls
        self.at_end = False
        self.utf8 = None  # an incremental UTF-8 decoder when invalid bytes are to be replaced

    def read(self, size: int = -1) -> bytes:
        chunk = self.raw.read(size)
        self.bytes_read += len(chunk)
        if not chunk:
            self.at_end = True
        if self.strip_controls and chunk:
            chunk = chunk.translate(None, _CONTROL_BYTES)
        if self.utf8 is not None:
            chunk = self.utf8.decode(chunk, final=not chunk).encode("utf-8")
        return chunk


_QNAMES: dict[str, str] = {}


def _qname(tag) -> str:
    """`{https://wordpress.org/export/1.2/}post_id` -> `wp:post_id`, whatever the version."""
    try:
        return _QNAMES[tag]
    except (KeyError, TypeError):
        pass
    if not isinstance(tag, str):
        return ""
    name = _qualify(tag)
    if len(_QNAMES) < 10_000:  # a file full of made-up element names cannot fill memory
        _QNAMES[tag] = name
    return name


def _qualify(tag: str) -> str:
    if tag[0] != "{":
        return tag
    uri, _, local = tag[1:].partition("}")
    if uri in _KNOWN_NS:
        return f"{_KNOWN_NS[uri]}:{local}"
    if _WP_NS.match(uri):
        return f"wp:{local}"
    if _EXCERPT_NS.match(uri):
        return f"excerpt:{local}"
    return f"{{{uri}}}{local}"


def _children(elem) -> dict[str, etree._Element]:
    """Child elements by qualified name (the first one wins, as in WordPress's parser)."""
    out: dict[str, etree._Element] = {}
    for child in elem:
        name = _qname(child.tag)
        if name and name not in out:
            out[name] = child
    return out


def _text(kids: dict, name: str) -> str:
    elem = kids.get(name)
    return (elem.text or "") if elem is not None else ""


def _int(kids: dict, name: str, default: int = 0) -> int:
    value = _text(kids, name).strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError:
        raise WxrError(
            f"line {kids[name].sourceline}: <{name}> should be a whole number, not {value!r}"
        ) from None


def _date(kids: dict, name: str, tz: tzinfo) -> datetime | None:
    """A WordPress "Y-m-d H:i:s" date in time zone `tz`; None for an empty or zero date."""
    value = _text(kids, name).strip()
    if not value or value.startswith("0000-00-00"):
        return None
    try:
        return datetime.fromisoformat(value[:19]).replace(tzinfo=tz)
    except ValueError:
        raise WxrError(
            f"line {kids[name].sourceline}: <{name}> is not a date like 2024-01-31 12:00:00: "
            f"{value!r}"
        ) from None


def _rfc822(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _first_date(kids: dict, gmt: str, local: str, local_tz: tzinfo) -> datetime | None:
    """The GMT date, else the local date in the site's zone, else the RSS pubDate."""
    return (
        _date(kids, gmt, UTC)
        or _date(kids, local, local_tz)
        or (_rfc822(_text(kids, "pubDate")) if "pubDate" in kids else None)
    )


def _slug(value: str) -> str:
    """WordPress keeps non-ASCII slugs percent-encoded; Parley keeps them as text."""
    return unquote(value.strip())


def _author(elem) -> Author:
    kids = _children(elem)
    wp_id = _int(kids, "wp:author_id", 0) or None
    return Author(
        login=_text(kids, "wp:author_login").strip(),
        wp_id=wp_id,
        email=_text(kids, "wp:author_email").strip(),
        display_name=_text(kids, "wp:author_display_name").strip(),
        first_name=_text(kids, "wp:author_first_name").strip(),
        last_name=_text(kids, "wp:author_last_name").strip(),
    )


def _term(elem, kind: str) -> Term:
    kids = _children(elem)
    wp_id = _int(kids, "wp:term_id", 0) or None
    if kind == "wp:category":
        return Term(
            taxonomy="category",
            wp_id=wp_id,
            slug=_slug(_text(kids, "wp:category_nicename")),
            name=_text(kids, "wp:cat_name").strip(),
            parent_slug=_slug(_text(kids, "wp:category_parent")),
            description=_text(kids, "wp:category_description"),
        )
    if kind == "wp:tag":
        return Term(
            taxonomy="post_tag",
            wp_id=wp_id,
            slug=_slug(_text(kids, "wp:tag_slug")),
            name=_text(kids, "wp:tag_name").strip(),
            description=_text(kids, "wp:tag_description"),
        )
    return Term(
        taxonomy=_text(kids, "wp:term_taxonomy").strip(),
        wp_id=wp_id,
        slug=_slug(_text(kids, "wp:term_slug")),
        name=_text(kids, "wp:term_name").strip(),
        parent_slug=_slug(_text(kids, "wp:term_parent")),
        description=_text(kids, "wp:term_description"),
    )


def _comment(elem, local_tz: tzinfo) -> Comment:
    kids = _children(elem)
    if not _text(kids, "wp:comment_id").strip():
        raise WxrError(f"line {elem.sourceline}: <wp:comment> has no <wp:comment_id>")
    return Comment(
        wp_id=_int(kids, "wp:comment_id"),
        author=_text(kids, "wp:comment_author").strip(),
        author_email=_text(kids, "wp:comment_author_email").strip(),
        author_url=_text(kids, "wp:comment_author_url").strip(),
        author_ip=_text(kids, "wp:comment_author_IP").strip(),
        date_gmt=_date(kids, "wp:comment_date_gmt", UTC)
        or _date(kids, "wp:comment_date", local_tz),
        content=_text(kids, "wp:comment_content"),
        approved=_text(kids, "wp:comment_approved").strip() or "1",
        comment_type=_text(kids, "wp:comment_type").strip(),
        parent_wp_id=_int(kids, "wp:comment_parent"),
        user_wp_id=_int(kids, "wp:comment_user_id"),
    )


def _item(elem, local_tz: tzinfo) -> Item:
    kids = _children(elem)
    if not _text(kids, "wp:post_id").strip():
        raise WxrError(f"line {elem.sourceline}: <item> has no <wp:post_id>")
    item = Item(
        wp_id=_int(kids, "wp:post_id"),
        post_type=_text(kids, "wp:post_type").strip() or "post",
        line=elem.sourceline or 0,
        title=_text(kids, "title").strip(),
        link=_text(kids, "link").strip(),
        guid=_text(kids, "guid").strip(),
        creator=_text(kids, "dc:creator").strip(),
        content=_text(kids, "content:encoded"),
        excerpt=_text(kids, "excerpt:encoded"),
        date_gmt=_first_date(kids, "wp:post_date_gmt", "wp:post_date", local_tz),
        modified_gmt=_date(kids, "wp:post_modified_gmt", UTC),
        status=_text(kids, "wp:status").strip() or "publish",
        comment_status=_text(kids, "wp:comment_status").strip() or "open",
        ping_status=_text(kids, "wp:ping_status").strip() or "open",
        slug=_slug(_text(kids, "wp:post_name")),
        parent_wp_id=_int(kids, "wp:post_parent"),
        menu_order=_int(kids, "wp:menu_order"),
        password=_text(kids, "wp:post_password"),
        sticky=_text(kids, "wp:is_sticky").strip() == "1",
        attachment_url=_text(kids, "wp:attachment_url").strip(),
    )
    for child in elem:
        name = _qname(child.tag)
        if name == "category":
            domain = child.get("domain", "")
            nicename = child.get("nicename")
            # WXR 1.0 repeats each category without attributes and calls tags "tag".
            if domain and nicename is not None:
                taxonomy = "post_tag" if domain == "tag" else domain
                item.terms.append((taxonomy, _slug(nicename), (child.text or "").strip()))
        elif name == "wp:comment":
            item.comments.append(_comment(child, local_tz))
    return item


_CHANNEL_FIELDS = {
    "title": "title",
    "link": "link",
    "description": "description",
    "language": "language",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}


def read_wxr(
    raw,
    *,
    local_tz: tzinfo = UTC,
    encoding: str | None = None,
    repair_utf8: bool = False,
    reader=None,
) -> Iterator[Site | Author | Term | Item]:
    """Yield the records of a WXR file opened in binary mode, in file order.

    The Site record comes when the first item, term or author starts (everything a
    WordPress export puts in its channel header is known by then) or at the end.
    `local_tz` is the WordPress site's time zone, used only when a GMT date is missing.
    `encoding` overrides the file's declaration (for exports mislabelled as UTF-8);
    `repair_utf8` replaces the odd invalid byte of a UTF-8 file with U+FFFD instead.
    `reader` may be a _FilteredReader around `raw` whose byte count drives a progress bar.
    """
    head = raw.read(4)
    raw.seek(0)
    utf16 = head[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in head
    source = reader or _FilteredReader(raw)
    source.strip_controls = not utf16
    if repair_utf8 and not utf16:
        source.utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
    parser_args = {
        "events": ("start", "end"),
        "huge_tree": True,
        "resolve_entities": False,
        "no_network": True,
        "load_dtd": False,
        "remove_comments": True,
        "remove_pis": True,
    }
    if encoding:
        parser_args["encoding"] = encoding
    stack: list = []  # the open elements, for error messages
    site = Site()
    site_sent = False
    seen_rss = False
    try:
        for event, elem in etree.iterparse(source, **parser_args):
            if event == "start":
                stack.append(elem)
                if not seen_rss:
                    name = _qname(elem.tag)
                    if name != "rss":
                        raise WxrError(
                            f"line {elem.sourceline}: the file starts with <{name}>, not <rss>: "
                            "this is not a WordPress export (WXR) file"
                        )
                    seen_rss = True
                continue
            stack.pop()
            depth = len(stack)
            if depth != 2:  # only direct children of <channel> are records
                continue
            name = _qname(elem.tag)
            if name in _CHANNEL_FIELDS:
                setattr(site, _CHANNEL_FIELDS[name], (elem.text or "").strip())
            elif name in ("item", "wp:author", "wp:category", "wp:tag", "wp:term"):
                if not site_sent:
                    site_sent = True
                    yield site
                if name == "item":
                    yield _item(elem, local_tz)
                elif name == "wp:author":
                    yield _author(elem)
                else:
                    yield _term(elem, name)
            # Drop what has been read: the element and the emptied siblings before it.
            elem.clear(keep_tail=False)
            parent = elem.getparent()
            if parent is not None:
                while elem.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as exc:
        raise WxrError(_syntax_message(exc, stack, source.at_end)) from None
    if not seen_rss:
        raise WxrError("the file is empty: it is not a WordPress export (WXR) file")
    if not site_sent:
        yield site


def _syntax_message(exc: etree.XMLSyntaxError, stack: list, at_end: bool) -> str:
    line = exc.lineno or (exc.position[0] if exc.position else "?")
    message = (exc.msg or str(exc)).strip()
    inner = "the document"
    if stack:
        inner = f"<{_qname(stack[-1].tag)}> (opened on line {stack[-1].sourceline})"
    if at_end:
        return (
            f"line {line}: the file ends inside {inner}: it looks truncated, "
            f"export it again ({message})"
        )
    text = f"line {line}: the XML is malformed inside {inner}: {message}"
    if "UTF-8" in message or "encoding" in message.lower():
        text += (
            "; if the file is not really UTF-8, give its encoding with --encoding cp1252, "
            "or replace the few invalid bytes with --repair-utf8"
        )
    return text
