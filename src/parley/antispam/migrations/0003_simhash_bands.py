# The SimHash changed from word pairs to single words, with 8-bit bands instead of 16-bit:
# stored fingerprints from 0002 are not comparable with new ones, so they are dropped
# (they are at most a retention period's worth of duplicate detection).

from django.db import migrations, models


def forget_old_fingerprints(apps, schema_editor):
    apps.get_model("antispam", "CheckRecord").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("antispam", "0002_history"),
    ]

    operations = [
        migrations.RunPython(forget_old_fingerprints, migrations.RunPython.noop),
        *[
            migrations.AlterField(
                model_name="checkrecord",
                name=f"band{i}",
                field=models.PositiveSmallIntegerField(db_index=True),
            )
            for i in range(4)
        ],
        *[
            migrations.AddField(
                model_name="checkrecord",
                name=f"band{i}",
                field=models.PositiveSmallIntegerField(db_index=True, default=0),
                preserve_default=False,
            )
            for i in range(4, 8)
        ],
    ]
