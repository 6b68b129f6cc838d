"""The Atom feed at /feed/: what has changed in the published guidance, for trainers and partner organisations.

New guides, questions added after their guide, public change notes and editors' notes, newest first. Every
entry links to a page of this site. A feed, not email: the site holds nobody's address.
"""

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from faqs.editorial.models import ChangeNote, EditorsNote
from faqs.guides.models import Guide, Question

ENTRIES = 50


@dataclass(frozen=True)
class Entry:
    title: str
    link: str
    day: datetime.date
    html: str


def recent_changes(limit=ENTRIES):
    """The newest `limit` entries, each for something readers can see."""
    entries = [
        Entry(f"New guide: {g.title}", g.get_absolute_url(), g.added, escape(g.original_title))
        for g in Guide.objects.all()
    ]
    added_later = Question.objects.published().select_related("guide").filter(added__gt=F("guide__added"))
    entries += [Entry(f"New question: {q.text}", q.get_absolute_url(), q.added, "") for q in added_later]
    changes = ChangeNote.objects.filter(question__status="published").select_related("question__guide")
    entries += [
        Entry(f"Updated: {c.question.text}", c.get_absolute_url(), c.date, escape(c.text)) for c in changes
    ]
    notes = EditorsNote.objects.exclude(question__status="draft").select_related(
        "question__guide", "section__guide"
    )
    entries += [
        Entry(f"Note from the editors: {n.question or n.section}", n.get_absolute_url(), n.added, n.text_html)
        for n in notes
    ]
    return sorted(entries, key=lambda entry: (entry.day, entry.link), reverse=True)[:limit]


class ChangesFeed(Feed):
    feed_type = Atom1Feed
    title = "Domestic abuse and children's services: changes to the guidance"
    subtitle = "New guidance, updates and notes from the editors."
    link = "/"

    def items(self):
        return recent_changes()

    def item_title(self, entry):
        return entry.title

    def item_link(self, entry):
        return entry.link

    def item_description(self, entry):
        return entry.html

    def item_pubdate(self, entry):
        return timezone.make_aware(datetime.datetime.combine(entry.day, datetime.time()))

    def item_updateddate(self, entry):
        return self.item_pubdate(entry)
