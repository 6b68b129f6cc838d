"""Small factories: the fewest fields a test needs, everything else a sensible default."""

import datetime
import itertools

from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Helpline, Question, Section

_numbers = itertools.count(1)
TODAY = datetime.date(2026, 11, 22)


def make_guide(**fields):
    n = next(_numbers)
    fields = {
        "title": f"Guide {n}",
        "slug": f"guide-{n}",
        "original_title": f"Guide {n}",
        "source": "Family Rights Group",
        "last_reviewed": TODAY,
        **fields,
    }
    return Guide.objects.create(**fields)


def make_section(guide=None, **fields):
    n = next(_numbers)
    # Made in order, they read in order: ordering has no other tie-break, and PostgreSQL breaks ties at random.
    return Section.objects.create(
        **{
            "guide": guide or make_guide(),
            "title": f"Section {n}",
            "slug": f"section-{n}",
            "order": n,
            **fields,
        }
    )


def make_question(section=None, *, audiences=("mothers",), topics=(), **fields):
    n = next(_numbers)
    seed_audiences(Audience)
    question = Question.objects.create(
        **{
            "section": section or make_section(),
            "text": f"Question {n}?",
            "slug": f"question-{n}",
            "answer": f"The answer to question {n}.",
            "last_reviewed": TODAY,
            "order": n,  # as for sections
            **fields,
        }
    )
    question.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    if topics:
        question.topics.set(list(topics))
    return question


def make_helpline(*, audiences=("mothers",), **fields):
    """A helpline with a confirmed number and no hours (so no "Open now"), unless `fields` say otherwise."""
    n = next(_numbers)
    seed_audiences(Audience)
    helpline = Helpline.objects.create(
        **{
            "name": f"Helpline {n}",
            "slug": f"helpline-{n}",
            "group": Helpline.Group.EMOTIONAL,
            "description": f"What helpline {n} is for.",
            "phone": "0808 801 0366",
            "source": "Example",
            "last_checked": TODAY,
            **fields,
        }
    )
    helpline.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    return helpline
