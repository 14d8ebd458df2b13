"""The shared XSS payloads, posted as comment text, name and website, render inert HTML."""

from html.parser import HTMLParser
from pathlib import Path

import pytest

from parley.comments.models import Comment

from .factories import CommentFactory

pytestmark = pytest.mark.django_db
PAYLOADS = (
    (Path(__file__).parent.parent / "data" / "xss_alert_identifiable.txt")
    .read_text(encoding="utf-8")
    .splitlines()
)
ACTIVE_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "img",
    "video",
    "audio",
    "style",
    "link",
    "meta",
    "base",
    "form",
    "frame",
    "frameset",
    "applet",
    "xml",
    "input",
    "body",
    "marquee",
    "isindex",
    "bgsound",
    "image",
    "table",
}
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:", "livescript:")


class ActiveMarkup(HTMLParser):
    """Collects every element and attribute of the discussion that could run code."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self.scripts = []

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append(dict(attrs))
        elif tag in ACTIVE_TAGS:
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            value = (value or "").strip().lower().replace("\t", "").replace("\n", "")
            if name.startswith("on") or name in {"style", "formaction", "srcdoc"}:
                self.problems.append(f"{tag} {name}=")
            if name in {"href", "src", "action", "xlink:href"} and value.startswith(
                DANGEROUS_SCHEMES
            ):
                self.problems.append(f"{tag} {name}={value[:30]}")


def discussion_html(html: str) -> str:
    """The list of comments (where the payloads are), without the page's own form."""
    return html[html.index('<ol class="comment-list">') : html.index('<p class="comments-feed">')]


def page_scripts(html: str) -> list[dict]:
    parser = ActiveMarkup()
    parser.feed(html)
    return parser.scripts


def test_payloads_as_text_name_and_website_render_inert(client, site, post):
    site.comments_per_page = 2000
    site.save()
    Comment.objects.bulk_create(
        [
            CommentFactory.build(post=post, content=p, author_name=p[:245], author_url=p[:200])
            for p in PAYLOADS
        ]
    )
    html = client.get(post.get_absolute_url()).content.decode()
    parser = ActiveMarkup()
    parser.feed(discussion_html(html))
    assert parser.problems == []
    assert parser.scripts == []
    # Only the page's own two scripts: the JSON messages and the external comments.js.
    assert page_scripts(html) == [
        {"id": "parley-comment-messages", "type": "application/json"},
        {"src": "/static/parley/comments.js", "defer": None},
    ]


@pytest.mark.parametrize("payload", PAYLOADS[::60])
def test_payloads_through_the_form_are_inert_in_the_page_and_the_error_page(
    submit, client, site, post, payload
):
    response = submit(
        post, comment="Quote: " + payload, author=payload[:245] or "x", url=payload[:200]
    )
    parser = ActiveMarkup()
    if response.status_code == 400:  # the website was refused: the form is shown again
        page = response.content.decode()
        parser.feed(
            page[page.index('<form action="/comments/post/"') : page.index("</form>")].replace(
                '<form action="/comments/post/"', "<p "
            )
        )
        parser.problems = [p for p in parser.problems if p != "<input>"]
    else:
        parser.feed(discussion_html(client.get(post.get_absolute_url()).content.decode()))
    assert parser.problems == []
