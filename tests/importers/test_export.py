"""WXR 1.2 export: WordPress's element names, and import -> export -> import is lossless."""

import io
import xml.etree.ElementTree as ET

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from parley.antispam.models import LabelledExample
from parley.blog.models import Category, Post, Tag
from parley.comments.models import Comment
from parley.importers.export import export_wxr
from parley.importers.load import import_wxr
from parley.importers.models import Attachment, LegacyURL

WP = "{http://wordpress.org/export/1.2/}"
# The children of an <item> in the order WordPress's export.php writes them.
ITEM_ELEMENTS = [
    "title", "link", "pubDate", "{http://purl.org/dc/elements/1.1/}creator", "guid",
    "description", "{http://purl.org/rss/1.0/modules/content/}encoded",
    "{http://wordpress.org/export/1.2/excerpt/}encoded", f"{WP}post_id", f"{WP}post_date",
    f"{WP}post_date_gmt", f"{WP}post_modified", f"{WP}post_modified_gmt",
    f"{WP}comment_status", f"{WP}ping_status", f"{WP}post_name", f"{WP}status",
    f"{WP}post_parent", f"{WP}menu_order", f"{WP}post_type", f"{WP}post_password",
    f"{WP}is_sticky",
]  # fmt: skip


def snapshot():
    """Everything a reader or WordPress would see, keyed by what survives a move."""
    posts = {
        p.wp_id: (
            p.kind,
            p.title,
            p.slug,
            p.status,
            p.published_at,
            p.body,
            p.body_html,
            p.excerpt,
            p.sticky,
            p.comments_open,
            p.pings_open,
            p.parent.wp_id if p.parent else None,
            p.menu_order,
            p.author.username if p.author else None,
            tuple(sorted(p.categories.values_list("slug", flat=True))),
            tuple(sorted(p.tags.values_list("slug", flat=True))),
        )  # fmt: skip
        for p in Post.objects.select_related("parent", "author")
    }
    comments = {
        c.wp_id: (
            c.post.wp_id,
            c.parent.wp_id if c.parent else None,
            c.author_name,
            c.author_email,
            c.author_url,
            c.author_ip,
            c.created_at,
            c.content,
            c.status,
            c.comment_type,
        )  # fmt: skip
        for c in Comment.objects.select_related("post", "parent")
    }
    categories = {
        (c.slug, c.name, c.description, c.parent.slug if c.parent else None)
        for c in Category.objects.select_related("parent")
    }
    tags = set(Tag.objects.values_list("slug", "name", "description"))
    attachments = {(a.wp_id, a.url, a.title, a.post.wp_id if a.post else None)
                   for a in Attachment.objects.select_related("post")}  # fmt: skip
    return posts, comments, categories, tags, attachments


def export_to(path):
    with open(path, "w", encoding="utf-8") as out:
        return export_wxr(out)


def test_round_trip_import_export_import_gives_the_same_content(imported, tmp_path):
    before = snapshot()
    assert len(before[0]) == 79 and len(before[1]) == 33
    path = tmp_path / "export.xml"
    export_to(path)
    for model in (Comment, Post, Category, Tag, Attachment, LegacyURL, LabelledExample):
        model.objects.all().delete()
    get_user_model().objects.all().delete()
    import_wxr(path)
    assert snapshot() == before


def test_importing_our_own_export_again_changes_nothing(imported, tmp_path):
    before = snapshot()
    path = tmp_path / "export.xml"
    export_to(path)
    summary = import_wxr(path)
    assert summary.created["posts"] == summary.created["comments"] == 0
    assert snapshot() == before


def test_export_uses_wordpress_element_names_and_namespaces(imported, tmp_path):
    path = tmp_path / "export.xml"
    counts = export_to(path)
    assert counts["posts"] == 58 and counts["pages"] == 21 and counts["comments"] == 33
    head = path.read_text()[:1000]
    assert 'xmlns:wp="http://wordpress.org/export/1.2/"' in head
    assert 'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"' in head
    channel = ET.parse(path).getroot().find("channel")
    assert channel.findtext(f"{WP}wxr_version") == "1.2"
    assert len(channel.findall(f"{WP}category")) == 68
    items = channel.findall("item")
    post = next(i for i in items if i.findtext(f"{WP}post_id") == "163")
    names = [child.tag for child in post]
    assert names[: len(ITEM_ELEMENTS)] == ITEM_ELEMENTS
    assert post.findtext(f"{WP}status") == "publish"
    assert {c.get("nicename") for c in post.findall("category[@domain='category']")} == {
        "6-1", "block",
    }  # fmt: skip
    statuses = {i.findtext(f"{WP}post_id"): i.findtext(f"{WP}status") for i in items}
    assert statuses["1153"] == "future" and statuses["1164"] == "draft"
    replies = [c for i in items for c in i.findall(f"{WP}comment")
               if c.findtext(f"{WP}comment_parent") != "0"]  # fmt: skip
    assert len(replies) == 10
    attachment = next(i for i in items if i.findtext(f"{WP}post_type") == "attachment")
    assert attachment.findtext(f"{WP}attachment_url").startswith("https://")


def test_parley_content_gets_unique_ids_and_html(imported, tmp_path):
    mine = Post.objects.create(
        title="Written in Parley", body="Some *Markdown*", status=Post.Status.PUBLISHED,
        published_at=timezone.now(),
    )  # fmt: skip
    Comment.objects.create(
        post=mine, author_name="Cy", content="spam spam", status=Comment.Status.SPAM,
        created_at=timezone.now(),
    )  # fmt: skip
    path = tmp_path / "export.xml"
    export_to(path)
    channel = ET.parse(path).getroot().find("channel")
    ids = [int(i.findtext(f"{WP}post_id")) for i in channel.findall("item")]
    assert len(ids) == len(set(ids))
    item = next(i for i in channel.findall("item") if i.findtext("title") == "Written in Parley")
    assert int(item.findtext(f"{WP}post_id")) > max(Post.objects.exclude(pk=mine.pk)
                                                     .values_list("wp_id", flat=True))  # fmt: skip
    assert "<em>Markdown</em>" in item.findtext("{http://purl.org/rss/1.0/modules/content/}encoded")
    assert item.find(f"{WP}comment").findtext(f"{WP}comment_approved") == "spam"


def test_export_command_writes_the_file(imported, tmp_path):
    out = io.StringIO()
    target = tmp_path / "site.xml"
    call_command("export_wxr", str(target), "--skip-checks", stdout=out)
    assert "58 posts" in out.getvalue()
    assert ET.parse(target).getroot().tag == "rss"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".export-")]
    assert target.stat().st_mode & 0o777 == 0o600  # commenters' emails and IPs inside
