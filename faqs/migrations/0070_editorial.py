"""Honest dates, reviews, editors' notes, change notes, related questions and the site notice (issue 13).

`last_reviewed` was the day the files were made, not a review anyone did: it becomes `added`, the day the text
was added to this site, which is what that date truly was. Nobody has reviewed anything yet, so no review is
made up. Fingerprints include `last_reviewed` under its old name and now also the new settings and lists, so
those that still match what the loader wrote are refreshed (one that does not match is an admin edit, and stays
one). The formulas are copied here as they are at this migration, as 0004 did.
"""

import calendar
import hashlib
import json

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models


def fingerprint(**fields):
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


GUIDE = ("title", "original_title", "source", "source_url", "jurisdiction", "order", "introduction", "notes")
NEW_LISTS = {
    "guide": {"reviews": []},
    "section": {"editors_notes": []},
    "question": {"related": [], "reviews": [], "editors_notes": [], "change_notes": []},
}


def refresh(item, kind, said, **new):
    """Give `item` the new fingerprint if its old one says the loader wrote what it holds now."""
    dated = {"last_reviewed": item.added} if kind != "section" else {}
    if item.loaded_fingerprint == fingerprint(**said, **dated):
        renamed = {"added": item.added} if dated else {}
        item.loaded_fingerprint = fingerprint(**said, **renamed, **new, **NEW_LISTS[kind])
        item.save(update_fields=["loaded_fingerprint"])


def refresh_fingerprints(apps, schema_editor):
    Guide, Section, Question = (apps.get_model("faqs", name) for name in ("Guide", "Section", "Question"))
    QuestionAudience, QuestionTopic = (
        apps.get_model("faqs", n) for n in ("QuestionAudience", "QuestionTopic")
    )
    for guide in Guide.objects.all():
        said = {name: getattr(guide, name) for name in GUIDE}
        said["audiences"] = sorted(guide.audiences.values_list("slug", flat=True))
        refresh(guide, "guide", said, review_every=guide.review_every)
        Guide.objects.filter(pk=guide.pk).update(next_review=add_months(guide.added, guide.review_every))
    for section in Section.objects.all():
        refresh(
            section,
            "section",
            dict(title=section.title, introduction=section.introduction, order=section.order),
        )
    for question in Question.objects.select_related("section__guide"):
        links = {"content_object": question}
        said = dict(
            section=question.section.slug, text=question.text, answer=question.answer, order=question.order,
            status=question.status,
            audiences=sorted(QuestionAudience.objects.filter(**links).values_list("tag__slug", flat=True)),
            topics=sorted(QuestionTopic.objects.filter(**links).values_list("tag__name", flat=True)),
        )  # fmt: skip
        refresh(question, "question", said)
        due = add_months(question.added, question.section.guide.review_every)
        Question.objects.filter(pk=question.pk).update(next_review=due)


