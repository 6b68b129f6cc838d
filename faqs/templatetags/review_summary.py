"""The admin index's summary of what is due for review, each count linking to the list it counts."""

from django import template
from django.urls import reverse
from django.utils import timezone

from faqs.editorial.records import REVIEW_STATUSES
from faqs.guides.models import Guide, Question

register = template.Library()


@register.inclusion_tag("admin/faqs/review_summary.html", takes_context=True)
def review_summary(context):
    user, today, rows = context["request"].user, timezone.localdate(), []
    for model in (Guide, Question):
        opts = model._meta
        if not user.has_perm(f"faqs.view_{opts.model_name}"):
            continue
        url = reverse(f"admin:faqs_{opts.model_name}_changelist")
        counts = [
            (label, model.objects.review_status(status, today).distinct().count(), f"{url}?review={status}")
            for status, label in REVIEW_STATUSES
        ]
        rows.append((opts.verbose_name_plural.capitalize(), counts))
    return {"rows": rows}
