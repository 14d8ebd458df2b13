"""The import: writes WXR records into Parley in batches, inside one transaction.

Rows go in with executemany (rows.py) and per-batch maps of WordPress ID -> primary
key, never one query per row, so a 50,000-post export loads in minutes. bulk_* sends no
model signals, which is also what keeps an import from mailing anyone about comments
that are years old; the work those signals would do (related posts, caches) runs once at
the end instead (see finish_import).
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.text import slugify

from parley.blog import related_index
from parley.blog.models import Category, Post, Tag
from parley.blog.rendering import render_body
from parley.core.cache import invalidate_site
from parley.importers import wxr
from parley.importers.content import paragraphs
from parley.importers.models import Attachment, LegacyURL
from parley.importers.rows import RowWriter, chunks, delete_where
from parley.importers.threads import CommentWriter

POST_STATUS = {
    "publish": Post.Status.PUBLISHED,
    "future": Post.Status.PUBLISHED,  # published_at in the future keeps it scheduled
    "private": Post.Status.PRIVATE,
    "draft": Post.Status.DRAFT,
    "pending": Post.Status.DRAFT,
    "trash": Post.Status.DRAFT,
}
# Revisions and unsaved auto-drafts are WordPress's working copies, not content.
SKIPPED_POST_STATUSES = {"auto-draft", "inherit"}
# Largest IN (...) list sent at once: below SQLite's historical 999-parameter limit.
CHUNK = 900
POST_COLUMNS = [
    "kind", "title", "slug", "author_id", "body", "body_format", "body_html", "excerpt",
    "status", "published_at", "updated_at", "sticky", "comments_open", "pings_open",
    "parent_id", "menu_order", "wp_id",
]  # fmt: skip


@dataclass
class Summary:
    """What an import did, for the closing report and for tests."""

    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    advice: list[str] = field(default_factory=list)
    site: wxr.Site | None = None

    def lines(self) -> list[str]:
        out = []
        for kind in ("posts", "pages", "comments", "categories", "tags", "authors",
                     "attachments", "labelled examples", "old URLs"):  # fmt: skip
            created, updated = self.created[kind], self.updated[kind]
            if created or updated:
                out.append(f"{kind}: {created} new, {updated} updated")
        for what, count in sorted(self.skipped.items()):
            out.append(f"skipped {what}: {count}")
        for what, count in sorted(self.notes.items()):
            out.append(f"note: {what}: {count}")
        return out + self.advice


def _display_name(author: wxr.Author) -> str:
    if author.last_name or author.display_name == author.login:
        return ""
    return author.display_name


class Loader:
    """Consumes reader records; flushes posts and their comments every batch."""

    def __init__(self, *, batch_posts: int = 500, batch_comments: int = 5000, progress=None):
        self.batch_posts = batch_posts
        self.batch_comments = batch_comments
        self.progress: Callable[[Summary], None] | None = progress
        self.summary = Summary()
        self.now = timezone.now()
        self.authors: list[wxr.Author] = []
        self.terms: list[wxr.Term] = []
        self.items: dict[int, wxr.Item] = {}
        self.attachments: dict[int, wxr.Item] = {}
        self.item_comments = 0
        self.user_by_login: dict[str, int] = {}
        self.user_by_wp_id: dict[int, int] = {}
        self.category_by_slug: dict[str, int] = {}
        self.tag_by_slug: dict[str, int] = {}
        self.post_pk: dict[int, int] = {}
        self.slug_owner: dict[tuple[str, str], int | None] | None = None
        self.slug_of: dict[int, tuple[str, str]] = {}
        self.pending_parents: list[tuple[int, int]] = []
        self.comments = CommentWriter(self.summary, self.user_by_wp_id, self.now)
        self.post_rows: RowWriter | None = None

    # -- reading ------------------------------------------------------------------------

    def load(self, records: Iterable) -> Summary:
        for record in records:
            if isinstance(record, wxr.Item):
                self._add_item(record)
            elif isinstance(record, wxr.Term):
                self.terms.append(record)
            elif isinstance(record, wxr.Author):
                self.authors.append(record)
            elif isinstance(record, wxr.Site):
                self.summary.site = record
        self._flush_header()
        self._flush_items()
        self._finish()
        return self.summary

    def _add_item(self, item: wxr.Item) -> None:
        if self.authors or self.terms:
            self._flush_header()
        if item.post_type == "attachment":
            self.attachments[item.wp_id] = item
        elif item.post_type not in ("post", "page"):
            label = "menu items" if item.post_type == "nav_menu_item" else item.post_type
            self.summary.skipped[label] += 1
            return
        elif item.status in SKIPPED_POST_STATUSES:
            self.summary.skipped[f"{item.post_type} ({item.status})"] += 1
            return
        else:
            if item.wp_id in self.items:
                self.summary.notes["items repeated in the file (last one kept)"] += 1
            self.items[item.wp_id] = item
            self.item_comments += len(item.comments)
        if (
            len(self.items) + len(self.attachments) >= self.batch_posts
            or self.item_comments >= self.batch_comments
        ):
            self._flush_items()

    # -- authors and terms --------------------------------------------------------------

    def _flush_header(self) -> None:
        if self.authors:
            self._ensure_users(self.authors)
            self.authors = []
        if self.terms:
            terms, self.terms = self.terms, []
            categories = [t for t in terms if t.taxonomy == "category"]
            tags = [t for t in terms if t.taxonomy == "post_tag"]
            others = len(terms) - len(categories) - len(tags)
            if others:
                self.summary.skipped["terms of other taxonomies (menus, formats)"] += others
            self._upsert_terms(Category, categories, self.category_by_slug, "categories")
            self._upsert_terms(Tag, tags, self.tag_by_slug, "tags")

    def _ensure_users(self, authors: list[wxr.Author]) -> None:
        """Authors become users who cannot log in until someone sets them a password."""
        user_model = get_user_model()
        wanted = {a.login[:150]: a for a in authors if a.login}
        existing = dict(
            user_model.objects.filter(username__in=list(wanted)).values_list("username", "pk")
        )
        new = [
            user_model(
                username=login,
                email=a.email[:254],
                # WordPress shows the display name, not the login, to readers; with no
                # first or last name it stands in as the first name (the public name).
                first_name=(a.first_name or _display_name(a))[:150],
                last_name=a.last_name[:150],
                password=make_password(None),
            )
            for login, a in wanted.items()
            if login not in existing and login not in self.user_by_login
        ]
        user_model.objects.bulk_create(new)
        for user in new:
            existing[user.username] = user.pk
        self.summary.created["authors"] += len(new)
        for login, author in wanted.items():
            if login in self.user_by_login:
                continue
            self.user_by_login[login] = existing[login]
            if author.wp_id:
                self.user_by_wp_id[author.wp_id] = existing[login]

    def _upsert_terms(self, model, terms: list[wxr.Term], by_slug: dict, label: str) -> None:
        """Match on WordPress ID, then on slug; new terms keep WordPress's slug."""
        if not terms:
            return
        merged: dict = {}
        for term in terms:
            if not term.slug:
                term.slug = slugify(term.name, allow_unicode=True) or f"term-{term.wp_id}"
            term.slug = term.slug[:200]
            merged[term.wp_id or term.slug] = term
        terms = list(merged.values())
        ids = [t.wp_id for t in terms if t.wp_id]
        slugs = [t.slug for t in terms]
        by_wp = {o.wp_id: o for ids_ in chunks(ids) for o in model.objects.filter(wp_id__in=ids_)}
        existing_slug = {o.slug: o for s in chunks(slugs) for o in model.objects.filter(slug__in=s)}
        new, old, objs = [], [], {}
        new_slugs: set[str] = set()
        for term in terms:
            obj = by_wp.get(term.wp_id) if term.wp_id else None
            if obj is None:
                obj = existing_slug.get(term.slug)
                if obj is not None and obj.wp_id not in (None, term.wp_id):
                    obj = None  # another site's term owns the slug: make a new one beside it
            if obj is None:
                slug, n = term.slug, 2
                while (
                    slug in existing_slug
                    or slug in new_slugs
                    or (slug != term.slug and model.objects.filter(slug=slug).exists())
                ):
                    slug, n = f"{term.slug[:190]}-{n}", n + 1
                obj = model(slug=slug, wp_id=term.wp_id)
                new.append(obj)
                new_slugs.add(slug)
            else:
                if obj.wp_id is None and term.wp_id and term.wp_id not in by_wp:
                    obj.wp_id = term.wp_id
                old.append(obj)
            obj.name = (term.name or term.slug)[:200]
            obj.description = term.description
            objs[term.slug] = obj
        model.objects.bulk_create(new)
        for term in terms:
            by_slug[term.slug] = objs[term.slug].pk
        fields = ["name", "description", "wp_id"]  # attnames, for RowWriter
        changed = old
        if model is Category:
            fields.append("parent_id")
            missing = [
                t.parent_slug for t in terms if t.parent_slug and t.parent_slug not in by_slug
            ]
            for parent in model.objects.filter(slug__in=missing[:CHUNK]):
                by_slug[parent.slug] = parent.pk
            for term in terms:
                parent = by_slug.get(term.parent_slug) if term.parent_slug else None
                obj = objs[term.slug]
                obj.parent_id = parent if parent != obj.pk else None
            self._cut_category_loops(list(objs.values()))
            changed = old + [obj for obj in new if obj.parent_id is not None]
        RowWriter(model, fields).update([(o.pk, [getattr(o, f) for f in fields]) for o in changed])
        self.summary.created[label] += len(new)
        self.summary.updated[label] += len(old)

    def _cut_category_loops(self, categories: list[Category]) -> None:
        """A category that is its own ancestor (a broken file) goes to the top level."""
        parent_of = {c.pk: c.parent_id for c in categories}
        for category in categories:
            seen, current = {category.pk}, parent_of.get(category.pk)
            while current in parent_of and current not in seen:
                seen.add(current)
                current = parent_of[current]
            if current == category.pk:
                category.parent_id = parent_of[category.pk] = None
                self.summary.notes["category loops cut (broken file)"] += 1

    def _ensure_item_terms(self, items: Iterable[wxr.Item]) -> None:
        """Terms used by posts but missing from the header (WordPress importer does this too)."""
        missing: dict[str, dict[str, wxr.Term]] = {"category": {}, "post_tag": {}}
        maps = {"category": self.category_by_slug, "post_tag": self.tag_by_slug}
        for item in items:
            for taxonomy, slug, name in item.terms:
                if taxonomy in maps and (slug or name):
                    slug = (slug or slugify(name, allow_unicode=True))[:200]
                    if slug not in maps[taxonomy]:
                        missing[taxonomy][slug] = wxr.Term(taxonomy, slug, name or slug)
        self._upsert_terms(Category, list(missing["category"].values()), maps["category"],
                           "categories")  # fmt: skip
        self._upsert_terms(Tag, list(missing["post_tag"].values()), maps["post_tag"], "tags")

    # -- posts ----------------------------------------------------------------------------

    def _load_slugs(self) -> None:
        self.slug_owner = {}
        for kind, slug, wp_id in Post.objects.values_list("kind", "slug", "wp_id").iterator(
            chunk_size=5000
        ):
            self.slug_owner[(kind, slug)] = wp_id
            if wp_id is not None:
                self.slug_of[wp_id] = (kind, slug)

    def _slug_for(self, kind: str, item: wxr.Item) -> str:
        """WordPress's slug when free; otherwise slug-2, slug-3 … (stable on re-import)."""
        base = item.slug or slugify(item.title, allow_unicode=True) or f"{kind}-{item.wp_id}"
        base = base.replace("/", "-")[:200]
        slug, n = base, 2
        owners = self.slug_owner
        while owners.get((kind, slug), item.wp_id) != item.wp_id:
            slug = f"{base[:190]}-{n}"
            n += 1
        previous = self.slug_of.get(item.wp_id)
        if previous and previous != (kind, slug) and owners.get(previous) == item.wp_id:
            del owners[previous]
        owners[(kind, slug)] = item.wp_id
        self.slug_of[item.wp_id] = (kind, slug)
        if slug != base:
            self.summary.notes["slugs already taken, given a -N suffix"] += 1
        return slug

    def _post(self, item: wxr.Item, pk: int | None) -> Post:
        kind = Post.Kind.PAGE if item.post_type == "page" else Post.Kind.POST
        status = POST_STATUS.get(item.status, Post.Status.DRAFT)
        if item.password and status == Post.Status.PUBLISHED:
            # Parley has no post passwords: keep the content away from the public.
            status = Post.Status.PRIVATE
            self.summary.notes["password-protected posts imported as private"] += 1
        if item.status not in POST_STATUS:
            self.summary.notes[f"posts with status {item.status!r} imported as drafts"] += 1
        if item.creator and item.creator[:150] not in self.user_by_login:
            self._ensure_users([wxr.Author(login=item.creator)])
        body = paragraphs(item.content)
        post = Post(
            pk=pk,
            kind=kind,
            title=item.title[:300],
            slug=self._slug_for(kind, item),
            author_id=self.user_by_login.get(item.creator[:150]) if item.creator else None,
            body=body,
            body_format=Post.Format.HTML,
            body_html=render_body(body, Post.Format.HTML),
            excerpt=item.excerpt,
            status=status,
            published_at=item.date_gmt or self.now,
            updated_at=self.now,
            sticky=item.sticky,
            comments_open=item.comment_status == "open",
            pings_open=item.ping_status == "open",
            parent_id=self.post_pk.get(item.parent_wp_id) if item.parent_wp_id else None,
            menu_order=item.menu_order,
            wp_id=item.wp_id,
        )
        if item.parent_wp_id and post.parent_id is None:
            self.pending_parents.append((item.wp_id, item.parent_wp_id))
        return post

    def _flush_items(self) -> None:
        items, self.items = list(self.items.values()), {}
        attachments, self.attachments = list(self.attachments.values()), {}
        self.item_comments = 0
        if items:
            self._write_posts(items)
        if attachments:
            self._write_attachments(attachments)
        if self.progress:
            self.progress(self.summary)

    def _write_posts(self, items: list[wxr.Item]) -> None:
        if self.slug_owner is None:
            self._load_slugs()
        self._ensure_item_terms(items)
        existing = dict(
            Post.objects.filter(wp_id__in=[i.wp_id for i in items]).values_list("wp_id", "pk")
        )
        posts = [self._post(item, existing.get(item.wp_id)) for item in items]
        new = [p for p in posts if p.pk is None]
        old = [p for p in posts if p.pk is not None]
        if self.post_rows is None:
            self.post_rows = RowWriter(Post, POST_COLUMNS)
        self.post_rows.insert([[getattr(p, c) for c in POST_COLUMNS] for p in new])
        self.post_rows.update([(p.pk, [getattr(p, c) for c in POST_COLUMNS]) for p in old])
        created = dict(
            Post.objects.filter(wp_id__in=[p.wp_id for p in new]).values_list("wp_id", "pk")
        )
        for post in new:
            post.pk = created[post.wp_id]
        for post in posts:
            self.post_pk[post.wp_id] = post.pk
            label = "pages" if post.kind == Post.Kind.PAGE else "posts"
            (self.summary.updated if post.wp_id in existing else self.summary.created)[label] += 1
        self._write_terms(items, [p.pk for p in old])
        self._write_legacy_urls(items, posts)
        self.comments.write(items, self.post_pk)

    def _write_terms(self, items: list[wxr.Item], updated_pks: list[int]) -> None:
        cat_through, tag_through = Post.categories.through, Post.tags.through
        delete_where(cat_through, "post_id", updated_pks)
        delete_where(tag_through, "post_id", updated_pks)
        cats, tags = set(), set()
        for item in items:
            pk = self.post_pk[item.wp_id]
            for taxonomy, slug, name in item.terms:
                slug = (slug or slugify(name, allow_unicode=True))[:200]
                if taxonomy == "category" and slug in self.category_by_slug:
                    cats.add((pk, self.category_by_slug[slug]))
                elif taxonomy == "post_tag" and slug in self.tag_by_slug:
                    tags.add((pk, self.tag_by_slug[slug]))
        cat_through.objects.bulk_create(
            [cat_through(post_id=p, category_id=c) for p, c in cats], batch_size=400
        )
        tag_through.objects.bulk_create(
            [tag_through(post_id=p, tag_id=t) for p, t in tags], batch_size=400
        )

    def _write_legacy_urls(self, items: list[wxr.Item], posts: list[Post]) -> None:
        by_path: dict[str, LegacyURL] = {}
        for item, post in zip(items, posts, strict=True):
            parts = urlsplit(item.link)
            # Compared and stored decoded, as Django gives request.path to the middleware.
            path = unquote(parts.path or "/")
            if parts.query or path == "/" or post.status == Post.Status.DRAFT:
                continue  # /?p=123 links are answered from the WordPress ID
            if path != unquote(post.get_absolute_url()):
                by_path[path[:1000]] = LegacyURL(path=path[:1000], post_id=post.pk)
        rows = list(by_path.values())
        known = set(
            LegacyURL.objects.filter(path__in=[r.path for r in rows]).values_list("path", flat=True)
        )
        LegacyURL.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["path"],
            update_fields=["post", "category", "tag"], batch_size=200,
        )  # fmt: skip
        self.summary.created["old URLs"] += len(rows) - len(known)
        self.summary.updated["old URLs"] += len(known)

    # -- comments --------------------------------------------------------------------------

    # -- attachments and the end --------------------------------------------------------

    def _write_attachments(self, items: list[wxr.Item]) -> None:
        ids = [i.wp_id for i in items]
        existing = set(Attachment.objects.filter(wp_id__in=ids).values_list("wp_id", flat=True))
        rows = [
            Attachment(
                wp_id=i.wp_id,
                title=i.title[:300],
                url=(i.attachment_url or i.guid)[:1000],
                page_url=i.link[:1000],
                uploaded_at=i.date_gmt,
                parent_wp_id=i.parent_wp_id or None,
            )
            for i in items
        ]
        Attachment.objects.bulk_create(
            rows, update_conflicts=True, unique_fields=["wp_id"],
            update_fields=["title", "url", "page_url", "uploaded_at", "parent_wp_id"],
        )  # fmt: skip
        self.summary.updated["attachments"] += len(existing)
        self.summary.created["attachments"] += len(rows) - len(existing)

    def _finish(self) -> None:
        parents = []
        for child_wp, parent_wp in self.pending_parents:
            parent = self.post_pk.get(parent_wp)
            if parent is None:
                parent = Post.objects.filter(wp_id=parent_wp).values_list("pk", flat=True).first()
            if parent is None:
                self.summary.notes["pages whose parent is missing, kept at top level"] += 1
            parents.append(Post(pk=self.post_pk[child_wp], parent_id=parent))
        RowWriter(Post, ["parent_id"]).update([(p.pk, [p.parent_id]) for p in parents])
        Attachment.objects.filter(parent_wp_id__isnull=False).update(
            post_id=Subquery(Post.objects.filter(wp_id=OuterRef("parent_wp_id")).values("pk")[:1])
        )


