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
        "last_reviewed": question.last_reviewed.isoformat(),
        "order": question.order,
        "_save": "Save",
    }
    return {**data, **changes}


def change_url(question):
    return f"/admin/faqs/question/{question.pk}/change/"
