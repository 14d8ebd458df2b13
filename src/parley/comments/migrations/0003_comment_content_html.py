"""Store each comment's rendered HTML (content_html) and fill it for existing comments."""

from django.db import migrations, models

BATCH = 2000


def fill_content_html(apps, schema_editor):
    # The live renderer, not a frozen copy: the stored HTML must be exactly what pages showed.
    from parley.comments.rendering import render_comment

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
            comment.content_html = render_comment(comment.content)
        Comment.objects.using(db).bulk_update(batch, ["content_html"], batch_size=500)
        last = batch[-1].pk


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0002_comment_low_value"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="content_html",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill_content_html, migrations.RunPython.noop, elidable=True),
    ]
