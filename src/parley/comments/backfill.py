"""Filling a column computed from each comment's text, for data migrations."""

BATCH = 2000


def fill_from_content(apps, schema_editor, field: str, compute) -> None:
    """Set `field` to compute(content) on every comment, in batches of primary keys."""
    Comment = apps.get_model("comments", "Comment")
    db = schema_editor.connection.alias
    last = 0
    while True:
        batch = list(
            Comment.objects.using(db)
            .filter(pk__gt=last)
            .order_by("pk")
            .only("pk", "content")[:BATCH]
        )
        if not batch:
            break
        for comment in batch:
            setattr(comment, field, compute(comment.content))
        Comment.objects.using(db).bulk_update(batch, [field], batch_size=500)
        last = batch[-1].pk