class Migration(migrations.Migration):
    dependencies = [
        ("faqs", "0050_glossary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="SiteNotice",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Markdown. Shown at the top of every page until you delete it."
                    ),
                ),
                ("text_html", models.TextField(blank=True, editable=False)),
            ],
            options={
                "verbose_name": "site notice",
            },
        ),
        migrations.RenameField(model_name="guide", old_name="last_reviewed", new_name="added"),
        migrations.AlterField(
            model_name="guide",
            name="added",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="When this text was added to this site (not when it was written or checked).",
            ),
        ),
        migrations.AddField(
            model_name="guide",
            name="next_review",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="guide",
            name="review_every",
            field=models.PositiveSmallIntegerField(
                default=12,
                help_text="How often its guide and questions are due for review.",
                verbose_name="review every (months)",
            ),
        ),
        migrations.RenameField(model_name="historicalguide", old_name="last_reviewed", new_name="added"),
        migrations.AlterField(
            model_name="historicalguide",
            name="added",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="When this text was added to this site (not when it was written or checked).",
            ),
        ),
        migrations.AddField(
            model_name="historicalguide",
            name="review_every",
            field=models.PositiveSmallIntegerField(
                default=12,
                help_text="How often its guide and questions are due for review.",
                verbose_name="review every (months)",
            ),
        ),
        migrations.RenameField(model_name="historicalquestion", old_name="last_reviewed", new_name="added"),
        migrations.AlterField(
            model_name="historicalquestion",
            name="added",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="When this text was added to this site (not when it was written or checked).",
            ),
        ),
        migrations.RenameField(model_name="question", old_name="last_reviewed", new_name="added"),
        migrations.AlterField(
            model_name="question",
            name="added",
            field=models.DateField(
                default=django.utils.timezone.localdate,
                help_text="When this text was added to this site (not when it was written or checked).",
            ),
        ),
        migrations.AddField(
            model_name="question",
            name="next_review",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="question",
            name="related",
            field=models.ManyToManyField(blank=True, related_name="related_from", to="faqs.question"),
        ),
        migrations.CreateModel(
            name="ChangeNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "text",
                    models.CharField(
                        help_text="One line, shown as “Updated <date>: <note>”.", max_length=300
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="change_notes",
                        to="faqs.question",
                    ),
                ),
            ],
            options={
                "ordering": ["-date", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalChangeNote",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("date", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "text",
                    models.CharField(
                        help_text="One line, shown as “Updated <date>: <note>”.", max_length=300
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="faqs.question",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical change note",
                "verbose_name_plural": "historical change notes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEditorsNote",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("added", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "text",
                    models.TextField(help_text="Markdown. Shown as “Note from the editors, added <date>”."),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="faqs.question",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="faqs.section",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical editors' note",
                "verbose_name_plural": "historical editors' notes",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalReview",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                ("date", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "by",
                    models.CharField(
                        help_text="A role or a name, as readers will see it: for example “Family Rights Group editor”.",
                        max_length=200,
                        verbose_name="reviewed by",
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "guide",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="faqs.guide",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="faqs.question",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical review",
                "verbose_name_plural": "historical reviews",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalSiteNotice",
            fields=[
                (
                    "id",
                    models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID"),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Markdown. Shown at the top of every page until you delete it."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical site notice",
                "verbose_name_plural": "historical site notices",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="EditorsNote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("added", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "text",
                    models.TextField(help_text="Markdown. Shown as “Note from the editors, added <date>”."),
                ),
                ("text_html", models.TextField(blank=True, editable=False)),
                (
                    "question",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="editors_notes",
                        to="faqs.question",
                    ),
                ),
                (
                    "section",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="editors_notes",
                        to="faqs.section",
                    ),
                ),
            ],
            options={
                "verbose_name": "editors' note",
                "ordering": ["added", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("question__isnull", True), ("section__isnull", False)),
                            models.Q(("question__isnull", False), ("section__isnull", True)),
                            _connector="OR",
                        ),
                        name="note_on_a_section_or_a_question",
                    )
                ],
            },
        ),
        migrations.CreateModel(
            name="Review",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(default=django.utils.timezone.localdate)),
                (
                    "by",
                    models.CharField(
                        help_text="A role or a name, as readers will see it: for example “Family Rights Group editor”.",
                        max_length=200,
                        verbose_name="reviewed by",
                    ),
                ),
                (
                    "guide",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reviews",
                        to="faqs.guide",
                    ),
                ),
                (
                    "question",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reviews",
                        to="faqs.question",
                    ),
                ),
            ],
            options={
                "ordering": ["-date", "-pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(
                            models.Q(("guide__isnull", False), ("question__isnull", True)),
                            models.Q(("guide__isnull", True), ("question__isnull", False)),
                            _connector="OR",
                        ),
                        name="review_of_a_guide_or_a_question",
                    )
                ],
            },
        ),
        migrations.RunPython(refresh_fingerprints, migrations.RunPython.noop),
    ]
