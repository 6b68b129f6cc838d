"""Guides and sections get a `loaded_fingerprint`, like questions, so `load_content` keeps admin edits to them;
and topics get their own name in the admin.

Before this migration there was no admin, so everything in the database is as the loader wrote it: fingerprint
guides and sections as they are. Questions' fingerprints now include their order; refresh those that still
match what the loader wrote (an old fingerprint that does not match is an edit, and stays one).
The formulas are copied here as the loader had them at this migration (they now live in faqs/content/sync.py
and the kinds' declarations), so that later changes there do not change what this migration does.
"""

import hashlib
import json

from django.db import migrations, models


def fingerprint(**fields):
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


GUIDE_FIELDS = (
    "title",
    "original_title",
    "source",
    "source_url",
    "jurisdiction",
    "order",
    "introduction",
    "notes",
    "last_reviewed",
)


def fingerprint_existing_content(apps, schema_editor):
    Guide = apps.get_model("faqs", "Guide")
    Section = apps.get_model("faqs", "Section")
    Question = apps.get_model("faqs", "Question")
    QuestionAudience = apps.get_model("faqs", "QuestionAudience")
    QuestionTopic = apps.get_model("faqs", "QuestionTopic")
    for guide in Guide.objects.all():
        audiences = sorted(guide.audiences.values_list("slug", flat=True))
        values = {name: getattr(guide, name) for name in GUIDE_FIELDS}
        guide.loaded_fingerprint = fingerprint(**values, audiences=audiences)
        guide.save(update_fields=["loaded_fingerprint"])
    for section in Section.objects.all():
        section.loaded_fingerprint = fingerprint(
            title=section.title, introduction=section.introduction, order=section.order
        )
        section.save(update_fields=["loaded_fingerprint"])
    for question in Question.objects.select_related("section"):
        links = {"content_object": question}
        said = dict(
            text=question.text,
            section=question.section.slug,
            answer=question.answer,
            audiences=sorted(QuestionAudience.objects.filter(**links).values_list("tag__slug", flat=True)),
            topics=sorted(QuestionTopic.objects.filter(**links).values_list("tag__name", flat=True)),
            last_reviewed=question.last_reviewed,
            status=question.status,
        )
        if question.loaded_fingerprint == fingerprint(**said):
            question.loaded_fingerprint = fingerprint(**said, order=question.order)
            question.save(update_fields=["loaded_fingerprint"])


FIELD = models.CharField(blank=True, editable=False, max_length=64)


class Migration(migrations.Migration):
    dependencies = [
        ("faqs", "0003_search_index"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    # ALTER TABLE ADD COLUMN with a constant default, rather than Django's AddField, which on SQLite rebuilds the
    # whole table. Kept as it was written: databases migrated with it must keep the same history.
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AddField(model_name=model, name="loaded_fingerprint", field=FIELD)
                for model in ("guide", "section")
            ],
            database_operations=[
                migrations.RunSQL(
                    f"ALTER TABLE faqs_{model} ADD COLUMN loaded_fingerprint varchar(64) NOT NULL DEFAULT ''",
                    f"ALTER TABLE faqs_{model} DROP COLUMN loaded_fingerprint",
                )
                for model in ("guide", "section")
            ],
        ),
        migrations.RunPython(fingerprint_existing_content, migrations.RunPython.noop),
        # Topics as the admin names them: a proxy of taggit's Tag, no table of its own.
        migrations.CreateModel(
            name="Topic",
            fields=[],
            options={"ordering": ["name"], "proxy": True, "indexes": [], "constraints": []},
            bases=("taggit.tag",),
        ),
    ]
