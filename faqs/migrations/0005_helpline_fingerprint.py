"""Helplines get a `loaded_fingerprint` like guides, sections and questions, so `load_content` keeps admin edits.

Existing helplines are fingerprinted as they are: the loader's formula is copied here, as at this migration.
"""

import hashlib
import json

from django.db import migrations, models

FIELDS = (
    "name", "group", "description", "source", "last_checked", "phone", "textphone", "text_number", "email",
    "website", "other_contact", "always_open", "hours", "closed_on_bank_holidays", "hours_note", "free_to_call",
    "area", "order",
)  # fmt: skip


def fingerprint_existing_helplines(apps, schema_editor):
    for helpline in apps.get_model("faqs", "Helpline").objects.prefetch_related("audiences"):
        fields = {name: getattr(helpline, name) for name in FIELDS}
        fields["audiences"] = sorted(a.slug for a in helpline.audiences.all())
        digest = hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()
        helpline.loaded_fingerprint = digest
        helpline.save(update_fields=["loaded_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [("faqs", "0004_admin_fingerprints")]

    operations = [
        migrations.AddField(
            model_name="helpline",
            name="loaded_fingerprint",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.RunPython(fingerprint_existing_helplines, migrations.RunPython.noop),
    ]
