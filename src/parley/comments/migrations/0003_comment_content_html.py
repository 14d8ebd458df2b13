"""Store each comment's rendered HTML (content_html) and fill it for existing comments."""

from django.db import migrations, models


def fill_content_html(apps, schema_editor):
    # The live renderer, not a frozen copy: the stored HTML must be exactly what pages showed.
    from parley.comments.backfill import fill_from_content
    from parley.comments.rendering import render_comment

    fill_from_content(apps, schema_editor, "content_html", render_comment)


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
