"""Comments of a batch of imported posts: their rows, their threading, labelled examples."""

from __future__ import annotations

import ipaddress

from django.db import connection

from parley.antispam.models import LabelledExample
from parley.comments.models import Comment, content_digest
from parley.comments.rendering import render_comment
from parley.importers import wxr
from parley.importers.rows import RowWriter, chunks, delete_where, execute_many

COMMENT_STATUS = {
    "1": Comment.Status.APPROVED,
    "approve": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "hold": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.TRASH,
    "post-trashed": Comment.Status.TRASH,
}
COMMENT_TYPES = {"pingback", "trackback"}
COMMENT_COLUMNS = [
    "post_id", "parent_id", "author_name", "author_email", "author_url", "author_ip",
    "user_id", "content", "content_html", "content_digest", "comment_type", "status",
    "created_at", "wp_id",
]  # fmt: skip
EXAMPLE_COLUMNS = ["label", "source", "content", "author", "email", "url", "comment_id"]


def _ip(value: str) -> str | None:
    try:
        return str(ipaddress.ip_address(value.strip())) if value.strip() else None
    except ValueError:
        return None


class CommentWriter:
    """Inserts new comments and updates known ones (by WordPress ID), with plain SQL."""

    def __init__(self, summary, user_by_wp_id: dict[int, int], now):
        self.summary = summary
        self.user_by_wp_id = user_by_wp_id
        self.now = now
        self.comment_rows: RowWriter | None = None
        self.example_rows: RowWriter | None = None

    def write(self, items: list[wxr.Item], post_pk: dict[int, int]) -> None:
        """Write the comments of `items`, whose posts are already in (`post_pk`)."""
        records: dict[int, tuple[int, wxr.Comment, wxr.Item]] = {}
        for item in items:
            for c in item.comments:
                records[c.wp_id] = (post_pk[item.wp_id], c, item)
        if not records:
            return
        if self.comment_rows is None:
            self.comment_rows = RowWriter(Comment, COMMENT_COLUMNS)
            self.example_rows = RowWriter(LabelledExample, EXAMPLE_COLUMNS)
        self._cut_parent_loops(records)
        existing = self._comment_pks(list(records))
        new, old = [], []
        for wp_id, (post_pk, c, item) in records.items():
            values = self._comment_values(post_pk, c, item)
            if wp_id in existing:
                old.append((existing[wp_id], values))
            else:
                new.append(values)
        # Rows go in without their parent; once every row has its primary key, replies
        # are pointed at their parents (which may come later in the file than the reply).
        self.comment_rows.insert(new)
        self.comment_rows.update(old)
        known = {**existing, **self._comment_pks([i for i in records if i not in existing])}
        outside = {c.parent_wp_id for _, c, _ in records.values()} - set(known) - {0}
        known.update(self._comment_pks(list(outside)))
        parents = []
        for wp_id, (_, c, _) in records.items():
            if not c.parent_wp_id:
                continue
            if c.parent_wp_id in known:
                parents.append((known[c.parent_wp_id], known[wp_id]))
            else:
                self.summary.notes["replies whose parent is missing, kept at top level"] += 1
        table = connection.ops.quote_name(Comment._meta.db_table)
        pk = connection.ops.quote_name(Comment._meta.pk.column)
        execute_many(f"UPDATE {table} SET parent_id = %s WHERE {pk} = %s", parents)
        self.summary.created["comments"] += len(new)
        self.summary.updated["comments"] += len(old)
        self._write_examples(records, known, list(existing.values()))

    def _cut_parent_loops(self, records: dict) -> None:
        """A reply chain that loops back on itself (a broken file) is cut where it loops."""
        acyclic: set[int] = set()
        for start in records:
            path, current = set(), start
            while current in records and current not in acyclic:
                if current in path:
                    records[current][1].parent_wp_id = 0
                    self.summary.notes["reply loops cut (broken file)"] += 1
                    break
                path.add(current)
                current = records[current][1].parent_wp_id
            acyclic |= path

    @staticmethod
    def _comment_pks(wp_ids: list[int]) -> dict[int, int]:
        found: dict[int, int] = {}
        for chunk in chunks(wp_ids):
            found.update(Comment.objects.filter(wp_id__in=chunk).values_list("wp_id", "pk"))
        return found

    def _comment_values(self, post_pk: int, c: wxr.Comment, item: wxr.Item) -> tuple:
        """Values in COMMENT_COLUMNS order (parent_id is set afterwards)."""
        status = COMMENT_STATUS.get(c.approved)
        if status is None:
            status = Comment.Status.PENDING
            self.summary.notes["comments with an unknown status, held as pending"] += 1
        return (
            post_pk,
            None,
            c.author[:245],
            c.author_email[:100],
            c.author_url[:200],
            _ip(c.author_ip),
            self.user_by_wp_id.get(c.user_wp_id) if c.user_wp_id else None,
            c.content,
            render_comment(c.content),
            content_digest(c.content),
            c.comment_type if c.comment_type in COMMENT_TYPES else "comment",
            status,
            c.date_gmt or item.date_gmt or self.now,
            c.wp_id,
        )

    def _write_examples(self, records: dict, known: dict, updated_pks: list[int]) -> None:
        """Spam and approved comments teach the anti-spam engine at its next training."""
        replaced = delete_where(
            LabelledExample, "comment_id", updated_pks, source=LabelledExample.Source.IMPORT
        )
        labels = {Comment.Status.SPAM: "spam", Comment.Status.APPROVED: "ham"}
        examples = []
        for wp_id, (_, c, _) in records.items():
            label = labels.get(COMMENT_STATUS.get(c.approved))
            if label:
                examples.append(
                    (label, LabelledExample.Source.IMPORT, c.content, c.author[:245],
                     c.author_email[:100], c.author_url[:200], known[wp_id])
                )  # fmt: skip
        self.example_rows.insert(examples)
        self.summary.created["labelled examples"] += max(len(examples) - replaced, 0)
        self.summary.updated["labelled examples"] += min(replaced, len(examples))
