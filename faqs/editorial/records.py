"""What guides, sections and questions share about the editors' work on them: reviews and when the next one is
due, editors' notes and change notes, read and set as the content files give them (lists of (ISO date, text)
in the order written, which is the order they were added).
"""

import calendar
import datetime

from django.db import models

DUE_SOON = datetime.timedelta(days=30)
CHANGE_NOTE_LENGTH = 300  # characters: a change note is one short line


def add_months(day, months):
    """`day` plus whole calendar months; the 31st becomes the last day of a shorter month."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def listed(manager, day, text):
    return [(getattr(item, day).isoformat(), getattr(item, text)) for item in manager.order_by("pk")]


def replace(manager, items, day, text):
    """Replace everything in `manager` with `items`, one save each (so each is in the history)."""
    for item in manager.all():
        item.delete()
    for when, value in items:
        manager.create(**{day: datetime.date.fromisoformat(when), text: value})


# What the admin counts on its index and filters its lists by: (parameter, label).
REVIEW_STATUSES = (("overdue", "overdue"), ("due-soon", "due within 30 days"), ("never", "never reviewed"))


class ReviewQuerySet(models.QuerySet):
    """For models with `added`, `next_review`, `reviews` and a `review_period()` in months."""

    def review_status(self, status, today):
        """Those with one of the REVIEW_STATUSES."""
        if status == "overdue":
            return self.overdue(today)
        return self.due_soon(today) if status == "due-soon" else self.never_reviewed()

    def overdue(self, today):
        return self.filter(next_review__lt=today)

    def due_soon(self, today):
        """Due within DUE_SOON, not yet overdue."""
        return self.filter(next_review__gte=today, next_review__lte=today + DUE_SOON)

    def never_reviewed(self):
        return self.filter(reviews__isnull=True)

    def refresh_next_review(self):
        """Store each one's next review date again (after a review or the guide's period changed). Not a save:
        the date is worked out, never edited, so it has no history of its own."""
        for item in self.annotate(last_review=models.Max("reviews__date")):
            due = item.next_review_after(item.last_review)
            if item.next_review != due:
                type(item).objects.filter(pk=item.pk).update(next_review=due)


class Reviewed:
    """A guide or question: reviews recorded by editors, and the date the next is due."""

    def review_list(self):
        return listed(self.reviews, "date", "by")

    def set_reviews(self, items):
        replace(self.reviews, items, "date", "by")

    def latest_review(self):
        return self.reviews.order_by("-date", "-pk").first() if self.pk else None

    def next_review_after(self, last_review):
        """The one rule: a review period after the last review, or after it was added if none."""
        added = self._meta.get_field("added").to_python(self.added)  # as given, before a save makes it a date
        return add_months(last_review or added, self.review_period())

    def due_for_review(self):
        latest = self.latest_review()
        return self.next_review_after(latest.date if latest else None)


class Annotated:
    """A section or question: the editors' notes shown apart from the source's text."""

    def editors_note_list(self):
        return listed(self.editors_notes, "added", "text")

    def set_editors_notes(self, items):
        replace(self.editors_notes, items, "added", "text")
