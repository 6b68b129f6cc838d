"""Small factories: the fewest fields a test needs, everything else a sensible default."""

import datetime
import itertools

from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Question, Section

_numbers = itertools.count(1)
TODAY = datetime.date(2026, 11, 22)


def make_guide(**fields):
    n = next(_numbers)
    fields = {
        "title": f"Guide {n}",
        "slug": f"guide-{n}",
        "original_title": f"Guide {n}",
        "source": "Family Rights Group",
        "added": TODAY,
        **fields,
    }
    return Guide.objects.create(**fields)


def make_section(guide=None, **fields):
    n = next(_numbers)
    return Section.objects.create(
        **{"guide": guide or make_guide(), "title": f"Section {n}", "slug": f"section-{n}", **fields}
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
            "added": TODAY,
            **fields,
        }
    )
    question.audiences.set(list(Audience.objects.filter(slug__in=audiences)))
    if topics:
        question.topics.set(list(topics))
    return question
