"""Post bodies to safe HTML: Markdown through markdown-it-py, and every body through nh3."""

import nh3
from markdown_it import MarkdownIt

# Authors may use raw HTML in Markdown; nh3 removes whatever is not on the allow-list.
_markdown = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")

ALLOWED_TAGS = {
    "a",
    "abbr",
    "acronym",
    "address",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
}
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang", "dir", "id"},
    "a": {"href", "hreflang", "name"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start", "reversed", "type"},
    "time": {"datetime"},
    "code": {"class"},
}


def sanitize_html(html: str) -> str:
    """Keep structure and links, drop scripts, handlers, styles and dangerous URLs."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )


def render_body(body: str, body_format: str) -> str:
    """Sanitised HTML for a post body written in Markdown or imported as HTML."""
    html = body if body_format == "html" else _markdown.render(body)
    return sanitize_html(html)
