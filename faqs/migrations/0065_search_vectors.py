"""Search by meaning keeps each passage's vector (faqs/search/vectors.py), by a digest of its text."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("faqs", "0064_search_table")]

    operations = [
        migrations.CreateModel(
            name="SearchVector",
            fields=[
                ("digest", models.CharField(max_length=32, primary_key=True, serialize=False)),
                ("vector", models.BinaryField()),
            ],
            options={"db_table": "faqs_searchvector"},
        ),
    ]
