"""A handout: the answers a worker ticked, on one printable page."""

from django.shortcuts import render

from faqs.caching.middleware import public_page
from faqs.guides.models import Question
from faqs.handouts.choice import MAX_ANSWERS, chosen_ids, handout_url, with_controls


# Compressed, never stored: its query (which answers a worker chose) is left out of `query` on purpose.
@public_page()
def handout(request):
    ids, capped = chosen_ids(request.GET.getlist("q"))
    plain = request.GET.get("plain") == "1"
    # Unknown and draft ids fall out here; the links below are built from what is left.
    questions = list(Question.objects.published().select_related("guide").in_given_order(ids))
    kept = [question.pk for question in questions]
    reading_order = Question.objects.filter(pk__in=kept).values_list("pk", flat=True)  # the model's ordering
    context = {
        "questions": with_controls(questions, plain),
        "plain": plain,
        "capped": capped,
        "max_answers": MAX_ANSWERS,
        "address": request.build_absolute_uri(handout_url(kept, plain)),
        "guide_order_url": handout_url(list(reading_order), plain) if len(kept) > 1 else None,
        "plain_toggle_url": handout_url(kept, not plain),
        "crumbs": [("Handout", None)],
    }
    return render(request, "handouts/handout.html", context)