def import_wxr(
    path: str | os.PathLike,
    *,
    dry_run: bool = False,
    local_tz: tzinfo = UTC,
    encoding: str | None = None,
    repair_utf8: bool = False,
    progress: Callable[[int, int, Summary], None] | None = None,
    batch_posts: int = 500,
    rebuild_related: bool = True,
) -> Summary:
    """Import a WXR file all or nothing; raise wxr.WxrError (nothing written) if it is bad."""
    with open(path, "rb") as raw:
        total = os.fstat(raw.fileno()).st_size
        reader = wxr._FilteredReader(raw)
        report = (lambda s: progress(reader.bytes_read, total, s)) if progress else None
        loader = Loader(batch_posts=batch_posts, progress=report)
        with transaction.atomic():
            summary = loader.load(
                wxr.read_wxr(
                    raw,
                    local_tz=local_tz,
                    encoding=encoding,
                    repair_utf8=repair_utf8,
                    reader=reader,
                )
            )
            if dry_run:
                transaction.set_rollback(True)
    if not dry_run:
        finish_import(summary, rebuild_related=rebuild_related)
    return summary


def finish_import(summary: Summary, rebuild_related: bool = True) -> None:
    """Once-per-import work that model signals would otherwise do row by row."""
    invalidate_site()
    if not rebuild_related:
        summary.advice.append("related posts not rebuilt: run `parley related rebuild`")
        return
    started = time.perf_counter()
    counts = related_index.rebuild()
    summary.notes["posts indexed for related posts"] = counts.get("posts", 0)
    summary.notes["seconds spent rebuilding related posts"] = round(time.perf_counter() - started)
