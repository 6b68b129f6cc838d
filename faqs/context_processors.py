from django.conf import settings

from faqs.helplines.models import Helpline

SITE_NAME = "Domestic abuse and children's services"


def site(request):
    # A queryset is lazy: the print box's one query runs only on pages that render it, never on the 500 page.
    return {
        "exit_url": settings.EXIT_URL,
        "site_name": SITE_NAME,
        "print_helplines": Helpline.objects.for_print_box(),
    }
