"""The editors' own words and records, kept apart from the source's text: reviews, editors' notes, public change
notes and the site notice. Each is content (loaded from and exported to the files, except the notice) and each
change to one is in the history.
"""

from django.db import DatabaseError, models
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone
from simple_history.models import HistoricalRecords

from faqs.editorial.records import CHANGE_NOTE_LENGTH
from faqs.markdown import render_markdown


def one_of(first, second, name):
    """A constraint: exactly one of two foreign keys is set."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{first}__isnull": False, f"{second}__isnull": True})
        | models.Q(**{f"{first}__isnull": True, f"{second}__isnull": False}),
        name=name,
    )


class Review(models.Model):
    """An editor checked a guide or a question on a day: the only thing the site calls a review."""

    guide = models.ForeignKey("faqs.Guide", models.CASCADE, null=True, blank=True, related_name="reviews")
    question = models.ForeignKey(
        "faqs.Question", models.CASCADE, null=True, blank=True, related_name="reviews"
    )
    date = models.DateField(default=timezone.localdate)
    by = models.CharField(
        "reviewed by",
        max_length=200,
        help_text="A role or a name, as readers will see it: for example “Family Rights Group editor”.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [one_of("guide", "question", "review_of_a_guide_or_a_question")]

    def __str__(self):
        return f"Reviewed {self.date:%-d %B %Y} by {self.by}"


@receiver([post_save, post_delete], sender=Review)
def review_changed(sender, instance, **kwargs):
    """A review moves the next review date of what it reviewed."""
    for name in ("guide", "question"):
        pk = getattr(instance, f"{name}_id")
        if pk:
            Review._meta.get_field(name).related_model.objects.filter(pk=pk).refresh_next_review()


class EditorsNote(models.Model):
    """A note from the editors on a section or question, for example where the law has changed since."""

    section = models.ForeignKey(
        "faqs.Section", models.CASCADE, null=True, blank=True, related_name="editors_notes"
    )
    question = models.ForeignKey(
        "faqs.Question", models.CASCADE, null=True, blank=True, related_name="editors_notes"
    )
    added = models.DateField(default=timezone.localdate)
    text = models.TextField(help_text="Markdown. Shown as “Note from the editors, added <date>”.")
    text_html = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["text_html"])

    class Meta:
        ordering = ["added", "pk"]
        verbose_name = "editors' note"
        constraints = [one_of("section", "question", "note_on_a_section_or_a_question")]

    def __str__(self):
        return f"Note from the editors, added {self.added:%-d %B %Y}"

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        owner = self.question or self.section
        return f"{owner.get_absolute_url().split('#')[0]}#editors-note-{self.pk}"


class ChangeNote(models.Model):
    """A short public note of what an editor changed in a published answer, and when."""

    question = models.ForeignKey("faqs.Question", models.CASCADE, related_name="change_notes")
    date = models.DateField(default=timezone.localdate)
    text = models.CharField(
        max_length=CHANGE_NOTE_LENGTH, help_text="One line, shown as “Updated <date>: <note>”."
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"Updated {self.date:%-d %B %Y}: {self.text}"

    def get_absolute_url(self):
        return f"{self.question.get_absolute_url()}#change-{self.pk}"


class SiteNoticeQuerySet(models.QuerySet):
    def current(self):
        """The notice to show on every page, or None: there is none until an editor writes one."""
        try:
            return self.order_by("-pk").first()
        except DatabaseError:
            return None  # a notice must never stop a page, and its exit control, from being shown


class SiteNotice(models.Model):
    """A notice editors set, shown at the top of every page until they delete it."""

    text = models.TextField(help_text="Markdown. Shown at the top of every page until you delete it.")
    text_html = models.TextField(blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["text_html"])

    objects = SiteNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = "site notice"

    def __str__(self):
        return self.text[:60]

    def save(self, *args, **kwargs):
        self.text_html = render_markdown(self.text)
        super().save(*args, **kwargs)
