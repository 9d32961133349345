from django.db import migrations, models


def rows_see_the_current_change(apps, schema_editor):
    """Every page row holds its release's embargo (news/embargo.py): it is made from the record's last change."""
    NewsPage = apps.get_model("news", "NewsPage")
    ReleaseEmbargo = apps.get_model("news", "ReleaseEmbargo")
    for key, changed_at in ReleaseEmbargo.objects.values_list("translation_key", "changed_at").iterator():
        NewsPage.objects.filter(translation_key=key).update(embargo_seen_at=changed_at)


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="newspage",
            name="embargo_seen_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="embargo seen at"),
        ),
        migrations.RunPython(rows_see_the_current_change, migrations.RunPython.noop),
    ]
