from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from faqs.guides.models import Audience
from faqs.helplines.models import Helpline
from faqs.helplines.opening_hours import LONDON, clock_text


@never_cache  # "Open now" is worked out for each request: a stored copy would soon be wrong
def helplines(request):
    audiences = list(Audience.objects.all())
    chosen = next((a for a in audiences if a.slug == request.GET.get("for")), None)
    helplines = Helpline.objects.in_directory_order()
    if chosen:
        helplines = helplines.for_audience(chosen)
    now = timezone.localtime(timezone.now(), LONDON)
    helplines = list(helplines)
    for helpline in helplines:
        helpline.status = helpline.opening_status(now)
    context = {
        "helplines": helplines,
        "audiences": audiences,
        "chosen": chosen,
        "now": now,
        "now_clock": clock_text(now),
        "crumbs": [("Helplines", None)],
    }
    return render(request, "helplines/directory.html", context)
