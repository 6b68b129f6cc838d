"""What an editor's browser posts from the admin's change forms, for tests that save through the admin."""

from faqs.models import Audience


def question_form(question, **changes):
    data = {
        "section": question.section_id,
        "text": question.text,
        "slug": question.slug,
        "status": question.status,
        "answer": question.answer,
        "audiences": [a.pk for a in Audience.objects.filter(slug__in=question.audience_slugs())],
        "topics": ", ".join(question.topic_names()),
        "added": question.added.isoformat(),
        "order": question.order,
        "_save": "Save",
        **inline_management(),
    }
    return {**data, **changes}


def inline_management(**counts):
    """The management forms of the question page's inlines: {prefix: number of new rows posted}."""
    data = {}
    for prefix in ("editors_notes", "change_notes", "reviews"):
        data |= {f"{prefix}-TOTAL_FORMS": counts.get(prefix, 0), f"{prefix}-INITIAL_FORMS": 0}
    return data


def change_url(question):
    return f"/admin/faqs/question/{question.pk}/change/"
