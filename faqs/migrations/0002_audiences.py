from django.db import migrations

from faqs.guides.audiences import seed_audiences


def create_audiences(apps, schema_editor):
    seed_audiences(apps.get_model("faqs", "Audience"))


class Migration(migrations.Migration):
    dependencies = [("faqs", "0001_initial")]
    operations = [migrations.RunPython(create_audiences, migrations.RunPython.noop)]
