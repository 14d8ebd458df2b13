"""Index each comment's text fingerprint with its post, for the duplicate-comment check."""

from django.db import migrations, models


def fill_content_digest(apps, schema_editor):
    from parley.comments.backfill import fill_from_content
    from parley.comments.models import content_digest

    fill_from_content(apps, schema_editor, "content_digest", content_digest)


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
