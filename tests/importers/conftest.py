"""Fixtures for the importer tests: the Theme Unit Test export and what it holds."""

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest

from parley.importers.load import import_wxr

THEME_DATA = Path(__file__).parent.parent / "data" / "wxr" / "themeunittestdata.wordpress.xml"
WP = "{https://wordpress.org/export/1.2/}"


@pytest.fixture(scope="session")
def theme_file() -> Path:
    return THEME_DATA


@pytest.fixture(scope="session")
def expected():
    """What the file holds, read with the standard library (independently of the importer)."""
    channel = ET.parse(THEME_DATA).getroot().find("channel")
    items = channel.findall("item")
    kinds = Counter(
        item.findtext(f"{WP}post_type") for item in items
        if item.findtext(f"{WP}status") not in ("auto-draft", "inherit")
    )  # fmt: skip
    comments = [c for item in items for c in item.findall(f"{WP}comment")
                if item.findtext(f"{WP}post_type") in ("post", "page")]  # fmt: skip
    tags = {t.findtext(f"{WP}tag_slug") for t in channel.findall(f"{WP}tag")}
    tags |= {c.get("nicename") for item in items for c in item.findall("category")
             if c.get("domain") == "post_tag"}  # fmt: skip
    categories = {c.findtext(f"{WP}category_nicename") for c in channel.findall(f"{WP}category")}
    return {
        "posts": kinds["post"],
        "pages": kinds["page"],
        "attachments": sum(i.findtext(f"{WP}post_type") == "attachment" for i in items),
        "comments": len(comments),
        "replies": {
            int(c.findtext(f"{WP}comment_id")): int(c.findtext(f"{WP}comment_parent"))
            for c in comments
            if c.findtext(f"{WP}comment_parent") != "0"
        },  # fmt: skip
        "pending": sum(c.findtext(f"{WP}comment_approved") == "0" for c in comments),
        "categories": len(categories),
        "tags": len(tags),
    }


@pytest.fixture
def imported(db, theme_file):
    """The Theme Unit Test export imported once; returns the import summary."""
    return import_wxr(theme_file)


def write_wxr(path: Path, body: str, *, version="1.2", scheme="http", encoding="UTF-8",
              channel_extra="") -> Path:  # fmt: skip
    """A small WXR file around `body` (items), as WordPress writes them."""
    ns = f"{scheme}://wordpress.org/export/{version}/"
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<rss version="2.0" xmlns:excerpt="{ns}excerpt/" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:wfw="http://wellformedweb.org/CommentAPI/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        f'xmlns:wp="{ns}">\n<channel>\n<title>Small</title>\n'
        f"<wp:wxr_version>{version}</wp:wxr_version>\n{channel_extra}{body}\n</channel>\n</rss>\n"
    )
    path.write_bytes(text.encode(encoding))
    return path


def item(wp_id, title="A post", *, slug=None, content="<p>Body</p>", status="publish",
         post_type="post", date="2020-05-17 10:00:00", parent=0, extra="") -> str:  # fmt: skip
    return f"""<item>
<title><![CDATA[{title}]]></title>
<link>https://old.example/?p={wp_id}</link>
<dc:creator><![CDATA[ann]]></dc:creator>
<content:encoded><![CDATA[{content}]]></content:encoded>
<excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>{wp_id}</wp:post_id>
<wp:post_date><![CDATA[{date}]]></wp:post_date>
<wp:post_date_gmt><![CDATA[{date}]]></wp:post_date_gmt>
<wp:comment_status>open</wp:comment_status>
<wp:ping_status>closed</wp:ping_status>
<wp:post_name><![CDATA[{slug if slug is not None else "post-" + str(wp_id)}]]></wp:post_name>
<wp:status>{status}</wp:status>
<wp:post_parent>{parent}</wp:post_parent>
<wp:menu_order>0</wp:menu_order>
<wp:post_type>{post_type}</wp:post_type>
<wp:post_password></wp:post_password>
<wp:is_sticky>0</wp:is_sticky>
{extra}
</item>"""


def comment(wp_id, parent=0, *, approved="1", content="Nice post", author="Bea",
            ip="192.0.2.1", date="2020-05-18 09:00:00") -> str:  # fmt: skip
    return f"""<wp:comment>
<wp:comment_id>{wp_id}</wp:comment_id>
<wp:comment_author><![CDATA[{author}]]></wp:comment_author>
<wp:comment_author_email>bea@example.com</wp:comment_author_email>
<wp:comment_author_url>https://bea.example/</wp:comment_author_url>
<wp:comment_author_IP>{ip}</wp:comment_author_IP>
<wp:comment_date><![CDATA[{date}]]></wp:comment_date>
<wp:comment_date_gmt><![CDATA[{date}]]></wp:comment_date_gmt>
<wp:comment_content><![CDATA[{content}]]></wp:comment_content>
<wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_type></wp:comment_type>
<wp:comment_parent>{parent}</wp:comment_parent>
<wp:comment_user_id>0</wp:comment_user_id>
</wp:comment>"""
