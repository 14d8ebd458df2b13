"""Index each comment's text fingerprint with its post, for the duplicate-comment check."""

from django.db import migrations, models

BATCH = 2000


def fill_content_digest(apps, schema_editor):
    from parley.comments.models import content_digest

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
            comment.content_digest = content_digest(comment.content)
        Comment.objects.using(db).bulk_update(batch, ["content_digest"], batch_size=500)
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0003_comment_content_html"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="content_digest",
            field=models.CharField(blank=True, default="", editable=False, max_length=16),
        ),
        migrations.RunPython(fill_content_digest, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["post", "content_digest"], name="comment_duplicate_idx"),
        ),
    ]
