from django.shortcuts import render
from django.utils import timezone

from faqs.caching.middleware import public_page
from faqs.guides.models import Audience
from faqs.helplines.models import Helpline
from faqs.helplines.opening_hours import LONDON, clock_text


# "Open now" changes with the minute: a stored copy is kept only until the minute ends.
@public_page(query=["for"], per_minute=True)
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
