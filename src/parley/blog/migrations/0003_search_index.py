"""Full-text search: an FTS5 table kept by triggers on SQLite, a GIN index on PostgreSQL.

The SQL here is copied (not imported) from parley.blog.search so this migration keeps
meaning the same thing if that module changes later.
"""

from django.db import migrations

SQLITE_FORWARD = [
    "CREATE VIRTUAL TABLE blog_post_fts USING fts5(title, body, tokenize='porter unicode61')",
    "INSERT INTO blog_post_fts(rowid, title, body) SELECT id, title, body FROM blog_post",
    """CREATE TRIGGER blog_post_fts_insert AFTER INSERT ON blog_post BEGIN
         INSERT INTO blog_post_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
       END""",
    """CREATE TRIGGER blog_post_fts_update AFTER UPDATE OF title, body ON blog_post BEGIN
         DELETE FROM blog_post_fts WHERE rowid = old.id;
         INSERT INTO blog_post_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
       END""",
    """CREATE TRIGGER blog_post_fts_delete AFTER DELETE ON blog_post BEGIN
         DELETE FROM blog_post_fts WHERE rowid = old.id;
       END""",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS blog_post_fts_insert",
    "DROP TRIGGER IF EXISTS blog_post_fts_update",
    "DROP TRIGGER IF EXISTS blog_post_fts_delete",
    "DROP TABLE IF EXISTS blog_post_fts",
]
POSTGRES_FORWARD = [
    """CREATE INDEX blog_post_search_gin ON blog_post USING gin ((
         setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')
         || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'B')))""",
]
POSTGRES_BACKWARD = ["DROP INDEX IF EXISTS blog_post_search_gin"]


def run(statements_by_vendor):
    def apply(apps, schema_editor):
        for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [
        ("blog", "0002_related_index"),
    ]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        ),
    ]
