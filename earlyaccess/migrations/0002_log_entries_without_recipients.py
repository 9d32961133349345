"""Take the recipient out of the early-access entries of the pages' audit log written before it was left out.

Those entries kept the recipient's name, organisation and (for a sending) e-mail, and every user who may edit the
page reads its history. The formatters no longer print them (earlyaccess/wagtail_hooks.py); this removes them
from the database too, so that the log keeps no personal data of the press and the jury. The named record stays
in the grants (the Moderators' list of the links given). Irreversible on purpose: there is nothing to put back.
"""

from django.db import migrations

PERSONAL_KEYS = ("recipient", "organisation", "email")


def remove_recipients(apps, schema_editor):
    PageLogEntry = apps.get_model("wagtailcore", "PageLogEntry")
    entries = PageLogEntry.objects.filter(action__startswith="earlyaccess.").only("pk", "data")
    for entry in entries.iterator():
        data = entry.data or {}
        if any(key in data for key in PERSONAL_KEYS):
            entry.data = {key: value for key, value in data.items() if key not in PERSONAL_KEYS}
            entry.save(update_fields=["data"])


class Migration(migrations.Migration):
    dependencies = [
        ("earlyaccess", "0001_initial"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]

    operations = [migrations.RunPython(remove_recipients, migrations.RunPython.noop, elidable=True)]
