"""What an editor's browser posts from the admin's change forms, for tests that save through the admin."""

import json

from faqs.content.loading import question_audience_slugs, question_topic_names
from faqs.helplines.admin import HelplineForm
from faqs.models import Audience


def question_form(question, **changes):
    data = {
        "section": question.section_id,
        "text": question.text,
        "slug": question.slug,
        "status": question.status,
        "answer": question.answer,
        "audiences": [a.pk for a in Audience.objects.filter(slug__in=question_audience_slugs(question))],
        "topics": ", ".join(question_topic_names(question)),
        "last_reviewed": question.last_reviewed.isoformat(),
        "order": question.order,
        "_save": "Save",
    }
    return {**data, **changes}


def change_url(question):
    return f"/admin/faqs/question/{question.pk}/change/"


def helpline_form(helpline, **changes):
    data = {
        name: getattr(helpline, name)
        for name in HelplineForm._meta.fields
        if name not in {"audiences", "hours", "last_checked", "always_open", "closed_on_bank_holidays"}
    }
    data.update(
        audiences=list(helpline.audiences.values_list("pk", flat=True)),
        hours=json.dumps(helpline.hours),
        last_checked=helpline.last_checked.isoformat(),
        _save="Save",
    )
    data.update(
        {name: "on" for name in ("always_open", "closed_on_bank_holidays") if getattr(helpline, name)}
    )
    return {**data, **changes}
